"""Resources (`resources/`): the samples load, and bad or hostile resources are refused, each
problem at its file and line, all of them in one run.

The corpus in `tests/fixtures/bad-resources/` has one resource a problem; the links and the
oversized files are made here, in a temporary copy (a link or 10 MB is nothing to commit).
"""

from __future__ import annotations

import os
import shutil
import textwrap
import zipfile
from pathlib import Path

import pytest

from handbook.plans.loading import load_library
from handbook.plans.problems import PlanErrors
from handbook.resources import limits
from handbook.resources.files import name_problem, type_of
from handbook.resources.library import ResourceLibrary
from handbook.resources.loading import load_resource_library, load_resources, read_resource
from handbook.resources.model import Resource, ResourceKind
from handbook.vocabularies import fields
from handbook.vocabularies.audiences import AUDIENCE_GROUPS
from handbook.vocabularies.involvement import INVOLVEMENT_TYPES
from handbook.vocabularies.strategies import STRATEGIES
from tests.support.project import ROOT

CORPUS = Path(__file__).parent / "fixtures" / "bad-resources"
ALLOWED = "PDF (.pdf), Word (.docx), PowerPoint (.pptx), Excel (.xlsx), PNG (.png) or JPEG (.jpg)"
SIX = (
    "(the six are: Create awareness, Align program and policy, Guide learning and program development, "
    "Document progress and evaluate outcomes, Share knowledge, Celebrate milestones)"
)
OUTSIDE = (
    "a symbolic link to a file outside the repository, which is never read: "
    "put the file itself in the repository, or remove the link"
)
NOT_KEPT = (
    "files are not kept with resources: a resource's files are "
    f"{ALLOWED}; save it as one of these, or put it on the web and give its address with link:"
)
EXPECTED = [
    "resources/anchors.md:5: '&strategies' is a YAML anchor, which plans do not use: remove it, and put a value that starts with '&' in quotes",
    "resources/bad-names.md:9: files[1]: a file name, not a path: write only the name of a file kept in the resource's own folder",
    "resources/bad-names.md:10: files[2]: a hidden file name (it starts with '.'): give the file a name of its own, like handout.pdf",
    "resources/bad-names.md:11: files[3]: a file name holds only letters, digits, '-', '_' and '.' (it becomes part of the file's web address): rename the file to Family-Handout.pdf and list it so",
    "resources/control-character.md:4: summary: holds the control character \\x1b, which text never needs: remove it",
    "resources/credentials-link.md:8: link: holds a user name or password (before '@'), which a published address must not: remove it",
    "resources/hidden-line-break.md:2: holds an invisible line break (U+2028, line separator), which the YAML reader takes for the start of a new line that the screen does not show: remove it",
    "resources/http-link.md:8: link: must start with https:// (an address the browser opens securely): write https:// in place of http://",
    "resources/javascript-link.md:8: link: must be a web address that starts with https://, like https://www.ed.gov/",
    f"resources/linked-file.md:9: files[1]: {OUTSIDE}",
    "resources/missing-file.md:10: files[2]: no file resources/missing-file/agenda.pdf: add the file there, or remove it from the list",
    f"resources/misspelled-strategy.md:5: strategies[1]: unknown strategy 'Create awarness'; did you mean 'Create awareness'? {SIX}",
    f"resources/misspelled-strategy.md:5: strategies[2]: unknown strategy 'Share knowlege'; did you mean 'Share knowledge'? {SIX}",
    "resources/no-files-no-link.md:2: link: required where no files are listed: give the address where the resource can be read (https://...), or list its files under files:",
    "resources/not-a-pdf.md:9: files[1]: not a PDF, though its name ends in '.pdf': its content is something else; save it again as a PDF, or remove it",
    "resources/not-a-pdf.md:10: files[2]: not a Word document, though its name ends in '.docx': its content is something else; save it again as a Word document, or remove it",
    "resources/notes.txt: not a resource, so the site never reads it: resources/ holds resource files named <name>.md and each one's files in resources/<name>/; move it into the folder of the resource that lists it, or remove it",
    "resources/orphan-folder: a folder of files for no resource: add resources/orphan-folder.md, which lists them, or remove the folder",
    "resources/oversized-file.md:9: files[1]: the file holds 12.5 MB; a resource's file may hold at most 10 MB (make it smaller, or put it on the web and give its address with link:)",
    "resources/unknown-key.md:2: summary: required",
    "resources/unknown-key.md:7: sumary: unknown key; did you mean 'summary'?",
    "resources/unknown-kind.md:3: kind: must be one of guide, research brief, workshop materials, template or form, sample letter, video, presentation, other; did you mean 'research brief'?",
    "resources/unlisted-file/extra.pdf: not listed under files: in resources/unlisted-file.md, so it is never published: add it to the list, or remove it",
    f"resources/unsafe-types.md:9: files[1]: '.html' {NOT_KEPT}",
    f"resources/unsafe-types.md:10: files[2]: '.svg' {NOT_KEPT}",
    f"resources/unsafe-types.md:11: files[3]: '.exe' {NOT_KEPT}",
]

