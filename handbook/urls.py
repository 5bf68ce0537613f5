"""Where each handbook page lives, and links between pages.

These paths are public: people bookmark and cite them, so they are defined here once.
A page is named by its source path (`plans/<slug>/goal-1.md`), as MkDocs and most
static-site engines do; `Urls` turns that into the served URL and into a link
relative to the page it appears on, so the site works from any base path and from
`file://` (directory URLs or `.html` URLs alike).
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from functools import lru_cache

HOME = "index.md"
PLANS_INDEX = "plans/index.md"
STRATEGIES_INDEX = "strategies/index.md"
AUDIENCES_INDEX = "audiences/index.md"
TEMPLATE_GUIDE = "template.md"
CONTRIBUTE = "contribute.md"
"""The plan form ("Propose a plan"); `?plan=<slug>` opens it filled with that plan."""
TYPES_INDEX = "types/index.md"
CATALOGUE = "catalogue/index.md"
CATALOGUE_CSV = "catalogue/activities.csv"
CATALOGUE_JSON = "catalogue/activities.json"
CATALOGUE_DATA = "catalogue/activities.js"
CATALOGUE_SCRIPT = "javascripts/catalogue.js"
CATALOGUE_VIEWS = "catalogue/views"
"""The catalogue's views (`handbook.browser.catalogue_views`), one `<key>.json` each."""
PLANS_DATA = "plans/plan-list.js"
"""Every plan's title, level, organization and district, for finding a plan on `/plans/`."""
PLANS_SCRIPT = "javascripts/plans.js"
CARD_TABLES_SCRIPT = "javascripts/card-tables.js"
PLAN_CONTRACT = "contribute/plan-contract.js"
"""The plan contract as data, for the plan form on `/contribute/` (`handbook.browser.contract`)."""
YEARS_INDEX = "years/index.md"
"""Every school year the plans are for, each leading to its plans (`year_uri`)."""
PRACTICES_INDEX = "practices/index.md"
"""The promising practices of every year."""
PROGRESS = "progress/index.md"
"""Where every plan that reports its activities' status stands."""
OFFLINE_ZIP = "handbook-offline.zip"
"""The offline copy (`make offline`), published beside the home page."""


def plan_uri(slug: str) -> str:
    return f"plans/{slug}/index.md"


def goal_uri(slug: str, goal_number: int) -> str:
    return f"plans/{slug}/goal-{goal_number}.md"


def strategy_uri(slug: str) -> str:
    return f"strategies/{slug}.md"


def type_uri(slug: str) -> str:
    return f"types/{slug}.md"


COVERAGE = "coverage/index.md"

RESOURCES_INDEX = "resources/index.md"
"""Every resource of the e-library (guides, briefs, workshop materials), filterable."""
RESOURCES_CSV = "resources/resources.csv"
RESOURCES_JSON = "resources/resources.json"
RESOURCES_DATA = "resources/resource-list.js"
"""Every resource's card and filter values, for filtering `/resources/` in the page
(`handbook.pages.resources.ResourcePages.data_script`), loaded only when a filter is chosen."""


def resource_uri(slug: str) -> str:
    """A resource's page; its files are published beside it (`resources/<slug>/<name>`)."""
    return f"resources/{slug}/index.md"


def resource_file(slug: str, name: str) -> str:
    """Where a resource's file is published: as it is kept in the repository."""
    return f"resources/{slug}/{name}"


def resource_kind_uri(kind_slug: str) -> str:
    """The page of one kind of resource (`resources/kinds/research-brief/`)."""
    return f"resources/kinds/{kind_slug}.md"


RESOURCE_KINDS_FOLDER = "kinds"
"""The folder of `/resources/` that holds the kinds' pages, so no resource may be named so."""


def reserved_resource_slug(slug: str) -> str | None:
    """Why a resource cannot have this file name, when its address is one the site's own pages
    use (`/resources/kinds/` holds the kinds' pages; `page-2` would be a listing's second page);
    None for every other name."""
    if slug == RESOURCE_KINDS_FOLDER or LISTING_PAGE.fullmatch(slug):
        return (
            f"the file name '{slug}' is taken: /resources/{slug}/ is one of the site's own addresses; "
            "name the file after the resource, like family-math-night-guide.md"
        )
    return None


def listing_page(first: str, number: int) -> str:
    """Page `number` of a long listing whose first page is `first`: `page-<k>` under the first
    page's own URL (`strategies/<slug>/page-2/`, `coverage/page-2/`), one rule for every listing."""
    if number == 1:
        return first
    folder = (
        first.removesuffix("index.md") if first.endswith("/index.md") else first.removesuffix(".md") + "/"
    )
    return f"{folder}page-{number}.md"


LISTING_PAGE = re.compile(r"page-[0-9]+")
"""The name of a listing's later pages (`listing_page`): under `plans/` it is taken by the
list of plans, so no plan may be named so."""


