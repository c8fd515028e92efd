# Backsite: the two commands a new user needs are `make run` and `make test`.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PORT ?= 8000
VENV := .venv
PY := $(VENV)/bin/python

# The first interpreter on PATH that is Python 3.12 or newer (3.13 is what we develop on).
PYTHON ?= $(shell for c in python3.13 python3.12 python3 python; do \
	if command -v $$c >/dev/null 2>&1 && $$c -c 'import sys; sys.exit(sys.version_info < (3, 12))' 2>/dev/null; \
	then echo $$c; break; fi; done)

.PHONY: help run run-proxy test test-system test-browser lint check seed superuser clean bench backup restore

help:
	@echo "make run    create .venv, install, migrate, load seed content, serve http://127.0.0.1:$(PORT)"
	@echo "make run-proxy   the same behind nginx (deploy/nginx.conf) at http://127.0.0.1:$(PROXY_PORT)"
	@echo "make test   run the whole test suite (PostgreSQL when DATABASE_URL is set, else SQLite)"
	@echo "make test-system    slow system tests: servers, load, fuzz, faults, backups, scale"
	@echo "make test-browser   reader and editor journeys and axe-core checks in Chromium"
	@echo "make lint   ruff; make check: migrations and deployment checks"

$(VENV)/.runtime: requirements.txt
	@if [ -z "$(PYTHON)" ]; then \
		echo "Backsite needs Python 3.12 or newer (3.13 recommended), and none was found on PATH."; \
		echo "Install one (https://www.python.org/downloads/), or name it: make run PYTHON=/path/to/python3.13"; \
		exit 1; fi
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: $(VENV)/.runtime requirements-dev.txt
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $@

# A random key for this checkout, made once and never committed.
.secret_key:
	@$(PYTHON) -c 'import secrets; print(secrets.token_urlsafe(50))' > $@
	@chmod 600 $@

# Beside the server, the open data package (/data/) is rebuilt in the background within
# EXPORT_EVERY seconds of a content change, and daily (docs/operations.md).
EXPORT_EVERY ?= 300
run: $(VENV)/.runtime .secret_key
	@export SECRET_KEY="$$(cat .secret_key)" DEBUG=0 SERVE_MEDIA=1; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py seed && \
	{ $(PY) manage.py export_catalogue --watch $(EXPORT_EVERY) & } && \
	exporter=$$! && trap 'kill $$exporter 2>/dev/null' EXIT && \
	echo "Backsite is at http://127.0.0.1:$(PORT)/ (Ctrl+C stops it)" && \
	$(VENV)/bin/gunicorn backsite.wsgi -c gunicorn.conf.py --bind 127.0.0.1:$(PORT) --workers 2

# The same site behind deploy/nginx.conf (Debian's nginx): nginx on PROXY_PORT micro-caches
# anonymous pages in front of gunicorn on PORT. See docs/deploy.md.
PROXY_PORT ?= 8080
run-proxy: $(VENV)/.runtime .secret_key
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { echo "run-proxy needs nginx: sudo apt-get install nginx"; exit 1; }
	@export SECRET_KEY="$$(cat .secret_key)" DEBUG=0 SERVE_MEDIA=1; \
	$(PY) manage.py migrate --noinput && \
	$(PY) manage.py collectstatic --noinput --verbosity 0 && \
	$(PY) manage.py seed && \
	{ $(VENV)/bin/gunicorn backsite.wsgi -c gunicorn.conf.py --bind 127.0.0.1:$(PORT) --workers 2 & } && \
	app=$$! && trap 'kill $$app 2>/dev/null' EXIT && \
	$(PY) deploy/proxy.py --port $(PROXY_PORT) --upstream 127.0.0.1:$(PORT)

# All content with its history, the accounts and groups that history names, and the admin
# log, as one compressed JSON file with natural keys (not sessions or uploaded files).
# Restore into an empty database with `make restore FILE=...`; see docs/operations.md.
BACKUP_DIR ?= backups
BACKUP_APPS := auth.user auth.group admin.logentry core exercises articles programs redirects
backup: $(VENV)/.runtime
	@mkdir -p $(BACKUP_DIR)
	@file=$(BACKUP_DIR)/backsite-$$(date -u +%Y%m%d-%H%M%S).json.gz; \
	$(PY) manage.py dumpdata $(BACKUP_APPS) --exclude core.contentversion \
		--natural-foreign --natural-primary -o $$file && echo "Backup written to $$file"

restore: $(VENV)/.runtime .secret_key
	@test -n "$(FILE)" || { echo "Name the backup: make restore FILE=backups/backsite-<time>.json.gz"; exit 1; }
	SECRET_KEY="$${SECRET_KEY:-$$(cat .secret_key)}" $(PY) manage.py restore "$(FILE)"

# Throughput and latency against a bare Django view (needs wrk); see docs/performance.md.
bench: $(VENV)/.runtime
	$(PY) bench/run.py

# The suite without the slow system tests, spread over the machine's cores (pytest-xdist).
test: $(VENV)/.dev
	$(PY) -m pytest -m "not system" --numprocesses=auto

# Servers, load, fuzz, faults, backups and scale: slow, so apart from `make test` (CI runs both).
test-system: $(VENV)/.dev
	$(PY) -m pytest -m system

# Real-browser tests in Debian's Chromium (Playwright cannot download browsers here).
# Screenshots of failing pages land in test-results/.
test-browser: $(VENV)/.dev
	@command -v $${CHROMIUM:-chromium} >/dev/null 2>&1 || { \
		echo "make test-browser needs Chromium, and none was found on PATH."; \
		echo "Install it: sudo apt-get install chromium   (or set CHROMIUM=/path/to/chromium)"; \
		exit 1; }
	$(PY) -m pytest tests/browser --screenshot=only-on-failure --full-page-screenshot \
		--output=test-results

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

check: $(VENV)/.dev
	SECRET_KEY=ci-only $(PY) manage.py makemigrations --check --dry-run
	SECRET_KEY="$$($(PY) -c 'import secrets; print(secrets.token_urlsafe(50))')" HTTPS=1 \
		ALLOWED_HOSTS=backsite.example.org $(PY) manage.py check --deploy --fail-level WARNING

seed: $(VENV)/.runtime .secret_key
	SECRET_KEY="$$(cat .secret_key)" $(PY) manage.py seed

superuser: $(VENV)/.runtime .secret_key
	SECRET_KEY="$$(cat .secret_key)" $(PY) manage.py createsuperuser

clean:
	rm -rf $(VENV) staticfiles .pytest_cache .ruff_cache
