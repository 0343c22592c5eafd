"""The background itself: a job queued by one process is done by the consumer in another.

Everywhere else tests run jobs immediately (the Test configuration) and assert their effect.
"""

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path

import pytest
import redis
from flask import Flask
from sqlalchemy import select

from portal import jobs
from portal.config import Test
from portal.extensions import db
from portal.models import SharedSecret, WeChatDelivery, utcnow
from portal.wechat import tasks
from tests.fakes.wechat_api import FakeWeChatAPI
from tests.functional.wechat import OPENID, point_at


@pytest.fixture(params=["sqlite", "redis"])
def queue(
    request: pytest.FixtureRequest,
    app: Flask,
    other_app: Callable[[Test], Flask],
    tmp_path: Path,
) -> Iterator[tuple[Flask, dict[str, str]]]:
    """A portal process whose jobs go to a queue, SQLite as in `make run` or Redis as on
    several machines, and the environment that puts the consumer on the same queue."""
    config = Test()
    config.SQLALCHEMY_DATABASE_URI = app.config["SQLALCHEMY_DATABASE_URI"]
    config.JOBS_BACKEND = request.param
    if request.param == "sqlite":
        config.JOBS_SQLITE_PATH = str(tmp_path / "jobs.sqlite")
        where = {"CHANGHU_JOBS_SQLITE": config.JOBS_SQLITE_PATH}
    else:
        config.REDIS_URL = request.getfixturevalue("redis_url")
        where = {"REDIS_URL": config.REDIS_URL}
    yield other_app(config), {"CHANGHU_JOBS": request.param, **where}
    jobs.init_app(app)  # back to running jobs in place for the other tests


def consumer(
    app: Flask, queue: dict[str, str], wechat_api: FakeWeChatAPI
) -> subprocess.Popen[bytes]:
    """`flask --app portal jobs`, as `make run` starts it, on the same database and queue."""
    env = {
        **os.environ,
        **queue,
        "CHANGHU_ENV": "development",
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "DATA_KEY": app.config["DATA_KEY"],
        "WECHAT_APPID": wechat_api.app_id,
        "WECHAT_SECRET": wechat_api.app_secret,
        "WECHAT_API_BASE": wechat_api.url,
    }
    flask = Path(sys.executable).with_name("flask")
    return subprocess.Popen([str(flask), "--app", "portal", "jobs"], env=env)


def test_a_queued_job_is_done_by_the_consumer_in_another_process(
    app: Flask,
    queue: tuple[Flask, dict[str, str]],
    wechat_api: FakeWeChatAPI,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    web, where = queue
    point_at(web, wechat_api, monkeypatch)
    with web.app_context():
        tasks.deliver_late_answer(OPENID, "您问的材料：身份证、病历。", None)
    assert wechat_api.custom_messages() == []  # queued, not done by the web process
    assert jobs.huey.pending_count() == 1
    worker = consumer(web, where, wechat_api)
    try:
        [message] = wechat_api.wait_for_custom_messages(1, timeout=60)
    finally:
        worker.terminate()
        worker.wait(timeout=30)
    assert message["text"]["content"] == "您问的材料：身份证、病历。"
    assert jobs.huey.pending_count() == 0
    # The consumer ran in an app context, with the portal's configuration: it kept WeChat's
    # access token where every process finds it (the database, or Redis when configured).
    if "REDIS_URL" in where:
        shared = redis.Redis.from_url(where["REDIS_URL"]).keys("changhu-wechat:*")
    else:
        with app.app_context():
            shared = list(db.session.scalars(select(SharedSecret.key)))
    assert shared != []


def test_periodic_jobs_keep_china_time(app: Flask) -> None:
    # 20:20 UTC on 1 March is 04:20 on 2 March in Beijing: 03:20 China time is 19:20 UTC.
    from datetime import datetime

    task = tasks.forget_old_deliveries.task_class()
    assert task.validate_datetime(datetime(2027, 3, 1, 19, 20))
    assert not task.validate_datetime(datetime(2027, 3, 1, 3, 20))


def test_old_deliveries_are_forgotten(app: Flask) -> None:
    with app.app_context():
        for key, age in (("old", timedelta(days=8)), ("recent", timedelta(days=2))):
            db.session.add(WeChatDelivery(key=key, sender_id=OPENID, received_at=utcnow() - age))
        db.session.commit()
        tasks.forget_old_deliveries()
        assert db.session.scalars(select(WeChatDelivery.key)).all() == ["recent"]
