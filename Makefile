# Two commands set everything up on a fresh machine:
#   make site   create .venv, install the pinned requirements, build site/ from content/
#   make test   the same environment plus the test tools, then the whole test suite
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: site check serve test golden clean

$(BIN)/.installed-runtime: requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements.txt
	touch $@

$(BIN)/.installed-dev: requirements-dev.txt $(BIN)/.installed-runtime
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $@

site: $(BIN)/.installed-runtime   ## build the bilingual site into site/
	$(BIN)/python build.py

check: $(BIN)/.installed-runtime  ## validate content/ only
	$(BIN)/python build.py check

serve: $(BIN)/.installed-runtime  ## live preview of both languages on http://127.0.0.1:8000/
	$(BIN)/mkdocs serve --dev-addr 127.0.0.1:8000

test: $(BIN)/.installed-dev       ## the whole test suite
	$(BIN)/python -m pytest

golden: $(BIN)/.installed-dev     ## rewrite tests/golden/ after an intended change, then review git diff
	$(BIN)/python -m pytest tests/test_golden.py --refresh-golden

clean:
	rm -rf site .site.building-* build/docs/en build/docs/ar .pytest_cache
