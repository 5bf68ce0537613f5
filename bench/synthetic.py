"""Synthetic plans that follow the plan contract, for benchmarks at state scale.

Each plan has 3 goals of 5 activities, half of them in long form with template
details, like a state e-library's district and school plans. The content is made
from fixed word lists with a seeded generator, so every run writes the same files.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from handbook.strategies import STRATEGIES

LEVELS = ["district"] * 7 + ["school"] * 2 + ["state"]
PLACES = [
    "Adams", "Baker", "Cedar", "Dover", "Elm", "Fairview", "Granite", "Harbor", "Iris", "Juniper",
    "Kent", "Lakeside", "Maple", "North", "Oak", "Pine", "Quarry", "River", "Summit", "Union",
    "Valley", "Willow", "York", "Zion",
]  # fmt: skip
AUDIENCES = [
    "All school principals, teachers, other groups",
    "ATPs in all preschools and elementary, middle, and high schools",
    "Families of students in grades K-5",
    "District leaders for partnerships",
    "Community partners and local businesses",
    "Teachers and counselors in middle schools",
    "Parents of English learners",
    "School board members",
    "High school students and their families",
    "Title I coordinators",
]
VERBS = [
    "Provide",
    "Conduct",
    "Organize",
    "Publish",
    "Review",
    "Award",
    "Train",
    "Share",
    "Celebrate",
    "Collect",
]
OBJECTS = [
    "workshops on family engagement for student success",
    "small grants for school-based partnership activities",
    "a newsletter about partnership practices in every school",
    "quarterly cluster meetings with Action Teams for Partnerships",
    "an evaluation of each school's One-Year Action Plan",
    "a website and e-library of promising practices",
    "an end-of-year celebration of partnership milestones",
    "training for new principals on partnership policy",
]
AUDIENCE_GROUPS = ["all schools", "new ATP members", "family liaisons", "community partners"]
GRADES = ["K-2", "3-5", "K-5", "6-8", "9-12", "All grades"]


def plan_front_matter(index: int, rng: random.Random) -> dict[str, object]:
    place = f"{PLACES[index % len(PLACES)]} {index // len(PLACES) + 1}"
    level = LEVELS[index % len(LEVELS)]
    strategies = [s.name for s in STRATEGIES]
    goals = []
    for goal_number in range(1, 4):
        activities: list[object] = []
        for number in range(1, 6):
            text = (
                f"{rng.choice(VERBS)} {rng.choice(OBJECTS)} for {rng.choice(AUDIENCE_GROUPS)} "
                f"(goal {goal_number}, step {number})."
            )
            if level == "school":  # school activities name their type of involvement
                activities.append({"text": text, "type": rng.randint(1, 6), "grades": rng.choice(GRADES)})
            elif number % 2:
                activities.append(text)
            else:
                activities.append(
                    {
                        "text": text,
                        "page": 1 + number % 4 // 2,
                        "dates": f"Month {number + goal_number}",
                        "responsible": "Leader for partnerships and ATP chairs",
                        "expected_results": "More families take part, as shown by sign-in sheets and surveys.",
                        "costs": f"${100 * number * goal_number}",
                    }
                )
        goal: dict[str, object] = {
            "title": f"Goal {goal_number} of {place}: strengthen partnerships for student success.",
            "strategies": rng.sample(strategies, 2),
            "audience": rng.choice(AUDIENCES),
            "activities": activities,
        }
        if level == "school":
            goal["kind"] = ["academic", "behavior", "climate"][goal_number - 1]
        goals.append(goal)
    return {
        "title": f"{place} {level.capitalize()} Leadership Plan for Partnerships",
        "level": level,
        "organization": f"{place} {'Public Schools' if level != 'state' else 'Department of Education'}",
        "goals": goals,
    }


def write_plans(folder: Path, count: int, seed: int = 2026) -> list[Path]:
    """Write `count` plans as `plan-0001.md`... into `folder` and return their paths."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for index in range(count):
        front = yaml.safe_dump(plan_front_matter(index, rng), sort_keys=False, allow_unicode=True, width=1000)
        path = folder / f"plan-{index + 1:04d}.md"
        path.write_text(f"---\n{front}---\nThe plan of a synthetic organization, for benchmarks.\n", "utf-8")
        paths.append(path)
    return paths
