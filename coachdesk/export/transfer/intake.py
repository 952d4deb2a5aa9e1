"""Writing a received package's records into the vault, as a new person or into one found.

Runs inside the caller's transaction: everything arrives, or nothing. Every value passes
``values.from_json`` (only categorized columns, each of its type); papers are recognised
again from their bytes and checked against the SHA-256 the sender named.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coachdesk.export.transfer.values import from_json
from coachdesk.models import (
    AftercareFollowUp,
    Agreement,
    Attachment,
    AttachmentContent,
    Attendance,
    Enrolment,
    Goal,
    Handover,
    Meeting,
    MeetingAttendee,
    Milestone,
    Module,
    Participant,
)
from coachdesk.models.base import utcnow
from coachdesk.models.enums import DataCategory
from coachdesk.services.attachment_files import recognise
from coachdesk.services.attachment_store import store


def _list(records: dict[str, Any], key: str) -> list[Any]:
    value = records.get(key, [])
    if not isinstance(value, list):
        raise ValueError(f"{key} must be a list")
    return value


def _split(item: object, *nested: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """A record's own fields and its nested lists (and the archived flag) apart."""
    if not isinstance(item, dict):
        raise ValueError("a record must be an object")
    own = {k: v for k, v in item.items() if k not in nested and k != "archived"}
    extra = {k: item.get(k) for k in nested}
    extra["archived"] = bool(item.get("archived", False))
    return own, extra


def _archive(row: Any, archived: bool) -> None:
    if archived:
        row.archived_at = utcnow()


def new_participant(
    s: Session,
    records: dict[str, Any],
    retention: Callable[[Session, dt.date | None], dt.date | None],
    programme_named: Callable[[str], int | None] = lambda _name: None,
) -> Participant:
    """Her file from the package; her programme, named in it, is found or made by
    ``programme_named`` (a package never sets an id of this vault)."""
    own = records.get("participant")
    name = own.pop("programme", "") if isinstance(own, dict) else ""
    if isinstance(own, dict):
        own.pop("programme_id", None)
    if not isinstance(name, str):
        raise ValueError("programme must be a name")
    p = Participant(**from_json(Participant, own))
    p.programme_id = programme_named(name) if name.strip() else None
    if not p.first_name and not p.last_name:
        raise ValueError("a participant needs a name")
    p.retention_until = retention(s, p.exit_date)
    s.add(p)
    s.flush()
    return p


def add_records(s: Session, p: Participant, records: dict[str, Any]) -> None:
    """Her goals, follow-ups, enrolments, meetings, handovers and papers, added to ``p``."""
    next_position = s.scalar(select(func.max(Goal.position)).where(Goal.participant_id == p.id))
    position = (next_position or 0) + 1
    for item in _list(records, "goals"):
        own, extra = _split(item, "milestones")
        goal = Goal(participant_id=p.id, position=position, **from_json(Goal, own))
        position += 1
        _archive(goal, extra["archived"])
        for n, m in enumerate(extra["milestones"] or []):
            goal.milestones.append(Milestone(position=n, **from_json(Milestone, m)))
        s.add(goal)
    for item in _list(records, "aftercare"):
        s.add(AftercareFollowUp(participant_id=p.id, **from_json(AftercareFollowUp, item)))
    for item in _list(records, "enrolments"):
        own, extra = _split(item, "module", "attendance")
        _enrolment(s, p, own, extra)
    meetings = [_meeting(s, p, item) for item in _list(records, "meetings")]
    handovers = []
    for item in _list(records, "handovers"):
        own, extra = _split(item)
        h = Handover(participant_id=p.id, **from_json(Handover, own))
        _archive(h, extra["archived"])
        s.add(h)
        handovers.append(h)
    s.flush()
    for item in _list(records, "attachments"):
        _attachment(s, p, item, meetings, handovers)
    s.flush()


def _enrolment(s: Session, p: Participant, own: dict[str, Any], extra: dict[str, Any]) -> None:
    title = extra["module"]
    if not isinstance(title, str) or not title.strip():
        raise ValueError("an enrolment needs its module's title")
    module = s.scalars(
        select(Module).where(Module.title == title).order_by(Module.archived_at.is_not(None))
    ).first()
    if module is None:  # an offer of her office: known here by its title only
        module = Module(title=title)
        s.add(module)
        s.flush()
    found = s.scalars(
        select(Enrolment).where(Enrolment.participant_id == p.id, Enrolment.module_id == module.id)
    ).first()
    if found is None:
        found = Enrolment(participant_id=p.id, module_id=module.id, **from_json(Enrolment, own))
        s.add(found)
        s.flush()
    known = {a.session_date for a in found.attendance}
    for a in extra["attendance"] or []:
        row = Attendance(**from_json(Attendance, a))
        if row.session_date not in known:  # merged: a session both coaches noted counts once
            known.add(row.session_date)
            found.attendance.append(row)


def _meeting(s: Session, p: Participant, item: object) -> Meeting:
    own, extra = _split(item, "attendees", "agreements")
    m = Meeting(participant_id=p.id, **from_json(Meeting, own))
    _archive(m, extra["archived"])
    for n, a in enumerate(extra["attendees"] or []):
        m.attendees.append(MeetingAttendee(position=n, **from_json(MeetingAttendee, a)))
    for n, a in enumerate(extra["agreements"] or []):
        m.agreements.append(Agreement(position=n, **from_json(Agreement, a)))
    s.add(m)
    return m


def _attachment(
    s: Session, p: Participant, item: object, meetings: list[Meeting], handovers: list[Handover]
) -> None:
    if not isinstance(item, dict):
        raise ValueError("a paper must be an object")
    try:
        data = base64.b64decode(str(item["data"]), validate=True)
    except (KeyError, binascii.Error) as exc:
        raise ValueError("a paper's bytes are unreadable") from exc
    digest = hashlib.sha256(data).hexdigest()
    if digest != item.get("sha256"):
        raise ValueError("a paper's bytes do not match its checksum")
    content = s.scalar(select(AttachmentContent).where(AttachmentContent.sha256 == digest))
    if content is None:
        found = recognise(data)
        content = store(s, data, digest, found.media_type, found.page_count)
    same = select(Attachment.id).where(
        Attachment.participant_id == p.id, Attachment.content_id == content.id
    )
    if s.scalar(same) is not None:  # merged: she has this paper already
        return
    title, day = item.get("title"), item.get("document_date")
    if not isinstance(title, str) or not (day is None or isinstance(day, str)):
        raise ValueError("a paper needs a title")
    s.add(
        Attachment(
            participant_id=p.id,
            content_id=content.id,
            meeting_id=_linked(meetings, item.get("meeting")),
            handover_id=_linked(handovers, item.get("handover")),
            title=title[:200],
            category=DataCategory(str(item.get("category"))),
            document_date=dt.date.fromisoformat(day) if day else None,
        )
    )


def _linked(rows: list[Meeting] | list[Handover], index: object) -> int | None:
    if index is None:
        return None
    if not isinstance(index, int) or not 0 <= index < len(rows):
        raise ValueError("a paper links to a record the package does not hold")
    return rows[index].id
