# `make run`: the app with a ready demo event.  `make test`: lint, format check and every test.
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

.PHONY: run test lint fmt bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test,themes]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) wsgi.py --demo

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

fmt: $(STAMP)
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

# Two parts. Tests that start no server, browser or cluster run on both cores (pytest-xdist),
# each file's tests on one worker in order (module fixtures such as test_fuzz's world are
# built once, as in a plain run); those that do start one run one at a time, as their
# timeouts assume a machine they do not share with a second test. Exit 5 ("nothing
# collected") is fine for a part that a PYTEST_ARGS selection empties.
INPROC := not browser and not server and not scale
test: lint
	$(PY) -m pytest -n 2 --dist loadfile -m "$(INPROC)" $(PYTEST_ARGS) || [ $$? -eq 5 ]
	$(PY) -m pytest -m "not ($(INPROC))" $(PYTEST_ARGS) || [ $$? -eq 5 ]

bench: $(STAMP)
	$(PY) bench/matching.py
	$(PY) bench/themes.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
