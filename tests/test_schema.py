"""The JSON Schema for editors agrees with the validator and is published with the site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from handbook.plans.model import Level
from handbook.plans.schema import SCHEMA_PATH, plan_schema, schema_text
from handbook.resources.loading import load_resources
from handbook.resources.model import ResourceKind
from handbook.resources.schema import SCHEMA_PATH as RESOURCE_SCHEMA_PATH
from handbook.resources.schema import resource_schema
from handbook.resources.schema import schema_text as resource_schema_text
from handbook.vocabularies import fields
from tests.support.project import ROOT, Site
from tests.support.synthetic import write_resources
from tests.test_resources import CORPUS as RESOURCE_CORPUS
from tests.test_validation import CORPUS

SCHEMA = json.loads((ROOT / SCHEMA_PATH).read_text("utf-8"))


def front_matter(path: Path) -> Any:
    return yaml.safe_load(path.read_text("utf-8").split("---\n")[1])


def test_the_committed_schema_is_the_one_the_model_makes() -> None:
    assert (ROOT / SCHEMA_PATH).read_text("utf-8") == schema_text(), "run `make schema` and commit the result"
    jsonschema.Draft202012Validator.check_schema(plan_schema())


@pytest.mark.parametrize("plan", sorted((ROOT / "plans").glob("*.md")), ids=lambda p: p.name)
def test_every_real_plan_passes_the_schema(plan: Path) -> None:
    jsonschema.validate(front_matter(plan), SCHEMA)


@pytest.mark.parametrize(
    "name",
    [
        "unknown-key.md",
        "bad-level.md",
        "bad-page.md",
        "wrong-types.md",
        "empty-lists.md",
        "three-problems.md",
    ],
)
def test_plans_the_validator_rejects_the_schema_rejects_too(name: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(front_matter(CORPUS / name), SCHEMA)


def test_plan_files_name_the_schema_for_their_editors() -> None:
    for plan in (ROOT / "plans").glob("*.md"):
        assert plan.read_text("utf-8").splitlines()[1] == f"# yaml-language-server: $schema=../{SCHEMA_PATH}"


def test_the_site_publishes_the_schemas(sample_site: Site) -> None:
    assert json.loads(sample_site.path(SCHEMA_PATH).read_text("utf-8")) == SCHEMA
    resource_schema = (ROOT / RESOURCE_SCHEMA_PATH).read_text("utf-8")
    assert sample_site.path(RESOURCE_SCHEMA_PATH).read_text("utf-8") == resource_schema


# The resources' schema (issue 30), made from the resource model as the plans' is from the plan model.

RESOURCE_SCHEMA = json.loads((ROOT / RESOURCE_SCHEMA_PATH).read_text("utf-8"))


def test_the_committed_resource_schema_is_the_one_the_model_makes() -> None:
    assert (ROOT / RESOURCE_SCHEMA_PATH).read_text("utf-8") == resource_schema_text(), (
        "run `make schema` and commit the result"
    )
    jsonschema.Draft202012Validator.check_schema(resource_schema())


def test_the_resource_schema_names_each_field_in_its_words() -> None:
    properties = RESOURCE_SCHEMA["properties"]
    assert set(properties) == set(fields.RESOURCE) - {"description"}
    for name, words in fields.RESOURCE.items():
        if name in properties:
            assert (properties[name]["title"], properties[name]["description"]) == (words.label, words.hint)
            assert properties[name].get("x-missing") == words.missing
    assert RESOURCE_SCHEMA["required"] == ["title", "kind", "summary", "strategies", "levels", "source"]


@pytest.mark.parametrize("resource", sorted((ROOT / "resources").glob("*.md")), ids=lambda p: p.name)
def test_every_real_resource_passes_the_resource_schema(resource: Path) -> None:
    if resource.name == "README.md":
        return
    jsonschema.validate(front_matter(resource), RESOURCE_SCHEMA)


@pytest.mark.parametrize(
    "name",
    [
        "unknown-kind.md",
        "unknown-key.md",
        "http-link.md",
        "javascript-link.md",
        "no-files-no-link.md",
        "unsafe-types.md",
        "bad-names.md",
    ],
)
def test_resources_the_validator_rejects_the_schema_rejects_too(name: str) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(front_matter(RESOURCE_CORPUS / name), RESOURCE_SCHEMA)


@pytest.mark.parametrize(
    ("change", "valid"),
    [
        ({}, True),
        ({"link": "HTTPS://www.example.org/a b"}, False),
        ({"link": "https://www.example.org/a?b=c#d"}, True),
        ({"link": None}, False),
        ({"link": None, "files": ["handout.PDF", "slides.pptx", "photo.jpeg"]}, True),
        ({"link": None, "files": []}, False),
        ({"files": ["notes.txt"]}, False),
        ({"files": ["-x.pdf"]}, False),
        ({"kind": "Research-Brief"}, True),
    ],
)
def test_the_resource_schema_says_links_file_names_and_files_or_link(
    change: dict[str, Any], valid: bool
) -> None:
    resource: dict[str, Any] = {
        "title": "A guide",
        "kind": "guide",
        "summary": "What it offers.",
        "strategies": ["Share knowledge"],
        "levels": ["district"],
        "source": "A district",
        "link": "https://www.example.org/",
        **change,
    }
    resource = {key: value for key, value in resource.items() if value is not None}
    errors = list(jsonschema.Draft202012Validator(RESOURCE_SCHEMA).iter_errors(resource))
    assert (errors == []) is valid, errors


def test_the_bench_s_synthetic_resources_are_valid_and_varied(tmp_path: Path) -> None:
    """`write_resources` (the bench's corpus, one resource for five plans) writes resources the
    validator and the schema both take, of every kind, with files and links."""
    paths = write_resources(tmp_path / "resources", 120, seed=7)
    resources, problems = load_resources(tmp_path / "resources")
    assert problems == [] and len(resources) == len(paths) == 120
    for path in paths:
        jsonschema.validate(front_matter(path), RESOURCE_SCHEMA)
    assert {resource.kind for resource in resources} == set(ResourceKind)
    with_files = [resource for resource in resources if resource.attachments]
    assert 0 < len(with_files) < len(resources) // 2
    assert all(a.type_label == "PDF" and a.size < 10_000 for r in with_files for a in r.attachments)
    assert sum(resource.link is not None for resource in resources) > len(resources) * 0.7
    assert any(resource.languages != ["English"] for resource in resources)
    assert {level for resource in resources for level in resource.levels} == set(Level)
    assert write_resources(tmp_path / "again", 120, seed=7) and all(
        (tmp_path / "again" / path.name).read_bytes() == path.read_bytes() for path in paths
    )
