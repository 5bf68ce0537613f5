"""YAML as plain data: text, numbers, true/false, lists and `key: value` mappings, nothing more.

A plan's front matter needs no more of YAML than that, and the rest of YAML is where a
hostile pull request hides its cost: anchors and aliases (`&a`, `*a`) let fourteen lines
stand for gigabytes once expanded (the "billion laughs"), tags ask for objects
(`!!python/object`) or for conversions nobody wrote a plan for, and deep nesting or a
number of thousands of digits costs stack and time. So the document's events are read
first, in one pass that expands nothing, and a front matter that uses any of it is
refused there, with its line; only then is it composed and built into Python values.

Scalars follow YAML 1.2's core schema, not PyYAML's YAML 1.1 defaults: `dates: 2025-09-01`
and `dates: 9:30` stay text (YAML 1.1 makes a date and the number 570 of them), only
`true`/`false` are booleans (not yes/no/on/off), and `<<` and `=` are plain text.
(libyaml's parser throughout: a state's 1,000 plans load in well under a second.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from handbook.plans import limits
from handbook.plans.problems import quote

CORE = "tag:yaml.org,2002:"
CORE_TAGS = frozenset(f"{CORE}{name}" for name in ("str", "int", "float", "bool", "null", "seq", "map"))
"""Tags a plan may write explicitly (`!!str 2025`): the YAML 1.2 core schema's, which name
what plain YAML already is."""


class NotPlainData(Exception):
    """The front matter uses YAML that plans do not use; `line` counts from 0."""

    def __init__(self, line: int, message: str) -> None:
        self.line = line
        self.message = message
        super().__init__(message)


class _PlanYamlLoader(yaml.CSafeLoader):
    """YAML's core schema, with keys given twice noted (PyYAML keeps the last in silence)."""

    has_duplicate_keys = False

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        names = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
        if len(names) != len(set(names)):
            self.has_duplicate_keys = True
        return super().construct_mapping(node, deep=deep)

    def construct_decimal(self, node: yaml.ScalarNode) -> int:
        return int(str(node.value))

    def construct_real(self, node: yaml.ScalarNode) -> float:
        return float(str(node.value).lower().replace(".inf", "inf").replace(".nan", "nan"))


INT = r"[-+]?[0-9]+"
FLOAT = r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN)"
_NUMBER = re.compile(f"{INT}|{FLOAT}")

_PlanYamlLoader.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in (
    ("null", r"~|null|Null|NULL|", ["~", "n", "N", ""]),
    ("bool", r"true|True|TRUE|false|False|FALSE", list("tTfF")),
    ("int", INT, list("-+0123456789")),
    ("float", FLOAT, list("-+0123456789.")),
):
    _PlanYamlLoader.add_implicit_resolver(f"{CORE}{_tag}", re.compile(f"^(?:{_pattern})$"), _first)
_PlanYamlLoader.add_constructor(f"{CORE}int", _PlanYamlLoader.construct_decimal)
_PlanYamlLoader.add_constructor(f"{CORE}float", _PlanYamlLoader.construct_real)


def _shown(tag: str) -> str:
    return "!!" + tag.removeprefix(CORE) if tag.startswith(CORE) else tag


def refuse_beyond_plain_data(text: str) -> None:
    """Read the YAML's events and raise `NotPlainData` at the first thing plans do not use.

    Events are the parser's output before anything is composed or built, so an alias
    bomb is refused at its first anchor, at the cost of reading its few lines once.
    Syntax errors are left for the loader to report (with the editors' hints).
    """
    parser = _PlanYamlLoader(text)
    depth = 0
    try:
        while (event := parser.get_event()) is not None:
            line = event.start_mark.line if event.start_mark else 0
            anchor = getattr(event, "anchor", None)
            if isinstance(event, yaml.AliasEvent):
                raise NotPlainData(
                    line,
                    f"'*{quote(anchor)}' is a YAML alias, which plans do not use: "
                    "write the value out, and put a value that starts with '*' in quotes",
                )
            if anchor is not None:
                raise NotPlainData(
                    line,
                    f"'&{quote(anchor)}' is a YAML anchor, which plans do not use: "
                    "remove it, and put a value that starts with '&' in quotes",
                )
            tag = getattr(event, "tag", None)
            if tag is not None and tag not in CORE_TAGS:
                raise NotPlainData(
                    line,
                    f"'{quote(_shown(tag))}' is a YAML tag, which plans do not use: "
                    "remove it, and put a value that starts with '!' in quotes",
                )
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > limits.YAML_DEPTH:
                    raise NotPlainData(
                        line,
                        f"lists and mappings nested more than {limits.YAML_DEPTH} deep; a plan needs 5 "
                        "at most (check the indentation)",
                    )
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            elif (
                isinstance(event, yaml.ScalarEvent)
                and event.implicit[0]  # plain: not quoted, no tag
                and len(event.value) > limits.NUMBER_DIGITS
                and _NUMBER.fullmatch(event.value)
            ):
                raise NotPlainData(
                    line,
                    f"a number of more than {limits.NUMBER_DIGITS} digits; put it in quotes if it is text",
                )
    except yaml.YAMLError:
        return  # the loader reports it, with its line and a hint
    finally:
        parser.dispose()


@dataclass(frozen=True)
class Document:
    """Front matter read as plain data: its node tree (for line numbers) and its values."""

    node: yaml.Node | None
    data: Any
    has_duplicate_keys: bool


def load(text: str) -> Document:
    """Front matter as plain data; raises `NotPlainData`, or `yaml.YAMLError` for bad syntax."""
    refuse_beyond_plain_data(text)
    loader = _PlanYamlLoader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
        return Document(node, data, loader.has_duplicate_keys)
    finally:
        loader.dispose()
