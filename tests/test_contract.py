"""The contract the plan form reads (`handbook.browser.contract`) says what the validator says: the
levels and required fields noted in the schema, a schema no stricter than the validator,
and each plan handed over as data that validates to the same plan."""

from __future__ import annotations

import copy
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from handbook.browser.contract import contract, plan_data
from handbook.plans.loading import load_library
from handbook.plans.messages import field_path, validation_message
from handbook.plans.model import Level, validate_front_matter
from handbook.plans.schema import plan_schema
from handbook.vocabularies.involvement import INVOLVEMENT_TYPES
from tests.support.project import ROOT

SCHEMA = plan_schema()
DEFS = SCHEMA["$defs"]


def minimal(level: str) -> dict[str, Any]:
    """A valid plan of the level, with every field the level requires."""
    goal: dict[str, Any] = {"title": "A goal", "activities": [{"text": "An activity"}]}
    if level == "school":
        goal["kind"] = "academic"
        goal["activities"][0]["type"] = "Parenting"
    else:
        goal |= {"strategies": ["Create awareness"], "audience": "Families"}
    return {"title": "A plan", "level": level, "goals": [goal]}


def problems(data: dict[str, Any]) -> dict[str, str]:
    try:
        validate_front_matter(data)
    except ValidationError as error:
        return {field_path(tuple(e["loc"])): validation_message(e) for e in error.errors()}
    return {}


WHERE = {
    "plan": ((), SCHEMA),
    "goal": (("goals", 0), DEFS["Goal"]),
    "activity": (("goals", 0, "activities", 0), DEFS["Activity"]),
}


def place(data: dict[str, Any], at: tuple[Any, ...]) -> dict[str, Any]:
    for step in at:
        data = data[step]
    return data


@pytest.mark.parametrize("level", [level.value for level in Level])
@pytest.mark.parametrize("where", WHERE)
def test_the_fields_the_schema_says_a_level_requires_are_the_ones_the_validator_requires(
    level: str, where: str
) -> None:
    at, owner = WHERE[where]
    for name, field in owner["properties"].items():
        data = copy.deepcopy(minimal(level))
        place(data, at).pop(name, None)
        path = field_path((*at, name))
        required = level in field.get("x-required-in", []) or name in owner.get("required", [])
        if required:
            assert problems(data).get(path, "").startswith("required"), path
        else:
            assert path not in problems(data), path


def test_fields_noted_for_school_plans_only_are_the_ones_the_form_hides_elsewhere() -> None:
    noted = {
        name
        for owner in (SCHEMA, DEFS["Goal"], DEFS["Activity"])
        for name, field in owner["properties"].items()
        if field.get("x-levels") == ["school"]
    }
    assert noted == {"district", "kind", "results", "measures", "type", "grades", "preparations"}
    # where the validator refuses them outside school plans, it says so
    district = minimal("district") | {"district": "sample-district-plan"}
    assert problems(district) == {"district": "only school plans name their district"}
    district["goals"][0]["kind"] = "academic"
    assert problems(district)["goals[1].kind"] == "only goals of school plans have a kind"


WRITTEN_AS_PEOPLE_DO: list[tuple[str, Any, Any]] = [
    ("level", "State", None),
    ("level", " district ", None),
    ("kind", "Academic", "school"),
    ("kind", "behaviour", "school"),
    ("grades", 7, "school"),
    ("page", "1", None),
    ("page", 2, None),
    ("type", "2. Communicating", "school"),
    ("type", 4, "school"),
    ("status", "In-Progress", None),
    ("status", "completed", None),
]


def written(name: str, value: Any, level: str | None) -> dict[str, Any]:
    data = minimal(level or "state")
    if name == "level":
        data = minimal(value.strip().lower()) | {"level": value}
    elif name == "kind":
        data["goals"][0]["kind"] = value
    else:
        data["goals"][0]["activities"][0][name] = value
    return data


@pytest.mark.parametrize(("name", "value", "level"), WRITTEN_AS_PEOPLE_DO)
def test_the_schema_refuses_nothing_the_validator_accepts(name: str, value: Any, level: str | None) -> None:
    data = written(name, value, level)
    assert problems(data) == {}
    jsonschema.validate(data, SCHEMA)


def test_a_type_written_with_its_number_is_read_only_when_both_agree() -> None:
    data = written("type", "2. Communicating", "school")
    assert validate_front_matter(data).goals[0].activities[0].type == INVOLVEMENT_TYPES.match("Communicating")
    data["goals"][0]["activities"][0]["type"] = "3. Communicating"
    message = problems(data)["goals[1].activities[1].type"]
    assert message.startswith("unknown type of involvement '3. Communicating'; did you mean 'Communicating'?")


def test_a_page_in_quotes_is_read_and_other_text_says_what_to_write() -> None:
    data = written("page", "2", None)
    assert validate_front_matter(data).goals[0].activities[0].page == 2
    data["goals"][0]["activities"][0]["page"] = "page one"
    assert problems(data) == {"goals[1].activities[1].page": "must be 1 or 2, not 'page one'"}


def test_every_plan_handed_to_the_form_validates_to_the_same_plan() -> None:
    library = load_library(ROOT / "plans")
    for plan in library.plans:
        data = plan_data(plan)
        assert data["slug"] == plan.slug
        again = validate_front_matter(data["front_matter"])
        assert again.model_dump() == plan.model_dump(exclude={"slug", "source", "introduction"})
        jsonschema.validate(data["front_matter"], SCHEMA)


def test_the_contract_carries_every_spelling_the_vocabularies_accept() -> None:
    spellings = contract()["vocabularies"]["strategies"]["spellings"]
    assert spellings["align policy and program"] == "Align program and policy"
    assert contract()["vocabularies"]["type"]["spellings"]["2"] == "Communicating"
