"""The baseline: the same pages written by hand as Markdown for a plain Material site.

What a publisher would get without this project: every plan page, goal page and
strategy page as a Markdown file (tables as Markdown tables), built by MkDocs with
Material and its search plugin, and a navigation that lists only the home page.
"""

from __future__ import annotations

from pathlib import Path

from handbook.library import GoalRef, Library

CONFIG = """\
site_name: Baseline handbook
theme:
  name: material
  font: false
plugins:
  - search
markdown_extensions:
  - attr_list
  - tables
nav:
  - Home: index.md
validation:
  nav:
    omitted_files: ignore
"""

COLUMNS = "| Activities | Dates | Responsibilities | Expected results | Costs |\n|---|---|---|---|---|\n"


def _cell(text: str | None) -> str:
    return (text or "").replace("|", "\\|")


def plan_markdown(library: Library, slug: str) -> str:
    plan = next(p for p in library.plans if p.slug == slug)
    lines = [f"# {plan.title}", "", plan.introduction, ""]
    for number, goal in enumerate(plan.goals, start=1):
        strategies = ", ".join(f"[{s.name}](../../strategies/{s.slug}.md)" for s in goal.strategies)
        lines += [
            f"## Goal {number}. {goal.title} {{#goal-{number}}}",
            "",
            f"**Strategies:** {strategies}",
            "",
        ]
        lines += [f"**Target audience:** {goal.audience}", "", "### Sample activities", ""]
        lines += [f"{m}. {a.text}" for m, a in enumerate(goal.activities, start=1)]
        lines += ["", f"[Goal {number} on the template](goal-{number}.md)", ""]
    return "\n".join(lines)


def goal_markdown(ref: GoalRef) -> str:
    lines = [f"# Leadership Plan for Partnerships: Goal {ref.number}", "", f"**Plan:** {ref.plan.title}", ""]
    lines += [f"**Goal:** {ref.goal.title}", "", f"**Target audience:** {ref.goal.audience}", "", COLUMNS]
    for number, a in enumerate(ref.goal.activities, start=1):
        cells = [f"{number}. {a.text}", a.dates, a.responsible, a.expected_results, a.costs]
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"


def write_baseline(library: Library, folder: Path) -> Path:
    """Write the hand-written equivalent of the library's site into `folder`; return mkdocs.yml."""
    docs = folder / "docs"
    (docs / "strategies").mkdir(parents=True, exist_ok=True)
    (docs / "index.md").write_text("# Baseline handbook\n\n[Plans](plans/index.md)\n", "utf-8")
    index = ["# All plans", "", "| Plan | Level | Goals | Activities |", "|---|---|---|---|"]
    for plan in library.plans:
        folder_of_plan = docs / "plans" / plan.slug
        folder_of_plan.mkdir(parents=True, exist_ok=True)
        (folder_of_plan / "index.md").write_text(plan_markdown(library, plan.slug), "utf-8")
        for number, goal in enumerate(plan.goals, start=1):
            (folder_of_plan / f"goal-{number}.md").write_text(
                goal_markdown(GoalRef(plan, number, goal)), "utf-8"
            )
        index.append(
            f"| [{plan.title}]({plan.slug}/index.md) | {plan.level.value} | {len(plan.goals)} | {plan.activity_count} |"
        )
    (docs / "plans" / "index.md").write_text("\n".join(index) + "\n", "utf-8")
    for strategy in library.strategies:
        lines = [f"# {strategy.name}", "", strategy.description, ""]
        for ref in library.goals_using(strategy):
            lines += [f"## {ref.plan.title}: goal {ref.number}", ""]
            lines += [
                f"{item.number}. [{item.activity.text}](../plans/{ref.plan.slug}/index.md#goal-{ref.number})"
                for item in ref.activities()
            ]
            lines.append("")
        (docs / "strategies" / f"{strategy.slug}.md").write_text("\n".join(lines), "utf-8")
    config = folder / "mkdocs.yml"
    config.write_text(CONFIG, "utf-8")
    return config
