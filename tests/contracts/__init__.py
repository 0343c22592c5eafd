"""Contracts between the portal and the bot, kept as data that both suites read.

- ``portal_api.json``: requests the bot makes to the portal's JSON API and the answers the
  real API gives. The portal's suite asserts the real API still answers so
  (tests/functional/test_bot_contracts.py); the bot's fake portal (bot/tests/fake_portal.py)
  serves exactly these answers, so the bot is tested against what the portal really says.
  ``python -m tests.contracts.regenerate`` (portal venv) refills the answers after the API
  changes on purpose; review the diff.
- ``bot/actions/links.json``: every portal page the bot links to; each must be a route.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PORTAL_API = Path(__file__).with_name("portal_api.json")
BOT_LINKS = ROOT / "bot" / "actions" / "links.json"
