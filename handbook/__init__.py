"""Partnerships Handbook: plan files in, handbook pages out.

Nothing in this package imports MkDocs. The data flows one way:
`loading` (files -> validated `model`) -> `library` (cross-plan indexes) ->
`pages` (page content through the Jinja templates in `templates/`). The MkDocs
adapters (the plugin `mkdocs_handbook/`, and `macros.py` at the project root) only call into it, so the
site engine can be replaced without touching the plan model.
"""
