"""A local stand-in for the portal's JSON API, with the contract in the issue.

A real HTTP server on a free loopback port (ThreadingHTTPServer in a thread): the actions
and the action server talk to it over HTTP exactly as they will to the portal.
"""
from __future__ import annotations

import datetime as dt
import json
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


class FakePortal:
    def __init__(self) -> None:
        self.requests: List[Dict[str, Any]] = []
        self.handoffs: List[Dict[str, Any]] = []
        self.bound: Dict[str, Dict[str, Any]] = {}
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
                return self._send(404, {"error": "not found"})

            def do_POST(self) -> None:  # noqa: N802
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length) or b"{}")
                req = self._record(body)
                if req["path"] == "/api/v1/bot/handoffs":
                    if not self._authorised():
                        return self._send(401, {"error": "unauthorised"})
                    if portal.fail_handoffs:
                        return self._send(503, {"error": "down"})
                    portal.handoffs.append(body)
                    return self._send(201, {"id": len(portal.handoffs)})
                return self._send(404, {"error": "not found"})

        self._server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server:
            self._server.shutdown()
            self._server.server_close()

    def bind(self, sender_id: str, region: str = "ningxia") -> None:
        self.bound[sender_id] = {
            "region": region,
            "applications": [{
                "reference": "CH-2024-0001", "insured_name_masked": "张*芳",
                "status": "assessment_scheduled", "status_label": "已安排上门评估",
                "next_date": "2024-11-05", "next_label": "评估日期",
            }],
        }

    def last(self, path_prefix: str) -> Dict[str, Any]:
        return [r for r in self.requests if r["path"].startswith(path_prefix)][-1]
