# Changhu: `make run` sets up everything and serves the portal; `make test` runs every test.
# Every target is idempotent: stamps and file dates make a second run cheap.

PORT ?= 5000
HOST ?= 127.0.0.1
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app portal
PO_FILES := $(wildcard locales/*/LC_MESSAGES/messages.po)
MO_FILES := $(PO_FILES:.po=.mo)
export CHANGHU_ENV ?= development

.PHONY: run test lint unit functional functional-postgres e2e system-deps db catalogs vendor clean

run: $(VENV)/.installed $(MO_FILES) db
	@echo "Changhu portal: http://$(HOST):$(PORT)"
	$(FLASK) run --host $(HOST) --port $(PORT)

test: system-deps $(VENV)/.installed-test $(MO_FILES) lint unit functional functional-postgres e2e

$(VENV)/.installed: pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "The portal needs Python 3.11 or newer as $(PYTHON)"; exit 1; }
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $@

$(VENV)/.installed-test: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Compiled catalogs are build output (not committed); rebuilt when a .po changes.
locales/%/LC_MESSAGES/messages.mo: locales/%/LC_MESSAGES/messages.po $(VENV)/.installed
	$(BIN)/pybabel compile -d locales -l $*

db: $(VENV)/.installed
	mkdir -p instance
	$(FLASK) db upgrade
	$(FLASK) demo-data

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

unit: $(VENV)/.installed-test $(MO_FILES)
	$(BIN)/pytest tests/unit -q

functional: $(VENV)/.installed-test $(MO_FILES)
	$(BIN)/pytest tests/functional -q

functional-postgres: $(VENV)/.installed-test $(MO_FILES)
	scripts/with_postgres.sh $(BIN)/pytest tests/functional -q

e2e: $(VENV)/.installed-test $(MO_FILES)
	$(BIN)/pytest tests/e2e -q

# Debian packages the tests drive: Chromium, a CJK font for screenshots, PostgreSQL.
# Read-aloud needs espeak-ng and lame at run time too (the offline voice, MP3 encoding).
system-deps:
	@missing=""; \
	command -v chromium >/dev/null || missing="$$missing chromium"; \
	command -v espeak-ng >/dev/null || missing="$$missing espeak-ng"; \
	command -v lame >/dev/null || missing="$$missing lame"; \
	dpkg -s fonts-noto-cjk >/dev/null 2>&1 || missing="$$missing fonts-noto-cjk"; \
	ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || missing="$$missing postgresql"; \
	if [ -n "$$missing" ]; then \
		echo "Installing Debian packages:$$missing"; \
		SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
		$$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

catalogs: $(VENV)/.installed-test
	$(BIN)/python scripts/update_catalogs.py

vendor: $(VENV)/.installed-test
	PYTHON=$(BIN)/python scripts/vendor_assets.sh

clean:
	rm -rf $(VENV) instance test-artifacts .pytest_cache .mypy_cache .ruff_cache
	find locales -name '*.mo' -delete
