"""A plan's Markdown prose (introduction and closing) as safe HTML.

Plan files come from pull requests, so their Markdown may carry raw HTML. It is
rendered with Python-Markdown (footnotes allowed) and then sanitised with nh3 to an
allowlist: no `script`, `style` or `iframe`, no event-handler attributes, no
`javascript:` URLs, and no images: a plan file cannot carry one, and an image from
another host would make every visitor's browser contact that host (a tracking pixel
in a pull request). It is never rendered as a Jinja template.

Nor can prose dress as the site or move its parts. The author's HTML keeps no `id`,
`class` or `style`: with the theme's classes a plan could draw a box that looks like the
site's own ("session expired, sign in again"), and with an id the site gives
(`goal-1-activity-1`) it would catch the links meant for the real anchor. Only what
Python-Markdown makes itself (the footnotes' ids and classes) keeps them: those elements
are marked with a token no plan can know (`_Markdown`), and the sanitiser keeps an id or
class only when it carries the token. The same token marks where the goals go and where
the footnotes start, so no word or markup in a plan can move a part of the page.
"""

from __future__ import annotations

import secrets
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

import markdown
import nh3
from markdown.extensions.tables import TableExtension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

EXTENSIONS: list[str | markdown.Extension] = [
    "footnotes",
    TableExtension(use_align_attribute=True),  # `align`, not `style`
    "sane_lists",
    "def_list",
    "abbr",
]

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"title", "lang", "dir"},
    "a": {"href"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
}
MARKED_ATTRIBUTES = ("id", "class")
"""Attributes kept on what Python-Markdown makes itself (footnotes), never on a plan's own HTML."""
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_TOKEN = "h" + secrets.token_hex(16)
"""Marks what this module puts in the Markdown (where the goals go) and what Python-Markdown
makes of it (ids, classes, the footnotes). New in each process and never written out, so a
plan cannot write it, and the pages stay the same from build to build."""
_GOALS_GO_HERE = f"<p>{_TOKEN}goals</p>"
_FOOTNOTES = f'<div class="{_TOKEN}footnote">'


class _MarkMarkdownsOwn(Treeprocessor):
    """Put the token before every id and class in the document tree, once every other
    tree step has run. The tree holds only what Markdown made: a plan's raw HTML waits
    outside it (as placeholders) until the tree is written out."""

    def run(self, root: etree.Element) -> None:
        for element in root.iter():
            for name in MARKED_ATTRIBUTES:
                value = element.get(name)
                if value is not None:
                    element.set(name, _TOKEN + value)


class _Markdown(markdown.Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.treeprocessors.register(_MarkMarkdownsOwn(md), "handbook-mark", 5)  # after footnotes (15)


# One converter for every plan: setting up Python-Markdown costs more than converting
# a short introduction, and `reset()` clears footnotes and state between plans.
_markdown = markdown.Markdown(extensions=[*EXTENSIONS, _Markdown()], output_format="html")


_ATTRIBUTES = {
    tag: names | set(MARKED_ATTRIBUTES) if tag == "*" else names for tag, names in ALLOWED_ATTRIBUTES.items()
}
"""What nh3 is asked to keep: the allowlist, and ids and classes for `_marked_only` to sort."""


def _marked_only(element: str, attribute: str, value: str) -> str | None:
    """nh3's attribute filter: an id or class stays only where Markdown made it (marked),
    without its mark; every other allowed attribute stays as it is."""
    if attribute not in MARKED_ATTRIBUTES:
        return value
    return value.removeprefix(_TOKEN) if value.startswith(_TOKEN) else None


def sanitize(html: str) -> Markup:
    """HTML limited to the allowlist, safe to place in a page as it is: ids and classes only
    where Python-Markdown marked them as its own (see the module's docstring)."""
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=_ATTRIBUTES,
            attribute_filter=_marked_only,
            url_schemes=URL_SCHEMES,
            link_rel="noopener noreferrer",
        )
    )


@dataclass(frozen=True)
class PlanProse:
    """The parts of a plan page that come from Markdown, each sanitised."""

    introduction: Markup
    closing: Markup
    footnotes: Markup

    def __iter__(self) -> Iterator[Markup]:
        return iter((self.introduction, self.closing, self.footnotes))


def plain_text(html: Markup) -> str:
    """Sanitised prose as the words a reader reads (for search): no tags, one space apart."""
    return " ".join(unescape(nh3.clean(str(html), tags=set())).split())


def render_prose(introduction: str, closing: str | None) -> PlanProse:
    """Render the introduction and closing as one document so footnotes number once
    and their list can stand at the foot of the page, after the goals and closing,
    as in the printed plans. The parts are cut where the token says (see the module's
    docstring), never where a plan's words could say."""
    source = f"{introduction}\n\n{_TOKEN}goals\n\n{closing or ''}\n"
    html = _markdown.reset().convert(source)
    intro, _, rest = html.partition(_GOALS_GO_HERE)
    closing_html, marker, footnotes = rest.partition(_FOOTNOTES)
    return PlanProse(
        introduction=sanitize(intro),
        closing=sanitize(closing_html),
        footnotes=sanitize(marker + footnotes) if marker else Markup(""),
    )
