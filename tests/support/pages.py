"""The pages of a built site, and their kinds: what a check that visits pages walks through.

A check that must see every template at work, but not every plan, visits one page of each
kind (a plan page, a goal page, a strategy page...) and the pages that differ in what
matters (`LEVELS_AND_EDGES`).
"""

from __future__ import annotations

import re

from tests.support.project import Site

__all__ = ["LEVELS_AND_EDGES", "one_page_of_each_kind", "page_kind", "site_pages"]


def site_pages(site: Site) -> list[str]:
    """Every page of the built site (each index.html, and 404.html), as URL paths."""
    pages = [p.relative_to(site.root).as_posix() for p in sorted(site.root.rglob("*.html"))]
    return [p.removesuffix("index.html") for p in pages]


def page_kind(url: str) -> str:
    """What kind of page a URL path is, whatever plan, strategy or number it names:
    `plans/x/goal-2/` -> `plans/*/goal-#`, `strategies/x/page-2/` -> `strategies/*/page-#`."""
    head, *rest = url.strip("/").split("/")
    shape = [
        re.sub(r"\d+", "#", part) if re.fullmatch(r"(?:goal|page)-\d+|print|blank", part) else "*"
        for part in rest
    ]
    return "/".join([head, *shape])


LEVELS_AND_EDGES = (
    "plans/sample-school-plan/", "plans/sample-school-plan/goal-1/", "plans/unbroken/",
    "plans/unbroken/goal-1/",
)  # fmt: skip
"""Pages of one kind that still differ in what matters to a check: school plans and their
goal sheets are drawn from other templates, and the unbroken plan has words that never wrap."""


def one_page_of_each_kind(site: Site) -> list[str]:
    """The first page of every kind on the site, and the pages of `LEVELS_AND_EDGES`: what
    a check needs to see when pages of one kind are made by the same templates and scripts."""
    first: dict[str, str] = {}
    for url in site_pages(site):
        first.setdefault(page_kind(url), url)
    return sorted({*first.values(), *LEVELS_AND_EDGES})
