"""The JSON Schema of resource front matter, for editors' tools, made from the pydantic model.

`python -m handbook.resources.schema` prints it; `make schema` writes
`schema/resource.schema.json` beside the plans' schema, and a resource file that names it on
its second line (`make new-resource` writes that line) gets completion and inline errors in
an editor with a YAML language server. A test fails when the committed file and the model
disagree. Fields' titles and hints are the model's, from `handbook.vocabularies.fields.RESOURCE`
(with the form's `x-missing` words), as in the plans' schema.

Three rules the model checks in its validators are said here as well, because an editor
meets them first and a schema can say them plainly: a link starts with `https://`; a file
name is one plain name of a type that is kept (`handbook.resources.files.FILE_TYPES`); and a
resource lists its files or gives its link. What needs more than the file (the files
themselves, their content and size; a link's user name or site) stays with `make check`.
"""

from __future__ import annotations

import sys
from typing import Any

from handbook.plans.schema import as_text, framed
from handbook.resources import limits
from handbook.resources.files import FILE_TYPES
from handbook.resources.model import ResourceFrontMatter

SCHEMA_PATH = "schema/resource.schema.json"


def _any_case(text: str) -> str:
    """A regular expression for `text` in any case: JSON Schema's patterns have no flags."""
    return "".join(f"[{char.lower()}{char.upper()}]" if char.isalpha() else char for char in text)


LINK_PATTERN = f"^{_any_case('https')}://[^\\s\\\\]+$"
"""A link as the model takes one, as far as a pattern says it: `https://`, no spaces or `\\`."""

FILE_NAME_PATTERN = (
    "^[A-Za-z0-9][A-Za-z0-9._-]*(?:"
    + "|".join(
        _any_case(extension).replace(".", "\\.") for kind in FILE_TYPES for extension in kind.extensions
    )
    + ")$"
)
"""A file name as `files.name_problem` takes one: plain letters, digits, `-`, `_` and `.`,
ending in the extension of a type that is kept."""


def resource_schema() -> dict[str, Any]:
    schema = ResourceFrontMatter.model_json_schema()
    properties = schema["properties"]
    (text,) = [branch for branch in properties["link"]["anyOf"] if branch.get("type") == "string"]
    # Beside the pattern every text has (no control characters), not in its place.
    text.update(maxLength=limits.LINK_CHARACTERS, allOf=[{"pattern": LINK_PATTERN}])
    properties["files"]["items"]["allOf"] = [{"pattern": FILE_NAME_PATTERN}]
    schema["anyOf"] = [
        {"required": ["link"], "properties": {"link": {"type": "string"}}},
        {"required": ["files"], "properties": {"files": {"minItems": 1}}},
    ]
    return framed(
        schema,
        "Partnerships Handbook resource",
        "The YAML front matter of a resource file in resources/ (see resources/README.md and CONTRIBUTING.md). "
        "A resource lists its files (kept in resources/<name>/) or gives its link, or both.",
    )


def schema_text() -> str:
    return as_text(resource_schema())


if __name__ == "__main__":
    sys.stdout.write(schema_text())
