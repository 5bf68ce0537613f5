"""What a page family hands the engine: finished pages, with what they are made from.

A `PageContent` holds a generated page's finished HTML (rendered when first asked for)
and says, besides its title and table of contents, two things the engine adapter must
not guess: its `inputs`, the plan files and page templates it is made from (a preview
server rebuilds a page when one of them changes, and only then), and its `search`
policy (whether and how site search indexes it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from enum import Enum
from functools import cached_property

from markupsafe import Markup


@dataclass(frozen=True)
class TocEntry:
    """A heading on a page, for the engine's table of contents. `title` is plain text."""

    title: str
    anchor: str
    level: int = 2
    children: tuple[TocEntry, ...] = ()


@dataclass(frozen=True)
class Inputs:
    """What a page is made from: its page templates (with the templates they import) and
    the plan files it shows, given as sources (`plans/<slug>.md`). `every_plan` is for
    pages that list all plans: any plan added, removed or changed changes them.
    `every_resource` is for pages that list resources (`resources/<slug>.md`): a strategy's
    page, a goal's "Resources for this goal". Which resources a page lists depends on every
    resource (one added or retagged may join any list), so such a page follows them all."""

    templates: frozenset[str] = frozenset()
    plans: frozenset[str] = frozenset()
    every_plan: bool = False
    every_resource: bool = False

    @classmethod
    def of(
        cls,
        templates: Iterable[str],
        plans: Iterable[str] = (),
        every_plan: bool = False,
        every_resource: bool = False,
    ) -> Inputs:
        return cls(frozenset(templates), frozenset(plans), every_plan, every_resource)

    def and_resources(self) -> Inputs:
        """These inputs, and every resource besides."""
        return replace(self, every_resource=True)


class Search(Enum):
    """How site search treats a page."""

    NONE = "none"
    """Not indexed: the page repeats what other pages say (a goal sheet repeats its plan
    page, a strategy page lists activities found on their plan pages), and a search index
    that holds each text once stays small at state scale."""

    PAGE = "page"
    """Indexed as rendered, like a hand-written page."""

    ENTRIES = "entries"
    """Indexed from `PageContent.search_entries`: the page's words, place by place (each
    at one of the page's own anchors), without the links, tables and details a search
    must skip. Made from the plan, they spare the engine rendering and parsing HTML for
    its index, and section it exactly."""


@dataclass(frozen=True)
class SearchEntry:
    """A place on a page that site search can lead to: its anchor (None: the top of the
    page), its title and its words, as plain text (the engine adapter escapes them)."""

    anchor: str | None
    title: str
    text: str = ""


@dataclass(frozen=True)
class PageContent:
    """One generated page.

    `src_uri` names the page as a source path (see `urls`); `title` is plain text;
    `render()` makes the finished page body from `body`, when the engine asks for it, so an
    engine that rebuilds only what changed (`mkdocs serve --dirty`) renders only those
    pages, and a page's HTML is held by the engine alone (at state scale, thousands of
    pages of it); `source` is the plan file the page presents, which "Edit this page" opens.
    """

    src_uri: str
    title: str
    body: Callable[[], Markup] = field(repr=False, compare=False)
    inputs: Inputs
    toc: tuple[TocEntry, ...] = ()
    source: str | None = None
    search: Search = Search.NONE
    search_entries: Callable[[], list[SearchEntry]] | None = field(default=None, repr=False, compare=False)
    wide: bool = False
    """A data page (the catalogue, coverage): its tables take the page's width, with no
    column kept for a table of contents beside them."""

    def __post_init__(self) -> None:
        if (self.search is Search.ENTRIES) != (self.search_entries is not None):
            raise ValueError(f"{self.src_uri}: search entries go with Search.ENTRIES, and only with it")

    def render(self) -> Markup:
        """The page body, made afresh at each call (nothing is kept)."""
        return self.body()

    @cached_property
    def html(self) -> Markup:
        """The page body, made once and kept: for tests and tools that read a page twice."""
        return self.body()

    def entries(self) -> list[SearchEntry]:
        """What site search indexes for the page (`Search.ENTRIES`)."""
        return self.search_entries() if self.search_entries is not None else []


@dataclass(frozen=True)
class Download:
    """A generated file that is not a page (CSV, JSON, script data), made when written."""

    path: str
    content: Callable[[], str] = field(repr=False, compare=False)


@dataclass(frozen=True)
class Document:
    """A PDF the build prints from generated pages once they are written (`handbook.outputs.pdf`),
    where the build makes PDFs: `pages` (source paths) printed in order into `path`.
    `sheet_each`: each page prints on one sheet of its own (a plan's goal pages); otherwise
    the pages run on over as many sheets as they need."""

    path: str
    title: str
    pages: tuple[str, ...]
    sheet_each: bool = True
