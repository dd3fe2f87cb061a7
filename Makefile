# Two commands do everything on a fresh machine:
#   make demo   install, then analyse the shipped sample agreement (PDF in, report out)
#   make test   install (with test extras and a headless Chromium for the browser test), then run every test
VENV ?= .venv
PIP = $(VENV)/bin/pip
PYTHON ?= python3

.PHONY: install demo test browser bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PIP) install -q --upgrade pip
	# the CPU build first: an unpinned torch would pull gigabytes of CUDA wheels
	$(PIP) install -q torch==2.13.0
	$(PIP) install -q -e ".[dev]"
	touch $@

demo: install
	$(VENV)/bin/coaltext analyze corpora/samples/alliance_agreement.pdf --format md

browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "make: could not install chromium; the browser test will be skipped"; \
	  else echo "make: chromium not installed; the browser test will be skipped"; fi; }

test: install browser
	$(VENV)/bin/pytest

bench: install
	$(VENV)/bin/python bench/segmentation.py
	$(VENV)/bin/python bench/parties.py
	$(VENV)/bin/python bench/playbooks.py
	$(VENV)/bin/python bench/terms.py
	$(VENV)/bin/python bench/classify.py
	$(VENV)/bin/python bench/minutes.py
	$(VENV)/bin/python bench/align.py
	$(VENV)/bin/python bench/load.py

clean:
	rm -rf $(VENV) .pytest_cache
