# shiftwatch: one entry point for set-up, the demo, the tests and the benchmarks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= shiftwatch.db
STAMP := $(VENV)/.installed

.PHONY: venv demo test lint bench sysdeps serve clean

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
sysdeps:
	@missing=""; \
	command -v chromium >/dev/null 2>&1 || missing="$$missing chromium"; \
	command -v redis-server >/dev/null 2>&1 || missing="$$missing redis-server"; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
			echo "installing:$$missing"; \
			apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "warning: missing system packages:$$missing (tests that need them will be skipped)"; \
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

serve: $(STAMP)
	$(BIN)/shiftwatch --db $(DB) serve

clean:
	rm -rf $(VENV) *.egg-info $(DB) $(DB)-wal $(DB)-shm
