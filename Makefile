# shiftwatch: one entry point for set-up, the demo, the tests and the benchmarks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= shiftwatch.db
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint bench eval sysdeps serve clean

# The KCNA development corpus (optional; see bench/eval/README.md): scored by `make eval` where present.
DEV ?= ../shared/dev
EVALDIR ?= .eval

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

## The main job on the bundled defaults: load the seed articles, analyze, print the alerts.
demo: $(STAMP)
	$(BIN)/shiftwatch --db $(DB) load seeds/articles
	$(BIN)/shiftwatch --db $(DB) analyze
	$(BIN)/shiftwatch --db $(DB) notify
	@echo
	@echo "Browse the result: $(BIN)/shiftwatch --db $(DB) serve   (then open http://127.0.0.1:8001/)"

## System packages the tests drive (headless Chromium, Redis); installed only where missing.
## Under CI=1 (set by .ci/run) a package that cannot be installed fails the target: the tests that need it
## would fail too, and a green CI must mean they ran.
sysdeps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing:$$missing"; \
			apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null \
				|| echo "warning: apt-get could not install:$$missing"; \
		fi; \
		still=""; \
		for package in $$missing; do command -v $$package >/dev/null 2>&1 || still="$$still $$package"; done; \
		if [ -n "$$still" ]; then \
			case "$${CI:-}" in \
				""|0|false|no) echo "warning: missing system packages:$$still (tests that need them will be skipped)";; \
				*) echo "error: CI=$$CI and missing system packages:$$still (install them as root: apt-get install$$still)" >&2; exit 1;; \
			esac; \
		fi; \
	fi

test: $(STAMP) sysdeps
	$(BIN)/ruff check crawler alerts tests bench
	$(BIN)/ruff format --check crawler alerts tests bench
	$(BIN)/mypy crawler alerts
	$(BIN)/python -m pytest -q

lint: $(STAMP)
	$(BIN)/ruff check crawler alerts tests bench
	$(BIN)/ruff format --check crawler alerts tests bench
	$(BIN)/mypy crawler alerts

bench: $(STAMP)
	@ls bench/bench_*.py >/dev/null 2>&1 && for b in bench/bench_*.py; do $(BIN)/python $$b; done || echo "no benchmarks yet"

## Extraction quality: the seeds against bench/eval/seeds-gold.json, then, where the development corpus is
## present, the development and held-back halves of the annotated KCNA sample and the second development sample.
eval: $(STAMP)
	@mkdir -p $(EVALDIR)
	@rm -f $(EVALDIR)/seeds.db*
	@$(BIN)/shiftwatch --db $(EVALDIR)/seeds.db load seeds/articles >/dev/null 2>&1
	@echo "== seeds (bench/eval/seeds-gold.json)"
	@$(BIN)/shiftwatch --db $(EVALDIR)/seeds.db eval bench/eval/seeds-gold.json --quiet
	@rm -f $(EVALDIR)/own-wire.db*
	@$(BIN)/shiftwatch --db $(EVALDIR)/own-wire.db load bench/eval/own-wire.jsonl >/dev/null 2>&1
	@for half in tuned heldout; do \
		echo "== own texts in other outlets' styles, $$half half (bench/eval/own-wire-$$half.json)"; \
		$(BIN)/shiftwatch --db $(EVALDIR)/own-wire.db eval bench/eval/own-wire-$$half.json --quiet || exit 1; \
	done
	@if [ -f $(DEV)/kcna-2012.jsonl.gz ]; then \
		for half in dev heldout dev2 dev3 dev4 dev5 dev6 dev7 dev8 dev9 dev10; do \
			rm -f $(EVALDIR)/$$half.db*; \
			$(BIN)/python bench/dev_sample.py $(DEV) --export $$half $(EVALDIR)/$$half.jsonl >/dev/null && \
			$(BIN)/shiftwatch --db $(EVALDIR)/$$half.db load $(EVALDIR)/$$half.jsonl >/dev/null 2>&1; \
			echo "== KCNA sample, $$half half (bench/eval/kcna-$$half.json)"; \
			$(BIN)/shiftwatch --db $(EVALDIR)/$$half.db eval bench/eval/kcna-$$half.json --quiet || exit 1; \
		done; \
	else echo "(no development corpus at DEV=$(DEV): only the seeds were scored)"; fi

serve: $(STAMP)
	$(BIN)/shiftwatch --db $(DB) serve

clean:
	rm -rf $(VENV) *.egg-info $(DB) $(DB)-wal $(DB)-shm $(EVALDIR)
