"""The words for a plan's fields: one name per field, as the handbook's printed templates say it.

An editor meets a field in four places: the plan form, the plan's page, its goal template
page and the printed sheet. If each named it in its own words ("Responsible" on the form,
"Responsibilities" on the page, "Persons in charge and helping" on a school's sheet), the
editor could not tell that they are one field. So each field is named here once, in the
words of the template it prints on: the *Leadership Plan for Partnerships* (state and
district plans) and, where it words a field otherwise, the school's *One-Year Action Plan
for Partnerships*. The model takes its titles and descriptions from here (and with them the
JSON Schema and the form), the sheets their column headers, the pages their labels.

A hint is written for someone who has never seen YAML: what to put in the field, in the
template's words, not how a file spells it (CONTRIBUTING.md says that).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class FieldWords:
    """A field's name (`label`), a plain hint, the school template's name where it differs,
    and what the form asks for when a required field is left out (`missing`)."""

    label: str
    hint: str
    school_label: str | None = None
    missing: str | None = None

    def label_for(self, level: str | None) -> str:
        """The field's name on a plan of this level (`state`, `district` or `school`)."""
        return self.school_label if level == "school" and self.school_label else self.label

    def schema(self, **extra: Any) -> dict[str, Any]:
        """Keyword arguments for the model's `Field`: title, description, and the school's
        name and the missing-field words as schema extensions the form reads."""
        more = dict(extra)
        if self.school_label:
            more["x-labels"] = {"school": self.school_label}
        if self.missing:
            more["x-missing"] = self.missing
        return {
            "title": self.label,
            "description": self.hint,
            **({"json_schema_extra": more} if more else {}),
        }


PLAN = {
    "title": FieldWords("Title", "The plan's title, as printed on it.", missing="write the plan's title"),
    "level": FieldWords(
        "Level",
        "Whose plan it is: the state's, a district's or a school's. It decides which fields the plan has.",
        missing="choose the plan's level",
    ),
    "organization": FieldWords("Organization", "Who wrote the plan: the department, district or school."),
    "year": FieldWords("School year", "The school year the plan is for, like 2026-27."),
    "previous": FieldWords(
        "Previous year's plan", "The same organization's plan for an earlier year, where the handbook has it."
    ),
    "closing": FieldWords("Closing", "Shown after the goals: a last word, contacts, thanks."),
    "district": FieldWords("District", "School plans: the plan of the district the school belongs to."),
    "goals": FieldWords("Goals", "The goals, in order.", missing="add at least one goal"),
    "introduction": FieldWords("Introduction", "Shown before the goals: who wrote the plan, and for what."),
}
"""The plan's own fields (`introduction` is the text after the front matter)."""

GOAL = {
    "title": FieldWords("Goal", "The goal, as the plan words it.", missing="write the goal"),
    "kind": FieldWords(
        "Kind of goal", "School plans: academic, behavior or climate.", missing="choose the kind of goal"
    ),
    "strategies": FieldWords(
        "Leadership strategies",
        "The leadership strategies this goal uses (state and district plans).",
        missing="choose at least one leadership strategy",
    ),
    "audience": FieldWords(
        "Target audience",
        "Who the goal is for, in the plan's words (state and district plans).",
        missing="write the target audience",
    ),
    "audience_groups": FieldWords(
        "Audience groups",
        "Only where the target audience's words miss a group it reaches: "
        "the handbook finds the groups from those words otherwise.",
    ),
    "results": FieldWords("Desired results", "School plans: what the goal should achieve."),
    "measures": FieldWords(
        "How each result is measured", "School plans: how the school will know each result was reached."
    ),
    "activities": FieldWords("Activities", "The activities, in order.", missing="add at least one activity"),
}
"""A goal's fields."""

