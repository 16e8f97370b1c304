# jobmine: `make demo` runs the pipeline on the bundled sample; `make test` runs every test on real services.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin
STAMP   = $(VENV)/.installed

.PHONY: demo test lint services-up services-down install bench clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e ".[dev]"
	# dev tooling and test fakes (infra/local, tests/fakes) are importable in the checkout's venv only
	echo "$(CURDIR)" > "$$($(BIN)/python -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')/jobmine-checkout.pth"
	touch $(STAMP)

install: $(STAMP)

services-up: $(STAMP)
	$(BIN)/jobmine services up

services-down: $(STAMP)
	$(BIN)/jobmine services down

demo: services-up
	$(BIN)/jobmine demo

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

test: services-up lint
	$(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	for b in bench/*.py; do $(BIN)/python $$b --scale 0.001 || exit 1; done

clean:
	rm -rf $(VENV) data reports/run_*.json
