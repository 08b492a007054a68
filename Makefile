# Netzwerkatlas Fachkräftesicherung — the five commands.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
PORT   ?= 8501

.PHONY: run run-demo test test-fast data check-register register-figures bench lint format clean backup restore cluster cluster-stop ogc

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.runtime: requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(VENV)/.dev: requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(VENV)/.runtime $@

## make run: set up and start the app on http://localhost:$(PORT) (SQLite, shipped data)
run: $(VENV)/.runtime
	$(BIN)/streamlit run dashboard.py --server.port $(PORT) --browser.gatherUsageStats false

## make run-demo: the same with the fictional demo networks, in a database of their own (never mixed)
run-demo: $(VENV)/.runtime
	NETZWERKATLAS_DATASET=demo NETZWERKATLAS_DB=netzwerkatlas-demo.sqlite3 \
	  $(BIN)/streamlit run dashboard.py --server.port $(PORT) --browser.gatherUsageStats false

## make test: set up (with dev tools) and run the whole test suite
test: $(VENV)/.dev
	$(BIN)/python -m pytest

## make test-fast: everything but PostgreSQL, the cluster, the browser and slow tests (under two minutes)
test-fast: $(VENV)/.dev
	$(BIN)/python -m pytest -q -m "not pg and not cluster and not e2e and not slow"

## make data: rebuild data/ from the official sources (VG250=... DESTATIS=... for newer files)
data: $(VENV)/.runtime
	$(BIN)/python -m geo.databuild $(if $(VG250),--vg250 $(VG250)) $(if $(LAYER),--layer $(LAYER)) $(if $(DESTATIS),--destatis $(DESTATIS))

## make check-register: source hygiene of the shipped register (URLs, primary sources, Stand, status, duplicates,
## regions, a check record for every white spot); exit 1 listing every problem
check-register: $(VENV)/.runtime
	$(BIN)/python -m geo.databuild.register_check

## make register-figures: rewrite the register figures in README.md and data/README.md from the data
register-figures: $(VENV)/.runtime
	$(BIN)/python -m geo.databuild.register_figures

## make ogc: OGC API – Features (pygeoapi) on http://127.0.0.1:$(OGC_PORT)/ (5000), read-only from the app's database
OGC_PORT ?= 5000
ogc: $(VENV)/.runtime
	OGC_PORT=$(OGC_PORT) $(BIN)/python -m geo.handouts.ogc

## make backup FILE=x / make restore FILE=x: snapshot of the database (SQLite or DATABASE_URL) and back
backup: $(VENV)/.runtime
	$(BIN)/python -m geo.storage.backup create $(FILE)

restore: $(VENV)/.runtime
	$(BIN)/python -m geo.storage.backup restore $(FILE)

## make cluster: PostgreSQL, CLUSTER_PROCS app processes (2) and HAProxy on http://127.0.0.1:$(CLUSTER_PORT)/ (8080)
cluster: $(VENV)/.runtime
	$(BIN)/python -m bench.cluster start

## make cluster-stop: end exactly what make cluster started (pid files in CLUSTER_DIR)
cluster-stop:
	$(BIN)/python -m bench.cluster stop

bench: $(VENV)/.dev
	$(BIN)/python -m bench

lint: $(VENV)/.dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(VENV)/.dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache .cache
