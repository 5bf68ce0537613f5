"""The offline copy (`make offline`): the whole site in one zip, usable from `file://`, and
offered for download by the published site that carries it."""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from handbook.outputs import offline
from handbook.urls import OFFLINE_ZIP
from tests.support.browser import CHROMIUM
from tests.support.project import Site, build_site, make_project


def pages(root: Path) -> list[Path]:
    return sorted(root.rglob("*.html"))


def test_the_zip_holds_one_folder_with_the_whole_site(offline_copy: tuple[Path, Path]) -> None:
    archive, root = offline_copy
    names = zipfile.ZipFile(archive).namelist()
    assert {name.split("/")[0] for name in names} == {offline.FOLDER}
    for page in ("index.html", "plans/index.html", "plans/rio-grande/index.html",
                 "plans/sample-state-plan/goal-1.html", "strategies/celebrate-milestones.html",
                 "catalogue/index.html", "catalogue/activities.js", "catalogue/activities.csv",
                 "templates/blank/state.html", "search/search_index.js", "resources/index.html",
                 "resources/running-a-family-math-night/index.html", "resources/kinds/research-brief.html",
                 "resources/running-a-family-math-night/family-math-night-checklist.pdf"):  # fmt: skip
        assert (root / page).is_file(), page
    # From a file, a page cannot fetch the catalogue's views: it holds every activity instead
    assert not (root / "catalogue" / "views").exists()
    assert 'src="activities.js"' in (root / "catalogue" / "index.html").read_text("utf-8")
    if CHROMIUM.exists():  # the PDFs come along where the build can print them
        assert (root / "plans/sample-state-plan/sample-state-plan.pdf").is_file()


def test_every_link_between_pages_names_a_file(offline_copy: tuple[Path, Path]) -> None:
    """From `file://` a link to a folder opens a directory listing, not its index page."""
    _, root = offline_copy
    to_folders = []
    for page in pages(root):
        if page.name == "404.html":  # a web server's page for missing addresses: unused from files
            continue
        for link in BeautifulSoup(page.read_text("utf-8"), "html.parser").find_all("a", href=True):
            address = urlsplit(str(link["href"]))
            if address.scheme or address.netloc or not address.path:
                continue
            target = (page.parent / address.path).resolve()
            if not target.is_file():
                to_folders.append(f"{page.relative_to(root)}: {link['href']}")
    assert len(pages(root)) > 40
    assert to_folders == []


def test_the_copy_loads_no_script_from_another_host(offline_copy: tuple[Path, Path]) -> None:
    """Material's offline plugin adds its worker shim from a CDN by default; the copy uses its own."""
    _, root = offline_copy
    home = BeautifulSoup((root / "index.html").read_text("utf-8"), "html.parser")
    scripts = [str(script["src"]) for script in home.find_all("script", src=True)]
    assert "javascripts/vendor/iframe-worker-shim.js" in scripts
    assert (root / "javascripts/vendor/iframe-worker-shim.js").is_file()
    remote = {
        (page.name, str(script["src"]))
        for page in pages(root)
        for script in BeautifulSoup(page.read_text("utf-8"), "html.parser").find_all("script", src=True)
        if urlsplit(str(script["src"])).netloc
    }
    assert remote == set()


def test_the_copy_does_not_offer_itself_for_download(offline_copy: tuple[Path, Path]) -> None:
    _, root = offline_copy
    assert not (root / OFFLINE_ZIP).exists()
    assert OFFLINE_ZIP not in (root / "index.html").read_text("utf-8")


def test_the_zip_depends_only_on_the_files_it_holds(tmp_path: Path, offline_copy: tuple[Path, Path]) -> None:
    """Same site, other folder, other file dates: the same bytes (builds are reproducible)."""
    _, root = offline_copy
    first = tmp_path / "first.zip"
    offline.write_zip(root, first)
    for page in pages(root)[:5]:
        os.utime(page, (1_800_000_000, 1_800_000_000))
    second = tmp_path / "elsewhere" / "second.zip"
    offline.write_zip(root, second)
    assert first.read_bytes() == second.read_bytes()
    assert oct(second.stat().st_mode & 0o777) == oct(0o644)


def test_packing_a_folder_without_a_site_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"no index\.html"):
        offline.write_zip(tmp_path, tmp_path / "out.zip")
    assert not (tmp_path / "out.zip").exists()


def test_the_published_site_offers_the_offline_copy_on_its_home_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, offline_copy: tuple[Path, Path]
) -> None:
    archive, _ = offline_copy
    monkeypatch.setenv("HANDBOOK_OFFLINE_ZIP", str(archive))
    site = build_site(make_project(tmp_path / "project"))
    assert site.path(OFFLINE_ZIP).read_bytes() == archive.read_bytes()
    (link,) = site.content("").select(f"a[href='{OFFLINE_ZIP}']")
    assert link.get_text() == "offline copy"


def test_without_an_offline_copy_the_home_page_does_not_mention_one(sample_site: Site) -> None:
    assert not sample_site.path(OFFLINE_ZIP).exists()
    assert "offline copy" not in sample_site.html("")


def test_a_missing_offline_copy_stops_the_build_with_what_to_do(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    monkeypatch.setenv("HANDBOOK_OFFLINE_ZIP", "dist/handbook-offline.zip")
    project = make_project(tmp_path / "project")
    with pytest.raises(Abort):
        build_site(project)
    expected = (
        f"offline copy {project}/dist/handbook-offline.zip not found: "
        "run `make offline` first, or unset HANDBOOK_OFFLINE_ZIP"
    )
    assert expected in [record.getMessage() for record in caplog.records]
