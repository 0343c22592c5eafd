"""Requests sent at the same moment, as by several tabs or a script."""

import threading
from collections.abc import Callable
from typing import Any

from flask.testing import FlaskClient

from tests.functional.conftest import ClientRequest


def same_session_clients(client_request: ClientRequest, count: int) -> list[FlaskClient]:
    """Tabs or phones of one person: each sends the session cookie it was given."""
    cookie = client_request.client.get_cookie("session")
    assert cookie is not None
    clients = []
    for _ in range(count):
        other = client_request.client.application.test_client()
        other.set_cookie("session", cookie.value)
        clients.append(other)
    return clients


def at_once(actions: list[Callable[[], Any]]) -> list[Any]:
    """Runs the actions in threads released together; a raised error is kept as the result."""
    barrier = threading.Barrier(len(actions))
    results: list[Any] = [None] * len(actions)

    def run(index: int) -> None:
        barrier.wait()
        try:
            results[index] = actions[index]()
        except Exception as error:  # a 500 propagates in tests; kept to be asserted
            results[index] = error

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(actions))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results
