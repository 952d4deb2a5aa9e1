"""How many entries each of Today's lists holds: COUNT statements that find the files not
archived by index (0007) instead of reading every participant's row."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import ColumnElement, Select, func, select

from coachdesk.models import Agreement, Meeting, Participant

ACTIVE: ColumnElement[bool] = Participant.archived_at.is_(None)


def active_ids() -> Select[int]:
    return select(Participant.id).where(ACTIVE)


def counted(table: Any, where: list[ColumnElement[bool]], owner: Any) -> Select[int]:
    linked = [] if owner is None else [owner.in_(active_ids())]
    return select(func.count()).select_from(table).where(*where, *linked)


def counted_rows(query: Callable[[], Select[Any]]) -> Select[int]:
    """COUNT over the rows of a list that a date range keeps short."""
    return select(func.count()).select_from(query().order_by(None).subquery())


def in_active_meeting() -> ColumnElement[bool]:
    active = select(Meeting.id).where(
        Meeting.archived_at.is_(None), Meeting.participant_id.in_(active_ids())
    )
    return Agreement.meeting_id.in_(active)