def reserved_slug(slug: str) -> str | None:
    """Why a plan cannot have this file name, when its address is one the site's own pages
    use (`plans/page-2/` is page 2 of the list of plans); None for every other name."""
    if LISTING_PAGE.fullmatch(slug):
        return (
            f"the file name '{slug}' is taken: /plans/{slug}/ is page {slug.removeprefix('page-')} of the "
            "list of plans; name the file after the plan's organization, like springfield-district-plan.md"
        )
    return None


def plan_csv(slug: str) -> str:
    """A plan's activities as CSV, beside its page."""
    return f"plans/{slug}/activities.csv"


def plan_print_uri(slug: str) -> str:
    """A state or district plan on the template to print, two pages per goal."""
    return f"plans/{slug}/print.md"


def blank_template_uri(level: str) -> str:
    """A blank template to print and fill in by hand: `state` or `district` (the Leadership
    Plan for Partnerships, two pages) or `school` (the One-Year Action Plan)."""
    return f"templates/blank/{level}.md"


def plan_data(slug: str) -> str:
    """A plan's front matter as data, which fills the plan form for "Propose changes"."""
    return f"plans/{slug}/plan-data.js"


def plan_pdf(slug: str) -> str:
    """A plan's goal template pages as one PDF, beside its page (when the build makes PDFs)."""
    return f"plans/{slug}/{slug}.pdf"


def audience_uri(slug: str) -> str:
    """An audience group's page (`handbook.vocabularies.audiences`)."""
    return f"audiences/{slug}.md"


def year_uri(year: str) -> str:
    """The plans for one school year (`2026-27`)."""
    return f"years/{year}.md"


def practices_uri(year: str) -> str:
    """The promising practices put forward for one school year, the year's annual collection."""
    return f"practices/{year}/index.md"


def practices_csv(year: str) -> str:
    return f"practices/{year}/practices-{year}.csv"


def practices_pdf(year: str) -> str:
    """The annual collection as one document to share (title page, contents, entries)."""
    return f"practices/{year}/practices-{year}.pdf"


OTHER_AUDIENCES_SLUG = "other"
"""The page of goals whose audience reaches no group: `/audiences/other/`."""


ACTIVITY_ANCHOR = "goal-{goal}-activity-{activity}"
"""The id of an activity on its plan page, as a pattern: the catalogue's script fills it in too,
so the anchor is written here only."""


def activity_anchor(goal_number: int, activity_number: int) -> str:
    """The id of an activity on its plan page: `goal-<n>-activity-<m>`."""
    return ACTIVITY_ANCHOR.format(goal=goal_number, activity=activity_number)


@dataclass(frozen=True)
class Urls:
    """Served URLs of source paths, with or without directory URLs."""

    directory_urls: bool = True

    base: str = "/"
    """The site's path on its host (`/` or, on a project site, `/<repo>/`), for absolute paths."""

    origin: str = ""
    """The site's scheme and host (`https://example.org`) where its address is known: then
    downloads give full addresses, which open from a spreadsheet."""

    def url(self, src_uri: str) -> str:
        """`plans/x/goal-1.md` -> `plans/x/goal-1/` (or `plans/x/goal-1.html`); the home page is ``.

        Files that are not pages (`catalogue/activities.csv`) are served as they are named.
        """
        if not src_uri.endswith(".md"):
            return src_uri
        stem = src_uri.removesuffix(".md")
        if not self.directory_urls:
            return f"{stem}.html"
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem.removesuffix("index")
        return f"{stem}/"

    def absolute(self, src_uri: str, anchor: str | None = None) -> str:
        """The address of a page (or a place on it) as downloads give it: in full where the
        site's address is known, else its absolute path."""
        path = self.base.rstrip("/") + "/" + self.url(src_uri) + (f"#{anchor}" if anchor else "")
        return self.origin + path

    def link(self, from_uri: str, to_uri: str, anchor: str | None = None) -> str:
        """A link from one page to another (or to a place on it), relative to where it appears."""
        here, there = self.url(from_uri), self.url(to_uri)
        fragment = f"#{anchor}" if anchor else ""
        if here == there:
            return fragment or "./"
        base = posixpath.dirname(here) if not here.endswith("/") else here.rstrip("/")
        return _relative(there, base) + fragment


@lru_cache(maxsize=65536)
def _relative(there: str, base: str) -> str:
    """`there` seen from the folder `base`.

    Both are clean site paths (no `.` or `..` parts), so this is `posixpath.relpath`
    without its filesystem normalisation, which cost a second per 1,000 plans; and
    memoized, since listing pages link one plan many times.
    """
    target = there.rstrip("/").split("/") if there.strip("/") else []
    folder = base.split("/") if base else []
    common = 0
    for mine, theirs in zip(target, folder, strict=False):
        if mine != theirs:
            break
        common += 1
    relative = "/".join([".."] * (len(folder) - common) + target[common:]) or "."
    if there.endswith("/") or there == "":
        relative = "./" if relative == "." else f"{relative}/"
    return relative
