"""The JSON Schema for editors agrees with the validator and is published with the site."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from handbook.plans.schema import SCHEMA_PATH, plan_schema, schema_text
from tests.support.project import ROOT, Site
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


def test_the_site_publishes_the_schema(sample_site: Site) -> None:
    assert json.loads(sample_site.path(SCHEMA_PATH).read_text("utf-8")) == SCHEMA
