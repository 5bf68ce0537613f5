"""Partnerships Handbook: plan files in, handbook pages out.

Nothing in this package imports MkDocs. The data flows one way, folder by folder:
`plans` (files -> the validated model, every problem located) -> `library` (all plans
together, cross-plan indexes) -> `pages` (page content through the Jinja templates in
`templates/`), beside `vocabularies` (the closed word lists plans name), `printed` (the
printed template), `browser` (files the browser reads), `outputs` (PDFs, search index,
offline copy) and `commands` (`make check`, `make new-plan`). The MkDocs adapters (the
plugin `mkdocs_handbook/`, and `macros.py` at the project root) only call into it, so the
site engine can be replaced without touching the plan model.
"""
