# The verbs a maintainer needs. Each target sets up .venv from requirements.txt first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
ADDR ?= 127.0.0.1:8000
PLANS ?= plans
RESOURCES ?= resources
CONFIG ?= mkdocs.yml
# Dates in the sitemap come from the last commit, so two builds of one commit are byte-identical.
ifeq ($(SOURCE_DATE_EPOCH),)
SOURCE_DATE_EPOCH := $(shell git log -1 --format=%ct 2>/dev/null)
endif
ifneq ($(SOURCE_DATE_EPOCH),)
export SOURCE_DATE_EPOCH
endif
# Material 9.8 prints a two-box notice about MkDocs 2.0 at every start: noise for editors.
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build offline test test-fast check new-plan new-resource lint bench bench-national bench-lighthouse schema clean

# The Makefile's own folder, so `make -f path/to/Makefile` works from a plan project elsewhere.
HERE := $(dir $(abspath $(lastword $(MAKEFILE_LIST))))
# The project's own code runs where it has some (this checkout; a copy a test edits); a folder
# with plans alone runs the handbook this Makefile belongs to, installed in .venv.
PROJECT_CODE = PYTHONPATH=$(dir $(abspath $(CONFIG)))

$(READY): $(HERE)requirements.txt $(HERE)pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(HERE)requirements.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --editable $(HERE)
	touch $@

# The Node tools, pinned by package-lock.json: Pagefind's indexer (site search, `make build`),
# ESLint and the Nu HTML Checker. Only what Pagefind writes into the index is served.
NODE_READY := $(HERE)node_modules/.ready
$(NODE_READY): $(HERE)package-lock.json
	npm ci --prefix $(HERE) --no-audit --no-fund --silent
	touch $@

## serve: the site at http://$(ADDR) with live reload (also watches plans/)
# --dirty rebuilds only the pages a saved file changes (see HandbookPage in mkdocs_handbook/files.py);
# MkDocs warns about every dirty build, so serve cannot be strict: `make build` is.
serve: $(READY)
	$(PROJECT_CODE) $(BIN)/mkdocs serve -f $(CONFIG) --dev-addr $(ADDR) --livereload --dirty --no-strict

## build: a strict build into site/, with each plan's PDF; a failed build leaves the previous site/ as it was
# PDFs need Chromium (HANDBOOK_CHROMIUM, default /usr/bin/chromium); without it the site builds
# without them and says so. `make build HANDBOOK_PDFS=false` skips them.
HANDBOOK_PDFS ?= true
build: $(READY) $(NODE_READY)
	rm -rf .site-new .site-old
	$(PROJECT_CODE) HANDBOOK_PDFS=$(HANDBOOK_PDFS) $(BIN)/mkdocs build --strict --site-dir .site-new
	if [ -d site ]; then mv site .site-old; fi
	mv .site-new site
	rm -rf .site-old

## offline: the whole site for use without a network (file://), as dist/handbook-offline.zip
# Publish it with the site: `make offline build HANDBOOK_OFFLINE_ZIP=dist/handbook-offline.zip`.
OFFLINE_ZIP ?= dist/handbook-offline.zip
OFFLINE_SITE ?= .site-offline
offline: $(READY)
	rm -rf $(OFFLINE_SITE)
	$(PROJECT_CODE) HANDBOOK_OFFLINE=true HANDBOOK_PDFS=$(HANDBOOK_PDFS) $(BIN)/mkdocs build --strict -f $(CONFIG) --site-dir $(abspath $(OFFLINE_SITE))
	PYTHONPATH=$(HERE) $(BIN)/python -m handbook.outputs.offline $(OFFLINE_SITE) $(OFFLINE_ZIP)
	rm -rf $(OFFLINE_SITE)

## check: validate every plan in plans/ and every resource in resources/, in one run (no site build)
check: $(READY)
	PYTHONPATH=$(HERE) $(BIN)/python -m handbook.commands.check $(PLANS) $(RESOURCES)

## new-plan: start plans/$(SLUG).md from the template, e.g. make new-plan SLUG=my-district LEVEL=district
new-plan: $(READY)
	PYTHONPATH=$(HERE) $(BIN)/python -m handbook.commands.new_plan "$(SLUG)" "$(LEVEL)" $(PLANS)

## new-resource: start resources/$(SLUG).md from the template, e.g. make new-resource SLUG=attendance-brief KIND="research brief"
new-resource: $(READY)
	PYTHONPATH=$(HERE) $(BIN)/python -m handbook.commands.new_resource "$(SLUG)" "$(KIND)" $(RESOURCES)

## schema: write schema/plan.schema.json and schema/resource.schema.json from the models (a test checks both are current)
schema: $(READY)
	$(BIN)/python -m handbook.plans.schema > schema/plan.schema.json
	$(BIN)/python -m handbook.resources.schema > schema/resource.schema.json

## lint: ruff and mypy for the Python, ESLint for the site's scripts
lint: $(READY) $(NODE_READY)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	npx --no-install eslint .

## test: lint, then the whole test suite (what CI runs), in two processes
# Two workers, each taking whole test files (their module fixtures build once): a browser
# test waits on Chromium and a site test on its build, so two share two cores (-n 3 was no faster).
TEST_WORKERS ?= 2
test: lint
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile

## test-fast: the inner loop: every test but the browser, serve and scale tiers (tests/conftest.py), no lint
test-fast: $(READY) $(NODE_READY)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile -m "not browser and not serve and not scale"

## bench: build 250 and 1,000 synthetic plans beside a hand-written baseline; print the figures
bench: $(READY)
	$(BIN)/python -m bench.run

## bench-national: build 10,000 synthetic plans beside the baseline; what a first search and catalogue view download
bench-national: $(READY)
	$(BIN)/python -m bench.national

## bench-lighthouse: Lighthouse's mobile scores on every kind of page at 1,000 plans, served compressed
LIGHTHOUSE_READY := bench/lighthouse-tool/node_modules/.ready
$(LIGHTHOUSE_READY): $(HERE)bench/lighthouse-tool/package-lock.json
	npm ci --prefix bench/lighthouse-tool --no-audit --no-fund --silent
	touch $@

bench-lighthouse: $(READY) $(LIGHTHOUSE_READY)
	$(BIN)/python -m bench.lighthouse $(LIGHTHOUSE_ARGS)

clean:
	rm -rf site .site-new .site-old dist
