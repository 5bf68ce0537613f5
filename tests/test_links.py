"""The built site has no broken internal link, asset or anchor."""

from __future__ import annotations

import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from bs4 import BeautifulSoup

from tests.support.plans import SCHOOL_DISTRICT
from tests.support.project import Site, build_site, make_project


def internal_links(site: Site) -> list[tuple[str, str]]:
    """(page, reference) for every href and src that stays on the site."""
    found = []
    for page in sorted(site.root.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for element in soup.find_all(href=True) + soup.find_all(src=True):
            reference = element.get("href") or element.get("src")
            parts = urlsplit(reference)
            if parts.scheme or parts.netloc:
                continue
            found.append((page.relative_to(site.root).as_posix(), reference))
    return found


def target_of(site: Site, page: str, reference: str) -> tuple[Path, str]:
    parts = urlsplit(reference)
    path = unquote(parts.path)
    if path.startswith("/"):  # 404.html links from the site root: it is served at any depth
        resolved = posixpath.normpath(path.lstrip("/")) or "."
    else:
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
    target = site.root / resolved
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


def broken_links(site: Site) -> list[str]:
    ids: dict[Path, set[str]] = {}
    broken = []
    for page, reference in internal_links(site):
        target, fragment = target_of(site, page, reference)
        if not target.is_file():
            broken.append(f"{page}: {reference} (no such file)")
            continue
        if fragment and target.suffix == ".html":
            if target not in ids:
                soup = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
                ids[target] = {str(e["id"]) for e in soup.find_all(id=True)}
            if fragment not in ids[target]:
                broken.append(f"{page}: {reference} (no such anchor)")
    return broken


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    project = make_project(
        tmp_path_factory.mktemp("links"), {"rio-grande.md": SCHOOL_DISTRICT}, resources=True
    )
    return build_site(project)


def test_no_internal_link_asset_or_anchor_is_broken(site: Site) -> None:
    links = internal_links(site)
    assert len(links) > 500  # the checker really walked the site
    assert broken_links(site) == []


def test_the_checker_finds_a_broken_anchor_and_a_missing_page(site: Site, tmp_path: Path) -> None:
    page = tmp_path / "index.html"
    page.write_text('<a href="plans/sample-state-plan/#goal-9">x</a><a href="nowhere/">y</a>')
    (tmp_path / "plans" / "sample-state-plan").mkdir(parents=True)
    (tmp_path / "plans" / "sample-state-plan" / "index.html").write_text('<h2 id="goal-1">G</h2>')
    assert broken_links(Site(tmp_path)) == [
        "index.html: plans/sample-state-plan/#goal-9 (no such anchor)",
        "index.html: nowhere/ (no such file)",
    ]
