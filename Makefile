# Two commands do all the set-up on a fresh machine with Python 3.11+ and make:
#   make serve   build and serve the site at http://127.0.0.1:8000 with live reload
#   make test    run every test
# Both create .venv and install requirements.txt first, every package pinned
# and checked against its hash (--require-hashes); a later run reinstalls only
# when requirements.txt has changed. requirements.txt is generated from
# requirements.in by `make requirements`; never edit it by hand.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.requirements-installed

# Material 9.8 prints an end-of-life notice on every build; we know (README).
export NO_MKDOCS_2_WARNING := 1

# Arguments of the translators' targets, passed raw through the environment:
# make would expand a $(...) in UNIT if it exported UNIT itself.
# The same for every argument of every target: a recipe reads each one as a
# shell variable in double quotes ("$$PUBLICATION_UNIT"), whose value no shell
# parses, or, for ARGS (several options), unquoted with globbing off, which
# only splits it at spaces: quotes, `;` or $(...) in a value run nothing.
unexport UNIT FILE FAIL_ON ARGS UPGRADE
export PUBLICATION_UNIT = $(value UNIT)
export PUBLICATION_FILE = $(value FILE)
export PUBLICATION_FAIL_ON = $(value FAIL_ON)
export PUBLICATION_ARGS = $(value ARGS)
export PUBLICATION_UPGRADE = $(value UPGRADE)
export PUBLICATION_LANG = $(if $(filter command line,$(origin LANG)),$(value LANG),en)

.PHONY: serve test lint build check translations translations-ok translations-diff xliff xliff-import tmx bench audit shots critical-css clean requirements

serve: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m publication.build.serve --config-file mkdocs.yml --dev-addr 127.0.0.1:8000

test: lint
	$(BIN)/python -m pytest

# Lint and types (configured in pyproject.toml); make test runs it first.
lint: $(STAMP)
	$(BIN)/ruff check hooks tests bench tools
	$(BIN)/mypy

# One MkDocs build per language, in parallel processes, then the finishing
# step (hooks/publication/build/pipeline.py), into a fresh temporary folder swapped
# in for site/ in one rename: a failed build leaves the previous site/
# untouched, and two builds at once never leave site/ missing.
build: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m publication.build.pipeline --config-file mkdocs.yml --site-dir site

# Data and pages validated without a build, then the translations' state.
# FAIL_ON=missing,orphaned (or outdated, qa) makes the second step fail on those.
check: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m publication.content.check mkdocs.yml
	PYTHONPATH=hooks $(BIN)/python -m publication.translation status --summary $${PUBLICATION_FAIL_ON:+--fail-on "$$PUBLICATION_FAIL_ON"}

# Every translation unit: state, French date, English date, QA findings.
# ARGS=--strict fails unless everything is up to date with no finding.
translations: $(STAMP)
	set -f; PYTHONPATH=hooks $(BIN)/python -m publication.translation status $$PUBLICATION_ARGS

# After updating an English section: pin it to the French it now translates.
#   make translations-ok UNIT=articles/openai-nvidia#deal-du-siecle
# UNIT may also name a whole page (articles/openai-nvidia), a data unit, or all.
translations-ok: $(STAMP)
	@test -n "$$PUBLICATION_UNIT" || { echo "Name what you translated: make translations-ok UNIT=articles/openai-nvidia#deal-du-siecle (a page, a unit from 'make translations', or all)" >&2; exit 2; }
	PYTHONPATH=hooks $(BIN)/python -m publication.translation pin -- "$$PUBLICATION_UNIT"

# What changed in the French of outdated units since their English was pinned:
#   make translations-diff UNIT=articles/openai-nvidia#signaux
# UNIT may also name a page or all. It reaches the command unexpanded, as an
# environment variable that no shell reads: quotes or $(...) in it run nothing.
translations-diff: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m publication.translation diff --unit-from PUBLICATION_UNIT

# Translators' exchange with CAT tools (CONTRIBUTING, "Translating without git"):
#   make xliff LANG=en        one XLIFF 2.0 file per French page and data file, in xliff/en/
#   make xliff-import FILE=xliff/en/docs/articles/openai-nvidia.md.xlf
#                             the file's translations written back and pinned
#   make tmx                  every pinned pair as a TMX 1.4 memory, xliff/silicium.fr-en.tmx
xliff: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m publication.translation xliff --language-from PUBLICATION_LANG

xliff-import: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m publication.translation xliff-import --file-from PUBLICATION_FILE

tmx: $(STAMP)
	PYTHONPATH=hooks $(BIN)/python -m publication.translation tmx

# Build benchmarks against a stock build (bench/run.py runs one module per
# benchmark; its docstring says how to add one); a timing tool, not a test.
#   make bench ARGS=--quick      a short run (about a minute)
#   make bench ARGS=--write-results   the full run, written to bench/RESULTS.md
bench: $(STAMP)
	set -f; $(BIN)/python -m bench.run $$PUBLICATION_ARGS

# Lighthouse (npm lighthouse@12.2.3, pinned in tools/audit) on every page type,
# both languages, mobile and desktop, against site/; fails below 100. Slow:
# not part of `make test`.
audit: build
	test -d tools/audit/node_modules || npm ci --prefix tools/audit --no-audit --no-fund
	$(BIN)/python tools/critical_css.py --check --site site
	set -f; $(BIN)/python tools/audit/audit.py $$PUBLICATION_ARGS

# The CSS each page inlines and the cached stylesheet after it
# (tools/critical_css.py), measured in Chromium against site/. Slow.
critical-css: build
	$(BIN)/python tools/critical_css.py --site site

# Screenshots of every page type at 390 px and 1440 px, light and dark, both
# languages, of site/ into shots/ (tools/shots.py; the pull-request workflow
# uploads them next to the built site). Needs Debian's Chromium.
shots: build
	$(BIN)/python tools/shots.py --site site --out shots

clean:
	rm -rf shots site site.new site.old .site.building-* .site.lock .pytest_cache .cache

# After editing requirements.in: every package of requirements.txt pinned,
# with the hashes of all its files on PyPI (any platform, Python 3.11+).
# Versions already in requirements.txt are kept unless requirements.in asks
# otherwise; UPGRADE=1 moves every dependency not pinned there to its newest.
requirements: $(STAMP)
	$(BIN)/uv pip compile requirements.in --quiet --generate-hashes --universal --python-version 3.11 --custom-compile-command "make requirements" --output-file requirements.txt $${PUBLICATION_UPGRADE:+--upgrade}

# --require-hashes: pip refuses any file whose hash is not in requirements.txt,
# and any dependency that requirements.txt does not pin.
$(STAMP): requirements.txt
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (found " + sys.version.split()[0] + "); set PYTHON=python3.11")'
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes --requirement requirements.txt
	touch $(STAMP)
