"""Refills tests/contracts/portal_api.json with what the real API answers now.

    .venv/bin/python -m tests.contracts.regenerate

Run it after changing the API on purpose, review the diff, and run the bot's tests: its fake
portal serves these answers. New deadline questions the bot's tests ask are added to
``deadlines`` as {region, rule, from, language}; their answers are filled in here.
"""

import json
import tempfile
from pathlib import Path
from typing import Any

from flask_migrate import upgrade

from portal import create_app
from portal.config import Test
from portal.demo_data import load_demo_data
from portal.extensions import db
from tests.contracts import PORTAL_API, exchanges, people
from tests.functional.conftest import ClientRequest, sign_in_as


def regenerate(path: Path = PORTAL_API) -> dict[str, Any]:
    contract: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    config = Test()
    with tempfile.TemporaryDirectory() as directory:
        config.SQLALCHEMY_DATABASE_URI = f"sqlite:///{directory}/contract.sqlite"
        app = create_app(config)
        with app.app_context():
            upgrade()
            load_demo_data()
        client = app.test_client()
        for case in contract["deadlines"]:
            case.update(exchanges.deadline(client, case))
        for case in contract["institutions"]:
            case.update(exchanges.institutions(client, case["query"]))
        bot = contract["bot"]
        bot["not_bound"] = exchanges.not_bound(client)
        bot["handoffs"] = exchanges.handoffs(client)
        person = ClientRequest(app.test_client())
        sign_in_as(person)
        bot["applications"] = people.bound_applications(app, person)
        bot["binding_refusals"] = {
            language: {
                **exchanges.binding_refusals(client, language),
                "expired": people.expired_code_refusal(app, person, language),
            }
            for language in ("zh", "ug")
        }
        with app.app_context():
            db.engine.dispose()
    path.write_text(json.dumps(contract, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    return contract


if __name__ == "__main__":
    regenerate()
    print(f"wrote {PORTAL_API}")
