"""The JSON Schema of plan front matter, for editors' tools, made from the pydantic model.

`python -m handbook.plans.schema` prints it; `make schema` writes `schema/plan.schema.json`,
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


def plan_schema() -> dict[str, Any]:
    schema = PlanFrontMatter.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "title": "Partnerships Handbook plan",
        "description": "The YAML front matter of a plan file in plans/ (see CONTRIBUTING.md).",
        **{key: value for key, value in schema.items() if key not in ("title", "description")},
    }


def schema_text() -> str:
    return json.dumps(plan_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    sys.stdout.write(schema_text())
