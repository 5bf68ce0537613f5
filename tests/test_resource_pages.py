"""Resources' pages (issue 30): `/resources/` with its filters and the data they read, each
resource's page with its files published byte for byte, each kind's page, `resources.csv` and
`.json`, search entries; a long library's cards continuing on numbered pages within the budget;
a hostile resource's words stay words; a malformed resource stops the build at its line; a
project without `resources/` builds as before. One site is built for the module."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mkdocs.exceptions import Abort

from handbook import urls
from handbook.pages import PageBuilder, Search
from handbook.pages.resources import CARD_SHARE, DATA_FIELDS, ResourcePages
from handbook.plans.loading import load_library
from handbook.resources.loading import load_resource_library
from tests.support.project import ROOT, Site, build_site, make_project, text_of
from tests.support.synthetic import write_resources

MATH_NIGHT = "running-a-family-math-night"
BRIEF = "attendance-and-family-engagement-brief"
PDF = "family-math-night-checklist.pdf"

HOSTILE = """\
    ---
    title: "<script>alert('title')</script> A guide {{ 7 * 7 }}"
    kind: guide
    summary: "=HYPERLINK(\\"https://evil.example\\",\\"Click\\") <b>bold</b> {% if true %}yes{% endif %}"
    strategies: [Share knowledge]
    audience_groups: [The public]
    levels: [state]
    source: "<img src=x onerror=alert('source')>"
    link: https://example.org/guide?x=1&y=2
    ---
    Words first. <script>alert('description')</script>

    <div class="md-banner" id="goal-1-activity-1" style="color: red" onclick="alert(1)">Session expired</div>

    [a link](javascript:alert('link')) and ![a pixel](https://tracker.example/pixel.gif)

    {{ config.repo_url }} and {% raw %}raw{% endraw %}
    """


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Site:
    folder = tmp_path_factory.mktemp("resources")
    return build_site(make_project(folder / "project", resources={"hostile-guide.md": HOSTILE}))


def test_every_resource_is_listed_and_has_its_page(site: Site) -> None:
    listing = site.content("/resources/")
    cards = listing.select("#resources-list > li")
    assert [card.select_one("a")["href"] for card in cards] == [  # type: ignore[index]
        "hostile-guide/",  # "<script>..."
        f"{BRIEF}/",
        f"{MATH_NIGHT}/",
    ]  # by title, any case
    brief = text_of(cards[1])
    for words in ("Family Engagement and Student Attendance", "Research brief", "chronic absence",
                  "Strategies: Create awareness, Share knowledge", "Families", "Levels: state, district, school",
                  "Language: English", "Source: Partnerships Handbook sample resources"):  # fmt: skip
        assert words in brief
    page = site.content(f"/resources/{MATH_NIGHT}/")
    assert text_of(page.h1) == "Running a Family Math Night"  # type: ignore[arg-type]
    details = {text_of(cell.dt): text_of(cell.dd) for cell in page.select("dl.handbook-details > div")}  # type: ignore[arg-type]
    assert details == {
        "Kind of resource": "Workshop materials",
        "Levels": "School, District",
        "Grades": "K-5",
        "School year": "2025-26",
        "Languages": "English, Spanish",
        "Source": "Partnerships Handbook sample resources",
    }
    strategies = [a["href"] for a in page.select("#strategies + ul a")]
    assert strategies == [
        "../../strategies/guide-learning-and-program-development/",
        "../../strategies/celebrate-milestones/",
    ]
    assert [a["href"] for a in page.select("#types + ul a")] == [
        "../../types/learning-at-home/",
        "../../types/volunteering/",
    ]
    groups = page.select("#audiences + ul li")
    assert [text_of(li) for li in groups] == ["Families", "Students", "School Action Teams for Partnerships"]
    # a group that no goal reaches has no page to link: named as text
    assert [li.a["href"] if li.a else None for li in groups] == [
        "../../audiences/families/",
        None,
        "../../audiences/action-teams-for-partnerships/",
    ]
    assert "A Family Math Night brings families" in text_of(page.select_one(".handbook-prose"))  # type: ignore[arg-type]


def test_files_are_published_as_kept_with_their_type_and_size(site: Site) -> None:
    published = site.root / "resources" / MATH_NIGHT / PDF
    assert published.read_bytes() == (ROOT / "resources" / MATH_NIGHT / PDF).read_bytes()
    (item,) = site.content(f"/resources/{MATH_NIGHT}/").select("#files + ul li")
    assert item.a["href"] == PDF  # type: ignore[index]
    assert item.a.has_attr("download")  # type: ignore[union-attr]
    assert text_of(item) == f"{PDF} (PDF, 2 KB)"
    assert not (site.root / "resources" / BRIEF / "index.md").exists()


def test_a_link_leaves_the_site_and_says_so(site: Site) -> None:
    page = site.content(f"/resources/{BRIEF}/")
    (link,) = page.select("#on-the-web + p a")
    assert link["href"] == "https://www.ed.gov/"
    assert "noopener" in link["rel"]
    assert "leaves this site for www.ed.gov" in text_of(page.select_one("#on-the-web + p"))  # type: ignore[arg-type]
    assert not page.select("#files")


def test_edit_opens_the_resource_file(site: Site) -> None:
    button = site.page(f"/resources/{BRIEF}/").select_one("a.handbook-suggest")
    assert button is not None
    assert button["href"].endswith(f"/edit/main/resources/{BRIEF}.md")  # type: ignore[union-attr]
    assert text_of(button) == "Propose changes to this resource"


def resource_data(site: Site) -> list[dict[str, str]]:
    """The rows of `resources/resource-list.js` by link, each a dict of `DATA_FIELDS`."""
    text = (site.root / "resources" / "resource-list.js").read_text("utf-8")
    prefix = "window.handbookResources = "
    assert text.startswith(prefix) and text.endswith(";\n")
    data = json.loads(text.removeprefix(prefix).removesuffix(";\n"))
    assert data["fields"] == list(DATA_FIELDS)
    return [dict(zip(data["fields"], row, strict=True)) for row in data["rows"]]


def test_filters_carry_every_value_with_its_count(site: Site) -> None:
    listing = site.content("/resources/")
    form = listing.select_one("form#resources-filters")
    assert form is not None and form.has_attr("hidden")  # shown by resources.js; without it, all are listed
    assert form["data-list"] == "resource-list.js"
    options = {
        select["name"]: {option["value"]: text_of(option) for option in select.select("option")}
        for select in form.select("select")
    }
    assert list(options) == ["kind", "strategy", "audience", "type", "level", "language"]
    assert options["kind"] == {
        "": "All (3)",
        "guide": "Guide (1)",
        "research-brief": "Research brief (1)",
        "workshop-materials": "Workshop materials (1)",
    }
    assert options["level"] == {
        "": "All (3)",
        "state": "State (2)",
        "district": "District (2)",
        "school": "School (2)",
    }
    assert options["language"] == {"": "All (3)", "english": "English (3)", "spanish": "Spanish (1)"}
    assert options["strategy"]["share-knowledge"] == "Share knowledge (2)"
    assert "align-program-and-policy" not in options["strategy"]  # no resource has it
    assert text_of(listing.select_one("#resources-count")) == "3 resources"  # type: ignore[arg-type]
    assert listing.select_one("form button#resources-clear") is not None
    assert listing.select_one('script[src="../javascripts/resources.js"]') is not None
    assert not listing.select("[data-kind], nav.handbook-pagination")  # the values are in the data; one page


def test_the_data_holds_every_card_as_the_page_writes_it_and_its_values(site: Site) -> None:
    rows = resource_data(site)
    cards = site.content("/resources/").select("#resources-list > li")
    assert [row["href"] for row in rows] == [card.a["href"] for card in cards]  # type: ignore[index]
    for row, card in zip(rows, cards, strict=True):
        title, meta, summary, facts = card.select(":scope > *")
        assert [row["title"], row["meta"], row["summary"], row["facts"]] == [
            text_of(title), text_of(meta), text_of(summary), text_of(facts)
        ]  # fmt: skip
    math_night = next(row for row in rows if row["href"] == f"{MATH_NIGHT}/")
    assert math_night["kind"] == "workshop-materials"
    assert math_night["language"] == "english spanish"
    assert math_night["audience"] == "families students action-teams-for-partnerships"
    assert math_night["level"] == "school district"
    hostile = rows[0]["title"]
    assert hostile.startswith("<script>alert('title')</script>")  # words, which the script sets as text


def test_a_long_library_continues_on_numbered_pages_within_the_budget(tmp_path: Path) -> None:
    """Cards past the budget go on `/resources/page-<k>/` and a kind's `page-<k>/`, every
    resource on one page exactly, in title order; the filters and their script stand on the
    first page only; every page links every page. (A small budget: the real one is checked on
    a built site in `tests/browser/test_resources_browser.py`.)"""
    write_resources(tmp_path / "resources", 40)
    resources = load_resource_library(tmp_path / "resources")
    budget = 8_000
    builder = PageBuilder(load_library(ROOT / "plans"), page_budget=budget, resources=resources)
    pages = {page.src_uri: page for page in builder.family(ResourcePages).pages()}
    first = urls.RESOURCES_INDEX
    listed = [uri for uri in pages if uri == first or uri.startswith("resources/page-")]
    assert listed == [first, *(urls.listing_page(first, n) for n in range(2, len(listed) + 1))]
    assert len(listed) >= 3
    slugs = []
    for uri in listed:
        html = BeautifulSoup(pages[uri].html, "html.parser")
        cards = html.select("#resources-listing #resources-list > li")
        assert cards and len(str(html.select_one("#resources-list")).encode()) <= budget // CARD_SHARE
        slugs += [str(card.a["href"]).strip("/").split("/")[-1] for card in cards]  # type: ignore[index]
        assert len(html.select("nav.handbook-pagination")) == 2
        assert len(html.select("nav.handbook-pagination li a")) == 2 * len(listed)
        assert bool(html.select("#resources-filters, script")) == (uri == first)
    assert slugs == [resource.slug for resource in resources.resources]
    assert pages[urls.listing_page(first, 2)].title == "Resources (page 2)"
    assert "Filter them" in text_of(BeautifulSoup(pages[urls.listing_page(first, 2)].html, "html.parser"))
    kind, found = max(resources.by_kind().items(), key=lambda item: len(item[1]))
    kind_first = urls.resource_kind_uri(kind.slug)
    kind_pages = [
        uri for uri in pages if uri == kind_first or uri.startswith(kind_first.removesuffix(".md") + "/")
    ]
    assert len(kind_pages) >= 2 and kind_pages[1] == urls.listing_page(kind_first, 2)
    kind_slugs = [
        str(card.a["href"]).strip("/").split("/")[-1]  # type: ignore[index]
        for uri in kind_pages
        for card in BeautifulSoup(pages[uri].html, "html.parser").select(".handbook-resource-list > li")
    ]
    assert kind_slugs == [resource.slug for resource in found]


def test_each_kind_has_a_page_of_its_resources(site: Site) -> None:
    kinds = sorted(path.parent.name for path in (site.root / "resources" / "kinds").glob("*/index.html"))
    assert kinds == ["guide", "research-brief", "workshop-materials"]  # kinds with no resource have none
    page = site.content("/resources/kinds/research-brief/")
    assert text_of(page.h1) == "Research briefs"  # type: ignore[arg-type]
    assert [a["href"] for a in page.select(".handbook-resource-list a")] == [f"../../{BRIEF}/"]
    listing = site.content("/resources/")
    assert [a["href"] for a in listing.select("#resources-kinds a")] == [
        "kinds/guide/",
        "kinds/research-brief/",
        "kinds/workshop-materials/",
    ]


def test_resources_is_in_the_navigation_and_resource_pages_are_not(site: Site) -> None:
    nav = [a["href"] for a in site.page("/").select("nav.md-nav--primary a.md-nav__link")]
    assert "resources/" in nav
    assert not [href for href in nav if str(href).startswith("resources/") and href != "resources/"]


def test_hostile_words_stay_words(site: Site) -> None:
    html = site.html("/resources/hostile-guide/")
    page = site.content("/resources/hostile-guide/")
    assert "<script>alert" not in html and not page.select("img, [onerror], [onclick]")
    assert "<img src=x onerror=alert('source')>" in text_of(page.select_one(".handbook-details"))  # type: ignore[arg-type]
    assert text_of(page.h1).startswith("<script>alert('title')</script> A guide {{ 7 * 7 }}")  # type: ignore[arg-type]
    assert "{% if true %}yes{% endif %}" in text_of(page.select_one(".handbook-lead"))  # type: ignore[arg-type]
    prose = page.select_one(".handbook-prose")
    assert prose is not None
    assert "{{ config.repo_url }}" in text_of(prose)  # never a template
    assert not prose.select("script, img, [class], [id], [style], [onclick]")
    assert [a.get("href") for a in prose.select("a")] == [None]  # javascript: dropped
    assert "Session expired" in text_of(prose)
    listing = site.html("/resources/")
    assert "<script>alert" not in listing and "<b>bold</b>" not in listing
    assert "&lt;b&gt;bold&lt;/b&gt;" in listing
    assert page.select_one("#on-the-web + p a")["href"] == "https://example.org/guide?x=1&y=2"  # type: ignore[index]


def test_downloads_keep_the_words_and_run_no_formula(site: Site) -> None:
    text = (site.root / "resources" / "resources.csv").read_text("utf-8-sig")
    rows = {row["slug"]: row for row in csv.DictReader(io.StringIO(text))}
    assert list(rows) == ["hostile-guide", BRIEF, MATH_NIGHT]
    assert rows["hostile-guide"]["summary"].startswith("'=HYPERLINK(")
    assert rows[MATH_NIGHT]["files"] == f"/resources/{MATH_NIGHT}/{PDF}"
    assert rows[MATH_NIGHT]["languages"] == "English; Spanish"
    data = json.loads((site.root / "resources" / "resources.json").read_text("utf-8"))
    hostile = next(item for item in data if item["slug"] == "hostile-guide")
    assert hostile["summary"].startswith('=HYPERLINK("https://evil.example"')  # as written
    assert hostile["url"] == "/resources/hostile-guide/"
    links = [a["href"] for a in site.content("/resources/").select("a[download]")]
    assert links == ["resources.csv", "resources.json"]


def test_resource_pages_are_searched_by_their_words_and_kind() -> None:
    builder = PageBuilder(load_library(ROOT / "plans"), resources=load_resource_library(ROOT / "resources"))
    pages = {page.src_uri: page for page in builder.family(ResourcePages).pages()}
    brief = pages[f"resources/{BRIEF}/index.md"]
    assert brief.search is Search.ENTRIES
    (entry,) = brief.entries()
    assert entry.anchor is None and entry.title == "Family Engagement and Student Attendance"
    assert entry.text.startswith("Research brief. What research says")
    assert "a call home early in the year" in entry.text  # the description, as words
    assert entry.text.endswith("Source: Partnerships Handbook sample resources.")
    assert "<" not in entry.text
    assert brief.source == f"resources/{BRIEF}.md"
    listings = [page for uri, page in pages.items() if uri == "resources/index.md" or "/kinds/" in uri]
    assert len(listings) == 3 and all(page.search is Search.NONE for page in listings)


def test_a_malformed_resource_stops_the_build_with_its_file_and_line(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    bad = """\
        ---
        title: A brief
        kind: reserch brief
        summary: Words.
        strategies: [Share knowledge]
        levels: [state]
        source: Somewhere
        link: http://example.org/
        ---
        """
    project = make_project(tmp_path / "project", resources={"bad-brief.md": bad})
    with pytest.raises(Abort):
        build_site(project)
    message = caplog.text
    assert "2 problems in resource files; nothing was built" in message
    assert "resources/bad-brief.md:3: kind: " in message
    assert "resources/bad-brief.md:8: link: must start with https://" in message
    assert not (project / "site").exists()


def test_a_project_without_resources_builds_as_before(sample_site: Site) -> None:
    listing = text_of(sample_site.content("/resources/"))
    assert "No resources yet" in listing
    assert not (sample_site.root / "resources" / "kinds").exists()
    header = (sample_site.root / "resources" / "resources.csv").read_text("utf-8-sig").splitlines()
    assert header == [
        "slug,title,kind,summary,strategies,audience_groups,types,levels,grades,year,languages,source,files,link,url"
    ]
