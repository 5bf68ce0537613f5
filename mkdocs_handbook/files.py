"""The generated pages and files of a build, beside the hand-written ones, one source per address.

One generated file per handbook page, whose HTML comes finished from `handbook.pages`
(generated pages skip Markdown and Jinja entirely), and one per download. Generated pages
are not added to the navigation; `mkdocs.yml` lists only the index pages, because a nav
entry per page makes every page carry every link (output grows with the square of the
plan count).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel, get_files
from mkdocs.structure.pages import Page

from handbook import urls
from handbook.outputs import addresses
from handbook.outputs.addresses import Published
from handbook.pages import PageBuilder, PageContent, template_path
from handbook.plans import schema as plan_schema
from handbook.plans.problems import quote
from handbook.resources import schema as resource_schema
from mkdocs_handbook.macro_pages import runs_macros
from mkdocs_handbook.plans import project_dir


@dataclass
class Freshness:
    """When a plan, and a resource, last changed, for pages made from every plan or listing
    resources (`make serve`): worked out once a build, not once a page (4,000 pages that list
    resources, each comparing itself with 200 resource files, cost 4 s of every rebuild)."""

    newest_plan: float = 0.0
    newest_resource: float = 0.0


class HandbookPage(File):
    """A generated page that knows what it is made from (`PageContent.inputs`).

    Under `mkdocs serve --dirty` (what `make serve` runs) MkDocs rebuilds only files
    that say they changed. A generated page changed when any of its inputs is newer than
    the page last written: the plan files it shows (a plan page shows its district's and
    its schools' titles too), the page templates it is rendered from, and, for pages
    that list every plan, any plan file or the plans folder itself (a plan added or
    removed), and, for pages that list resources, every resource file and their folder
    (`plans.newest_change`). Saving one plan of a thousand then rebuilds a few dozen pages instead of
    four thousand, and editing a template rebuilds its family. Plain `mkdocs build`
    ignores this and builds everything.
    """

    inputs: tuple[Path, ...] = ()
    every_plan: bool = False
    every_resource: bool = False
    freshness: Freshness = Freshness()

    @classmethod
    def of(cls, content: PageContent, config: MkDocsConfig, freshness: Freshness) -> HandbookPage:
        page = cls.generated(config, content.src_uri, content="", inclusion=InclusionLevel.NOT_IN_NAV)
        assert isinstance(page, cls)
        project = project_dir(config)
        page.inputs = (
            *(project / source for source in sorted(content.inputs.plans)),
            *(template_path(name) for name in sorted(content.inputs.templates)),
        )
        page.every_plan = content.inputs.every_plan
        page.every_resource = content.inputs.every_resource
        page.freshness = freshness
        return page

    def is_modified(self) -> bool:
        try:
            built = os.path.getmtime(self.abs_dest_path)
        except OSError:  # not built yet
            return True
        if self.every_plan and built < self.freshness.newest_plan:
            return True
        if self.every_resource and built < self.freshness.newest_resource:
            return True
        return any(_mtime(path) > built for path in self.inputs)


class PlanDataPage(File):
    """A hand-written page that shows plan data (`render_macros: true`: its counts, lists and
    tables come from the plans, `macros.py`). Under `mkdocs serve --dirty` it changed when it
    was saved, as MkDocs knows, and also when any plan changed since it was last written, so a
    plan saved under `make serve` reaches the guides that show it too."""

    freshness: Freshness = Freshness()

    @classmethod
    def of(cls, file: File, freshness: Freshness) -> PlanDataPage:
        page = cls(
            file.src_path, file.src_dir, file.dest_dir, file.use_directory_urls, inclusion=file.inclusion
        )
        page.freshness = freshness
        return page

    def is_modified(self) -> bool:
        if super().is_modified():
            return True
        return _mtime(Path(self.abs_dest_path)) < self.freshness.newest_plan


def shows_plan_data(file: File) -> bool:
    """Whether a hand-written page is rendered by the macros (its front matter opts in)."""
    if file.abs_src_path is None:
        return False
    try:
        return runs_macros(Path(file.abs_src_path).read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError):
        return False  # MkDocs says what is wrong with it when it reads the page


def watch_plan_data_pages(files: Files, freshness: Freshness) -> None:
    """Under `serve --dirty`, hand-written pages that show plan data follow the plans too."""
    for written in [file for file in files.documentation_pages() if shows_plan_data(file)]:
        files.remove(written)
        files.append(PlanDataPage.of(written, freshness))


def _mtime(path: Path) -> float:
    """When a file last changed; a file that is gone changed just now."""
    try:
        return os.path.getmtime(path)
    except OSError:
        return float("inf")


class GeneratedPage(Page):
    """A generated page's MkDocs page: its HTML comes finished from `handbook.pages`
    (`pages.place`), so MkDocs' Markdown pass over its empty source is skipped (at state
    scale, setting up Markdown for thousands of pages costs seconds)."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.present_anchor_ids = set()


def generated_files(
    builder: PageBuilder,
    config: MkDocsConfig,
    freshness: Freshness,
    generated: dict[str, PageContent],
    offline_zip: Path | None,
) -> list[File]:
    """Every file this build generates (its pages recorded in `generated`), or a build error
    when any address has two sources (`handbook.outputs.addresses`), hand-written or generated.

    Called before MkDocs cleans `site/`, which it does before `on_files`, so that a clash
    costs nobody the site they had.
    """
    docs = Path(config.docs_dir).name
    published = [
        Published(file.dest_uri, f"{docs}/{file.src_uri}", hand_written=True)
        for file in get_files(config)  # what the build reads next, as it reads it
        if file.inclusion.value > InclusionLevel.DRAFT.value  # drafts and exclusions are not published
    ]
    made: list[File] = []
    for content in builder.pages():
        page = HandbookPage.of(content, config, freshness)
        GeneratedPage(None, page, config)  # pages listed in the nav get MkDocs' own Page instead
        made.append(page)
        made_from = f" made from {content.source}" if content.source else ""
        published.append(Published(page.dest_uri, f"the page '{quote(content.title)}'{made_from}"))
        generated[content.src_uri] = content
    for download in builder.downloads():
        made.append(File.generated(config, download.path, content=download.content()))
        published.append(Published(download.path, "a file the handbook makes from the plans"))
    project = project_dir(config)
    for attachment in builder.attachments():  # checked by the loader: regular files of the repository
        made.append(File.generated(config, attachment.path, abs_src_path=str(project / attachment.source)))
        published.append(Published(attachment.path, f"the file {attachment.source}"))
    for schema, what in ((plan_schema, "plan"), (resource_schema, "resource")):  # for editors' tools
        made.append(File.generated(config, schema.SCHEMA_PATH, content=schema.schema_text()))
        published.append(
            Published(schema.SCHEMA_PATH, f"the {what} schema the handbook makes from its {what} model")
        )
    if offline_zip is not None:
        made.append(File.generated(config, urls.OFFLINE_ZIP, abs_src_path=str(offline_zip)))
        published.append(Published(urls.OFFLINE_ZIP, "the offline copy (make offline)"))
    published += [Published(document.path, "a PDF the handbook prints") for document in builder.documents()]
    if problems := list(addresses.clashes(published)):
        count = f"{len(problems)} problem{'s' if len(problems) != 1 else ''}"
        raise PluginError(f"{count} with the site's addresses; nothing was built:\n" + "\n".join(problems))
    return made
