"""`make new-resource` starts a resource that is valid as written and says where its files go."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path
from urllib.parse import unquote

import jsonschema
import pytest
import yaml

from handbook.resources.loading import load_resources
from handbook.resources.model import ResourceKind
from handbook.resources.schema import SCHEMA_PATH
from handbook.vocabularies.audiences import AUDIENCE_GROUPS
from handbook.vocabularies.strategies import STRATEGIES
from tests.support.project import ROOT

KINDS = (
    "guide, research brief, workshop materials, template or form, sample letter, video, presentation, other"
)


def new_resource(folder: Path, slug: str, kind: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["make", "-s", "-f", str(ROOT / "Makefile"), "new-resource", f"SLUG={slug}", f"KIND={kind}",
         f"VENV={ROOT / '.venv'}"],
        cwd=folder, capture_output=True, text=True, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("kind", list(ResourceKind), ids=lambda kind: kind.slug)
def test_a_new_resource_is_valid_as_written(tmp_path: Path, kind: ResourceKind) -> None:
    result = new_resource(tmp_path, f"my-{kind.slug}", kind.value)
    assert result.returncode == 0, result.stderr
    path = tmp_path / "resources" / f"my-{kind.slug}.md"  # the folder is made where there was none
    resources, problems = load_resources(tmp_path / "resources")
    assert problems == []
    (resource,) = resources
    assert (resource.slug, resource.kind, resource.files) == (f"my-{kind.slug}", kind, [])
    assert resource.link is not None and resource.link.startswith("https://")
    text = path.read_text("utf-8")
    assert text.splitlines()[1] == f"# yaml-language-server: $schema=../{SCHEMA_PATH}"
    assert all(f"#   {strategy.name}\n" in text for strategy in STRATEGIES)
    assert all(group.name in " ".join(text.replace("#  ", "").split()) for group in AUDIENCE_GROUPS)
    schema = json.loads((ROOT / SCHEMA_PATH).read_text("utf-8"))
    jsonschema.validate(yaml.safe_load(text.split("---\n")[1]), schema)
    assert f"Wrote resources/my-{kind.slug}.md" in result.stdout
    if kind is ResourceKind.VIDEO:
        assert "A video belongs on the web" in result.stdout
    else:
        assert f"go in resources/my-{kind.slug}/, each listed under files:" in result.stdout


def test_the_files_it_shows_are_where_they_go(tmp_path: Path) -> None:
    """Doing what the new file says (the file in `resources/<slug>/`, listed under `files:`,
    no link) makes a valid resource with that file."""
    assert new_resource(tmp_path, "family-handout", "template or form").returncode == 0
    path = tmp_path / "resources" / "family-handout.md"
    text = path.read_text("utf-8")
    assert "#   - family-handout.pdf\n" in text and "resources/family-handout/" in text
    text = text.replace("# files:\n#   - family-handout.pdf\n", "files:\n  - family-handout.pdf\n")
    path.write_text(
        "\n".join(line for line in text.splitlines() if not line.startswith("link:")) + "\n", "utf-8"
    )
    (tmp_path / "resources" / "family-handout").mkdir()
    (tmp_path / "resources" / "family-handout" / "family-handout.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (resource,), problems = load_resources(tmp_path / "resources")
    assert problems == []
    assert (resource.link, [file.name for file in resource.attachments]) == (None, ["family-handout.pdf"])


@pytest.mark.parametrize(("kind", "read"), [("Research-Brief", "research brief"), ("slides", "presentation"),
                                            ("  Sample   Letter ", "sample letter")])  # fmt: skip
def test_a_kind_is_read_as_a_resource_writes_it(tmp_path: Path, kind: str, read: str) -> None:
    assert new_resource(tmp_path, "a-resource", kind).returncode == 0
    (resource,), _ = load_resources(tmp_path / "resources")
    assert resource.kind.value == read


def test_an_existing_resource_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "resources").mkdir()
    (tmp_path / "resources" / "taken.md").write_text("mine")
    result = new_resource(tmp_path, "taken", "guide")
    assert result.returncode != 0 and "resources/taken.md already exists" in result.stderr
    assert (tmp_path / "resources" / "taken.md").read_text() == "mine"


@pytest.mark.parametrize(
    ("slug", "kind", "message"),
    [("My Guide", "guide", "SLUG='My Guide': use lowercase letters"), ("", "guide", "use lowercase letters"),
     ("../x", "guide", "use lowercase letters"),
     ("ok", "reserch brief", f"KIND='reserch brief': must be one of {KINDS}; did you mean 'research brief'?"),
     ("ok", "handout", f"KIND='handout': must be one of {KINDS}\n"), ("ok", "", "must be one of")],
)  # fmt: skip
def test_a_bad_slug_or_kind_is_refused_plainly(tmp_path: Path, slug: str, kind: str, message: str) -> None:
    result = new_resource(tmp_path, slug, kind)
    assert result.returncode != 0 and message in result.stderr
    assert not (tmp_path / "resources").exists()


def test_the_plan_form_page_offers_a_ready_made_resource_that_is_valid(tmp_path: Path) -> None:
    """`/contribute/`'s "Propose a resource" gives a text to copy and a link to GitHub's new-file
    page filled with the same text: both are a resource `make check` takes as it is."""
    page = (ROOT / "docs" / "contribute.md").read_text("utf-8")
    section = page.split("\n## Propose a resource\n", 1)[1].split("\n## ", 1)[0]
    shown = section.split("The ready-made text", 1)[1].split(":\n\n", 1)[1]
    text = "".join(line.removeprefix("    ") for line in shown.splitlines(True)).strip("\n") + "\n"
    (link,) = re.findall(
        r"\{\{ repository\('resources', 'new'\) \}\}\?filename=my-resource\.md&value=([^)\s]+)\)", section
    )
    assert unquote(link) == text
    write = tmp_path / "resources" / "my-resource.md"
    write.parent.mkdir()
    write.write_text(text, "utf-8")
    (resource,), problems = load_resources(tmp_path / "resources")
    assert problems == []
    assert resource.link is not None and resource.link.startswith("https://")
    for field in ("title", "kind", "summary", "strategies", "audience_groups", "levels", "source", "link"):
        assert f"| `{field}:` |" in section  # each line of the text is explained
