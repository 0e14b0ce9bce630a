# The two commands: `make run` and `make test`. Everything else supports them.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
MANAGE := $(PY) manage.py
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test install migrate reference demo serve lint format messages browser fonts clean bench

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

install: $(STAMP)

var:
	mkdir -p var

migrate: install var
	$(MANAGE) migrate --noinput

reference: migrate
	$(MANAGE) load_reference

demo: reference
	$(MANAGE) seed_demo --if-empty
	$(MANAGE) create_demo_user

run: demo fonts
	@echo "Cổng thông tin: http://$(HOST):$(PORT)/   Trang quản trị: http://$(HOST):$(PORT)/quan-tri/"
	@cat var/demo-login.txt
	$(MANAGE) runserver $(HOST):$(PORT)

# Debian's chromium for the browser tests; never a browser downloaded by Playwright.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# A face with Vietnamese letters for the share images' PNG (resvg reads system fonts).
fonts:
	@test -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf || { \
	  echo "Installing Debian's DejaVu fonts for the chart images"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq fonts-dejavu-core >/dev/null; }

# One pytest worker per core (pytest-xdist); TEST_WORKERS=0 runs in one process.
TEST_WORKERS ?= auto
test: install browser fonts var
	$(PY) -m pytest -n $(TEST_WORKERS)

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

messages: install
	$(MANAGE) makemessages -l vi --no-obsolete --no-location --ignore=var --ignore=bench
	$(MANAGE) compilemessages -l vi --ignore=.venv --ignore=var

# The benchmark (not tests): PostgreSQL databases of its own, wrk from Debian for the load.
SCALE ?= city
BENCH_ARGS ?=
bench: install var
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing Debian's wrk for the throughput benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
	$(PY) bench/run.py --scale $(SCALE) $(BENCH_ARGS)

clean:
	rm -rf $(VENV) var/static .pytest_cache
