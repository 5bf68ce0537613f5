"""Every generated page of the handbook, family by family, as finished HTML.

Pure functions of the library: no MkDocs here. Each family (`FAMILIES`) makes one kind of
page from the plans and says of each page what it is made from and how search treats it
(`PageContent`), so an engine adapter only has to place the HTML (no Markdown or Jinja
pass over plan text: faster at state scale, and the reason plan text can never be
evaluated as a template) and ask each page whether it needs making again.

| family | pages |
| --- | --- |
| `plan_pages.PlanPages` | each plan's page (searched, from its search text) |
| `goal_sheets.GoalSheets` | each goal on its template form, one printed sheet |
| `print_views.PrintViews` | two sheets per goal for state and district plans; the blank templates |
| `listings.*` | plans by level, strategies, audiences, types of involvement, coverage |
| `annual.*` | plans by school year, each year's promising practices (page, CSV, PDF), progress |
| `catalogue.Catalogue` | the activity catalogue, and every activity as CSV and JSON |
| `resources.ResourcePages` | the resources: `/resources/` (filterable), each resource's page and files, each kind's page, CSV and JSON |
| `plan_form.PlanForm` | no pages: the contract and each plan as data, for the plan form |
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TypeVar

from handbook.library import Library
from handbook.pages.annual import PracticePages, ProgressPages, YearPages
from handbook.pages.catalogue import Catalogue
from handbook.pages.content import Document, Download, Inputs, PageContent, Search, SearchEntry, TocEntry
from handbook.pages.family import Attachment, Build, Family
from handbook.pages.goal_sheets import GoalSheets
from handbook.pages.listing import PAGE_BUDGET, Listing, paginate
from handbook.pages.listings import AudiencePages, CoveragePages, PlansIndex, StrategyPages, TypePages
from handbook.pages.plan_form import PlanForm
from handbook.pages.plan_pages import PlanPages
from handbook.pages.print_views import PrintViews
from handbook.pages.rendering import Renderer, template_path
from handbook.pages.resources import ResourcePages
from handbook.resources.library import ResourceLibrary
from handbook.urls import Urls

__all__ = [
    "FAMILIES",
    "PAGE_BUDGET",
    "Attachment",
    "Document",
    "Download",
    "Family",
    "Inputs",
    "Listing",
    "PageBuilder",
    "PageContent",
    "Search",
    "SearchEntry",
    "TocEntry",
    "paginate",
    "template_path",
]

FAMILIES: tuple[type[Family], ...] = (
    PlansIndex,
    StrategyPages,
    AudiencePages,
    TypePages,
    CoveragePages,
    YearPages,
    PracticePages,
    ProgressPages,
    ResourcePages,
    Catalogue,
    PrintViews,
    PlanPages,
    GoalSheets,
    PlanForm,
)
"""The families in the order their pages are handed to the engine."""

F = TypeVar("F", bound=Family)


class PageBuilder:
    """Every generated page of a library, and the files that go with them, from each family."""

    def __init__(
        self,
        library: Library,
        site_urls: Urls | None = None,
        page_budget: int = PAGE_BUDGET,
        *,
        pdfs: bool = False,
        views: bool = False,
        resources: ResourceLibrary | None = None,
    ) -> None:
        site_urls = site_urls or Urls()
        self.library = library
        self.build = Build(
            library,
            site_urls,
            Renderer(library, site_urls),
            page_budget,
            pdfs,
            views,
            resources if resources is not None else ResourceLibrary(),
        )
        self.families = [family(self.build) for family in FAMILIES]

    def family(self, kind: type[F]) -> F:
        """This build's family of that kind."""
        return next(family for family in self.families if isinstance(family, kind))

    def pages(self) -> Iterator[PageContent]:
        for family in self.families:
            yield from family.pages()

    def downloads(self) -> Iterator[Download]:
        for family in self.families:
            yield from family.downloads()

    def documents(self) -> Iterator[Document]:
        for family in self.families:
            yield from family.documents()

    def attachments(self) -> Iterator[Attachment]:
        for family in self.families:
            yield from family.attachments()
