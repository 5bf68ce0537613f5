"""The grades an activity involves, read from how school plans write them.

School plans write grades as people do ("K-5", "6th-8th grade", "Kindergarten through 2",
"all"); the catalogue filters by single grades, so the text is read into the grades it
names, from pre-kindergarten to grade 12.
"""

from __future__ import annotations

import re

GRADES = ("PK", "K", *(str(n) for n in range(1, 13)))
_GRADE = re.compile(r"\b(PRE-?K|PK|K|\d{1,2})\b(?:\s*(?:-|TO|THROUGH|THRU)\s*\b(K|\d{1,2})\b)?")
_SPELLED = (  # how grades are written out, as the short forms _GRADE reads
    (re.compile(r"\bPRE-?(?:SCHOOL|KINDERGARTEN)\b"), "PK"),
    (re.compile(r"\bKINDERGARTEN\b"), "K"),
    (re.compile(r"\b(\d{1,2})(?:ST|ND|RD|TH)\b"), r"\1"),
)


def grade_keys(text: str | None) -> list[str]:
    """The grades an activity's `grades` text names: "K-2, 5" -> K, 1, 2, 5; "6th-8th grade" ->
    6, 7, 8; "Kindergarten through 2" -> K, 1, 2; "all" -> every grade."""
    if not text:
        return []
    folded = text.upper().replace("–", "-").replace("—", "-")  # noqa: RUF001  (dashes people type)
    for spelled, short in _SPELLED:
        folded = spelled.sub(short, folded)
    if re.search(r"\bALL\b", folded):
        return list(GRADES)
    keys: list[str] = []
    for first, last in _GRADE.findall(folded):
        first = "PK" if first.startswith("PRE") else first.lstrip("0") or "0"
        if first not in GRADES:
            continue
        end = last.lstrip("0") if last else first
        span = GRADES[GRADES.index(first) : GRADES.index(end) + 1] if end in GRADES else [first]
        keys += [grade for grade in span or [first] if grade not in keys]
    return keys
