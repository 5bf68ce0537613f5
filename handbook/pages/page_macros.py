"""Plan data on hand-written pages: the macros page authors call, and their mistakes.

The handbook's own pages (a workshop guide, a state's welcome page) are Markdown that opt in
to mkdocs-macros (`render_macros: true`); `macros.py` hands each call here. Plan text reaches
such a page only as HTML rendered from the page templates (`handbook/templates/`, autoescaped),
the same fragments the generated pages are made of: never as template source or Markdown. A
macro's output is inserted after Jinja has run, and Markdown passes it through as a raw HTML
block, so neither reads it again: a plan holding `{{ }}` or `<script>` shows it as text, as on
its own pages.

An author's mistake (an unknown plan, goal, strategy, ...) is theirs to fix, like a plan
editor's: each is recorded as a `MacroProblem` naming the page and the call, with "did you
mean" where a likely intent exists, and the call shows nothing. The engine adapter then stops
the build once, listing every problem of every page, instead of stopping at the first with a
traceback (mkdocs-macros' own way) or showing an empty list in silence.

No MkDocs here: pages are named by their source paths (`guide.md`), as in `urls`.
"""

from __future__ import annotations

import difflib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from typing import Any, TypeVar
from urllib.parse import urlencode

from markupsafe import Markup

from handbook import urls
from handbook.library import OTHER_AUDIENCES, ActivityRef, GoalRef, Library
from handbook.pages.goal_sheets import sheet
from handbook.pages.rendering import Renderer
from handbook.plans import years
from handbook.plans.grades import GRADES, grade_keys
from handbook.plans.model import STATUS_ALIASES, Level, Plan, Status
from handbook.plans.problems import quote
from handbook.vocabularies.audiences import AudienceGroup
from handbook.vocabularies.involvement import InvolvementType
from handbook.vocabularies.strategies import Strategy
from handbook.vocabularies.vocabulary import Term, Vocabulary

T = TypeVar("T", bound=Term)


@dataclass(frozen=True)
class MacroProblem:
    """A mistake in a macro call on a hand-written page, where its author can act on it:
    `docs/<page>.md: <the call>: <what is wrong>`."""

    page: str
    call: str
    message: str

    def __str__(self) -> str:
        return f"{self.page}: {self.call}: {self.message}"


class Mistake(Exception):
    """What is wrong with a call's arguments (one message each)."""

    def __init__(self, *messages: str) -> None:
        super().__init__("; ".join(messages))
        self.messages = messages


@dataclass(frozen=True)
class ActivityFilter:
    """What `activities(...)` asks for, resolved: the catalogue's filters, matched as the
    catalogue matches them (`catalogue.js`), so a list on a page and the catalogue link
    below it show the same activities."""

    strategy: Strategy | None = None
    type: InvolvementType | None = None
    level: Level | None = None
    audience: str | None = None
    """An audience group's slug, or `urls.OTHER_AUDIENCES_SLUG` for goals that reach none."""
    plan: Plan | None = None
    grade: str | None = None
    year: str | None = None
    status: Status | None = None
    practice: bool | None = None

    def matches(self, item: ActivityRef, library: Library) -> bool:
        plan, goal, activity = item.goal.plan, item.goal.goal, item.activity
        return (
            (self.strategy is None or self.strategy in goal.strategies)
            and (self.type is None or activity.type == self.type)
            and (self.level is None or plan.level is self.level)
            and (self.audience is None or self.audience in audience_slugs(goal_groups(item.goal, library)))
            and (self.plan is None or plan.slug == self.plan.slug)
            and (self.grade is None or self.grade in grade_keys(activity.grades))
            and (self.year is None or plan.year == self.year)
            and (self.status is None or activity.status is self.status)
            and (self.practice is None or activity.practice == self.practice)
        )

    def query(self) -> dict[str, str]:
        """The catalogue's address for the same activities (its filters take slugs)."""
        values: dict[str, str | None] = {
            "level": self.level.value if self.level else None,
            "plan": self.plan.slug if self.plan else None,
            "year": self.year,
            "strategy": self.strategy.slug if self.strategy else None,
            "type": self.type.slug if self.type else None,
            "audience": self.audience,
            "grade": self.grade,
            "status": self.status.value if self.status else None,
            "practice": "1" if self.practice else None,
        }
        return {name: value for name, value in values.items() if value}

    def described(self, library: Library) -> list[str]:
        """The filters in words ("strategy: Share knowledge"), to say what nothing matched."""
        audience = None
        if self.audience == urls.OTHER_AUDIENCES_SLUG:
            audience = OTHER_AUDIENCES
        elif self.audience is not None:
            audience = library.audience_groups.by_slug(self.audience).name
        words = {
            "strategy": self.strategy.name if self.strategy else None,
            "type of involvement": f"{self.type.number}. {self.type.name}" if self.type else None,
            "level": self.level.label if self.level else None,
            "audience group": audience,
            "plan": self.plan.title if self.plan else None,
            "grade": self.grade,
            "school year": self.year,
            "status": self.status.label if self.status else None,
            "promising practices": None
            if self.practice is None
            else ("only" if self.practice else "left out"),
        }
        return [f"{name}: {value}" for name, value in words.items() if value]


