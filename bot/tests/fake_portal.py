"""A local stand-in for the portal's JSON API (portal/api/bot.py for the /api/v1/bot part).

A real HTTP server on a free loopback port (ThreadingHTTPServer in a thread): the actions
and the action server talk to it over HTTP exactly as they will to the portal.

Bindings work like the portal's: `issue_code()` is the person asking for a code on
/chat/bind (6 digits, 10 minutes, one use); POST /api/v1/bot/bindings binds the sender
to that account or refuses with a sentence in the request's language and a reason
(wrong_code, expired, too_many_tries after five wrong codes, invalid).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Dict, List, Optional
from urllib.parse import parse_qs, urlparse

SECRET = "test-bot-secret"
REGIONS = ["ningxia", "xinjiang", "heilongjiang", "fuzhou", "tianjin"]
RULE_DAYS = {
    "acceptance_review": (7, 5),
    "conclusion_delivery": (42, 30),
    "publicity_end": (5, 3),
    "objection": (14, 10),
    "reassessment_earliest": (183, None),
    "validity_end": (730, None),
    "benefit_start": (30, None),
}


SENDER_ID = re.compile(r"[A-Za-z0-9_.:@-]{1,60}", re.ASCII)
BINDING_CODE = re.compile(r"[0-9]{6}", re.ASCII)
CODE_LIFETIME = 600.0  # seconds
MAX_WRONG_CODES = 5
# the portal's sentences (locales/*/LC_MESSAGES/messages.po), by Accept-Language
BINDING_ERRORS = {
    "invalid": {
        "zh": "绑定码是 6 位数字。请发送“绑定”加上长护通网页上的数字，例如：绑定 123456。",
        "ug": "باغلاش نومۇرى 6 خانىلىق رەقەم. «باغلاش» دېگەن سۆز بىلەن تور بېكەتتىكى "
        "رەقەمنى يوللاڭ، مەسىلەن: باغلاش 123456.",
    },
    "wrong_code": {
        "zh": "绑定码不对，还可以再试 {left} 次。请核对长护通网页上的 6 位数字。",
        "ug": "باغلاش نومۇرى خاتا، يەنە {left} قېتىم سىنىيالايسىز. تور بېكەتتىكى 6 "
        "خانىلىق رەقەمنى تەكشۈرۈپ بېقىڭ.",
    },
    "expired": {
        "zh": "绑定码已经过期了。请在长护通网页上重新获取绑定码，10 分钟内发过来。",
        "ug": "باغلاش نومۇرىنىڭ ۋاقتى ئۆتۈپ كەتتى. تور بېكەتتىن يېڭى باغلاش نومۇرى "
        "ئېلىپ، 10 مىنۇت ئىچىدە يوللاڭ.",
    },
    "too_many_tries": {
        "zh": "绑定码输错次数太多了。请过 10 分钟，在长护通网页上重新获取绑定码再发。",
        "ug": "باغلاش نومۇرى بەك كۆپ خاتا كىرگۈزۈلدى. 10 مىنۇتتىن كېيىن تور بېكەتتىن "
        "يېڭى باغلاش نومۇرى ئېلىپ قايتا يوللاڭ.",
    },
    "not_json": {"zh": "请求内容必须是一个 JSON 对象。",
                 "ug": "تەلەپنىڭ مەزمۇنى چوقۇم بىر JSON ئوبيېكتى بولۇشى كېرەك."},
    "sender_id": {"zh": "缺少 sender_id，或者格式不对。", "ug": "sender_id يوق ياكى فورماتى خاتا."},
}


def language_of(header: Optional[str]) -> str:
    return "ug" if (header or "").strip().lower().startswith("ug") else "zh"


def submitted_application(provisional: bool = False) -> Dict[str, Any]:
    return {
        "reference": "NX-2024-0001", "insured_name_masked": "马*兰", "status": "submitted",
        "status_label": "已提交，等待受理审核", "next_date": "2024-11-05",
        "next_label": "最晚告知受理结果", "next_provisional": provisional,
    }


def draft_application() -> Dict[str, Any]:
    return {
        "reference": None, "insured_name_masked": "阿*提", "status": "draft",
        "status_label": "草稿，还没有提交", "next_date": "2026-02-20",
        "next_label": "草稿保留到", "next_provisional": True,
    }


class FakePortal:
    def __init__(self) -> None:
        self.requests: List[Dict[str, Any]] = []
        self.handoffs: List[Dict[str, Any]] = []
        self.open_handoffs: Dict[str, int] = {}  # sender_id → id, until staff close it
        self.bound: Dict[str, Dict[str, Any]] = {}  # sender_id → account (region, applications)
        self.codes: Dict[str, Dict[str, Any]] = {}  # code → {"account", "expires"}
        self.wrong_codes: Dict[str, int] = {}  # sender_id → wrong codes sent
        self.fail_bindings = False
        self.delay = 0.0
        self.fail_handoffs = False
        self.institutions = [
            {"name": "金凤区康乐护理院", "address": "金凤区北京中路1号", "phone": "0951-1234567",
             "district": "金凤区", "service_types": ["home", "institution"]},
            {"name": "兴庆区社区照护中心", "address": "兴庆区解放街2号", "phone": "0951-7654321",
             "district": "兴庆区", "service_types": ["community"]},
        ]
        self._server: Optional[ThreadingHTTPServer] = None

    @property
    def url(self) -> str:
        assert self._server is not None
        host, port = self._server.server_address[:2]
        return f"http://{host}:{port}"

    def start(self) -> "FakePortal":
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

            def _record(self, body: Any = None) -> Dict[str, Any]:
                parsed = urlparse(self.path)
                entry = {
                    "method": self.command, "path": parsed.path,
                    "query": {k: v[0] for k, v in parse_qs(parsed.query).items()},
                    "headers": dict(self.headers), "body": body,
                }
                portal.requests.append(entry)
                if portal.delay:
                    time.sleep(portal.delay)
                return entry

            def _authorised(self) -> bool:
                return self.headers.get("Authorization") == f"Bearer {SECRET}"

            def do_GET(self) -> None:  # noqa: N802
                req = self._record()
                path, query = req["path"], req["query"]
                parts = path.strip("/").split("/")
                if path == "/api/v1/regions":
                    return self._send(200, [{"code": c, "name": c} for c in REGIONS])
                if len(parts) == 6 and parts[:3] == ["api", "v1", "regions"] and parts[4] == "deadlines":
                    region, rule = parts[3], parts[5]
                    if region not in REGIONS or rule not in RULE_DAYS:
                        return self._send(404, {"error": "unknown region or rule"})
                    if region in ("fuzhou", "tianjin") and rule == "objection":
                        return self._send(404, {"error": "rule not set for region"})
                    try:
                        start = dt.date.fromisoformat(query.get("from", ""))
                    except ValueError:
                        return self._send(400, {"error": "bad date"})
                    days, working = RULE_DAYS[rule]
                    due = start + dt.timedelta(days=days)
                    return self._send(200, {
                        "region": region, "rule": rule, "from": start.isoformat(),
                        "due": due.isoformat(), "working_days": working,
                        "provisional": due.year >= 2026, "source": f"fake:{rule}",
                    })
                if path == "/api/v1/institutions":
                    found = [
                        i for i in portal.institutions
                        if (not query.get("district") or query["district"] in i["district"])
                        and (not query.get("service_type") or query["service_type"] in i["service_types"])
                    ]
                    return self._send(200, {"institutions": found})
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
                    return self._send(200, {"open": True, "id": open_id, "reason": "user_request"}
                                      if open_id else {"open": False})
                return self._send(404, {"error": "not found"})

            def do_POST(self) -> None:  # noqa: N802
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
                    status, answer = portal.binding(body, language_of(self.headers.get("Accept-Language")))
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
    def account(self, region: Optional[str] = "ningxia",
                applications: Optional[List[Dict[str, Any]]] = None) -> Dict[str, Any]:
        return {"region": region,
                "applications": [submitted_application()] if applications is None else applications}

    def bind(self, sender_id: str, region: Optional[str] = "ningxia",
             applications: Optional[List[Dict[str, Any]]] = None) -> None:
        """A chat already bound (as if the person had sent a right code earlier)."""
        self.bound[sender_id] = self.account(region, applications)

    def issue_code(self, region: Optional[str] = "ningxia",
                   applications: Optional[List[Dict[str, Any]]] = None,
                   code: Optional[str] = None, lifetime: float = CODE_LIFETIME) -> str:
        """The signed-in person asks for a code on /chat/bind."""
        code = code or f"{len(self.codes) * 7919 % 900000 + 100000:06d}"
        self.codes[code] = {"account": self.account(region, applications),
                            "expires": time.monotonic() + lifetime}
        return code

    def binding(self, body: Any, language: str) -> tuple:
        def refused(reason: str, **values: Any) -> tuple:
            return 400, {"error": BINDING_ERRORS[reason][language].format(**values), "reason": reason}

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

    def last(self, path_prefix: str) -> Dict[str, Any]:
        return [r for r in self.requests if r["path"].startswith(path_prefix)][-1]
