"""What every page family shares: the build it makes pages for, and the shape of a family.

A family is a kind of page made the same way from the same kind of data (a plan's own
page, its goal sheets, the cross-plan listings, ...). Each declares, page by page, what
the page is made from (`PageContent.inputs`), so a new family plugs in by being listed in
`handbook.pages.FAMILIES`, with nothing to teach the engine adapter.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from handbook.library import Library
from handbook.pages.content import Document, Download, PageContent
from handbook.pages.rendering import Renderer
from handbook.resources.library import ResourceLibrary
from handbook.urls import Urls


@dataclass(frozen=True)
class Build:
    """What one build makes its pages from."""

    library: Library
    urls: Urls
    renderer: Renderer
    page_budget: int
    """Bytes of listing HTML on one page of a long listing (`listing.PAGE_BUDGET`)."""
    pdfs: bool
    """Whether the build makes each plan's PDF (`handbook.outputs.pdf`), which plan pages then link."""
    views: bool = False
    """Whether the build publishes the catalogue's views (`handbook.browser.catalogue_views`): a site to
    publish, not the offline copy (a page opened from `file://` cannot fetch files) nor a
    preview (each save would write them again)."""
    resources: ResourceLibrary = field(default_factory=ResourceLibrary)
    """The e-library's resources beside the plans (`resources/`): guides, briefs, workshop
    materials; none in a project without the folder."""


@dataclass(frozen=True)
class Attachment:
    """A file of the repository published as it is (a resource's handout): `path` is its
    address on the site, `source` the file as editors know it (`resources/<slug>/<name>`),
    relative to the project. Its loader has checked it (a regular file of the repository,
    of an allowed type, within the limits); the engine copies it."""

    path: str
    source: str


class Family:
    """A family of generated pages (and the files that go with them)."""

    def __init__(self, build: Build) -> None:
        self.build = build
        self.library = build.library
        self.renderer = build.renderer

    def pages(self) -> Iterator[PageContent]:
        raise NotImplementedError

    def downloads(self) -> Iterator[Download]:
        """Files that are not pages (CSV, JSON, script data); most families have none."""
        return iter(())

    def documents(self) -> Iterator[Document]:
        """PDFs printed from this family's pages (`Document`); most families have none."""
        return iter(())

    def attachments(self) -> Iterator[Attachment]:
        """Files of the repository this family publishes as they are; most families have none."""
        return iter(())