def goal_groups(ref: GoalRef, library: Library) -> tuple[AudienceGroup | None, ...]:
    """The groups a goal is listed under, as the catalogue lists it: its groups, or (None)
    "Other audiences" where its audience names none."""
    groups = library.groups_of(ref.goal)
    return groups or ((None,) if ref.goal.audience else ())


def audience_slugs(groups: tuple[AudienceGroup | None, ...]) -> set[str]:
    return {group.slug if group else urls.OTHER_AUDIENCES_SLUG for group in groups}


SHOWN = {"activities": 10, "coverage": 20}
"""How many activities, or plans' rows, a call shows unless it says `limit=`: a state's
e-library holds 13,000 activities, and a hand-written page must stay light at that scale (the
catalogue and the coverage pages list them all, and the call links there)."""

LIMIT_MAX = 100

PAGE_MACROS = "handbook_page_macros"
"""Where this build's `PageMacros` waits for the handbook plugin: an attribute of the macros plugin,
the one object of this build both adapters are handed."""

PARAMETERS: dict[str, tuple[str, ...]] = {
    "goal_template": ("plan", "goal"),
    "activities": (*(field.name for field in fields(ActivityFilter)), "limit"),
    "plan_summary": ("plan",),
    "coverage": ("plan", "limit"),
}
"""Each macro's arguments, in order: what a call may give, by position or by name."""

REQUIRED: dict[str, tuple[str, ...]] = {"goal_template": ("plan", "goal"), "plan_summary": ("plan",)}


def written(name: str, args: tuple[object, ...], kwargs: Mapping[str, object]) -> str:
    """A call as its author wrote it, near enough to find it on the page:
    `activities(strategy="Create awarness")`."""

    def value(given: object) -> str:
        if isinstance(given, str):
            return json.dumps(quote(given), ensure_ascii=False)
        return quote(repr(given))

    shown = [value(arg) for arg in args] + [f"{key}={value(arg)}" for key, arg in kwargs.items()]
    return f"{name}({', '.join(shown)})"


