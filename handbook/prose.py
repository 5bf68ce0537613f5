"""A plan's Markdown prose (introduction and closing) as safe HTML.

Plan files come from pull requests, so their Markdown may carry raw HTML. It is
rendered with Python-Markdown (footnotes allowed) and then sanitised with nh3 to an
allowlist: no `script`, `style` or `iframe`, no event-handler attributes, no
`javascript:` URLs, and no images: a plan file cannot carry one, and an image from
another host would make every visitor's browser contact that host (a tracking pixel
in a pull request). It is never rendered as a Jinja template.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from html import unescape

import markdown
import nh3
from markupsafe import Markup

EXTENSIONS = ["footnotes", "tables", "sane_lists", "def_list", "abbr"]

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "ins", "li", "ol", "p", "pre", "q",
    "s", "small", "span", "strong", "sub", "sup", "table", "tbody", "td", "tfoot", "th",
    "thead", "tr", "u", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"id", "class", "title", "lang", "dir"},
    "a": {"href"},
    "ol": {"start"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align", "scope"},
}
URL_SCHEMES = {"http", "https", "mailto", "tel"}

_GOALS_GO_HERE = "HANDBOOKGOALSGOHERE"

# One converter for every plan: setting up Python-Markdown costs more than converting
# a short introduction, and `reset()` clears footnotes and state between plans.
_markdown = markdown.Markdown(extensions=EXTENSIONS, output_format="html")


def sanitize(html: str) -> Markup:
    """HTML limited to the allowlist, safe to place in a page as it is."""
    return Markup(
        nh3.clean(
            html,
            tags=ALLOWED_TAGS,
            attributes=ALLOWED_ATTRIBUTES,
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
    as in the printed plans."""
    source = f"{introduction}\n\n{_GOALS_GO_HERE}\n\n{closing or ''}\n"
    html = _markdown.reset().convert(source)
    intro, _, rest = html.partition(f"<p>{_GOALS_GO_HERE}</p>")
    closing_html, marker, footnotes = rest.partition('<div class="footnote">')
    return PlanProse(
        introduction=sanitize(intro),
        closing=sanitize(closing_html),
        footnotes=sanitize(marker + footnotes) if marker else Markup(""),
    )
