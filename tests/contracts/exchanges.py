"""What the real portal API answers to the bot's requests (used by the contract test and by
``regenerate``)."""

from typing import Any

from flask.testing import FlaskClient

LANGUAGE_HEADERS = {"zh": "zh-CN,zh;q=0.9", "ug": "ug"}
BOT_SECRET = "test-bot-secret"  # portal.config.Test
SENDER = "oContract_sender"


def headers(language: str, *, bot: bool = False) -> dict[str, str]:
    found = {"Accept-Language": LANGUAGE_HEADERS[language]}
    if bot:
        found["Authorization"] = f"Bearer {BOT_SECRET}"
    return found


def deadline(client: FlaskClient, case: dict[str, Any]) -> dict[str, Any]:
    response = client.get(
        f"/api/v1/regions/{case['region']}/deadlines/{case['rule']}",
        query_string={"from": case["from"]},
        headers=headers(case["language"]),
    )
    return {"status": response.status_code, "body": response.get_json()}


def institutions(client: FlaskClient, query: dict[str, str]) -> dict[str, Any]:
    response = client.get("/api/v1/institutions", query_string=query, headers=headers("zh"))
    return {"status": response.status_code, "body": response.get_json()}


def not_bound(client: FlaskClient) -> dict[str, Any]:
    response = client.get(
        "/api/v1/bot/applications",
        query_string={"sender_id": "oNobody_bound"},
        headers=headers("zh", bot=True),
    )
    return {"status": response.status_code, "body": response.get_json()}


def binding_refusals(client: FlaskClient, language: str) -> dict[str, str]:
    """The portal's sentences for a refused code; wrong_code with {left} for the tries left."""

    def bind(code: str) -> dict[str, Any]:
        response = client.post(
            "/api/v1/bot/bindings",
            json={"sender_id": f"{SENDER}_{language}", "code": code},
            headers=headers(language, bot=True),
        )
        assert response.status_code == 400, response.get_json()
        body: dict[str, Any] = response.get_json()
        return body

    invalid = bind("12")
    wrong = [bind("000000") for _ in range(5)]
    assert [w["reason"] for w in wrong] == ["wrong_code"] * 4 + ["too_many_tries"]
    assert invalid["reason"] == "invalid"
    return {
        "invalid": invalid["error"],
        "wrong_code": wrong[0]["error"].replace(" 4 ", " {left} "),
        "too_many_tries": wrong[4]["error"],
    }


def handoffs(client: FlaskClient) -> dict[str, Any]:
    body = {
        "sender_id": SENDER,
        "reason": "user_request",
        "language": "zh",
        "last_message": "转人工",
        "region": "ningxia",  # what the bot knew, when it knew it
    }
    first = client.post("/api/v1/bot/handoffs", json=body, headers=headers("zh", bot=True))
    again = client.post("/api/v1/bot/handoffs", json=body, headers=headers("zh", bot=True))
    # The id is a row's (it depends on what the database held before): recorded as whether
    # the second request names the handoff the first one opened.
    created, repeated = first.get_json(), again.get_json()
    same_handoff = created.pop("id") == repeated.pop("id")
    return {
        "created": {"status": first.status_code, "body": created},
        "repeated": {"status": again.status_code, "body": repeated},
        "same_handoff": same_handoff,
    }


def shape(value: Any) -> Any:
    """The JSON types of a value, for answers whose values differ from run to run."""
    if isinstance(value, dict):
        return {key: shape(item) for key, item in sorted(value.items())}
    if isinstance(value, list):
        return [shape(value[0])] if value else []
    if value is None:
        return "null"
    return type(value).__name__
