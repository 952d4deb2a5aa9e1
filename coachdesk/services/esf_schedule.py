"""The six-month ESF Plus follow-up, scheduled by her exit date.

Called in the transaction that sets, moves or clears her exit date (the participants
service, an import): a new exit date schedules the follow-up six calendar months later, a
moved one moves it, a cleared one removes it. One she already answered (or that was closed
as "could not be reached") is hers and stays as it is.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.models import EsfFollowUp
from coachdesk.services import audit
from coachdesk.services.context import ServiceContext
from coachdesk.services.esf_rules import six_months_after

ENTITY = "esf_followup"


def is_open(row: EsfFollowUp) -> bool:
    """Not answered yet and not closed as unreachable."""
    return row.answered_on is None and not row.not_reached


def schedule_follow_up(
    s: Session, ctx: ServiceContext, participant_id: int, exit_date: dt.date | None
) -> bool:
    """Bring her follow-up in line with ``exit_date``; True when it changed."""
    row = s.scalars(
        select(EsfFollowUp).where(EsfFollowUp.participant_id == participant_id)
    ).one_or_none()
    if exit_date is None:
        if row is None or not is_open(row):
            return False
        s.delete(row)
        audit.record(s, ctx, "delete", ENTITY, row.id, participant_id)
        return True
    due = six_months_after(exit_date)
    if row is None:
        row = EsfFollowUp(participant_id=participant_id, due_on=due)
        s.add(row)
        s.flush()
        audit.record(s, ctx, "create", ENTITY, row.id, participant_id)
        return True
    if row.due_on == due or not is_open(row):
        return False
    row.due_on = due
    audit.record(s, ctx, "update", ENTITY, row.id, participant_id, {"fields": ["due_on"]})
    return True
