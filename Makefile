# Quick start: `make site`, then `make test`. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
READY := $(VENV)/.ready
export NO_MKDOCS_2_WARNING := 1
# The only date a build writes (the sitemap's) is the last commit's, so a commit always builds to the same bytes.
SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || $(PYTHON) -c "import os; print(int(os.path.getmtime('events.yaml')))")
export SOURCE_DATE_EPOCH

.PHONY: site docs test serve golden audit guide fuzz bench clean

# The virtual environment, with the pinned dependencies, rebuilt when a pin changes.
$(READY): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@

# Validate events.yaml and write the generated pages into docs/ (nothing is written if it has errors), then build site/.
site: $(READY)
	$(BIN)/python -m generator build --repo-url "$$(sed -n 's/^repo_url: *//p' mkdocs.yml)"
	$(BIN)/mkdocs build --strict --quiet
	@echo "Built site/: open site/index.html, or run 'make serve' to preview."

# axe-core for the accessibility checks, from npm; without npm those checks are skipped (never in CI).
node_modules/.ready: package.json package-lock.json
	if command -v npm >/dev/null; then npm ci --no-audit --no-fund --silent && touch $@; \
	else echo "npm not found: the browser's accessibility checks will be skipped"; fi

# Lint, type-check and run every test (a real build of the site, and a real browser where Chromium is installed).
test: $(READY) node_modules/.ready
	$(BIN)/ruff check generator tests tools hooks
	$(BIN)/ruff format --check generator tests tools hooks
	$(BIN)/mypy
	$(BIN)/python -m pytest

# Preview on http://127.0.0.1:8000, regenerating pages when events.yaml changes.
serve: $(READY)
	$(BIN)/python -m generator serve

# Rewrite the golden pages after an intended change to rendering; review the diff.
golden: $(READY)
	UPDATE_GOLDEN=1 $(BIN)/python -m pytest tests/test_render.py

# Rewrite the field reference in CONTRIBUTING.md from the schema the validator uses.
guide: $(READY)
	$(BIN)/python tools/guide.py

# Lighthouse scores (performance, accessibility, best practices, SEO) of the built site; not part of `make test`.
audit: site
	$(BIN)/python tools/audit.py

# How the pipeline and the site scale, at 1,000, 10,000 and 100,000 synthetic events: one table (about 10 minutes).
bench: $(READY)
	$(BIN)/python tools/bench.py

# Fuzz the loader, validator, renderer and formatter with atheris for FUZZ_SECONDS; not part of `make test`.
# A finding is written to crash-* (replay it with `$(BIN)/python tools/fuzz.py crash-...`).
FUZZ_SECONDS ?= 600
fuzz: $(READY)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-fuzz.txt
	$(BIN)/python tools/fuzz.py -max_total_time=$(FUZZ_SECONDS)

clean:
	rm -rf site test-artifacts .fuzz .bench docs/index.md docs/timeline docs/events docs/figures docs/people docs/movements docs/sources docs/corrections docs/data-fields docs/api docs/data