def did_you_mean(value: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(value, candidates, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


class PageMacros:
    """The macros of one build: plan data from the library, linked from the page each call
    stands on, and the mistakes found in the calls (`problems`)."""

    def __init__(self, library: Library, site_urls: urls.Urls, docs: str = "docs") -> None:
        self.library = library
        self.renderer = Renderer(library, site_urls)
        self.docs = docs
        """The pages' folder as the author sees it, for problems: `docs/guide.md`."""
        self.problems: list[MacroProblem] = []
        self._macros: dict[str, Callable[..., Markup]] = {
            "goal_template": self._goal_template,
            "activities": self._activities,
            "plan_summary": self._plan_summary,
            "coverage": self._coverage,
        }

    def call(self, name: str, page: str, *args: object, **kwargs: object) -> Markup:
        """Macro `name` as called on the page `page` (its source path): its HTML, set apart
        by blank lines so that Markdown takes it as a block of HTML and leaves it as it is;
        or, for a call with mistakes, nothing, and every mistake of the call in `problems`."""
        given, wrong, callable_ = self._bind(name, args, kwargs)
        html = Markup("")
        if callable_:
            try:
                html = self._macros[name](page, **given)
            except Mistake as mistake:
                wrong += mistake.messages
        if wrong:
            call = written(name, args, kwargs)
            self.problems += [MacroProblem(f"{self.docs}/{page}", call, message) for message in wrong]
            return Markup("")
        return Markup("\n\n") + html.strip() + Markup("\n\n")

    def report(self) -> str:
        """Every problem, one a line, page by page (each page's in the order of its calls)."""
        return "\n".join(str(problem) for problem in sorted(self.problems, key=lambda problem: problem.page))

    @staticmethod
    def _bind(
        name: str, args: tuple[object, ...], kwargs: Mapping[str, object]
    ) -> tuple[dict[str, object], list[str], bool]:
        """The call's arguments by name, what is wrong with them, and whether the call can be
        made: an unknown argument is left out (the others are still checked); a call without
        an argument it needs, or with more than it takes, cannot."""
        known = PARAMETERS[name]
        wrong: list[str] = []
        if len(args) > len(known):
            wrong.append(f"takes {len(known)} argument{'s' if len(known) != 1 else ''} at most")
        given: dict[str, object] = dict(zip(known, args, strict=False))
        for key, value in kwargs.items():
            if key not in known:
                wrong.append(
                    f"unknown argument '{key}'{did_you_mean(key, list(known))} ({name} takes {', '.join(known)})"
                )
            elif key in given:
                wrong.append(f"{key} is given twice")
            else:
                given[key] = value
        wrong += [f"{key}: required" for key in REQUIRED.get(name, ()) if given.get(key) is None]
        unknown = [key for key in kwargs if key not in known]
        return given, wrong, len(wrong) == len(unknown)

    # Resolving arguments: names or slugs, as an author may copy them from a page or an address.

    def _plan(self, value: object) -> Plan:
        text = str(value).strip()
        slug = text.removeprefix("plans/").removesuffix(".md")
        plan = self.library.plan(slug)
        if plan is None:
            plan = next((p for p in self.library.plans if p.title.casefold() == text.casefold()), None)
        if plan is None:
            hint = did_you_mean(slug, [p.slug for p in self.library.plans])
            raise Mistake(f"plan: no plan plans/{quote(slug)}.md{hint}")
        return plan

    def _goal(self, plan: Plan, value: object) -> GoalRef:
        count = len(plan.goals)
        number = value if isinstance(value, int) and not isinstance(value, bool) else None
        if isinstance(value, str) and value.strip().isdigit():
            number = int(value)
        if number is None or not 1 <= number <= count:
            given = f"goal {number}" if number is not None else f"'{quote(value)}'"
            raise Mistake(
                f"goal: {plan.slug} has {count} goal{'s' if count != 1 else ''}, numbered 1 to {count}; "
                f"{given} is not one of them"
            )
        return GoalRef(plan, number, plan.goals[number - 1])

    @staticmethod
    def _term(vocabulary: Vocabulary[T], value: object, what: str, listing: str = "") -> T:
        text = str(value).strip()
        term = vocabulary.match(text) or next((t for t in vocabulary if t.slug == text.casefold()), None)
        if term is None:
            suggestion = vocabulary.suggest(text.replace("-", " "))
            hint = f"; did you mean '{suggestion}'?" if suggestion else ""
            listing = listing or f"the six are: {vocabulary.names()}"
            raise Mistake(f"unknown {what} '{quote(text)}'{hint} ({listing})")
        return term

    def _audience(self, value: object) -> str:
        text = str(value).strip()
        if text.casefold() in (urls.OTHER_AUDIENCES_SLUG, OTHER_AUDIENCES.casefold()):
            return urls.OTHER_AUDIENCES_SLUG
        groups = self.library.audience_groups
        group = self._term(
            groups, text, "audience group", f"the groups are: {groups.names()}, {OTHER_AUDIENCES}"
        )
        return group.slug

    @staticmethod
    def _level(value: object) -> Level:
        text = str(value).strip().casefold()
        names = [level.value for level in Level]
        if text not in names:
            raise Mistake(f"must be one of {', '.join(names)}{did_you_mean(text, names)}")
        return Level(text)

    def _year(self, value: object) -> str:
        text = str(value).strip()
        problem = years.check(text)
        if problem:
            raise Mistake(problem)
        known = self.library.years()
        if text not in known:
            given = f"plans give {', '.join(known)}" if known else "no plan gives its year"
            raise Mistake(f"no plan is for the school year {text} ({given})")
        return text

    @staticmethod
    def _status(value: object) -> Status:
        text = str(value).strip().casefold()
        text = STATUS_ALIASES.get(text, text)
        names = [status.value for status in Status]
        if text not in names:
            raise Mistake(f"must be one of {', '.join(names)}{did_you_mean(text, names)}")
        return Status(text)

    @staticmethod
    def _grade(value: object) -> str:
        text = str(value).strip()
        keys = grade_keys(text)
        if len(keys) != 1:
            named = f"names {len(keys)} grades" if keys else "is not a grade"
            raise Mistake(f"'{quote(text)}' {named}: give one of {', '.join(GRADES)}")
        return keys[0]

    @staticmethod
    def _limit(value: object, macro: str) -> int:
        if value is None:
            return SHOWN[macro]
        if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= LIMIT_MAX:
            raise Mistake(
                f"limit: a number from 1 to {LIMIT_MAX}, not {quote(repr(value))} (a page stays "
                f"light with a state's plans; the list links to all of them)"
            )
        return value

    @staticmethod
    def _practice(value: object) -> bool:
        if not isinstance(value, bool):
            raise Mistake(f"must be true or false, not {quote(repr(value))}")
        return value

    def _filter(self, given: Mapping[str, object]) -> ActivityFilter:
        """Every argument resolved, or every argument's mistake (each said once)."""
        library = self.library
        resolvers: dict[str, Callable[[object], object]] = {
            "strategy": lambda v: self._term(library.strategies, v, "strategy"),
            "type": lambda v: self._term(library.types, v, "type of involvement"),
            "level": self._level,
            "audience": self._audience,
            "plan": self._plan,
            "grade": self._grade,
            "year": self._year,
            "status": self._status,
            "practice": self._practice,
        }
        resolved: dict[str, Any] = {}
        wrong: list[str] = []
        for name, value in given.items():
            if value is None:
                continue
            try:
                resolved[name] = resolvers[name](value)
            except Mistake as mistake:
                wrong += [m if m.startswith(f"{name}: ") else f"{name}: {m}" for m in mistake.messages]
        if wrong:
            raise Mistake(*wrong)
        return ActivityFilter(**resolved)

    # The macros: each renders a fragment of the page templates, linked from `page`.

    def _goal_template(self, page: str, plan: object, goal: object) -> Markup:
        ref = self._goal(self._plan(plan), goal)
        _, context = sheet(ref)
        return self.renderer.render("macro_goal.html", page, ref=ref, **context)

    def _activities(self, page: str, limit: object = None, **given: object) -> Markup:
        wrong: list[str] = []
        try:
            shown = self._limit(limit, "activities")
        except Mistake as mistake:
            wrong += mistake.messages
        try:
            wanted = self._filter(given)
        except Mistake as mistake:
            raise Mistake(*mistake.messages, *wrong) from None
        if wrong:
            raise Mistake(*wrong)
        found = [item for item in self.library.activities() if wanted.matches(item, self.library)]
        return self.renderer.render(
            "macro_activities.html",
            page,
            items=found[:shown],
            total=len(found),
            query=urlencode(wanted.query()),
            described=wanted.described(self.library),
        )

    def _plan_summary(self, page: str, plan: object) -> Markup:
        chosen = self._plan(plan)
        goals = [GoalRef(chosen, n, goal) for n, goal in enumerate(chosen.goals, start=1)]
        return self.renderer.render("macro_plan.html", page, plan=chosen, goals=goals)

    def _coverage(self, page: str, plan: object = None, limit: object = None) -> Markup:
        shown = self._limit(limit, "coverage")
        plans = [self._plan(plan)] if plan is not None else list(self.library.plans)
        return self.renderer.render("macro_coverage.html", page, plans=plans[:shown], total=len(plans))
