"""Latency of the WeChat webhook with the real trained bot: p50/p95/p99 at 1, 5 and 20 users.

    .venv/bin/python bench/wechat_latency.py            # needs `make bot` (bot/.venv, model)
    .venv/bin/python bench/wechat_latency.py -n 60 --users 1 5 20
    scripts/with_postgres.sh sh -c '.venv/bin/python bench/wechat_latency.py \
        --database-url "$TEST_DATABASE_URL"'        # on PostgreSQL, as in production

It starts the trained bot (Rasa + action server) on free loopback ports, serves the portal
(a throwaway SQLite database unless --database-url, jobs run in place) on a threaded
server, and has N simulated WeChat users post signed text messages to /wechat at once, each
waiting for its reply before sending the next, at once (the hardest case) or after --think
seconds (people read the answer first). Each simulated user is a person asking 10
questions, then the next person. The time is the webhook's whole answer, as WeChat sees it;
request logs are silenced. It prints figures and asserts nothing (target: p99 under 1 s at
20 users).
"""

import argparse
import logging
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

import requests
from flask_migrate import upgrade
from werkzeug.serving import make_server

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bot" / "tests"))

from servers import BotServers, free_port  # noqa: E402

from portal import create_app  # noqa: E402
from portal.config import Test  # noqa: E402
from tests.fakes.wechat_api import WeChatPlatform  # noqa: E402

QUESTIONS = [
    "宁夏申请要带什么材料",
    "宁夏评估结论有效期多久",
    "新疆对评估结论不服怎么办",
    "宁夏公示几天",
    "شىنجاڭدا قانداق ماتېرىيال كېرەك",
    "你好",
    "长护险怎么交钱",
    "谢谢",
]


# Messages one person sends before the next person takes their place: every level of
# concurrency then measures the same conversations (a Rasa turn costs more as its
# conversation grows, so one user sending all 200 messages would measure something else).
CONVERSATION = 10


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_users(
    url: str, platform: WeChatPlatform, users: int, per_user: int, think: float = 0.0
) -> list[float]:
    timings: list[float] = []
    lock = threading.Lock()
    start = threading.Barrier(users)

    def user(number: int) -> None:
        session = requests.Session()
        start.wait()
        for i in range(per_user):
            if i % CONVERSATION == 0:
                openid = f"oBench{uuid.uuid4().hex[:16]}"
            delivery = platform.deliver(
                platform.text(openid, QUESTIONS[(number + i) % len(QUESTIONS)])
            )
            began = time.perf_counter()
            response = session.post(f"{url}?{delivery.query}", data=delivery.body, timeout=30)
            took = time.perf_counter() - began
            response.raise_for_status()
            with lock:
                timings.append(took * 1000)
            time.sleep(think)

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return timings


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, nargs="+", default=[1, 5, 20])
    parser.add_argument("-n", type=int, default=100, help="messages per measurement (at least)")
    parser.add_argument(
        "--think", type=float, default=0.0, help="seconds each user pauses between messages"
    )
    parser.add_argument("--model", default=str(ROOT / "bot" / "models" / "current.tar.gz"))
    parser.add_argument("--database-url", help="an empty database (default: a new SQLite file)")
    args = parser.parse_args()

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    portal_port = free_port()
    print("starting the bot (Rasa + action server) …", flush=True)
    bot = BotServers(
        Path(args.model),
        token=Test.RASA_TOKEN,
        env={
            "CHANGHU_PORTAL_URL": f"http://127.0.0.1:{portal_port}",
            "CHANGHU_BOT_SECRET": Test.BOT_SHARED_SECRET,
        },
    ).start()
    server = None
    try:
        config = Test()
        config.SQLALCHEMY_DATABASE_URI = (
            args.database_url or f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite"
        )
        config.BOT_URL = bot.rasa_url
        app = create_app(config)
        with app.app_context():
            upgrade()
        server = make_server("127.0.0.1", portal_port, app, threaded=True)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{portal_port}/wechat"
        platform = WeChatPlatform(token=config.WECHAT_TOKEN)
        run_users(url, platform, 1, len(QUESTIONS))  # warm-up: models, caches, connections
        print(f"{'users':>6}{'n':>6}{'p50 ms':>10}{'p95 ms':>10}{'p99 ms':>10}{'max ms':>10}")
        for users in args.users:
            per_user = max(1, -(-args.n // users))
            timings = run_users(url, platform, users, per_user, args.think)
            print(
                f"{users:>6}{len(timings):>6}{statistics.median(timings):>10.0f}"
                f"{percentile(timings, 0.95):>10.0f}{percentile(timings, 0.99):>10.0f}"
                f"{max(timings):>10.0f}",
                flush=True,
            )
    finally:
        if server is not None:
            server.shutdown()
        bot.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
