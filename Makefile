# Cap IA: the two commands are `make run` and `make test`.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
LOCK := requirements-dev.lock
# pytest workers (pytest-xdist): the suite mostly waits on servers and browsers
TEST_JOBS ?= 2

.PHONY: run test bench install browser deps lock wheel wheel-check web clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# The locked, hash-checked dependencies, then the project itself (editable, no deps).
$(STAMP): $(BIN)/python pyproject.toml $(LOCK)
	$(BIN)/python -m pip install -q --require-hashes -r $(LOCK)
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $(STAMP)

install: $(STAMP) web

# `make run HOST=0.0.0.0 PORT=9000`: what is given on make's command line becomes a
# flag of `capia serve` (HOST, PORT, DB, SCENARIO, LOG_LEVEL); capia itself reads
# the CAPIA_* environment variables.
flag = $(if $(filter command line,$(origin $(1))),--$(2) '$($(1))')
SERVE_ARGS = $(call flag,HOST,host) $(call flag,PORT,port) $(call flag,DB,db) \
	$(call flag,SCENARIO,scenario) $(call flag,LOG_LEVEL,log-level)
# The browser seat's script (web/ → server/static/seat/seat.js), built when npm exists.
SEAT_JS := server/static/seat/seat.js
web: $(SEAT_JS)
$(SEAT_JS): web/package.json web/package-lock.json web/compress.mjs $(wildcard web/src/*.js)
	@if command -v npm >/dev/null 2>&1; then \
		cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build; \
	else echo "npm absent (Node 18+ needed): the browser seat page is not built"; fi


run: $(STAMP) web
	$(BIN)/capia serve $(strip $(SERVE_ARGS))

# System packages, only when asked for (CI asks): Chromium for the tests that render
# the debrief report's HTML (they skip, saying why, without it).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		(apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
		|| echo "chromium could not be installed: HTML rendering tests will be skipped"; }

deps: browser

test: $(STAMP) web
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PYGAME_HIDE_SUPPORT_PROMPT=1 \
		$(BIN)/python -m pytest -q -p no:cacheprovider -n $(TEST_JOBS)

# The wheel to copy to each laptop (see README: Install on a laptop).
wheel: $(STAMP)
	$(BIN)/uv build --wheel --out-dir dist

# The wheel, installed in fresh venvs outside the checkout, on Python 3.11-3.13.
wheel-check: $(STAMP)
	$(BIN)/python .ci/wheel_check.py

# Re-pin the dependencies for Python >= 3.11 on every platform (LOCK_ARGS=--upgrade
# to take newer releases): the dev lock first, the app lock within it.
UV_COMPILE = $(BIN)/uv pip compile pyproject.toml --universal --python-version 3.11 \
	--generate-hashes --quiet --custom-compile-command 'make lock' $(LOCK_ARGS)
lock: $(STAMP)
	$(UV_COMPILE) --extra client --extra dev -o requirements-dev.lock
	$(UV_COMPILE) --extra client -c requirements-dev.lock -o requirements.lock

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache build dist
