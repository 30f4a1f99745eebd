# Two commands set everything up on a fresh machine:
#   make site   create .venv, install the pinned requirements, build site/ from content/
#   make test   the same environment plus the test tools, then the whole test suite
#               (the browser tests also need Debian's chromium and chromium-driver, Java,
#               and axe-core and vnu-jar from npm: `make browser-tools` installs them)
# While working: `make quick` (the tests but the browser, serve and bench ones, on both
# cores, under a minute) and `make lint` (ruff and mypy, configured in pyproject.toml).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

# apt-get as root, or through sudo without a password prompt (CI has no standard input).
SUDO := $(if $(filter 0,$(shell id -u)),,sudo -n)

.PHONY: site publish check serve test quick lint golden clean browser-tools lighthouse fonts

# The project itself is installed in editable mode (its MkDocs plugin is found through the
# `mkdocs.plugins` entry point in pyproject.toml), with the venv's own setuptools: nothing
# is fetched beyond the pinned requirements and the pinned build backend (pyproject.toml).
# PYTHONWARNINGS: setuptools warns about every editable install, in many lines.
$(BIN)/.installed-runtime: requirements.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	PYTHONWARNINGS=ignore $(BIN)/python -m pip install --quiet --no-deps --editable .
	touch $@

$(BIN)/.installed-dev: requirements-dev.txt $(BIN)/.installed-runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

site: $(BIN)/.installed-runtime   ## build the bilingual site into site/
	$(BIN)/python build.py

publish: $(BIN)/.installed-runtime  ## build site/ for publishing at SITE_URL (or mkdocs.yml's site_url): sitemaps, feed links
	$(BIN)/python build.py publish $(if $(SITE_URL),--site-url "$(SITE_URL)")

check: $(BIN)/.installed-runtime  ## validate content/ only
	$(BIN)/python build.py check

serve: $(BIN)/.installed-runtime  ## live preview of both languages on http://127.0.0.1:8000/ (only the pages an edit changed are rebuilt)
	$(BIN)/mkdocs serve --dirty --dev-addr 127.0.0.1:8000

# tests/test_browser.py: Debian's Chromium and its driver (never a browser that a tool
# downloads), Java for the Nu Html Checker, and the npm packages pinned in package-lock.json.
browser-tools: node_modules/.installed
	@packages=""; \
	[ -x /usr/bin/chromium ] || packages="$$packages chromium"; \
	[ -x /usr/bin/chromedriver ] || packages="$$packages chromium-driver"; \
	command -v java >/dev/null || packages="$$packages default-jre-headless"; \
	if [ -n "$$packages" ]; then \
	  echo "Installing$$packages for the browser tests (apt-get)"; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$packages; \
	fi

node_modules/.installed: package.json package-lock.json
	npm ci --ignore-scripts --no-audit --no-fund
	touch $@

test: $(BIN)/.installed-dev browser-tools  ## the whole test suite
	$(BIN)/python -m pytest

# --dist loadfile: a file's tests share one worker, so each worker builds only the sites
# its files use (a site built per test would cost more than the second core gives).
quick: $(BIN)/.installed-dev  ## the tests but the browser, serve and bench ones, on both cores
	$(BIN)/python -m pytest -q -n 2 --dist loadfile -m "not browser and not serve and not bench" \
	  --hypothesis-profile quick

# All three run, whatever the first finds, and the target fails if any found something.
lint: $(BIN)/.installed-dev  ## ruff, mypy --strict on briefing/, and no function over 60 lines
	@status=0; \
	$(BIN)/ruff check . || status=1; \
	$(BIN)/mypy || status=1; \
	$(BIN)/python .ci/function_length.py briefing || status=1; \
	exit $$status

golden: $(BIN)/.installed-dev     ## rewrite tests/golden/ after an intended change, then review git diff
	$(BIN)/python -m pytest tests/test_golden.py --refresh-golden

# Lighthouse (npm, package-lock.json) in phone emulation on Debian's Chromium, against the
# bundled dossier built for and served by a gzip-serving local host (bench/serve_gzip.py):
# a table per page and language, the JSON reports in test-artifacts/lighthouse/.
lighthouse: $(BIN)/.installed-dev browser-tools  ## Lighthouse scores and page weights (README: "Page weight and Lighthouse")
	$(BIN)/python -m bench.lighthouse

# The Arabic web font cut down to the Arabic block, from the pinned npm package (bench/fonts.py).
fonts: $(BIN)/.installed-dev node_modules/.installed  ## rewrite templates/overrides/assets/fonts/*.woff2
	$(BIN)/python -m bench.fonts

clean:
	rm -rf site .site.building-* build/pages build/tmp .pytest_cache .mypy_cache .ruff_cache
