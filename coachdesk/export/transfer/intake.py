"""Writing a received package's records into the vault, as a new person or into one found.

Merged into a person she has, her fields stay as they are and only her empty ones are filled
from the package; a record she already has (equal in every field the package carries) is
not added twice, and its papers link to hers.

Runs inside the caller's transaction: everything arrives, or nothing. Every value passes
``values.from_json`` (only categorized columns, each of its type); papers are recognised
again from their bytes and checked against the SHA-256 the sender named.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
from collections.abc import Callable, Iterable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from coachdesk.export.transfer.questionnaires import add_questionnaires
from coachdesk.export.transfer.values import fill_empty, from_json, to_json
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
    Programme,
)
from coachdesk.models.base import Base, utcnow
from coachdesk.models.enums import DataCategory
from coachdesk.services.attachment_files import recognise
from coachdesk.services.attachment_store import store
from coachdesk.services.programmes import name_key

ALL = frozenset(DataCategory)


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


def merge_participant(
    p: Participant,
    records: dict[str, Any],
    *,
    dry_run: bool = False,
    programme_named: Callable[[str], int | None] = lambda _name: None,
) -> tuple[list[str], list[str]]:
    """Her fields empty here filled from the package; returns (filled, conflicts): hers stay.
    Her programme, named in the package, fills an empty one (found or made by
    ``programme_named``); another programme than hers is a conflict."""
    own = records.get("participant")
    if not isinstance(own, dict):
        raise ValueError("participant must be an object")
    own = dict(own)
    own.pop("programme_id", None)
    name = own.pop("programme", "")
    if not isinstance(name, str):
        raise ValueError("programme must be a name")
    filled, conflicts = fill_empty(p, from_json(Participant, own), dry_run=dry_run)
    if name.strip():
        session = object_session(p)
        mine = session.get(Programme, p.programme_id) if session and p.programme_id else None
        if mine is None:
            if not dry_run:
                p.programme_id = programme_named(name)
            filled.append("programme")
        elif name_key(mine.name) != name_key(name):
            conflicts.append("programme")
    return filled, conflicts


class _Known:
    """The records of a kind she already has, in the package's form, to add none twice."""

    def __init__(self, rows: Iterable[Base]) -> None:
        self.rows = [(row, to_json(row, ALL)) for row in rows]

    def find(self, own: dict[str, Any]) -> Any:
        for row, values in self.rows:
            if all(values.get(k) == v for k, v in own.items()):
                return row
        return None


def _of(s: Session, model: Any, pid: int) -> _Known:
    return _Known(s.scalars(select(model).where(model.participant_id == pid)))


def add_records(s: Session, p: Participant, records: dict[str, Any]) -> None:
    """Her goals, follow-ups, enrolments, meetings, handovers, questionnaires and papers,
    added to ``p``; a record she already has (the same in every field) is not added again."""
    next_position = s.scalar(select(func.max(Goal.position)).where(Goal.participant_id == p.id))
    position = (next_position or 0) + 1
    goals = _of(s, Goal, p.id)
    for item in _list(records, "goals"):
        own, extra = _split(item, "milestones")
        goal = goals.find(own)
        if goal is None:
            goal = Goal(participant_id=p.id, position=position, **from_json(Goal, own))
            position += 1
            _archive(goal, extra["archived"])
            s.add(goal)
        steps = _Known(goal.milestones)
        for m in extra["milestones"] or []:
            if steps.find(m) is None:
                n = len(goal.milestones)
                goal.milestones.append(Milestone(position=n, **from_json(Milestone, m)))
    aftercare = _of(s, AftercareFollowUp, p.id)
    for item in _list(records, "aftercare"):
        if aftercare.find(item) is None:
            s.add(AftercareFollowUp(participant_id=p.id, **from_json(AftercareFollowUp, item)))
    for item in _list(records, "enrolments"):
        own, extra = _split(item, "module", "attendance")
        _enrolment(s, p, own, extra)
    known_meetings = _of(s, Meeting, p.id)
    meetings = [_meeting(s, p, item, known_meetings) for item in _list(records, "meetings")]
    known_handovers = _of(s, Handover, p.id)
    handovers = []
    for item in _list(records, "handovers"):
        own, extra = _split(item)
        h = known_handovers.find(own)
        if h is None:
            h = Handover(participant_id=p.id, **from_json(Handover, own))
            _archive(h, extra["archived"])
            s.add(h)
        handovers.append(h)
    add_questionnaires(s, p.id, records.get("esf"))
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


def _meeting(s: Session, p: Participant, item: object, known: _Known) -> Meeting:
    own, extra = _split(item, "attendees", "agreements")
    m: Meeting | None = known.find(own)
    if m is None:
        m = Meeting(participant_id=p.id, **from_json(Meeting, own))
        _archive(m, extra["archived"])
        s.add(m)
    attendees, agreements = _Known(m.attendees), _Known(m.agreements)
    for a in extra["attendees"] or []:
        if attendees.find(a) is None:
            n = len(m.attendees)
            m.attendees.append(MeetingAttendee(position=n, **from_json(MeetingAttendee, a)))
    for a in extra["agreements"] or []:
        if agreements.find(a) is None:
            m.agreements.append(Agreement(position=len(m.agreements), **from_json(Agreement, a)))
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
