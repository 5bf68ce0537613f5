"""What a page family hands the engine: finished pages, with what they are made from.

A `PageContent` holds a generated page's finished HTML (rendered when first asked for)
and says, besides its title and table of contents, two things the engine adapter must
not guess: its `inputs`, the plan files and page templates it is made from (a preview
server rebuilds a page when one of them changes, and only then), and its `search`
policy (whether and how site search indexes it).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
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
    pages that list all plans: any plan added, removed or changed changes them."""

    templates: frozenset[str] = frozenset()
    plans: frozenset[str] = frozenset()
    every_plan: bool = False

    @classmethod
    def of(cls, templates: Iterable[str], plans: Iterable[str] = (), every_plan: bool = False) -> Inputs:
        return cls(frozenset(templates), frozenset(plans), every_plan)


class Search(Enum):
    """How site search treats a page."""

    NONE = "none"
    """Not indexed: the page repeats what other pages say (a goal sheet repeats its plan
    page, a strategy page lists activities found on their plan pages), and a search index
    that holds each text once stays small at state scale."""

    PAGE = "page"
    """Indexed as rendered, like a hand-written page."""

    TEXT = "text"
    """Indexed from `PageContent.search_text`: the page's words in headings with the
    page's own anchors, without the links, tables and details a search must skip. Made
    from the plan, it spares the engine parsing the whole page and sections it exactly."""


@dataclass(frozen=True)
class PageContent:
    """One generated page.

    `src_uri` names the page as a source path (see `urls`); `title` is plain text;
    `html` is the finished page body, rendered from `body` when first asked for, so an
    engine that rebuilds only what changed (`mkdocs serve --dirty`) renders only those
    pages; `source` is the plan file the page presents, which "Edit this page" opens.
    """

    src_uri: str
    title: str
    body: Callable[[], Markup] = field(repr=False, compare=False)
    inputs: Inputs
    toc: tuple[TocEntry, ...] = ()
    source: str | None = None
    search: Search = Search.NONE
    search_text: Callable[[], Markup] | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if (self.search is Search.TEXT) != (self.search_text is not None):
            raise ValueError(f"{self.src_uri}: a search text goes with Search.TEXT, and only with it")

    @cached_property
    def html(self) -> Markup:
        return self.body()

    @cached_property
    def search_html(self) -> Markup | None:
        return self.search_text() if self.search_text is not None else None


@dataclass(frozen=True)
class Download:
    """A generated file that is not a page (CSV, JSON, script data), made when written."""

    path: str
    content: Callable[[], str] = field(repr=False, compare=False)
