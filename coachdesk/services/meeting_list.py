"""The meetings of all participants as pages: filtered, sorted and cut in SQL.

A view asks for the rows from an offset on, in the order its header shows (sorting is
done by SQLite over every row, never on one page); the open agreements of a row are
counted by a subquery per row of the page (by the agreement's meeting index).
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Select, case, func, select
from sqlalchemy.orm import Session

from coachdesk.models import Agreement, Meeting, Participant
from coachdesk.models.enums import MeetingKind
from coachdesk.services.meeting_records import MeetingRow


class MeetingOrder(enum.IntEnum):
    """The columns of the meetings list, in the order they are shown."""

    WHEN = 0
    PARTICIPANT = 1
    KIND = 2
    PLACE = 3
    OPEN_AGREEMENTS = 4


@dataclass(frozen=True)
class MeetingQuery:
    """Which meetings, in which order."""

    start: dt.date | None = None
    end: dt.date | None = None
    """Both days included."""
    include_archived: bool = False
    order: MeetingOrder = MeetingOrder.WHEN
    descending: bool = False


def _open_agreements() -> ColumnElement[int]:
    return (
        select(func.count())
        .where(Agreement.meeting_id == Meeting.id, Agreement.done_on.is_(None))
        .correlate(Meeting)
        .scalar_subquery()
    )


def _sort_value(order: MeetingOrder) -> list[ColumnElement[Any]]:
    if order == MeetingOrder.PARTICIPANT:
        # SQLite's NOCASE folds ASCII letters only (ICU is not in the database).
        return [
            Participant.first_name.collate("NOCASE"),
            Participant.last_name.collate("NOCASE"),
        ]
    if order == MeetingOrder.KIND:
        return [case({k.value: i for i, k in enumerate(MeetingKind)}, value=Meeting.kind)]
    if order == MeetingOrder.PLACE:
        return [Meeting.location.collate("NOCASE")]
    if order == MeetingOrder.OPEN_AGREEMENTS:
        return [_open_agreements()]
    return []


def _query(q: MeetingQuery, participant_ids: Iterable[int] | None) -> Select[Any]:
    rows = select(
        Meeting.id,
        Meeting.participant_id,
        Participant.first_name,
        Participant.last_name,
        Meeting.held_at,
        Meeting.kind,
        Meeting.location,
        _open_agreements(),
        Meeting.archived_at,
    ).join(Participant, Participant.id == Meeting.participant_id)
    if q.start is not None:
        rows = rows.where(Meeting.held_at >= dt.datetime.combine(q.start, dt.time()))
    if q.end is not None:
        end_next = dt.datetime.combine(q.end + dt.timedelta(days=1), dt.time())
        rows = rows.where(Meeting.held_at < end_next)
    if not q.include_archived:
        rows = rows.where(Meeting.archived_at.is_(None), Participant.archived_at.is_(None))
    if participant_ids is not None:
        rows = rows.where(Meeting.participant_id.in_(list(participant_ids)))
    keys = [*_sort_value(q.order), Meeting.held_at, Meeting.id]
    return rows.order_by(*(k.desc() if q.descending else k for k in keys))  # type: ignore[return-value]


def list_rows(
    s: Session,
    q: MeetingQuery,
    offset: int = 0,
    limit: int | None = None,
    participant_ids: Iterable[int] | None = None,
) -> list[MeetingRow]:
    """The rows of ``q`` from ``offset`` on (at most ``limit``); only those of
    ``participant_ids`` when given."""
    query = _query(q, participant_ids)
    if limit is not None:
        query = query.limit(limit)
    if offset:
        query = query.offset(offset)
    return [
        MeetingRow(mid, pid, f"{first} {last}".strip(), held_at, kind, place, open_, archived)
        for mid, pid, first, last, held_at, kind, place, open_, archived in [
            (*r[:8], r[8] is not None) for r in s.connection().execute(query)
        ]
    ]
