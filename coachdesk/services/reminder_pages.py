"""Running Today's lists (reminder_lists): a page of a list's rows, or its size.

A page of a list with many wide candidate rows is chosen from indexes alone, by id, and
only its rows are read (PageById, 0010).
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Select
from sqlalchemy.orm import Session

from coachdesk.services.reminder_lists import LISTS, Rows, params


def rows(
    s: Session,
    key: str,
    day: dt.date,
    offset: int = 0,
    limit: int | None = None,
    participant_ids: Iterable[int] | None = None,
) -> list[Any]:
    """The list's rows from ``offset`` on (at most ``limit``), most urgent first; only
    those of ``participant_ids`` when given."""
    spec = LISTS[key]
    q = _query(key)
    if participant_ids is not None:
        q = q.where(spec.participant.in_(list(participant_ids)))
    elif limit is not None and spec.by_id is not None:
        ids, chosen = _by_id(key)
        page = ids.limit(limit).offset(offset or None)
        q = chosen.where(spec.by_id.id_column.in_(page))
        return list(s.connection().execute(q, params(day)))
    if limit is not None:
        q = q.limit(limit)
    if offset:
        q = q.offset(offset)
    return list(s.connection().execute(q, params(day)))


def count(s: Session, key: str, day: dt.date) -> int:
    """How many entries the list holds (SQL COUNT, no row leaves the database)."""
    return int(s.connection().scalar(_count_query(key), params(day)) or 0)


# Built once: composing a statement costs more than running a page of it.
@functools.cache
def _query(key: str) -> Rows:
    return LISTS[key].query()


@functools.cache
def _by_id(key: str) -> tuple[Select[Any], Rows]:
    """The list's query reduced to the ids of its entries, and the entries' columns in the
    list's order (to be given the ids of a page)."""
    by_id = LISTS[key].by_id
    assert by_id is not None
    return _query(key).with_only_columns(by_id.id_column), by_id.rows().order_by(*by_id.order)


@functools.cache
def _count_query(key: str) -> Select[int]:
    return LISTS[key].counted()
