"""What the plan form on `/contribute/` reads: the contract, and each plan as data.

The form page itself is written by hand (`docs/contribute.md`, with `plan-form.js`); this
family makes its data files. Both are scripts that set a global rather than JSON, so that
the offline copy, opened from `file://` where a page cannot fetch files, fills and checks
the form as the site does.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial

from handbook import urls
from handbook.browser.contract import contract_script, plan_data_script
from handbook.pages.content import Download, PageContent
from handbook.pages.family import Family


class PlanForm(Family):
    """The contract (`contribute/plan-contract.js`) and each plan's data (`plans/<slug>/plan-data.js`)."""

    def pages(self) -> Iterator[PageContent]:
        return iter(())

    def downloads(self) -> Iterator[Download]:
        yield Download(urls.PLAN_CONTRACT, contract_script)
        for plan in self.library.plans:
            yield Download(urls.plan_data(plan.slug), partial(plan_data_script, plan))