RESOURCE = """
    ---
    title: A guide
    kind: Guide
    summary: What it offers.
    strategies: [Share knowledge]
    levels: [district]
    source: A district
    link: https://www.example.org/guide
    ---
    The description.
"""


def write(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return folder / name


def sparse(path: Path, size: int, start: bytes = b"%PDF-1.4\n") -> None:
    """A file of `size` bytes that costs no disk: its first bytes, then a hole."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as file:
        file.write(start)
        file.truncate(size)


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """The corpus as a project's `resources/`, with a link out of the repository and a file
    over the size limit added."""
    resources = tmp_path / "project" / "resources"
    shutil.copytree(CORPUS, resources)
    secret = tmp_path / "outside.pdf"
    secret.write_bytes(b"%PDF-1.4 a file of someone else's\n")
    (resources / "linked-file").mkdir()
    (resources / "linked-file" / "handout.pdf").symlink_to(secret)
    sparse(resources / "oversized-file" / "big.pdf", limits.FILE_BYTES + limits.FILE_BYTES // 4)
    return resources


def test_the_sample_resources_load_with_their_files() -> None:
    resources, problems = load_resources(ROOT / "resources")
    assert problems == []
    assert [resource.slug for resource in resources] == [
        "attendance-and-family-engagement-brief",
        "running-a-family-math-night",
    ]
    brief, math_night = resources
    assert brief.kind is ResourceKind.RESEARCH_BRIEF
    assert brief.link == "https://www.ed.gov/"
    assert brief.files == [] and brief.attachments == ()
    assert brief.languages == ["English"]
    assert brief.location == "resources/attendance-and-family-engagement-brief.md"
    assert math_night.kind is ResourceKind.WORKSHOP_MATERIALS
    assert math_night.link is None
    assert math_night.languages == ["English", "Spanish"]
    assert [s.slug for s in math_night.strategies] == [
        "guide-learning-and-program-development",
        "celebrate-milestones",
    ]
    assert [t.name for t in math_night.types] == ["Learning at home", "Volunteering"]
    assert math_night.grade_keys == ["K", "1", "2", "3", "4", "5"]
    assert math_night.year == "2025-26"
    (handout,) = math_night.attachments
    pdf = ROOT / "resources" / "running-a-family-math-night" / "family-math-night-checklist.pdf"
    assert (handout.name, handout.size, handout.type_label) == (pdf.name, pdf.stat().st_size, "PDF")
    assert pdf.read_bytes().startswith(b"%PDF-1.4") and pdf.read_bytes().rstrip().endswith(b"%%EOF")
    assert 1_000 < handout.size < 10_000 and handout.size_label.endswith("KB")
    assert math_night.description.startswith("A Family Math Night brings families")
    assert "---" not in math_night.description


def test_every_problem_of_every_bad_resource_is_reported_at_once_with_file_and_line(hostile: Path) -> None:
    resources, problems = load_resources(hostile)
    assert [str(problem) for problem in problems] == EXPECTED
    assert [resource.slug for resource in resources] == []  # the one valid resource lists a file it lacks
    with pytest.raises(PlanErrors) as raised:
        load_resource_library(hostile)
    assert str(raised.value).splitlines() == EXPECTED


def test_a_link_out_of_the_repository_is_never_read_and_stops_the_build(hostile: Path) -> None:
    _, problems = load_resources(hostile)
    unsafe = [str(problem) for problem in problems if problem.unsafe]
    assert unsafe == [f"resources/linked-file.md:9: files[1]: {OUTSIDE}"]
    assert all(
        "someone else" not in str(problem) and "outside.pdf" not in str(problem) for problem in problems
    )


def test_an_unlisted_link_out_is_told_once_where_it_is(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    write(resources, "a-guide.md", RESOURCE)
    (resources / "a-guide").mkdir()
    (resources / "a-guide" / "passwd.pdf").symlink_to("/etc/passwd")
    _, problems = load_resources(resources)
    assert [(str(problem), problem.unsafe) for problem in problems] == [
        ("resources/a-guide/passwd.pdf: " + OUTSIDE, True)
    ]


def test_a_link_inside_the_repository_is_refused_too(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    write(
        resources, "a-guide.md", RESOURCE.replace("link: https://www.example.org/guide", "files: [copy.pdf]")
    )
    sparse(tmp_path / "docs" / "real.pdf", 100)
    (resources / "a-guide").mkdir()
    (resources / "a-guide" / "copy.pdf").symlink_to(tmp_path / "docs" / "real.pdf")
    _, problems = load_resources(resources)
    assert [str(problem) for problem in problems] == [
        "resources/a-guide.md:8: files[1]: a symbolic link: a resource's file must be a file of its own in "
        "resources/a-guide/; copy the file there instead of linking it"
    ]


def test_files_over_the_limit_together_are_refused(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    names = ["part-1.pdf", "part-2.pdf", "part-3.pdf"]
    listed = "files:\n" + "".join(f"      - {name}\n" for name in names)
    write(resources, "a-guide.md", RESOURCE.replace("link: https://www.example.org/guide\n", listed))
    for name in names:
        sparse(resources / "a-guide" / name, 9 * limits.MB)
    _, problems = load_resources(resources)
    assert [str(problem) for problem in problems] == [
        "resources/a-guide.md:8: files: the files hold 27 MB together; a resource's files may hold at most "
        "25 MB (make them smaller, or put some on the web)"
    ]


def test_office_files_must_hold_their_format(tmp_path: Path) -> None:
    """A zip archive is a Word, PowerPoint or Excel file only with that format's main part."""
    resources = tmp_path / "resources"
    write(
        resources,
        "slides.md",
        RESOURCE.replace("link: https://www.example.org/guide", "files: [a.pptx, b.pptx]"),
    )
    (resources / "slides").mkdir()
    with zipfile.ZipFile(resources / "slides" / "a.pptx", "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("ppt/presentation.xml", "<presentation/>")
    with zipfile.ZipFile(resources / "slides" / "b.pptx", "w") as z:
        z.writestr("index.html", "<script>alert(1)</script>")
    loaded, problems = load_resources(resources)
    assert loaded == []
    assert [str(problem) for problem in problems] == [
        "resources/slides.md:8: files[2]: not a PowerPoint presentation, though its name ends in '.pptx': its "
        "content is something else; save it again as a PowerPoint presentation, or remove it"
    ]


def test_a_project_without_resources_has_none(tmp_path: Path) -> None:
    assert load_resources(tmp_path / "resources") == ([], [])
    assert len(load_resource_library(tmp_path / "resources")) == 0


def test_a_resources_folder_that_is_a_link_is_not_read(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    write(elsewhere, "a-guide.md", RESOURCE)
    (tmp_path / "project").mkdir()
    (tmp_path / "project" / "resources").symlink_to(elsewhere)
    resources, problems = load_resources(tmp_path / "project" / "resources")
    assert resources == []
    assert [(str(problem), problem.unsafe) for problem in problems] == [("resources: " + OUTSIDE, True)]


def test_a_resource_file_name_makes_its_address(tmp_path: Path) -> None:
    result = read_resource(write(tmp_path / "resources", "A Guide.md", RESOURCE), "resources/A Guide.md")
    assert [str(problem) for problem in result] == [
        "resources/A Guide.md: file name must be lowercase words joined by '-' (the resource's URL); "
        "rename it to a-guide.md, and its folder of files to match"
    ]


def test_kinds_are_read_in_any_case_and_other_spellings() -> None:
    assert [kind.label for kind in ResourceKind][:3] == ["Guide", "Research brief", "Workshop materials"]
    assert ResourceKind.TEMPLATE_OR_FORM.slug == "template-or-form"
    assert ResourceKind.TEMPLATE_OR_FORM.plural == "Templates and forms"
    base = {
        "title": "T",
        "summary": "S",
        "strategies": ["create AWARENESS"],
        "levels": ["School"],
        "source": "X",
        "link": "https://www.example.org/",
    }
    for written, kind in [
        ("Research Brief", "research brief"),
        ("sample-letter", "sample letter"),
        ("VIDEO", "video"),
    ]:
        resource = Resource.model_validate(
            {**base, "kind": written, "slug": "s", "location": "resources/s.md"}
        )
        assert resource.kind == kind


def test_every_field_has_its_words() -> None:
    assert set(fields.RESOURCE) == {*Resource.model_fields} - {"slug", "location", "attachments"}


@pytest.mark.parametrize(
    ("name", "problem"),
    [
        ("handout.pdf", None),
        ("Slides_2026.PPTX", None),
        ("photo.jpeg", None),
        ("..", "a hidden file name"),
        ("a/b.pdf", "a file name, not a path"),
        ("a\\b.pdf", "a file name, not a path"),
        ("index.htm", "'.htm' files are not kept"),
        ("script.js", "'.js' files are not kept"),
        ("README", "a file without a type at the end of its name is not kept"),
        ("café.pdf", "a file name holds only letters"),
    ],
)
def test_file_names(name: str, problem: str | None) -> None:
    said = name_problem(name)
    assert said == problem if problem is None else said is not None and said.startswith(problem)


def test_file_types_by_name() -> None:
    assert [type_of(name).label for name in ("a.pdf", "a.docx", "a.pptx", "a.xlsx", "a.png", "a.JPG")] == [  # type: ignore[union-attr]
        "PDF",
        "Word document",
        "PowerPoint presentation",
        "Excel spreadsheet",
        "PNG image",
        "JPEG image",
    ]
    assert type_of("a.svg") is None and type_of("a.pdf.exe") is None


def test_the_library_lists_resources_by_kind_strategy_group_and_type() -> None:
    library = load_resource_library(ROOT / "resources")
    by_kind = library.by_kind()
    assert list(by_kind) == list(ResourceKind)
    assert [r.slug for r in by_kind[ResourceKind.WORKSHOP_MATERIALS]] == ["running-a-family-math-night"]
    assert by_kind[ResourceKind.VIDEO] == []
    share = STRATEGIES.by_slug("share-knowledge")
    assert [r.slug for r in library.for_strategy(share)] == ["attendance-and-family-engagement-brief"]
    families = AUDIENCE_GROUPS.by_slug("families")
    assert len(library.for_audience_group(families)) == 2
    assert [r.slug for r in library.for_type(INVOLVEMENT_TYPES.by_slug("learning-at-home"))] == [
        "running-a-family-math-night"
    ]
    assert library.resource("running-a-family-math-night") is not None and library.resource("nothing") is None


def test_a_goal_s_resources_are_those_it_shares_most_with_first(tmp_path: Path) -> None:
    plans = load_library(ROOT / "plans")
    resources = load_resource_library(ROOT / "resources")
    district = plans.plan("sample-district-plan")
    assert district is not None
    awareness, training, expert = district.goals
    # Create awareness + Align (audience: principals, teachers): the brief shares a strategy and a group.
    assert [r.slug for r in resources.for_goal(awareness)] == ["attendance-and-family-engagement-brief"]
    # Guide learning + Document progress (audience: ATPs): both share one strategy; the math night
    # also reaches School Action Teams for Partnerships, so it comes first.
    assert [r.slug for r in resources.for_goal(training)] == [
        "running-a-family-math-night",
        "attendance-and-family-engagement-brief",
    ]
    # Groups given by the caller count instead of those worked out from the audience text.
    assert [r.slug for r in resources.for_goal(expert, groups=[])] == [
        "attendance-and-family-engagement-brief",
        "running-a-family-math-night",
    ]
    assert ResourceLibrary().for_goal(expert) == []


def test_ties_are_broken_by_title(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    write(resources, "b.md", RESOURCE.replace("title: A guide", "title: beta"))
    write(resources, "a.md", RESOURCE.replace("title: A guide", "title: Alpha"))
    library = load_resource_library(resources)
    district = load_library(ROOT / "plans").plan("sample-district-plan")
    assert district is not None
    assert [r.title for r in library.for_goal(district.goals[2])] == ["Alpha", "beta"]


def test_a_readme_and_gitkeep_may_stay_but_not_hold_a_resource(tmp_path: Path) -> None:
    resources = tmp_path / "resources"
    write(resources, ".gitkeep", "")
    write(resources, "README.md", RESOURCE)
    _, problems = load_resources(resources)
    assert [str(problem) for problem in problems] == [
        "resources/README.md: starts like a resource ('---'), but this name is kept for notes and never read "
        "as a resource: give the resource a file name of its own, like running-a-family-math-night.md"
    ]
    assert os.path.exists(resources / ".gitkeep")


def test_a_resource_needs_its_own_title_and_an_address_the_site_does_not_use(tmp_path: Path) -> None:
    folder = tmp_path / "resources"
    folder.mkdir()
    brief = (ROOT / "resources" / "attendance-and-family-engagement-brief.md").read_text(encoding="utf-8")
    (folder / "attendance-brief.md").write_text(brief, encoding="utf-8")
    (folder / "attendance-again.md").write_text(
        brief.replace(
            "title: Family Engagement and Student Attendance",
            "title: family engagement and  STUDENT attendance",
        ),
        encoding="utf-8",
    )
    (folder / "kinds.md").write_text(
        brief.replace("Student Attendance", "Attendance, Kinds"), encoding="utf-8"
    )
    _, problems = load_resources(folder, tmp_path)
    line = brief.splitlines().index("title: Family Engagement and Student Attendance") + 1
    assert [str(problem) for problem in problems] == [
        f"resources/attendance-brief.md:{line}: title: the same title as resources/attendance-again.md: "
        "each resource needs its own title",
        "resources/kinds.md: the file name 'kinds' is taken: /resources/kinds/ is one of the site's own "
        "addresses; name the file after the resource, like family-math-night-guide.md",
    ]
