"""Meetings in a demo file: three-way meetings with the integration officer, sometimes an
interpreter or a disability officer, individual and group sessions, agreements tracked to done.
"""

from __future__ import annotations

import datetime as dt

from coachdesk import models as m
from coachdesk.demo import data, phrases
from coachdesk.demo.records import FileRecords
from coachdesk.models.enums import AttendeeRole, MeetingKind
from coachdesk.models.enums import ParticipantStatus as St

MEETING_KINDS = (MeetingKind.THREE_WAY, MeetingKind.INDIVIDUAL, MeetingKind.GROUP)
MEETING_WEIGHTS = (70, 22, 8)


def add_meetings(
    records: FileRecords,
    name: str,
    status: St,
    period: tuple[dt.date, dt.date],
    officer: int,
    interpreter_language: str,
) -> None:
    """Past meetings with summary and agreements in ``period``, and perhaps one coming up."""
    rng, today, ids, rows, pid = records.rng, records.today, records.ids, records.rows, records.pid
    entry, until = period
    past = 0 if status == St.INTAKE else rng.randint(1, 3)
    dates = sorted(entry + records.days(10, max(11, (until - entry).days)) for _ in range(past))
    if status in (St.INTAKE, St.ACTIVE) and rng.random() < 0.6:
        dates.append(today + records.days(1, 28))
    needs_interpreter = bool(interpreter_language) and rng.random() < 0.4
    for day in dates:
        upcoming = day > today
        meeting_id = ids.next(m.Meeting)
        kind = rng.choices(MEETING_KINDS, weights=MEETING_WEIGHTS)[0]
        rows.add(
            m.Meeting,
            id=meeting_id,
            participant_id=pid,
            kind=kind,
            held_at=dt.datetime.combine(day, dt.time(rng.choice((9, 10, 11, 14)), 0)),
            location=rng.choice(phrases.MEETING_LOCATIONS),
            agenda=rng.choice(phrases.AGENDAS),
            shared_summary="" if upcoming else rng.choice(phrases.SUMMARIES).format(name=name),
            internal_notes="" if upcoming else rng.choice(phrases.INTERNAL_NOTES),
            archived_at=None,
        )
        attendees: list[tuple[str, AttendeeRole, int | None]] = [
            (name, AttendeeRole.PARTICIPANT, None),
            (data.COACH_NAME, AttendeeRole.COACH, None),
        ]
        if kind == MeetingKind.THREE_WAY:
            officer_name = records.dir.contact_names[officer]
            attendees.append((officer_name, AttendeeRole.INTEGRATION_OFFICER, officer))
            if rng.random() < 0.04:
                attendees.append(
                    (phrases.DISABILITY_OFFICER, AttendeeRole.DISABILITY_OFFICER, None)
                )
        elif kind == MeetingKind.GROUP:
            attendees.append((phrases.PEER_MENTOR, AttendeeRole.OTHER, None))
        if needs_interpreter:
            interpreter = phrases.INTERPRETERS[interpreter_language]
            attendees.append((interpreter, AttendeeRole.INTERPRETER, None))
        for position, (who, role, contact) in enumerate(attendees):
            rows.add(
                m.MeetingAttendee,
                id=ids.next(m.MeetingAttendee),
                meeting_id=meeting_id,
                name=who,
                role=role,
                contact_person_id=contact,
                position=position,
            )
        if upcoming:
            continue
        for position, (who, what) in enumerate(rng.sample(phrases.AGREEMENTS, rng.randint(1, 3))):
            due = day + records.days(10, 45)
            done = due < today and rng.random() < 0.6
            rows.add(
                m.Agreement,
                id=ids.next(m.Agreement),
                meeting_id=meeting_id,
                who={"participant": name, "coach": data.COACH_NAME}.get(
                    who, records.dir.contact_names[officer]
                ),
                what=what,
                due_date=due,
                done_on=min(due, today) if done else None,
                position=position,
            )
