# Two commands do all the set-up: `make lab` and `make test`.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
READY := $(VENV)/.ready
NBVAL := --nbval --nbval-current-env --nbval-sanitize-with tests/sanitize.cfg
# JupyterLab refuses to run as root (as in containers and CI) unless told it may.
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root)
# Kernel messages reach the page at once, not after a delayed acknowledgement: gdcore/lab.py.
LAB_FLAGS += --ServerApp.kernel_websocket_connection_class=gdcore.lab.PromptConnection

.PHONY: lab test notebooks site bench lint

$(READY): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "gdcore needs Python 3.11 or newer"'
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[lessons,site,test]'
	touch $@

lab: $(READY)
	$(VENV)/bin/jupyter lab $(LAB_FLAGS) notebooks/

test: $(READY)
	$(PY) -m pytest $(NBVAL) tests notebooks

notebooks: $(READY)
	$(VENV)/bin/jupyter nbconvert --to notebook --execute --inplace \
		--ExecutePreprocessor.store_widget_state=False notebooks/*.ipynb

# The lessons as pages that work from disk or any static host: site/index.html.
site: $(READY)
	$(PY) -m gdcore.site notebooks site

bench: $(READY)
	$(PY) benchmarks/kernel_grid.py
	$(PY) benchmarks/mse_grad_overhead.py
	$(PY) benchmarks/lesson_suite.py
	$(PY) benchmarks/slider_latency.py
	$(PY) benchmarks/gif_export.py
	$(PY) benchmarks/site_latency.py

lint: $(READY)
	$(VENV)/bin/ruff format --check gdcore tests benchmarks notebooks
	$(VENV)/bin/ruff check gdcore tests benchmarks notebooks
