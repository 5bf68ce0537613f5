"""The plan contract as data for the plan form in the browser (`/contribute/`).

The form checks a plan as the editor types, with the rules and the words of `make check`.
It cannot run this Python, so what it needs is handed to it as data made from the same
sources: the JSON Schema made from the model (`schema.plan_schema`, with each field's
label, its levels and where it is required), every spelling the vocabularies accept, the
aliases of the closed word lists and the limits. The few rules a schema cannot say are
written again in `plan-check.js`, and `tests/browser/test_plan_form.py` runs both sides
on the same plans to hold them together.

Each plan is also handed over as the data of its front matter, in the words the site
prints (`plan_data`), so that "Propose changes to this plan" opens the form filled in.
"""

from __future__ import annotations

import json
from typing import Any

from handbook.plans import limits, years
from handbook.plans.model import KIND_ALIASES, STATUS_ALIASES, Activity, Goal, Plan, PlanFrontMatter
from handbook.plans.schema import plan_schema
from handbook.vocabularies import fields
from handbook.vocabularies.audiences import AUDIENCE_GROUPS
from handbook.vocabularies.involvement import INVOLVEMENT_TYPES
from handbook.vocabularies.strategies import STRATEGIES
from handbook.vocabularies.vocabulary import Term, Vocabulary


def _vocabulary(vocabulary: Vocabulary[Any]) -> dict[str, Any]:
    return {
        "names": [term.name for term in vocabulary],
        "spellings": vocabulary.spellings(),
    }


def contract() -> dict[str, Any]:
    """What the form needs to know of the contract, the same for every plan."""
    return {
        "schema": plan_schema(),
        "vocabularies": {
            "strategies": _vocabulary(STRATEGIES),
            "type": _vocabulary(INVOLVEMENT_TYPES),
            "audience_groups": _vocabulary(AUDIENCE_GROUPS),
        },
        "aliases": {"status": STATUS_ALIASES, "kind": KIND_ALIASES},
        "limits": {
            "goals": limits.GOALS,
            "activities": limits.ACTIVITIES,
            "text": limits.TEXT_CHARACTERS,
            "prose_links": limits.PROSE_LINKS,
        },
        "years": {"example": years.EXAMPLE},
        # The introduction is the text after the front matter, not a schema field: its words here.
        "introduction": {
            "title": fields.PLAN["introduction"].label,
            "description": fields.PLAN["introduction"].hint,
        },
    }


def contract_script() -> str:
    payload = json.dumps(contract(), ensure_ascii=False, separators=(",", ":"))
    return f"window.handbookContract = {payload};\n"


def _value(value: Any) -> Any:
    """A field's value as a plan file writes it: a term by its name, a word by itself."""
    if isinstance(value, Term):
        return value.name
    if isinstance(value, list):
        return [_value(item) for item in value]
    return getattr(value, "value", value)


def _fields(model: PlanFrontMatter | Goal | Activity, *, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    """The fields a plan file gives, in the contract's order, without the ones left out."""
    data: dict[str, Any] = {}
    for name, field in type(model).model_fields.items():
        value = getattr(model, name)
        if name in skip or value is None or value == [] or value == field.default:
            continue
        if name == "goals":
            data[name] = [_fields(goal) for goal in value]
        elif name == "activities":
            data[name] = [_fields(activity) for activity in value]
        else:
            data[name] = _value(value)
    return data


def plan_data(plan: Plan) -> dict[str, Any]:
    """A plan as the form holds it: its file name, its front matter in the words the site
    prints (strategy and type names, `in progress`), and its introduction."""
    return {
        "slug": plan.slug,
        "front_matter": _fields(plan, skip=("slug", "source", "introduction")),
        "introduction": plan.introduction,
    }


def plan_data_script(plan: Plan) -> str:
    payload = json.dumps(plan_data(plan), ensure_ascii=False, separators=(",", ":"))
    return f"window.handbookPlanData = {payload};\n"
