"""Page templates (`handbook/templates/`), rendered for the page they stand on.

Every plan field reaches the HTML through Jinja's autoescaping; plan text is a value in
the context, never template source. Links in a template go through `link(...)`, relative
to the page being rendered, so the site works from any base path and from `file://`.
The renderer also knows which files a template is made of (its imports, transitively),
for the inputs pages declare.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import cache, partial
from pathlib import Path
from typing import Any

import jinja2
import jinja2.meta
from markupsafe import Markup

from handbook import urls
from handbook.library import Library
from handbook.pages.content import Inputs
from handbook.vocabularies import fields

TEMPLATES = Path(__file__).parent.parent / "templates"

_env = jinja2.Environment(
    loader=jinja2.FileSystemLoader(TEMPLATES),
    autoescape=True,
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)
# Fields are named as the printed templates name them, on every page (handbook/vocabularies/fields.py).
_env.globals.update(activity_label=fields.activity_label, goal_label=fields.goal_label)


@cache
def _imports(name: str) -> frozenset[str]:
    """A template and every template it imports or includes, by name. (Cached for the
    process: a preview server that edits a template's imports needs a restart, which
    editing a template's text does not.)"""
    source, _, _ = _env.loader.get_source(_env, name)  # type: ignore[union-attr]
    found = {name}
    for imported in jinja2.meta.find_referenced_templates(_env.parse(source)):
        if imported is not None:
            found |= _imports(imported)
    return frozenset(found)


def template_path(name: str) -> Path:
    """The file a template is read from."""
    return TEMPLATES / name


class Renderer:
    """Renders the templates for one build: the library and the site's URLs in every context."""

    def __init__(self, library: Library, site_urls: urls.Urls) -> None:
        self.library = library
        self.urls = site_urls

    def render(self, template: str, src_uri: str, **context: Any) -> Markup:
        def link(to_uri: str, anchor: str | None = None) -> str:
            return self.urls.link(src_uri, to_uri, anchor)

        return Markup(
            _env.get_template(template).render(link=link, urls=urls, library=self.library, **context)
        )

    def later(self, template: str, src_uri: str, **context: Any) -> Callable[[], Markup]:
        """The rendering, to be done when the page is written (if it is)."""
        return partial(self.render, template, src_uri, **context)

    def inputs(self, *templates: str, plans: Iterable[str] = (), every_plan: bool = False) -> Inputs:
        """A page's inputs: these templates with their imports, and the plan files given."""
        names = frozenset().union(*(_imports(name) for name in templates))
        return Inputs.of(names, plans, every_plan)
