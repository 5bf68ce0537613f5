"""The handbook as a MkDocs plugin: the only code besides `macros.py` that talks to MkDocs.

`plugin.py` wires MkDocs' events to the jobs beside it, each a module of its own:
`plans.py` (the validated plans, before anything is cleaned), `files.py` (the generated
pages and files, one source per address), `pages.py` (each generated page's title, table of
contents and HTML), `search.py` (site search), `pdfs.py` (the PDF downloads), `offline.py`
(the offline copy), `macro_problems.py` (mistakes in hand-written pages' macros),
`page_writers.py` (writing pages on every core, and from stamps of Material's template) and
`macro_pages.py` (which hand-written pages run code). Its settings are `config.py`'s, under
`plugins: - handbook:` in `mkdocs.yml`. Everything it shows comes from `handbook`, which
knows nothing of MkDocs.
"""
