"""Loading plan files into the model: both activity forms, numbering, and the body."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from handbook.plans.loading import PlanErrors, load_library
from handbook.plans.model import Level


def write(folder: Path, name: str, text: str) -> None:
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")


PLAN = """
    ---
    title: A district plan
    level: District
    goals:
      - title: Goal one
        strategies: [Share knowledge]
        audience: Families
        activities:
          - Short form.
          - text: Long form.
            page: 2
            dates: 2026-09-01
            costs: none
    ---
    The introduction.
"""


def test_short_and_long_form_activities_load_in_order(tmp_path: Path) -> None:
    write(tmp_path, "a-plan.md", PLAN)
    (plan,) = load_library(tmp_path).plans
    assert plan.slug == "a-plan" and plan.source == "plans/a-plan.md"
    assert plan.level is Level.DISTRICT
    assert plan.introduction.strip() == "The introduction."
    first, second = plan.goals[0].activities
    assert (first.text, first.page, first.has_details) == ("Short form.", None, False)
    assert (second.text, second.page, second.dates, second.costs) == ("Long form.", 2, "2026-09-01", "none")


def test_yaml_dates_and_yes_no_stay_text(tmp_path: Path) -> None:
    write(tmp_path, "a-plan.md", PLAN.replace("costs: none", "costs: no"))
    activity = load_library(tmp_path).plans[0].goals[0].activities[1]
    assert activity.dates == "2026-09-01" and activity.costs == "no"


def test_yaml_times_and_merge_keys_stay_text(tmp_path: Path) -> None:
    """YAML 1.2's core schema, not 1.1's: `9:30` is not the number 570, `=` is not an error."""
    write(tmp_path, "a-plan.md", PLAN.replace("dates: 2026-09-01", "dates: 9:30").replace("none", "="))
    activity = load_library(tmp_path).plans[0].goals[0].activities[1]
    assert activity.dates == "9:30" and activity.costs == "="


def test_a_plan_saved_with_windows_line_ends_loads(tmp_path: Path) -> None:
    tmp_path.mkdir(exist_ok=True)
    text = textwrap.dedent(PLAN).lstrip().replace("\n", "\r\n")
    (tmp_path / "a-plan.md").write_bytes(text.encode("utf-8"))
    (plan,) = load_library(tmp_path).plans
    assert plan.goals[0].activities[1].dates == "2026-09-01"
    assert plan.introduction.strip() == "The introduction."


def test_every_problem_in_every_file_is_reported_at_once(tmp_path: Path) -> None:
    write(
        tmp_path,
        "one.md",
        PLAN.replace("audience: Families\n        ", "").replace("Share knowledge", "Share knowlege"),
    )
    write(
        tmp_path,
        "two.md",
        PLAN.replace("level: District", "level: distric").replace("title: A district", "title: B"),
    )
    with pytest.raises(PlanErrors) as raised:
        load_library(tmp_path)
    assert str(raised.value).splitlines() == [
        "plans/one.md:5: goals[1].audience: required",
        "plans/one.md:6: goals[1].strategies[1]: unknown strategy 'Share knowlege'; did you mean "
        "'Share knowledge'? (the six are: Create awareness, Align program and policy, Guide learning "
        "and program development, Document progress and evaluate outcomes, Share knowledge, "
        "Celebrate milestones)",
        "plans/two.md:3: level: must be one of state, district, school; did you mean 'district'?",
    ]


def test_a_goal_naming_one_strategy_twice_is_told_so(tmp_path: Path) -> None:
    """Both printed spellings of a two-part name are the same strategy."""
    twice = "[Align program and policy, Share knowledge, align policy and program]"
    write(tmp_path, "a-plan.md", PLAN.replace("[Share knowledge]", twice))
    with pytest.raises(PlanErrors) as raised:
        load_library(tmp_path)
    assert str(raised.value).splitlines() == [
        "plans/a-plan.md:6: goals[1].strategies: names 'Align program and policy' twice; list each strategy once"
    ]


def test_a_misspelled_level_is_the_one_problem_reported_not_a_guess_at_others(tmp_path: Path) -> None:
    """A school plan's goals leave out strategies; with its level misspelled, the level is
    what is wrong, not the strategies a state or district plan would need."""
    school = PLAN.replace("level: District", "level: shcool").replace(
        "    strategies: [Share knowledge]\n    ", ""
    )
    write(tmp_path, "a-plan.md", school)
    with pytest.raises(PlanErrors) as raised:
        load_library(tmp_path)
    assert str(raised.value).splitlines() == [
        "plans/a-plan.md:3: level: must be one of state, district, school; did you mean 'school'?"
    ]


def test_a_goal_may_name_its_audience_groups_where_matching_misses(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a-plan.md",
        PLAN.replace(
            "audience: Families",
            "audience: Title I coordinators\n        audience_groups: [district leaders, ATPs]",
        ),
    )
    library = load_library(tmp_path)
    goal = library.plans[0].goals[0]
    assert [group.slug for group in library.groups_of(goal)] == [
        "district-leaders",
        "action-teams-for-partnerships",
    ]
    assert library.notices == ()


def test_audience_groups_are_checked_with_did_you_mean(tmp_path: Path) -> None:
    write(
        tmp_path,
        "a-plan.md",
        PLAN.replace(
            "audience: Families", "audience: Families\n        audience_groups: [Familes, Families, Families]"
        ),
    )
    with pytest.raises(PlanErrors) as raised:
        load_library(tmp_path)
    lines = str(raised.value).splitlines()
    assert lines[0].startswith(
        "plans/a-plan.md:8: goals[1].audience_groups[1]: unknown audience group 'Familes'; did you mean 'Families'? "
        "(the groups are: Families, Students, Teachers and school staff,"
    )


def test_a_goal_that_reaches_no_group_is_a_notice_not_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a-plan.md", PLAN.replace("audience: Families", "audience: Title I coordinators"))
    library = load_library(tmp_path)
    (notice,) = library.notices
    assert str(notice).startswith(
        "plans/a-plan.md:7: goals[1].audience: notice: reaches no audience group, so the goal is listed "
        "under Other audiences; if it reaches some, name them with audience_groups: [...]"
    )
    (other,) = [audience for audience in library.audiences() if audience.group is None]
    assert (other.slug, other.name) == ("other", "Other audiences")
