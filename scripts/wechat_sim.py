"""Play WeChat against a running portal: type as a WeChat user would, see what they would see.

    make wechat-sim                                  # type messages at the prompt
    make wechat-sim ARGS="--file questions.txt --openid oGrandma01"

Each line is signed (and, with WECHAT_AES_KEY, encrypted) with wechatpy's crypto as WeChat's
servers do and posted to the portal's /wechat. The passive reply is printed at once; an
answer that comes later through the customer-service API (a slow or down bot, a voice
answer) is printed when the portal sends it, marked as such: the simulator is also the
WeChat API the portal talks to (`make run` points it at 127.0.0.1:$WECHAT_SIM_PORT).

Lines starting with a slash are not text: /subscribe, /voice <what was said>, /voice (not
recognised), /click <menu key>, /image.
"""

import argparse
import os
import sys
import threading
import time
from pathlib import Path
from typing import Any

import requests

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.fakes.server import serving
from tests.fakes.wechat_api import FakeWeChatAPI, WeChatPlatform

printing = threading.Lock()


def show(label: str, text: str) -> None:
    with printing:
        print(f"{label}\n  " + "\n  ".join(text.splitlines()), flush=True)


def shown_custom_message(message: dict[str, Any]) -> None:
    if message["msgtype"] == "text":
        show("← via the customer-service API:", message["text"]["content"])
    else:
        show("← via the customer-service API:", f"[{message['msgtype']} message]")


def shown_template_message(message: dict[str, Any]) -> None:
    fields = message.get("data", {})
    text = " / ".join(str(fields[name]["value"]) for name in fields)
    show("← template message:", f"{text} {message.get('url') or ''}".strip())


def message_for(platform: WeChatPlatform, openid: str, line: str) -> str:
    command, _, rest = line.partition(" ")
    if command == "/subscribe":
        return platform.event(openid, "subscribe")
    if command == "/voice":
        return platform.voice(openid, rest)
    if command == "/click":
        return platform.event(openid, "CLICK", EventKey=rest)
    if command == "/image":
        return platform.message_xml(openid, "image", PicUrl="https://example.com/a.jpg")
    return platform.text(openid, line)


def send(platform: WeChatPlatform, url: str, xml: str) -> bool:
    """Posts one message and shows the passive reply; True when an answer may follow later."""
    delivery = platform.deliver(xml)
    started = time.perf_counter()
    try:
        response = requests.post(f"{url}?{delivery.query}", data=delivery.body, timeout=10)
    except requests.ConnectionError:
        show("✗ no portal at", f"{url} — is `make run` running (PORT=…)?")
        return False
    took = (time.perf_counter() - started) * 1000
    if response.status_code != 200:
        show(f"✗ the portal answered {response.status_code} ({took:.0f} ms)", response.text[:300])
        return False
    reply = platform.read_reply(delivery, response.text)
    if reply is None:
        show(f"← success ({took:.0f} ms): nothing now", "any answer comes through the API")
        return True
    show(f"← reply ({took:.0f} ms):", reply)
    return False


def main() -> int:
    port = os.environ.get("PORT", "5000")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default=f"http://127.0.0.1:{port}/wechat")
    parser.add_argument("--openid", default="oSimulatedWeChatUser000001")
    parser.add_argument("--file", type=Path, help="messages, one a line (else: the prompt)")
    parser.add_argument("--token", default=os.environ.get("WECHAT_TOKEN", "changhu-dev-token"))
    parser.add_argument("--aes-key", default=os.environ.get("WECHAT_AES_KEY", ""))
    parser.add_argument("--app-id", default=os.environ.get("WECHAT_APPID", "wx-dev-app"))
    sim_port = int(os.environ.get("WECHAT_SIM_PORT", 5099))
    parser.add_argument("--api-port", type=int, default=sim_port)
    parser.add_argument("--wait", type=float, default=8.0, help="seconds to wait for late answers")
    args = parser.parse_args()

    platform = WeChatPlatform(token=args.token, app_id=args.app_id, aes_key=args.aes_key)
    api = FakeWeChatAPI(
        app_id=args.app_id,
        app_secret="dev-secret",  # noqa: S106 (run.sh's development value)
        on_custom_message=shown_custom_message,
        on_template_message=shown_template_message,
    )
    with serving(api, port=args.api_port):
        print(f"WeChat user {args.openid} → {args.url} (customer-service API on :{args.api_port})")
        lines = args.file.read_text("utf-8").splitlines() if args.file else None
        if lines is None:
            print("Type a message (/subscribe, /voice …, /click KEY, /image); Ctrl-D to stop.")
        for line in lines if lines is not None else iter(lambda: input("> "), None):
            if not line.strip():
                continue
            if lines is not None:
                print(f"> {line}")
            sent_before = len(api.custom_messages())
            later = send(platform, args.url, message_for(platform, args.openid, line.strip()))
            spoken = line.startswith("/voice ")  # the answer's voice comes through the API
            if lines is not None and (later or spoken):  # let it arrive before the next line
                deadline = time.monotonic() + args.wait
                while time.monotonic() < deadline and len(api.custom_messages()) == sent_before:
                    time.sleep(0.1)
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (EOFError, KeyboardInterrupt):
        print()
        sys.exit(0)
