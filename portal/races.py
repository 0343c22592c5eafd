"""Rows that a unique key allows once, written by requests that may arrive at the same moment
(a double tap, two tabs, a retry): the second request takes the first one's row."""

from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import IntegrityError

from portal.extensions import db

Row = TypeVar("Row")


def add_once(row: Row, made_first: Callable[[], Row | None]) -> tuple[Row, bool]:
    """Adds and commits the row; when a unique key says another request made it first, returns
    that one (found by `made_first`) and False. Any other integrity error is raised."""
    db.session.add(row)
    try:
        db.session.commit()
    except IntegrityError:
        db.session.rollback()
        theirs = made_first()
        if theirs is None:
            raise
        return theirs, False
    return row, True
