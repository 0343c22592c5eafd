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

.PHONY: run test lint unit functional functional-postgres integration e2e bot bot-test run-deps system-deps \
	db catalogs vendor screenshots clean wechat-sim

run: run-deps $(VENV)/.installed $(MO_FILES) db bot
	HOST=$(HOST) PORT=$(PORT) scripts/run.sh

test: system-deps $(VENV)/.installed-test $(MO_FILES) lint unit functional functional-postgres e2e \
	bot-test integration

# The Rasa bot lives in bot/ with its own Python 3.10 environment and Makefile.
bot:
	$(MAKE) -C bot venv train

bot-test:
	$(MAKE) -C bot test

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

# The portal with the real trained bot (bot/.venv and bot/models, made by `make bot-test`):
# the WeChat webhook's answers, retries, a slow bot and a bot that is down.
integration: $(VENV)/.installed-test $(MO_FILES) bot
	$(BIN)/pytest tests/integration -q

# Play a WeChat user against `make run` (in another terminal): ARGS="--file f.txt --openid o…".
wechat-sim: $(VENV)/.installed-test
	$(BIN)/python scripts/wechat_sim.py $(ARGS)

# The browser tests include the audits: axe-core and the elderly-friendly numbers on every page
# of the journeys, keyboard and error checks, and Lighthouse (tests/e2e/test_lighthouse.py).
e2e: $(VENV)/.installed-test $(MO_FILES) node_modules/.installed
	$(BIN)/pytest tests/e2e -q

# axe-core and Lighthouse (npm devDependencies) for the audits.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

# Every page of the journeys in both languages on a phone, at the default and the largest
# text size, in test-artifacts/screenshots/375px/ (audit findings listed, not stopping).
screenshots: system-deps $(VENV)/.installed-test $(MO_FILES) node_modules/.installed
	rm -rf test-artifacts/screenshots
	SCREENSHOT_TEXT_SIZES=1,4 AUDIT_KEEP_GOING=1 $(BIN)/pytest -q -p no:cacheprovider \
		tests/e2e/test_journey.py tests/e2e/test_accessibility.py tests/e2e/test_calm.py \
		-k "not keyboard and not locked"

# Debian packages: speech for the portal; Chromium, a CJK font, PostgreSQL and Redis (for the
# REDIS_URL switches) for the tests.
RUN_PACKAGES := espeak-ng lame
TEST_PACKAGES := $(RUN_PACKAGES) chromium fonts-noto-cjk fonts-noto-core postgresql redis-server

run-deps:
	scripts/ensure_debian_packages.sh $(RUN_PACKAGES)

system-deps:
	scripts/ensure_debian_packages.sh $(TEST_PACKAGES)

catalogs: $(VENV)/.installed-test
	$(BIN)/python scripts/update_catalogs.py

vendor: $(VENV)/.installed-test
	PYTHON=$(BIN)/python scripts/vendor_assets.sh

clean:
	rm -rf $(VENV) instance test-artifacts .pytest_cache .mypy_cache .ruff_cache
	find locales -name '*.mo' -delete
