"""Background jobs: one Huey for the whole portal.

Work that must not hold up a page or the WeChat webhook (customer-service replies, voice
uploads, reminders, purges) is a task here, and daily jobs are periodic tasks, so nothing
depends on someone remembering to set up cron. Where the queue lives is configuration only
(``CHANGHU_JOBS``):

- ``sqlite`` (default): a SQLite file in ``instance/`` (``CHANGHU_JOBS_SQLITE`` to move it),
  one consumer on the machine: ``flask --app portal jobs`` (``make run`` starts it);
- ``redis``: Redis at ``REDIS_URL``, for several portal machines and consumers;
- ``immediate``: a task runs in the caller's thread as it is queued (the test default).

Adding a task, in the feature's own ``tasks.py`` (imported by its views, so that the
consumer, which builds the app, knows the task)::

    from portal import jobs

    @jobs.task(retries=3, retry_delay=30)
    def send_reminder(account_id: int) -> None:
        ...  # runs inside an app context: db.session, current_app, gettext all work

    @jobs.periodic_task(jobs.crontab(hour="9", minute="0"), name="remind-drafts")
    def remind_drafts() -> None:
        ...

    send_reminder(account.id)  # queues it; returns at once

Arguments are pickled: pass ids and plain values, not model objects. The crontab is read in
China's time (Huey's UTC clock is converted here), so ``hour="9"`` is 09:00 in
Beijing whatever the server's zone.

Tests: Test configuration runs tasks immediately, so a test of a feature asserts the job's
effect right after the request that queued it. Tests of the background itself (queued now,
done later by another process, periodic schedule) start a real consumer on a SQLite queue
and on a real Redis: see ``tests/functional/test_jobs.py``.
"""

import functools
import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ParamSpec, TypeVar

from flask import Flask, current_app, has_app_context
from huey import Huey, crontab
from huey.api import TaskWrapper
from huey.storage import BaseStorage, RedisStorage, SqliteStorage

from portal.clock import CHINA

__all__ = ["crontab", "huey", "init_app", "periodic_task", "run_consumer", "task"]

P = ParamSpec("P")
R = TypeVar("R")


# Built empty (immediate, in memory) at import so that tasks can be declared anywhere;
# init_app() points it at the configured queue.
huey = Huey("changhu", immediate=True, results=False)
_apps: list[Flask] = []


def init_app(app: Flask) -> None:
    backend = app.config["JOBS_BACKEND"]
    if backend == "immediate":
        huey.immediate = True
    elif backend == "sqlite":
        path = Path(app.config["JOBS_SQLITE_PATH"])
        path.parent.mkdir(parents=True, exist_ok=True)
        _use_queue(SqliteStorage, filename=str(path))
    elif backend == "redis":
        _use_queue(RedisStorage, url=app.config["REDIS_URL"])
    else:
        raise RuntimeError(f"CHANGHU_JOBS must be sqlite, redis or immediate, not {backend!r}")
    _apps[:] = [app]


def _use_queue(storage_class: type[BaseStorage], **options: Any) -> None:
    huey.storage_class = storage_class
    huey.storage_kwargs = options
    huey.immediate = False
    huey.storage = huey.create_storage()


def _app() -> Flask:
    """The app a task runs in: the caller's in immediate mode, else the consumer's."""
    if has_app_context():
        app: Flask = current_app._get_current_object()  # type: ignore[attr-defined]
        return app
    return _apps[0]


def _in_app_context(function: Callable[P, R]) -> Callable[P, R]:
    @functools.wraps(function)
    def run(*args: P.args, **kwargs: P.kwargs) -> R:
        # A fresh app context, even inside a request in immediate mode: the task gets its
        # own database session and never commits the caller's half-done work.
        with _app().app_context():
            return function(*args, **kwargs)

    return run


def task(**options: Any) -> Callable[[Callable[P, R]], TaskWrapper]:
    """Declares a background task (Huey's options: retries, retry_delay, name, …)."""

    def decorator(function: Callable[P, R]) -> TaskWrapper:
        return huey.task(**options)(_in_app_context(function))

    return decorator


def periodic_task(
    when: Callable[[datetime], bool], **options: Any
) -> Callable[[Callable[[], R]], TaskWrapper]:
    """Declares a task the consumer runs on a schedule (``crontab(...)``, China's clock)."""

    def in_china(moment: datetime) -> bool:
        # Huey passes the consumer's naive UTC time.
        return when(moment.replace(tzinfo=UTC).astimezone(CHINA).replace(tzinfo=None))

    def decorator(function: Callable[[], R]) -> TaskWrapper:
        return huey.periodic_task(in_china, **options)(_in_app_context(function))

    return decorator


def run_consumer(workers: int) -> None:
    """Runs the consumer in the foreground until SIGINT or SIGTERM (the `jobs` command)."""
    if huey.immediate:
        raise RuntimeError("CHANGHU_JOBS=immediate runs tasks in place: there is no queue")
    logging.getLogger("huey").setLevel(logging.INFO)
    # Poll an idle SQLite queue at least every second: a late WeChat answer must not wait
    # for Huey's default 10-second back-off.
    consumer = huey.create_consumer(
        workers=workers, worker_type="thread", periodic=True, max_delay=1.0
    )
    consumer.run()
