"""A local stand-in for the portal's JSON API (portal/api/bot.py for the /api/v1/bot part).

A real HTTP server on a free loopback port (ThreadingHTTPServer in a thread): the actions
and the action server talk to it over HTTP exactly as they will to the portal.

It answers from tests/contracts/portal_api.json, which the portal's own suite checks against
the real API: deadlines and institutions as recorded, refusals in the portal's sentences,
applications in the recorded shape. A deadline request the file does not hold answers 599
and is listed in `unmatched`, which fails the test (conftest.py): add the request to the
file and regenerate it (tests/contracts/regenerate.py).

Bindings work like the portal's: `issue_code()` is the person asking for a code on
/chat/bind (6 digits, 10 minutes, one use); POST /api/v1/bot/bindings binds the sender
to that account or refuses with a sentence in the request's language and a reason
(wrong_code, expired, too_many_tries after five wrong codes, invalid).
"""

from __future__ import annotations

import json
import pathlib
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

SECRET = "test-bot-secret"
REGIONS = ["ningxia", "xinjiang", "heilongjiang", "fuzhou", "tianjin"]
# What the real portal answers, recorded in the shared contract file; the portal's suite
# checks that it still answers so (tests/functional/test_bot_contracts.py).
CONTRACT_FILE = (
    pathlib.Path(__file__).resolve().parents[2] / "tests" / "contracts" / "portal_api.json"
)
CONTRACT: dict[str, Any] = json.loads(CONTRACT_FILE.read_text(encoding="utf-8"))
DEADLINES = {
    (case["region"], case["rule"], case["from"], case["language"]): case
    for case in CONTRACT["deadlines"]
}
# region of each published institution, from the recorded answers per region
REGION_OF = {
    item["name"]: case["query"]["region"]
    for case in CONTRACT["institutions"]
    if set(case["query"]) == {"region"}
    for item in case["body"]["institutions"]
}
PUBLISHED = next(c for c in CONTRACT["institutions"] if not c["query"])["body"]["institutions"]

SENDER_ID = re.compile(r"[A-Za-z0-9_.:@-]{1,60}", re.ASCII)
BINDING_CODE = re.compile(r"[0-9]{6}", re.ASCII)
CODE_LIFETIME = 600.0  # seconds
MAX_WRONG_CODES = 5
# the portal's sentences, by Accept-Language (wrong_code has {left})
BINDING_ERRORS: dict[str, dict[str, str]] = {
    reason: {
        language: CONTRACT["bot"]["binding_refusals"][language][reason] for language in ("zh", "ug")
    }
    for reason in ("invalid", "wrong_code", "expired", "too_many_tries")
}
BINDING_ERRORS["not_json"] = {
    "zh": "请求内容必须是一个 JSON 对象。",
    "ug": "تەلەپنىڭ مەزمۇنى چوقۇم بىر JSON ئوبيېكتى بولۇشى كېرەك.",
}
BINDING_ERRORS["sender_id"] = {
    "zh": "缺少 sender_id，或者格式不对。",
    "ug": "sender_id يوق ياكى فورماتى خاتا.",
}


def institutions_matching(query: dict[str, str]) -> list[dict[str, Any]]:
    """The real API's filters (portal/api/service.py) over the published list."""
    return [
        item
        for item in PUBLISHED
        if (not query.get("region") or REGION_OF.get(item["name"]) == query["region"])
        and (not query.get("district") or query["district"] in item["district"])
        and (not query.get("service_type") or query["service_type"] in item["service_types"])
    ]


def language_of(header: str | None) -> str:
    return "ug" if (header or "").strip().lower().startswith("ug") else "zh"


def _recorded(status: str) -> dict[str, Any]:
    """An application as the real API lists it (the contract's example), as a fresh copy."""
    item = next(i for i in CONTRACT["bot"]["applications"]["applications"] if i["status"] == status)
    return dict(item)


def submitted_application(provisional: bool = False) -> dict[str, Any]:
    """The contract's submitted application, with fixed values the tests can name."""
    return {
        **_recorded("submitted"),
        "reference": "NX-2024-0001",
        "insured_name_masked": "马*兰",
        "next_date": "2024-11-05",
        "next_provisional": provisional,
    }


def draft_application() -> dict[str, Any]:
    return {
        **_recorded("draft"),
        "insured_name_masked": "阿*提",
        "next_date": "2026-02-20",
        "next_provisional": True,
    }


