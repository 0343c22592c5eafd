"""A tiny HTTP server in a thread that records every request it answers."""

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit


@dataclass
class Hit:
    method: str
    path: str
    query: dict[str, list[str]]
    body: bytes


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes


@dataclass
class FakeService:
    """Subclasses answer in `reply()`; tests read `hits` and `url`."""

    hits: list[Hit] = field(default_factory=list)
    url: str = ""

    def reply(self, hit: Hit) -> Reply:
        raise NotImplementedError

    def hits_to(self, path: str) -> list[Hit]:
        return [hit for hit in self.hits if hit.path == path]


def _handler(service: FakeService) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _answer(self) -> None:
            parts = urlsplit(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            hit = Hit(self.command, parts.path, parse_qs(parts.query), self.rfile.read(length))
            service.hits.append(hit)
            reply = service.reply(hit)
            self.send_response(reply.status)
            self.send_header("Content-Type", reply.content_type)
            self.send_header("Content-Length", str(len(reply.body)))
            self.end_headers()
            self.wfile.write(reply.body)

        do_GET = _answer
        do_POST = _answer

        def log_message(self, format: str, *args: object) -> None:
            pass  # quiet test output

    return Handler


@contextmanager
def serving(service: FakeService, port: int = 0) -> Iterator[FakeService]:
    server = ThreadingHTTPServer(("127.0.0.1", port), _handler(service))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    service.url = f"http://127.0.0.1:{server.server_port}"
    try:
        yield service
    finally:
        server.shutdown()
        server.server_close()


def closed_port_url() -> str:
    """A local URL nothing listens on: connecting fails at once, as Google does from China."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    return f"http://127.0.0.1:{port}"
