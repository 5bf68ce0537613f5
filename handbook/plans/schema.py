"""The JSON Schema of plan front matter, for editors' tools, made from the pydantic model.

`python -m handbook.plans.schema` prints it; `make schema` writes `schema/plan.schema.json`
(and the resources' schema beside it, `handbook.resources.schema`),
which plan files name in their first front-matter line so that editors with a YAML
language server get completion and inline errors. A test fails when the committed
file and the model disagree, and the site publishes the same schema.

Rules that depend on other fields (school plans need a goal `kind`; state and
district plans need `strategies` and `audience`) are checked by the validator, not
by the schema, which stays permissive there.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from handbook.plans.model import PlanFrontMatter

SCHEMA_PATH = "schema/plan.schema.json"


def framed(schema: dict[str, Any], title: str, description: str) -> dict[str, Any]:
    """A model's JSON Schema as a document editors' tools read: the draft it follows, and a
    title and description for editors in place of the model's docstring (written for
    maintainers). Shared with the resource schema (`handbook.resources.schema`)."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": title,
        "description": description,
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


def as_text(schema: dict[str, Any]) -> str:
    """A schema as its committed file holds it: indented, UTF-8 as written, a final newline."""
    return json.dumps(schema, indent=2, ensure_ascii=False) + "\n"


def plan_schema() -> dict[str, Any]:
    return framed(
        PlanFrontMatter.model_json_schema(),
        "Partnerships Handbook plan",
        "The YAML front matter of a plan file in plans/ (see CONTRIBUTING.md).",
    )


def schema_text() -> str:
    return as_text(plan_schema())


if __name__ == "__main__":
    sys.stdout.write(schema_text())
