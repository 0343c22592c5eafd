"""Starting the real Rasa server and action server on free loopback ports (tests, bench)."""

from __future__ import annotations

import os
import pathlib
import socket
import subprocess
import tempfile
import time

import requests

BOT = pathlib.Path(__file__).resolve().parents[1]
VENV_BIN = BOT / ".venv" / "bin"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def _wait(url: str, process: subprocess.Popen, timeout: float, log: pathlib.Path) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(
                f"{url}: server exited ({process.returncode}); see {log}:\n"
                + log.read_text(errors="replace")[-3000:]
            )
        try:
            if requests.get(url, timeout=2).status_code == 200:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{url} not up after {timeout}s; see {log}")


class BotServers:
    """Action server + Rasa server (REST channel, --enable-api with a token)."""

    def __init__(
        self, model: pathlib.Path, env: dict[str, str] | None = None, token: str = "test-rasa-token"
    ) -> None:
        self.model = model
        self.token = token
        self.env = {
            **os.environ,
            **(env or {}),
            "PYTHONPATH": str(BOT),
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "SANIC_HOST": "127.0.0.1",
        }
        self.workdir = pathlib.Path(tempfile.mkdtemp(prefix="changhu-bot-"))
        self.processes: list[subprocess.Popen] = []
        self.actions_port = free_port()
        self.rasa_port = free_port()

    @property
    def rasa_url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    @property
    def actions_url(self) -> str:
        return f"http://127.0.0.1:{self.actions_port}"

    def _start(self, name: str, args: list[str]) -> subprocess.Popen:
        # the child keeps its own copy of the file descriptor; ours is closed at once
        with (self.workdir / f"{name}.log").open("wb") as log:
            process = subprocess.Popen(
                args,
                cwd=BOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        return process

    def start(self, timeout: float = 180) -> BotServers:
        # the project's own endpoints.yml, which takes the action server from ACTIONS_URL
        self.env["ACTIONS_URL"] = f"{self.actions_url}/webhook"
        endpoints = BOT / "endpoints.yml"
        actions = self._start(
            "actions",
            [
                str(VENV_BIN / "rasa"),
                "run",
                "actions",
                "--port",
                str(self.actions_port),
                "--actions",
                "actions",
            ],
        )
        rasa = self._start(
            "rasa",
            [
                str(VENV_BIN / "rasa"),
                "run",
                "--enable-api",
                "--auth-token",
                self.token,
                "-i",
                "127.0.0.1",
                "-p",
                str(self.rasa_port),
                "-m",
                str(self.model),
                "--endpoints",
                str(endpoints),
                "--credentials",
                str(BOT / "credentials.yml"),
            ],
        )
        try:
            _wait(f"{self.actions_url}/health", actions, timeout, self.workdir / "actions.log")
            _wait(
                f"{self.rasa_url}/status?token={self.token}",
                rasa,
                timeout,
                self.workdir / "rasa.log",
            )
        except Exception:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        self.processes.clear()

    # -- talking to it
    def say(self, sender: str, message: str) -> list[dict]:
        response = requests.post(
            f"{self.rasa_url}/webhooks/rest/webhook",
            json={"sender": sender, "message": message},
            timeout=30,
        )
        response.raise_for_status()
        replies: list[dict] = response.json()
        return replies

    def parse(self, text: str) -> dict:
        response = requests.post(
            f"{self.rasa_url}/model/parse",
            params={"token": self.token},
            json={"text": text},
            timeout=30,
        )
        response.raise_for_status()
        parsed: dict = response.json()
        return parsed

    def resume(self, sender: str) -> None:
        response = requests.post(
            f"{self.rasa_url}/conversations/{sender}/tracker/events",
            params={"token": self.token},
            json={"event": "resume"},
            timeout=30,
        )
        response.raise_for_status()

    def tracker(self, sender: str) -> dict:
        response = requests.get(
            f"{self.rasa_url}/conversations/{sender}/tracker",
            params={"token": self.token},
            timeout=30,
        )
        response.raise_for_status()
        found: dict = response.json()
        return found
