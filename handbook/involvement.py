"""The six types of involvement of school One-Year Action Plans, from `data/involvement_types.yml`.

Plans name a type by name in any case, or by its number (1 to 6), as the handbook's
framework numbers them (see `vocabulary`).
"""

from __future__ import annotations

from handbook.vocabulary import DATA, Term, load_vocabulary

InvolvementType = Term
INVOLVEMENT_TYPES = load_vocabulary(DATA / "involvement_types.yml")
