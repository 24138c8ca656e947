# Cap IA: the two commands are `make run` and `make test`.
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench install browser web clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install -q -e '.[client,dev]'
	touch $(STAMP)

install: $(STAMP) web

# The browser seat's script (web/ → server/static/seat/seat.js), built when npm exists.
SEAT_JS := server/static/seat/seat.js
web: $(SEAT_JS)
$(SEAT_JS): web/package.json web/package-lock.json web/compress.mjs $(wildcard web/src/*.js)
	@if command -v npm >/dev/null 2>&1; then \
		cd web && npm ci --no-audit --no-fund --loglevel=error && npm run --silent build; \
	else echo "npm absent (Node 18+ needed): the browser seat page is not built"; fi

run: $(STAMP) web
	$(BIN)/capia serve

# The debrief report tests render HTML in headless Chromium; install it from the
# distribution's packages when missing (the tests skip, saying why, if this fails).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
		(apt-get update -qq && apt-get install -y -qq chromium) >/dev/null 2>&1 \
		|| echo "chromium could not be installed: HTML rendering tests will be skipped"; }

test: $(STAMP) browser web
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	SDL_VIDEODRIVER=dummy SDL_AUDIODRIVER=dummy PYGAME_HIDE_SUPPORT_PROMPT=1 \
		$(BIN)/python -m pytest -q -p no:cacheprovider

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

clean:
	rm -rf $(VENV) var .mypy_cache .ruff_cache
