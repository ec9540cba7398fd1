# Two commands for a newcomer: `make run` (app with demo data) and `make test` (whole suite).
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.terpasang

.PHONY: run test test-cepat lint e2e-siap bench-smoke clean

$(STAMP): pyproject.toml
	@command -v $(PY) >/dev/null 2>&1 || { echo "Python 3.11 tidak ditemukan (set PY=...)"; exit 1; }
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	@echo "Bangkom berjalan di http://127.0.0.1:8000 (Ctrl+C untuk berhenti)"
	$(BIN)/python manage.py runserver 127.0.0.1:8000

# Browser tests need Debian's Chromium; `make test` installs it when it can (root + apt) and the
# e2e tests skip with a clear reason when it is missing.
e2e-siap:
	@test -f .cache/axe/node_modules/axe-core/axe.min.js || npm install --silent --no-audit --no-fund \
	  --prefix .cache/axe axe-core@4 >/dev/null || echo "axe-core tidak terpasang: uji aksesibilitas akan gagal."
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  (apt-get update -qq && apt-get install -y -qq chromium >/dev/null) || \
	  echo "Chromium tidak terpasang: uji peramban akan dilewati."; }

test: $(STAMP) e2e-siap
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest -n 2 --dist loadfile

test-cepat: $(STAMP)
	$(BIN)/pytest -n 2 -m "not e2e"

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

bench-smoke: $(STAMP)
	$(BIN)/python -m bench run --employees 500 --quick --output bench/results/smoke.json

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles
