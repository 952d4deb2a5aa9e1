"""The rows of the participant list: one narrow query, read without the ORM's per-value work.

At 50,000 participants the list reads tens of thousands of rows; turning each date and
status through SQLAlchemy's type processors cost more than the query itself, so the
columns come back as stored text and are converted here with a lookup table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, NamedTuple

from sqlalchemy import Select, String, case, func, or_, select, type_coerce
from sqlalchemy.orm import Session

from coachdesk.collation import STORED_ORDER, stored_order_fits, stored_order_version
from coachdesk.models import EsfEntry, Participant, VaultSetting
from coachdesk.models.enums import ParticipantStatus
from coachdesk.services.esf_due import entry_open_answers
from coachdesk.services.programmes import names_by_id
from coachdesk.services.search import matching_participants

_STATUS = {s.value: s for s in ParticipantStatus}


class ParticipantRow(NamedTuple):
    """One line of the participant list: only what the table shows.

    A named tuple rather than a frozen dataclass: the list makes tens of thousands at a
    time, and a tuple is made several times faster."""

    id: int
    first_name: str
    last_name: str
    status: ParticipantStatus
    programme: str
    """Her programme's name ("" for none)."""
    entry_date: dt.date | None
    jobcentre_customer_number: str
    archived: bool
    first_name_latin: str = ""
    last_name_latin: str = ""
    name_order: bytes = b""
    """Her stored place by name (coachdesk.collation.stored_order_key)."""
    esf_entry_open: int = 0
    """Mandatory ESF Plus entry answers still open (esf_due); 0 also without an entry date
    and in an archived file."""

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


@dataclass(frozen=True)
class ListFilter:
    """What the participant list shows: the search text and the filters beside it."""

    query: str = ""
    status: ParticipantStatus | None = None
    programme_id: int | None = None
    """Only the files of this programme (None: every file)."""
    include_archived: bool = False


def row_query(where: ListFilter, *, marked: bool = True) -> Select[Any]:
    """The list's rows for ``where``; ``marked``: with her ESF entry marker (the count of
    a list reads the query without it, so it needs no join)."""
    q: Select[Any] = select(  # type: ignore[assignment]
        Participant.id,
        Participant.first_name,
        Participant.last_name,
        type_coerce(Participant.status, String),
        Participant.programme_id,
        type_coerce(Participant.entry_date, String),
        Participant.jobcentre_customer_number,
        Participant.archived_at.is_not(None),
        Participant.first_name_latin,
        Participant.last_name_latin,
        Participant.name_order,
    )
    if marked:
        # Her entry questionnaire is found by its unique participant id, row by row. An
        # archived file is not marked: its data no longer counts (esf_due).
        not_due = or_(Participant.entry_date.is_(None), Participant.archived_at.is_not(None))
        open_answers = case((not_due, 0), else_=entry_open_answers())
        q = q.add_columns(open_answers).outerjoin(
            EsfEntry, EsfEntry.participant_id == Participant.id
        )
    matching = matching_participants(where.query, current_only=not where.include_archived)
    if matching is not None:
        q = q.where(Participant.id.in_(matching))
    if where.status is not None:
        q = q.where(Participant.status == where.status)
    if where.programme_id is not None:
        q = q.where(Participant.programme_id == where.programme_id)
    if not where.include_archived:
        q = q.where(Participant.archived_at.is_(None))
    return q


def read_rows(s: Session, q: Select[Any]) -> list[ParticipantRow]:
    fromiso = dt.date.fromisoformat
    # A vault holds a handful of programmes: their names are looked up here rather than
    # joined, so the list's query and its plan stay as they were.
    programmes = names_by_id(s)
    return [
        ParticipantRow(
            r[0],
            r[1],
            r[2],
            _STATUS[r[3]],
            programmes.get(r[4], "") if r[4] is not None else "",
            fromiso(r[5][:10]) if r[5] else None,
            r[6],
            bool(r[7]),
            r[8],
            r[9],
            r[10],
            r[11],
        )
        for r in s.connection().execute(q).all()  # Core rows: no ORM result processing
    ]


@dataclass(frozen=True)
class FirstPage:
    """The list's first rows in name order, and how many rows the whole list has."""

    rows: list[ParticipantRow]
    total: int


def stored_order_usable(s: Session) -> bool:
    """Whether ``name_order`` orders the list as the window's language does: its keys are
    of this ICU (coachdesk.vault.name_order) and the language sorts as the root."""
    stored = s.scalar(select(VaultSetting.value).where(VaultSetting.key == STORED_ORDER))
    return stored == stored_order_version() and stored_order_fits()


def in_name_order(q: Select[Any], descending: bool = False) -> Select[Any]:
    if descending:
        return q.order_by(Participant.name_order.desc(), Participant.id.desc())
    return q.order_by(Participant.name_order, Participant.id)


def first_page(s: Session, where: ListFilter, size: int, descending: bool) -> FirstPage | None:
    """The first ``size`` rows by name (the last ones if ``descending``), read in order
    from an index and given in ascending order; None when the stored order is not usable
    (the caller sorts the whole list itself)."""
    if not stored_order_usable(s):
        return None
    q = row_query(where)
    rows = read_rows(s, in_name_order(q, descending).limit(size))
    if descending:
        rows.reverse()
    if len(rows) < size:
        return FirstPage(rows, len(rows))
    counted = row_query(where, marked=False).subquery()
    total = s.connection().scalar(select(func.count()).select_from(counted))
    return FirstPage(rows, int(total or 0))
