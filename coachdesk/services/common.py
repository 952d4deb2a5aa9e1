"""Small helpers the domain services share: loading by id, date checks, list positions."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from coachdesk.i18n import N_, Message
from coachdesk.models import Base, Participant
from coachdesk.models.base import Archivable, utcnow
from coachdesk.services import audit
from coachdesk.services.context import ServiceContext
from coachdesk.services.errors import FieldError, NotFoundError, ValidationError

M = TypeVar("M", bound=Base)

SQLITE_INTEGERS = range(-(2**63), 2**63)
"""What an INTEGER column can hold; binding a larger Python int raises OverflowError."""


def storable(record_id: int) -> bool:
    """Whether SQLite can hold this id at all (a query with a larger one raises)."""
    return record_id in SQLITE_INTEGERS


def get_row(s: Session, model: type[M], record_id: int) -> M | None:
    """The row with ``record_id``, or None (also for an id no row can have)."""
    if not storable(record_id):
        return None
    return s.get(model, record_id)


def load(s: Session, model: type[M], record_id: int, entity: str) -> M:
    """The row with ``record_id``, or NotFoundError naming ``entity``."""
    obj = get_row(s, model, record_id)
    if obj is None:
        raise NotFoundError(entity, record_id)
    return obj


def load_participant(s: Session, participant_id: int) -> Participant:
    return load(s, Participant, participant_id, "participant")


def mark_archived(
    s: Session,
    ctx: ServiceContext,
    row: Archivable,
    entity: str,
    record_id: int,
    archived: bool,
    participant_id: int | None = None,
) -> None:
    """Archive ``row`` (or bring it back) and write the audit entry in the same transaction."""
    row.archived_at = utcnow() if archived else None
    audit.record(s, ctx, "archive" if archived else "unarchive", entity, record_id, participant_id)


def audit_update(
    s: Session,
    ctx: ServiceContext,
    entity: str,
    record_id: int,
    participant_id: int | None,
    changed: Collection[str],
) -> None:
    """One "update" audit entry naming the changed fields (never their values); none if none."""
    if changed:
        audit.record(
            s, ctx, "update", entity, record_id, participant_id, {"fields": sorted(changed)}
        )


def not_in_future(
    problems: list[FieldError], field: str, value: dt.date | None, today: dt.date
) -> None:
    """A date on which something already happened cannot be after today."""
    if value is not None and value > today:
        problems.append(
            FieldError(field, Message(N_("This date is in the future; it has not happened yet.")))
        )


def next_position(s: Session, column: InstrumentedAttribute[int], *where: object) -> int:
    """One past the highest position among the rows matching ``where`` (0 for the first)."""
    highest = s.scalar(select(func.max(column)).where(*where))  # type: ignore[arg-type]
    return 0 if highest is None else int(highest) + 1


def check_same_ids(current: Sequence[int], wanted: Sequence[int], field: str) -> None:
    """A reorder must name each current item exactly once (the list may be stale otherwise)."""
    if len(wanted) != len(set(wanted)) or set(wanted) != set(current):
        raise ValidationError.single(
            field, N_("The list has changed in the meantime. Please reload it and try again.")
        )


def name_taken(
    s: Session,
    id_column: InstrumentedAttribute[int],
    text_column: InstrumentedAttribute[str],
    value: str,
    own_id: int | None,
    *where: object,
) -> bool:
    """Whether another row (among ``where``) has ``value`` in ``text_column``, ignoring case.

    Compared in Python because SQLite's lower() leaves Ö, Ş, И ... as they are; the rows
    compared are always few (one participant's goals, one organisation's contacts, ...).
    """
    wanted = value.casefold()
    rows = s.execute(select(id_column, text_column).where(*where))  # type: ignore[arg-type]
    return any(row_id != own_id and text.casefold() == wanted for row_id, text in rows)
