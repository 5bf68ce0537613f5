"""Reading a tagged PDF's structure back: which text stands under which structure element.

A screen reader reads a tagged PDF by its structure tree: headings, tables of rows of header
and data cells, each element pointing at marked content (MCIDs) on a page. pypdf reads the
tree; the text of each marked-content sequence comes from the page's content stream, with
pypdf's own text decoding, by noting the MCID of each `BDC` as the text is extracted.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


@dataclass
class Element:
    """A structure element: its type (`/H1`, `/Table`, `/TH`, ...), its text, its children."""

    kind: str
    text: str = ""
    children: list[Element] = field(default_factory=list)

    def walk(self) -> Iterator[Element]:
        yield self
        for child in self.children:
            yield from child.walk()

    def all(self, kind: str) -> list[Element]:
        return [element for element in self.walk() if element.kind == kind]


class _PageText:
    """The text of one page's marked-content sequences, gathered as pypdf extracts it."""

    def __init__(self) -> None:
        self.by_mcid: dict[int, list[str]] = defaultdict(list)
        self.stack: list[int | None] = []

    def before(self, operator: bytes, operands: list[Any], *_: Any) -> None:
        if operator in (b"BDC", b"BMC"):
            properties = operands[1] if operator == b"BDC" and len(operands) > 1 else None
            mcid = properties.get("/MCID") if isinstance(properties, dict) else None
            self.stack.append(int(mcid) if mcid is not None else None)
        elif operator == b"EMC" and self.stack:
            self.stack.pop()

    def text(self, value: str, *_: Any) -> None:
        current = next((mcid for mcid in reversed(self.stack) if mcid is not None), None)
        if current is not None:
            self.by_mcid[current].append(value)


def marked_text(reader: PdfReader) -> dict[tuple[int, int], str]:
    """The text of each marked-content sequence, by (page's object number, MCID)."""
    texts: dict[tuple[int, int], str] = {}
    for page in reader.pages:
        number = page.indirect_reference.idnum if page.indirect_reference else -1
        gathered = _PageText()
        page.extract_text(visitor_operand_before=gathered.before, visitor_text=gathered.text)
        texts.update({(number, mcid): "".join(parts) for mcid, parts in gathered.by_mcid.items()})
    return texts


def _page_of(node: DictionaryObject, default: int) -> int:
    reference = node.raw_get("/Pg") if "/Pg" in node else None
    return int(reference.idnum) if reference is not None and hasattr(reference, "idnum") else default


def structure(reader: PdfReader) -> Element:
    """The document's structure tree, with each element's text gathered from its content."""
    texts = marked_text(reader)
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()

    def build(node: Any, page: int) -> Element | str:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, int):  # an MCID on the element's page
            return texts.get((page, node), "")
        if not isinstance(node, DictionaryObject):
            return ""
        if node.get("/Type") == "/MCR":
            return texts.get((_page_of(node, page), int(node["/MCID"])), "")
        page = _page_of(node, page)
        element = Element(str(node.get("/S", "")))
        kids = node.get("/K")
        kids = kids if isinstance(kids, list) else [kids] if kids is not None else []
        for kid in kids:
            built = build(kid, page)
            if isinstance(built, Element):
                element.children.append(built)
                element.text += built.text
            else:
                element.text += built
        return element

    built = build(root, -1)
    assert isinstance(built, Element)
    return built
