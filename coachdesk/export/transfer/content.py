"""What a package carries about one participant: her records, by covered category.

Her ESF Plus questionnaires go under ``esf`` (see ``questionnaires``).

Records go with their archived state, archived ones too: the colleague takes over the
whole history. Internal notes never go (no category). Papers go when their category is
covered, with their bytes (checked against their SHA-256 on the way out).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from coachdesk.export.transfer.questionnaires import gather_questionnaires
from coachdesk.export.transfer.values import to_json
from coachdesk.models import (
    AftercareFollowUp,
    Attachment,
    AttachmentContent,
    Enrolment,
    Goal,
    Handover,
    Meeting,
    Participant,
    Programme,
)
from coachdesk.models.enums import DataCategory
from coachdesk.services.attachment_store import read_content

RECORD_KINDS = (
    "goals",
    "milestones",
    "aftercare",
    "enrolments",
    "attendance",
    "meetings",
    "agreements",
    "handovers",
    "attachments",
    "questionnaires",
)
"""The kinds of record a package counts (in this order, in the manifest and the preview)."""


@dataclass(frozen=True)
class Gathered:
    records: dict[str, Any]
    """The records JSON: ``participant`` and one list per top-level kind."""
    counts: dict[str, int]


def person_of(p: Participant) -> dict[str, Any]:
    """Who the package is about, as the manifest names her: as little as needed to find her."""
    return {
        "first_name": p.first_name,
        "last_name": p.last_name,
        "first_name_latin": p.first_name_latin,
        "last_name_latin": p.last_name_latin,
        "date_of_birth": p.date_of_birth.isoformat() if p.date_of_birth else None,
    }


def _person(s: Session, p: Participant, covered: frozenset[DataCategory]) -> dict[str, Any]:
    """Her own fields; her programme goes by its name (the colleague's vault has other ids)."""
    out = to_json(p, covered)
    if out.pop("programme_id", None) is not None:
        programme = s.get(Programme, p.programme_id)
        out["programme"] = programme.name if programme is not None else ""
    return out


def _archived(row: Any) -> dict[str, Any]:
    return {"archived": getattr(row, "archived_at", None) is not None}


def gather(s: Session, p: Participant, covered: frozenset[DataCategory]) -> Gathered:
    counts = dict.fromkeys(RECORD_KINDS, 0)
    records: dict[str, Any] = {"participant": _person(s, p, covered)}
    pid = p.id
    goals: list[dict[str, Any]] = []
    aftercare: list[dict[str, Any]] = []
    if DataCategory.GOALS_PROGRESS in covered:
        q = select(Goal).where(Goal.participant_id == pid).order_by(Goal.position, Goal.id)
        for g in s.scalars(q.options(selectinload(Goal.milestones))):
            milestones = [to_json(m, covered) for m in g.milestones]
            counts["milestones"] += len(milestones)
            goals.append(to_json(g, covered) | _archived(g) | {"milestones": milestones})
        q2 = select(AftercareFollowUp).where(AftercareFollowUp.participant_id == pid)
        aftercare = [to_json(a, covered) for a in s.scalars(q2.order_by(AftercareFollowUp.id))]
    enrolments: list[dict[str, Any]] = []
    if DataCategory.MODULES_ATTENDANCE in covered:
        q3 = (
            select(Enrolment)
            .where(Enrolment.participant_id == pid)
            .options(selectinload(Enrolment.module), selectinload(Enrolment.attendance))
            .order_by(Enrolment.enrolled_on, Enrolment.id)
        )
        for e in s.scalars(q3):
            attendance = [to_json(a, covered) for a in e.attendance]
            counts["attendance"] += len(attendance)
            extra = {"module": e.module.title, "attendance": attendance}
            enrolments.append(to_json(e, covered) | extra)
    meetings, meeting_index = _meetings(s, pid, covered, counts)
    handovers: list[dict[str, Any]] = []
    handover_index: dict[int, int] = {}
    if DataCategory.HANDOVER_FACTS in covered:
        q4 = select(Handover).where(Handover.participant_id == pid)
        for h in s.scalars(q4.order_by(Handover.handover_date, Handover.id)):
            handover_index[h.id] = len(handovers)
            handovers.append(to_json(h, covered) | _archived(h))
    attachments = _attachments(s, pid, covered, meeting_index, handover_index)
    records |= {
        "goals": goals,
        "aftercare": aftercare,
        "enrolments": enrolments,
        "meetings": meetings,
        "handovers": handovers,
        "attachments": attachments,
        "esf": gather_questionnaires(s, pid, covered),
    }
    counts["questionnaires"] = len(records["esf"])
    for kind in ("goals", "aftercare", "enrolments", "meetings", "handovers", "attachments"):
        counts[kind] = len(records[kind])
    return Gathered(records, counts)


def _meetings(
    s: Session, pid: int, covered: frozenset[DataCategory], counts: dict[str, int]
) -> tuple[list[dict[str, Any]], dict[int, int]]:
    if DataCategory.MEETING_SUMMARIES not in covered:
        return [], {}
    out: list[dict[str, Any]] = []
    index: dict[int, int] = {}
    q = (
        select(Meeting)
        .where(Meeting.participant_id == pid)
        .options(selectinload(Meeting.attendees), selectinload(Meeting.agreements))
        .order_by(Meeting.held_at, Meeting.id)
    )
    for m in s.scalars(q):
        index[m.id] = len(out)
        agreements = [to_json(a, covered) for a in m.agreements]
        counts["agreements"] += len(agreements)
        extra = {
            "attendees": [to_json(a, covered) for a in m.attendees],
            "agreements": agreements,
        }
        out.append(to_json(m, covered) | _archived(m) | extra)
    return out, index


def _attachments(
    s: Session,
    pid: int,
    covered: frozenset[DataCategory],
    meeting_index: dict[int, int],
    handover_index: dict[int, int],
) -> list[dict[str, Any]]:
    out = []
    q = select(Attachment).where(Attachment.participant_id == pid).order_by(Attachment.id)
    for a in s.scalars(q):
        if a.category not in covered:
            continue
        content = s.get(AttachmentContent, a.content_id)
        assert content is not None  # RESTRICT keeps it while the attachment exists
        data = read_content(s, content)
        out.append(
            {
                "title": a.title,
                "category": a.category.value,
                "document_date": a.document_date.isoformat() if a.document_date else None,
                "sha256": content.sha256,
                "meeting": meeting_index.get(a.meeting_id) if a.meeting_id else None,
                "handover": handover_index.get(a.handover_id) if a.handover_id else None,
                "data": base64.b64encode(data).decode(),
            }
        )
    return out
