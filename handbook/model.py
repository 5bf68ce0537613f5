"""The plan model: what a plan file may say, validated, as typed objects.

These pydantic models are the single source of truth for the plan file contract:
`loading` validates front matter with them (their error locations become the
`goals[2].audience` paths editors see), and the JSON Schema for editors' tools is
generated from `PlanFrontMatter`, so the schema and the validator cannot drift.
"""

from __future__ import annotations

import difflib
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    StringConstraints,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema, PydanticCustomError

from handbook.strategies import STRATEGIES, Strategy

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]
"""A required piece of text: surrounding spaces are dropped and it may not be empty."""


class Level(StrEnum):
    """Whose plan it is. The order is the handbook's, from the state down to schools."""

    STATE = "state"
    DISTRICT = "district"
    SCHOOL = "school"

    @property
    def label(self) -> str:
        return self.value.capitalize()

    @property
    def level_below(self) -> str:
        """Who page 2 of a Leadership Plan builds capacity for."""
        return {"state": "districts", "district": "schools", "school": "classrooms"}[self.value]


def _level(value: Any) -> Any:
    if isinstance(value, str):
        folded = value.strip().casefold()
        for level in Level:
            if folded == level.value:
                return level
        names = [level.value for level in Level]
        close = difflib.get_close_matches(folded, names, n=1, cutoff=0.5)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        raise PydanticCustomError(
            "level", "must be one of {names}{hint}", {"names": ", ".join(names), "hint": hint}
        )
    return value


def _strategy(value: Any) -> Any:
    if isinstance(value, str):
        strategy = STRATEGIES.match(value)
        if strategy is None:
            suggestion = STRATEGIES.suggest(value)
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            raise PydanticCustomError(
                "strategy",
                "unknown strategy '{value}'{hint} (the six are: {names})",
                {"value": value, "hint": hint, "names": ", ".join(s.name for s in STRATEGIES)},
            )
        return strategy
    raise PydanticCustomError("string_type", "Input should be a valid string")


def _short_form(value: Any) -> Any:
    """An activity written as plain text is the long form with only `text`."""
    return {"text": value} if isinstance(value, str) else value


class _Strict(BaseModel):
    """Unknown keys are errors (they catch typos such as `resposible`); nothing is coerced."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Activity(_Strict):
    """One numbered activity of a goal, with the template's optional details."""

    text: Text = Field(description="What will be done, as the plan words it.")
    page: Literal[1, 2] | None = Field(
        default=None,
        description="1 = conducted at the plan's own level; 2 = builds capacity of the level below.",
    )
    dates: Text | None = Field(default=None, description="When it takes place.")
    responsible: Text | None = Field(default=None, description="Who is responsible.")
    expected_results: Text | None = Field(default=None, description="What it should achieve.")
    costs: Text | None = Field(default=None, description="Costs and where the money comes from.")

    @property
    def has_details(self) -> bool:
        return any((self.dates, self.responsible, self.expected_results, self.costs))


StrategyName = Annotated[
    Strategy,
    BeforeValidator(_strategy),
    WithJsonSchema(
        {
            "type": "string",
            "description": "One of the six leadership strategies (any case; two-part names in either order).",
            "examples": [s.name for s in STRATEGIES],
        }
    ),
]


class _ShortOrLongForm:
    """JSON Schema for an activity entry: the short form (text) or the long form (mapping)."""

    @staticmethod
    def __get_pydantic_json_schema__(
        core_schema: CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        short = {"type": "string", "minLength": 1, "description": "Short form: the activity's text."}
        return {"anyOf": [short, handler(core_schema)]}


ActivityEntry = Annotated[Activity, BeforeValidator(_short_form), _ShortOrLongForm()]


class Goal(_Strict):
    """A goal of a plan: the strategies it uses, who it addresses, and its activities in order."""

    title: Text = Field(description="The goal, as the plan words it.")
    strategies: list[StrategyName] = Field(
        min_length=1, description="The leadership strategies this goal uses."
    )
    audience: Text = Field(description="The target audience, as written.")
    activities: list[ActivityEntry] = Field(
        min_length=1, description="The activities, in order; short or long form."
    )


LevelName = Annotated[
    Level,
    BeforeValidator(_level),
    WithJsonSchema({"type": "string", "enum": [level.value for level in Level]}),
]


class PlanFrontMatter(_Strict):
    """The YAML front matter of a plan file: the contract editors write to."""

    title: Text = Field(description="The plan's title, as printed.")
    level: LevelName = Field(description="state, district or school.")
    organization: Text | None = Field(default=None, description="Whose plan it is.")
    closing: Text | None = Field(default=None, description="Markdown shown after the goals.")
    goals: list[Goal] = Field(min_length=1, description="The goals, in order.")


class Plan(PlanFrontMatter):
    """A validated plan with what its file adds to the front matter.

    `slug` is the file name without `.md` (it makes the plan's URL), `source` the
    file's path as editors know it (`plans/<slug>.md`), `introduction` the Markdown
    body after the front matter.
    """

    slug: str
    source: str
    introduction: str = ""

    @property
    def activity_count(self) -> int:
        return sum(len(goal.activities) for goal in self.goals)
