"""Latency of the Changhu bot through its REST channel: NLU parse and full turn, p50/p95.

Run with the bot's Python (Rasa 3.6 lives in bot/.venv):

    bot/.venv/bin/python bench/bot_latency.py                  # starts its own servers
    bot/.venv/bin/python bench/bot_latency.py --rasa-url http://127.0.0.1:5005 --token $RASA_TOKEN

Without --rasa-url it starts the action server and the Rasa server with the trained model
on free loopback ports, and a local fake of the portal API so that actions calling the
portal are measured without the portal. It prints figures and asserts nothing. Requests
go to 127.0.0.1 only and the loop is bounded by -n.
"""

from __future__ import annotations

import argparse
import pathlib
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from functools import partial

import requests

BOT = pathlib.Path(__file__).resolve().parents[1] / "bot"
sys.path.insert(0, str(BOT / "tests"))
sys.path.insert(0, str(BOT))

MESSAGES = [
    "我妈瘫痪在床好几年了，能申请吗？",
    "宁夏对评估结论不服，多久之内要提？",
    "申请要带什么材料",
    "结论书10月9日收到的，异议最晚哪天？",
    "金凤区有哪些定点护理机构",
    "评估结论有效期多久",
    "老人住院了护理服务怎么办",
    "长护险怎么交钱",
    "ئانام پالەچ بولۇپ كارىۋاتتا يېتىپ قالدى ئىلتىماس قىلسا بولامدۇ",
    "نارازىلىقنى قانچە كۈن ئىچىدە بىلدۈرىمەن",
    "你好",
    "谢谢",
]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def timed(call: Callable[[], object]) -> float:
    start = time.perf_counter()
    call()
    return (time.perf_counter() - start) * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rasa-url", help="a running Rasa server (else one is started)")
    parser.add_argument("--token", default="bench-token", help="Rasa API token (/model/parse)")
    parser.add_argument("--model", default=str(BOT / "models" / "current.tar.gz"))
    parser.add_argument("-n", type=int, default=120, help="messages per measurement")
    args = parser.parse_args()

    servers = portal = None
    rasa_url, token = args.rasa_url, args.token
    if not rasa_url:
        from fake_portal import SECRET, FakePortal
        from servers import BotServers

        portal = FakePortal().start()
        print("starting action server and Rasa server …", flush=True)
        servers = BotServers(
            pathlib.Path(args.model),
            token=token,
            env={"CHANGHU_PORTAL_URL": portal.url, "CHANGHU_BOT_SECRET": SECRET},
        ).start()
        rasa_url = servers.rasa_url
    try:
        session = requests.Session()
        senders: list[str] = []

        def new_conversation() -> None:
            # a WeChat chat is a handful of turns; one sender for all N would grow a tracker
            # that is re-sent to the action server on every call and skew the figures
            senders.append(f"bench-{uuid.uuid4().hex[:8]}")
            turn("我在宁夏")  # the region, so regional questions are answered, not asked back

        def parse(text: str) -> None:
            session.post(
                f"{rasa_url}/model/parse", params={"token": token}, json={"text": text}, timeout=30
            ).raise_for_status()

        def turn(text: str) -> None:
            session.post(
                f"{rasa_url}/webhooks/rest/webhook",
                json={"sender": senders[-1], "message": text},
                timeout=30,
            ).raise_for_status()

        for text in MESSAGES:  # warm-up
            parse(text)
        parse_ms = [timed(partial(parse, MESSAGES[i % len(MESSAGES)])) for i in range(args.n)]
        turn_ms = []
        for i in range(args.n):
            if i % len(MESSAGES) == 0:
                new_conversation()
            turn_ms.append(timed(partial(turn, MESSAGES[i % len(MESSAGES)])))
    finally:
        if servers:
            servers.stop()
        if portal:
            portal.stop()

    print(f"{'':12}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'max ms':>10}")
    for name, values in (("parse", parse_ms), ("full turn", turn_ms)):
        print(
            f"{name:12}{len(values):>6}{statistics.median(values):>10.1f}"
            f"{percentile(values, 0.95):>10.1f}{max(values):>10.1f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