ACTIVITY = {
    "text": FieldWords("Activity", "What will be done, as the plan words it.", missing="write the activity"),
    "page": FieldWords(
        "Plan page",
        "Page 1: done at the plan's own level. Page 2: helps the level below (districts or schools) do it.",
    ),
    "dates": FieldWords("Dates", "When it takes place."),
    "responsible": FieldWords(
        "Responsibilities", "Who leads it, and who helps.", school_label="Persons in charge and helping"
    ),
    "expected_results": FieldWords("Expected results", "What it should achieve."),
    "costs": FieldWords("Costs", "What it costs, and where the money comes from."),
    "type": FieldWords(
        "Type of involvement",
        "School plans: which of the six types of involvement it is.",
        missing="choose the type of involvement",
    ),
    "grades": FieldWords("Grades", "School plans: the grades it involves, like K-2 or 3, 4, 5."),
    "preparations": FieldWords("Preparations needed", "School plans: what must be ready beforehand."),
    "status": FieldWords("Status", "Where it stands: planned, in progress, done or not done."),
    "outcome": FieldWords("Outcome", "What happened, and what it achieved."),
    "practice": FieldWords(
        "Promising practice",
        "Put it forward as a promising practice of the plan's school year (it needs an outcome and the year).",
    ),
}
"""An activity's fields."""

RESOURCE = {
    "title": FieldWords(
        "Title", "The resource's title, as printed on it.", missing="write the resource's title"
    ),
    "kind": FieldWords(
        "Kind of resource",
        "What it is: a guide, research brief, workshop materials, template or form, sample letter, video, "
        "presentation, or other.",
        missing="choose the kind of resource",
    ),
    "summary": FieldWords(
        "Summary", "One or two sentences on what it offers and who it helps.", missing="write a short summary"
    ),
    "strategies": FieldWords(
        "Leadership strategies",
        "The leadership strategies it helps carry out.",
        missing="choose at least one leadership strategy",
    ),
    "audience_groups": FieldWords("Audience groups", "Who it is for, if it is written for some groups."),
    "types": FieldWords("Types of involvement", "The types of involvement it helps with, if any."),
    "levels": FieldWords(
        "Levels",
        "Whose work it helps: the state's, districts' or schools'.",
        missing="choose at least one level",
    ),
    "grades": FieldWords("Grades", "The grades it concerns, like K-5 or 6-8, if it concerns some."),
    "year": FieldWords(
        "School year", "The school year it was made for, like 2026-27, if it was made for one."
    ),
    "languages": FieldWords(
        "Languages", "The languages it is written in (English unless you say otherwise)."
    ),
    "source": FieldWords(
        "Source", "The organization that made it or publishes it.", missing="name the organization it is from"
    ),
    "files": FieldWords(
        "Files",
        "The names of its files (PDF, Word, PowerPoint, Excel, PNG or JPEG), kept in the resource's own folder.",
    ),
    "link": FieldWords("Link", "Where it can be read on the web: an address that starts with https://."),
    "description": FieldWords(
        "Description", "Shown on the resource's page: what it holds, and how to use it."
    ),
}
"""A resource's fields (`description` is the text after the front matter)."""


def activity_label(field: str, level: str | None) -> str:
    """An activity field's name on a plan of this level, as its sheet prints it."""
    return ACTIVITY[field].label_for(level)


def goal_label(field: str, level: str | None) -> str:
    """A goal field's name on a plan of this level."""
    return GOAL[field].label_for(level)


_STEP = re.compile(r"([A-Za-z_][A-Za-z0-9_]*)(?:\[(\d+)\])?")


def field_in_words(path: str, level: str | None = None) -> tuple[str, str | None]:
    """Where a field path points, in words, and the field's name: `goals[2].activities[1].dates`
    -> ("Goal 2, activity 1", "Dates"). The name is None where the path ends in a key no plan
    has (a typo the message names), which a caller shows as the file writes it."""
    place: list[str] = []
    owner, label = PLAN, None
    for name, number in _STEP.findall(path):
        if number and name in ("goals", "activities"):
            place.append(f"Goal {number}" if name == "goals" else f"activity {number}")
            owner = GOAL if name == "goals" else ACTIVITY
            label = None
        else:  # a field, or an item of a list field (a strategy of `strategies`): the field
            words = owner.get(name)
            label = words.label_for(level) if words else None
    return ", ".join(place), label
