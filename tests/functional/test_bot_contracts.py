"""The bot and the portal agree (issue 10, part 13): every page the bot links to is a route,
and the real API answers the bot's requests as tests/contracts/portal_api.json says, which
is what the bot's fake portal serves in the bot's own tests."""

import json
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from werkzeug.exceptions import MethodNotAllowed
from werkzeug.routing import RequestRedirect

from tests.contracts import BOT_LINKS, PORTAL_API, exchanges, people
from tests.functional.conftest import ClientRequest

CONTRACT: dict[str, Any] = json.loads(PORTAL_API.read_text(encoding="utf-8"))
PAGES: dict[str, str] = json.loads(BOT_LINKS.read_text(encoding="utf-8"))["pages"]


@pytest.mark.parametrize("path", PAGES.values(), ids=PAGES.keys())
def test_every_page_the_bot_links_to_is_a_portal_route(app: Flask, path: str) -> None:
    adapter = app.url_map.bind("changhu.example")
    try:
        endpoint, _values = adapter.match(path, method="GET")
    except RequestRedirect as redirect:  # e.g. a missing trailing slash: link the real URL
        pytest.fail(f"{path} redirects to {redirect.new_url}")
    except MethodNotAllowed:
        pytest.fail(f"{path} does not answer GET")
    assert endpoint != "static"


@pytest.mark.parametrize(
    "case",
    CONTRACT["deadlines"],
    ids=[f"{c['region']}-{c['rule']}-{c['from']}-{c['language']}" for c in CONTRACT["deadlines"]],
)
def test_deadline_answers_are_what_the_bots_fake_serves(
    client: FlaskClient, case: dict[str, Any]
) -> None:
    assert exchanges.deadline(client, case) == {"status": case["status"], "body": case["body"]}


@pytest.mark.usefixtures("roster")
@pytest.mark.parametrize("case", CONTRACT["institutions"], ids=lambda case: str(case["query"]))
def test_institution_answers_are_what_the_bots_fake_serves(
    client: FlaskClient, case: dict[str, Any]
) -> None:
    assert exchanges.institutions(client, case["query"]) == {
        "status": case["status"],
        "body": case["body"],
    }


def test_an_unbound_chat_and_handoffs_answer_as_the_bot_expects(client: FlaskClient) -> None:
    bot = CONTRACT["bot"]
    assert exchanges.not_bound(client) == bot["not_bound"]
    assert exchanges.handoffs(client) == bot["handoffs"]


@pytest.mark.parametrize("language", ["zh", "ug"])
def test_binding_refusals_are_the_sentences_the_bots_fake_says(
    app: Flask, signed_in: ClientRequest, client: FlaskClient, language: str
) -> None:
    expected = CONTRACT["bot"]["binding_refusals"][language]
    assert {
        **exchanges.binding_refusals(client, language),
        "expired": people.expired_code_refusal(app, signed_in, language),
    } == expected


@pytest.mark.usefixtures("roster")
def test_a_bound_chats_applications_have_the_shape_the_bot_reads(
    app: Flask, signed_in: ClientRequest
) -> None:
    expected = CONTRACT["bot"]["applications"]
    real = people.bound_applications(app, signed_in)
    assert exchanges.shape(real) == exchanges.shape(expected)
    assert [item["status"] for item in real["applications"]] == [
        item["status"] for item in expected["applications"]
    ]
    assert real["applications"][0]["status_label"] == expected["applications"][0]["status_label"]
