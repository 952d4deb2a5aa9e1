"""The rows of many participants' files, read with one query per table for all of them.

Read participant by participant and goal by goal, a document's file took about twenty
questions to the vault (each goal's milestones, each enrolment's module and attendance,
each meeting's attendees and agreements asked apart); a batch of a hundred asked two
thousand. Here each table is asked once for all the participants given, their related
rows loaded with them, and a table whose category a participant's consents do not cover
is not read for her at all. Rows come back in the order each participant's file shows
them. Only the consent filter (``consent_filter``) reads these rows.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import InstrumentedAttribute, Session, selectinload
from sqlalchemy.orm.strategy_options import _AbstractLoad

from coachdesk.models import Consent, Enrolment, Goal, Handover, Meeting, Participant
from coachdesk.models.enums import DataCategory
from coachdesk.services.common import storable


@dataclass
class FileRows:
    """One participant's rows of the tables a document shows, each table in file order."""

    goals: list[Goal] = field(default_factory=list)
    enrolments: list[Enrolment] = field(default_factory=list)
    meetings: list[Meeting] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)


def among(column: InstrumentedAttribute[int], ids: Sequence[int]) -> ColumnElement[bool]:
    """``column IN ids``; ``=`` for one id, which SQLAlchemy need not render anew each time."""
    return column == ids[0] if len(ids) == 1 else column.in_(ids)


def participants(s: Session, ids: Iterable[int]) -> dict[int, Participant]:
    """The participants of ``ids`` that exist (an id no row can have is left out)."""
    wanted = [i for i in ids if storable(i)]
    if not wanted:
        return {}
    return {p.id: p for p in s.scalars(select(Participant).where(among(Participant.id, wanted)))}


def consents_of(s: Session, ids: Sequence[int]) -> dict[int, list[Consent]]:
    """Every consent of each participant, with its categories."""
    found: dict[int, list[Consent]] = defaultdict(list)
    if not ids:
        return found
    q = (
        select(Consent)
        .where(among(Consent.participant_id, ids))
        .options(selectinload(Consent.category_rows))
        .order_by(Consent.id)
    )
    for c in s.scalars(q):
        found[c.participant_id].append(c)
    return found


def file_rows(s: Session, covered: Mapping[int, frozenset[DataCategory]]) -> dict[int, FileRows]:
    """Each participant's rows of the tables whose category ``covered[participant]`` holds."""
    rows = {pid: FileRows() for pid in covered}
    # Related rows (milestones, attendance, ...) are read with their parents for all
    # participants at once; for one participant, reading them as the filter reaches
    # them costs less (SQLAlchemy's lazy loads are cheaper per query than its eager ones).
    at_once = len(covered) > 1

    def related(*options: _AbstractLoad) -> tuple[_AbstractLoad, ...]:
        return options if at_once else ()

    def having(category: DataCategory) -> list[int]:
        return [pid for pid, cats in covered.items() if category in cats]

    if ids := having(DataCategory.GOALS_PROGRESS):
        goals = (
            select(Goal)
            .where(among(Goal.participant_id, ids), Goal.archived_at.is_(None))
            .options(*related(selectinload(Goal.milestones)))
            .order_by(Goal.position, Goal.id)
        )
        for g in s.scalars(goals):
            rows[g.participant_id].goals.append(g)
    if ids := having(DataCategory.MODULES_ATTENDANCE):
        enrolments = (
            select(Enrolment)
            .where(among(Enrolment.participant_id, ids))
            .options(*related(selectinload(Enrolment.module), selectinload(Enrolment.attendance)))
            .order_by(Enrolment.enrolled_on, Enrolment.id)
        )
        for e in s.scalars(enrolments):
            rows[e.participant_id].enrolments.append(e)
    if ids := having(DataCategory.MEETING_SUMMARIES):
        meetings = (
            select(Meeting)
            .where(among(Meeting.participant_id, ids), Meeting.archived_at.is_(None))
            .options(*related(selectinload(Meeting.attendees), selectinload(Meeting.agreements)))
            .order_by(Meeting.held_at, Meeting.id)
        )
        for m in s.scalars(meetings):
            rows[m.participant_id].meetings.append(m)
    if ids := having(DataCategory.HANDOVER_FACTS):
        handovers = (
            select(Handover)
            .where(among(Handover.participant_id, ids), Handover.archived_at.is_(None))
            .order_by(Handover.handover_date, Handover.id)
        )
        for h in s.scalars(handovers):
            rows[h.participant_id].handovers.append(h)
    return rows
