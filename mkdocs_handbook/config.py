"""The plugin's settings: `plugins: - handbook:` in `mkdocs.yml` (each set there from an
environment variable, so that `make` targets and tests can turn them on)."""

from __future__ import annotations

from mkdocs.config import base
from mkdocs.config import config_options as c


class HandbookConfig(base.Config):  # type: ignore[no-untyped-call]  # MkDocs' Config.__init_subclass__ is untyped
    pdfs = c.Type(bool, default=False)
    """PDF downloads of each plan's goal template pages, printed by Chromium after the build
    (`handbook.outputs.pdf`; cached in `.cache/pdfs`). `make build` turns them on; `serve` never prints."""

    chromium = c.Type(str, default="/usr/bin/chromium")
    """The Chromium that prints them."""

    offline_zip = c.Type(str, default="")
    """The offline copy (`make offline`) to publish beside the home page, which then links it."""

    workers = c.Type((str, int), default="auto")
    """Processes that write pages (`page_writers`): `auto` is one per core; 1 writes in one."""

    site_search = c.Choice(("pagefind", "material"), default="pagefind")
    """`pagefind` answers Material's search box from a Pagefind index, of which a search loads
    only fragments (`handbook.outputs.site_search`); `material` keeps Material's one index. `serve`
    and the offline copy always use Material's."""
