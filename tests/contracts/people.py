"""A signed-in person whose chat is bound, with one submitted application and one draft:
what the bot's status answer is built from (portal side of the contract)."""

from datetime import timedelta
from typing import Any

from flask import Flask

from tests.contracts.exchanges import headers
from tests.functional.conftest import MA_XIULAN, ClientRequest
from tests.functional.journey import (
    AYGUL,
    person_adds,
    person_completes_application,
    person_consents,
    person_self_assesses,
)
from tests.functional.test_bot_api import (
    bot_binds,
    person_binds_chat,
    person_gets_binding_code,
    person_starts_draft,
)
from tests.functional.test_chat_binding import age_binding_records

SENDER = "oContract_bound"


def bound_applications(app: Flask, signed_in: ClientRequest) -> dict[str, Any]:
    """GET /api/v1/bot/applications for a chat bound to an account with both kinds."""
    person_consents(signed_in)
    person_adds(signed_in)
    person_adds(signed_in, AYGUL, relation="child")
    person_self_assesses(app, signed_in, MA_XIULAN["name"])
    application_id = person_completes_application(app, signed_in, MA_XIULAN["name"])
    signed_in.post("apply.submit", application_id=application_id)
    person_starts_draft(app, signed_in, AYGUL["name"])
    person_binds_chat(signed_in, SENDER)
    response = signed_in.client.get(
        "/api/v1/bot/applications",
        query_string={"sender_id": SENDER},
        headers=headers("zh", bot=True),
    )
    assert response.status_code == 200, response.get_json()
    body: dict[str, Any] = response.get_json()
    return body


def expired_code_refusal(app: Flask, signed_in: ClientRequest, language: str) -> str:
    code = person_gets_binding_code(signed_in)
    age_binding_records(app, timedelta(minutes=10, seconds=1))
    response = bot_binds(
        signed_in.client, f"oContract_late_{language}", code, headers(language, bot=True)
    )
    assert response.get_json()["reason"] == "expired"
    return str(response.get_json()["error"])