class FakePortal:
    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.handoffs: list[dict[str, Any]] = []
        self.open_handoffs: dict[str, int] = {}  # sender_id → id, until staff close it
        self.bound: dict[str, dict[str, Any]] = {}  # sender_id → account (region, applications)
        self.codes: dict[str, dict[str, Any]] = {}  # code → {"account", "expires"}
        self.wrong_codes: dict[str, int] = {}  # sender_id → wrong codes sent
        self.fail_bindings = False
        self.delay = 0.0
        self.fail_handoffs = False
        # requests the contract does not cover: a test that makes one fails (conftest.py)
        self.unmatched: list[dict[str, Any]] = []
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakePortal:
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:  # keep test output clean
                pass

            def _send(self, status: int, body: Any) -> None:
                data = json.dumps(body, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def _record(self, body: Any = None) -> dict[str, Any]:
                parsed = urlparse(self.path)
                entry = {
                    "method": self.command,
                    "path": parsed.path,
                    "query": {k: v[0] for k, v in parse_qs(parsed.query).items()},
                    "headers": dict(self.headers),
                    "body": body,
                }
                portal.requests.append(entry)
                if portal.delay:
                    time.sleep(portal.delay)
                return entry

            def _authorised(self) -> bool:
                return self.headers.get("Authorization") == f"Bearer {SECRET}"

            def do_GET(self) -> None:
                req = self._record()
                path, query = req["path"], req["query"]
                parts = path.strip("/").split("/")
                if path == "/api/v1/regions":
                    return self._send(200, [{"code": c, "name": c} for c in REGIONS])
                if (
                    len(parts) == 6
                    and parts[:3] == ["api", "v1", "regions"]
                    and parts[4] == "deadlines"
                ):
                    language = language_of(self.headers.get("Accept-Language"))
                    case = DEADLINES.get((parts[3], parts[5], query.get("from", ""), language))
                    if case is None:
                        portal.unmatched.append(req)
                        return self._send(599, {"error": "not in tests/contracts/portal_api.json"})
                    return self._send(case["status"], case["body"])
                if path == "/api/v1/institutions":
                    return self._send(200, {"institutions": institutions_matching(query)})
                if path == "/api/v1/bot/applications":
                    if not self._authorised():
                        return self._send(401, {"error": "unauthorised"})
                    account = portal.bound.get(query.get("sender_id", ""))
                    if account is None:
                        return self._send(404, {"error": "not_bound"})
                    return self._send(200, account)
                if path.startswith("/api/v1/bot/handoffs/"):
                    if not self._authorised():
                        return self._send(401, {"error": "unauthorised"})
                    open_id = portal.open_handoffs.get(parts[-1])
                    return self._send(
                        200,
                        {"open": True, "id": open_id, "reason": "user_request"}
                        if open_id
                        else {"open": False},
                    )
                return self._send(404, {"error": "not found"})

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                try:
                    body = json.loads(self.rfile.read(length) or b"null")
                except ValueError:
                    body = None
                req = self._record(body)
                if req["path"] == "/api/v1/bot/bindings":
                    if not self._authorised():
                        return self._send(401, {"error": "没有权限访问。"})
                    if portal.fail_bindings:
                        return self._send(503, {"error": "down"})
                    status, answer = portal.binding(
                        body, language_of(self.headers.get("Accept-Language"))
                    )
                    return self._send(status, answer)
                if req["path"] == "/api/v1/bot/handoffs":
                    if not self._authorised():
                        return self._send(401, {"error": "unauthorised"})
                    if portal.fail_handoffs:
                        return self._send(503, {"error": "down"})
                    # one open handoff per sender: a repeat answers 200 with the same id
                    open_id = portal.open_handoffs.get(body.get("sender_id"))
                    if open_id is not None:
                        return self._send(200, {"id": open_id, "created": False})
                    portal.handoffs.append(body)
                    portal.open_handoffs[body.get("sender_id")] = len(portal.handoffs)
                    return self._send(201, {"id": len(portal.handoffs), "created": True})
                return self._send(404, {"error": "not found"})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    # -- bindings (the portal's chat.service.bind)
    def account(
        self, region: str | None = "ningxia", applications: list[dict[str, Any]] | None = None
    ) -> dict[str, Any]:
        return {
            "region": region,
            "applications": [submitted_application()] if applications is None else applications,
        }

    def bind(
        self,
        sender_id: str,
        region: str | None = "ningxia",
        applications: list[dict[str, Any]] | None = None,
    ) -> None:
        """A chat already bound (as if the person had sent a right code earlier)."""
        self.bound[sender_id] = self.account(region, applications)

    def issue_code(
        self,
        region: str | None = "ningxia",
        applications: list[dict[str, Any]] | None = None,
        code: str | None = None,
        lifetime: float = CODE_LIFETIME,
    ) -> str:
        """The signed-in person asks for a code on /chat/bind."""
        code = code or f"{len(self.codes) * 7919 % 900000 + 100000:06d}"
        self.codes[code] = {
            "account": self.account(region, applications),
            "expires": time.monotonic() + lifetime,
        }
        return code

    def binding(self, body: Any, language: str) -> tuple:
        def refused(reason: str, **values: Any) -> tuple:
            return 400, {
                "error": BINDING_ERRORS[reason][language].format(**values),
                "reason": reason,
            }

        if not isinstance(body, dict):
            return 400, {"error": BINDING_ERRORS["not_json"][language]}
        sender_id, code = body.get("sender_id"), body.get("code")
        if not isinstance(sender_id, str) or not SENDER_ID.fullmatch(sender_id):
            return 400, {"error": BINDING_ERRORS["sender_id"][language]}
        if not isinstance(code, str) or not BINDING_CODE.fullmatch(code):
            return refused("invalid")
        wrong = self.wrong_codes.get(sender_id, 0)
        if wrong >= MAX_WRONG_CODES:
            return refused("too_many_tries")
        record = self.codes.get(code)
        if record is None:
            self.wrong_codes[sender_id] = wrong + 1
            left = MAX_WRONG_CODES - wrong - 1
            return refused("too_many_tries") if left == 0 else refused("wrong_code", left=left)
        if record["expires"] <= time.monotonic():
            return refused("expired")
        del self.codes[code]  # one use
        self.wrong_codes.pop(sender_id, None)
        self.bound[sender_id] = record["account"]
        return 201, {"bound": True, "region": record["account"]["region"]}

    def close_handoff(self, sender_id: str) -> None:
        self.open_handoffs.pop(sender_id, None)

    def last(self, path_prefix: str) -> dict[str, Any]:
        return [r for r in self.requests if r["path"].startswith(path_prefix)][-1]
