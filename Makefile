PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test bench bench-audit bench-postgres bench-scale bench-scale-postgres lint clean
SIZES ?= 10k,100k
DB ?= sqlite
# bench-scale's own PostgreSQL (DB=postgres): loopback, its own port and data folder, stopped
# after the run; not the tests' server (.ci/run: 5432, /tmp/ledger-ci-pg)
BENCH_PG_PORT ?= 5499
BENCH_PG_DATA ?= /tmp/ledger-bench-scale-pg

$(BIN)/ledger: pyproject.toml
	$(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev,postgres]'
	touch $(BIN)/ledger

demo: $(BIN)/ledger
	rm -f $(DEMO_DB)
	$(BIN)/python -m ledger.demo --db $(DEMO_DB)
	$(BIN)/ledger --db $(DEMO_DB) org list
	$(BIN)/ledger --db $(DEMO_DB) calendar show 2026
	$(BIN)/ledger --db $(DEMO_DB) deadlines
	$(BIN)/ledger --db $(DEMO_DB) notices --out demo-notices
	$(BIN)/ledger --db $(DEMO_DB) notices --out demo-notices --format html
	$(BIN)/ledger --db $(DEMO_DB) annual-report show 2026
	$(BIN)/ledger --db $(DEMO_DB) site build demo-site
	@echo "the demo year's website: open demo-site/index.html in a browser"
	@echo "ledger is installed in $(VENV): '. $(BIN)/activate' puts it on your PATH (README: A short tour)"

test: $(BIN)/ledger
	$(BIN)/pytest

lint: $(BIN)/ledger
	$(BIN)/ruff check .
	$(BIN)/mypy

bench: $(BIN)/ledger
	$(BIN)/python bench/run.py
	$(BIN)/python bench/site.py
	$(BIN)/python bench/audit.py
	$(BIN)/python bench/snapshots.py  # a decision with 10,000 comments: snapshot vs fold
	$(BIN)/python bench/scale.py --sizes 3k  # the scale bench's quick run

bench-scale: $(BIN)/ledger  # SIZES=10k,100k,1m (1m takes long: opt in); DB=sqlite|postgres|sqlite,postgres
	@set -e; case "$(DB)" in *postgres*) \
	  LEDGER_PG_PORT=$(BENCH_PG_PORT) LEDGER_PG_DATA=$(BENCH_PG_DATA) .ci/postgres-up; \
	  trap 'LEDGER_PG_PORT=$(BENCH_PG_PORT) LEDGER_PG_DATA=$(BENCH_PG_DATA) .ci/postgres-down' EXIT;; esac; \
	$(BIN)/python bench/scale.py --sizes "$(SIZES)" --db "$(DB)" \
	  --postgres postgresql://ledger:ledger@127.0.0.1:$(BENCH_PG_PORT)/ledger

bench-scale-postgres:  # the same on a PostgreSQL server of its own
	$(MAKE) bench-scale DB=postgres

bench-audit: $(BIN)/ledger
	$(BIN)/python bench/audit.py

bench-postgres: $(BIN)/ledger  # URL=postgresql://user:pass@host:port/db (may create databases)
	$(BIN)/python bench/postgres.py --url "$(URL)"

clean:
	rm -rf $(VENV) $(DEMO_DB) demo-notices demo-site demo-keys .pytest_cache
