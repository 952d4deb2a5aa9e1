"""One fictional participant's file for the demo: goals, modules, meetings, handovers, consents.

Rows are plain dicts keyed by model, with primary keys assigned up front (see
``coachdesk.demo.generate``). Every random choice goes through one ``random.Random``,
so the same seed gives the same vault.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from coachdesk import models as m
from coachdesk.collation import stored_order_key
from coachdesk.demo import data, names, phrases
from coachdesk.demo.esf import EsfDemo
from coachdesk.demo.meetings import add_meetings
from coachdesk.demo.records import Directory, FileRecords, IdAllocator, Rows, add_months
from coachdesk.models.enums import (
    AttendanceStatus,
    EnrolmentResult,
    ExitDestination,
    GermanLevel,
    GoalStatus,
    ParticipantStatus,
)
from coachdesk.models.enums import ParticipantStatus as St
from coachdesk.services.settings import DEFAULT_RETENTION_MONTHS
from coachdesk.transliteration import latin_spelling, search_key

DAY = dt.timedelta(days=1)
# The first six participants take one status each, so every demo shows them all.
STATUSES = (St.INTAKE, St.ACTIVE, St.PAUSED, St.EXITED, St.AFTERCARE, St.ARCHIVED)
STATUS_WEIGHTS = (8, 40, 8, 14, 16, 14)
LEVELS = (GermanLevel.NONE, GermanLevel.A1, GermanLevel.A2, GermanLevel.B1, GermanLevel.B2)
FAMILY_CHILDREN = (2, 3, 1, 1, 2)
# work, training, education, other programme, other
DESTINATION_WEIGHTS = (45, 20, 8, 17, 10)
NOTICE_LANGUAGE = {"arabic": "ar", "arabic_script": "ar", "turkish": "tr", "ukrainian": "uk"}
NOTICE_LANGUAGE |= {"cyrillic": "uk", "farsi": "fa", "farsi_script": "fa", "kurdish": "ku"}
NOTICE_LANGUAGE |= {"tigrinya": "ti"}
# Old files of a long-running programme are kept ten years (the audit period of ESF funding).
ARCHIVE_RETENTION_MONTHS = 120
PAUSE_NOTE = "Pause wegen Schwangerschaft und Elternzeit; Wiedereinstieg besprochen."


def _latin(name: str, other: str) -> str:
    """Her name in Latin letters as her passport has it ("" for a Latin name)."""
    return names.LATIN_SPELLINGS.get(name) or latin_spelling(name, other)


def _email(first: str, last: str, number: int) -> str:
    """An address at example.org for Latin-script names; none for others."""
    text = f"{first}.{last}".replace("ı", "i").replace("İ", "I").lower()
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    ascii_text = "".join(c for c in ascii_text if c.isalnum() or c in ".-")
    if len(ascii_text) < len(text) // 2 + 1:
        return ""
    return f"{ascii_text}{number % 100}@example.org"


class PersonFactory:
    def __init__(
        self, rng: random.Random, today: dt.date, directory: Directory, ids: IdAllocator
    ) -> None:
        self.rng = rng
        self.today = today
        self.dir = directory
        self.ids = ids
        self.esf: EsfDemo | None = None

    def _days(self, low: int, high: int) -> dt.timedelta:
        return dt.timedelta(days=self.rng.randint(low, high))

    def add_person(self, rows: Rows, index: int, *, closed_days_ago: int | None = None) -> None:
        """One woman's file. ``closed_days_ago``: an old file of the archive, closed that many
        days ago and kept for ARCHIVE_RETENTION_MONTHS (its consents of that time, long over)."""
        rng, today = self.rng, self.today
        old = closed_days_ago is not None
        status = St.ARCHIVED if old else self._first_or_drawn(index)
        group = rng.choices(names.NAME_GROUPS, weights=names.NAME_WEIGHTS)[0]
        origin, firsts, lasts, languages, interpreter_language = group
        first, last = rng.choice(firsts), rng.choice(lasts)
        first_latin, last_latin = _latin(first, last), _latin(last, first)
        pid = self.ids.next(m.Participant)
        if closed_days_ago is not None:
            exit_date: dt.date | None = today - dt.timedelta(days=closed_days_ago)
            entry = today - dt.timedelta(days=closed_days_ago) - self._days(150, 540)
        else:
            entry, exit_date = self._dates(status, first_of_status=index < len(STATUSES))
        kept_months = ARCHIVE_RETENTION_MONTHS if old else DEFAULT_RETENTION_MONTHS
        destination = None
        if exit_date is not None:
            destination = rng.choices(list(ExitDestination), weights=DESTINATION_WEIGHTS)[0]
        family = rng.randrange(len(names.FAMILY))
        officer = rng.choice(self.dir.integration_officers)
        residence = rng.choice(names.RESIDENCE) if origin != "german" else ""
        rows.add(
            m.Participant,
            id=pid,
            first_name=first,
            last_name=last,
            first_name_latin=first_latin,
            last_name_latin=last_latin,
            # A bulk insert passes by the model's listener: the search key is made here.
            name_key=search_key(first, last, first_latin, last_latin),
            name_order=stored_order_key(last, first),
            pseudonym=f"Frau {last[:1]}." if exit_date and rng.random() < 0.3 else "",
            date_of_birth=today
            - dt.timedelta(days=365 * rng.randint(21, 56) + rng.randint(0, 364)),
            phone=f"0176 {rng.randint(1000000, 99999999)}",
            email=_email(first, last, pid),
            address=f"{rng.choice(names.STREETS)} {rng.randint(1, 120)}, {names.CITY}",
            jobcentre_customer_number=(
                f"{rng.choice(('962', '963'))}{rng.choice('ABCDE')}{100000 + pid % 900000:06d}"
                if status != St.INTAKE or rng.random() < 0.5
                else ""
            ),
            languages=languages,
            german_level=GermanLevel.NATIVE if origin == "german" else rng.choice(LEVELS),
            qualifications=rng.choice(names.QUALIFICATIONS),
            work_experience=rng.choice(names.WORK_EXPERIENCE),
            family_situation=names.FAMILY[family],
            children_count=FAMILY_CHILDREN[family],
            childcare=rng.choice(names.CHILDCARE),
            health_notes=rng.choice(names.HEALTH) if rng.random() < 0.15 else "",
            residence_status=residence,
            residence_valid_until=today + self._days(20, 900) if "§" in residence else None,
            programme_id=(programme := rng.choice(self.dir.programmes)),
            status=status,
            entry_date=entry,
            exit_date=exit_date,
            exit_destination=destination,
            integration_officer_id=officer,
            internal_notes=PAUSE_NOTE
            if status == St.PAUSED
            else rng.choice(phrases.INTERNAL_NOTES),
            retention_until=add_months(exit_date, kept_months) if exit_date else None,
            archived_at=(
                dt.datetime.combine(exit_date + self._days(30, 200), dt.time(17, 0))
                if status == St.ARCHIVED and exit_date
                else None
            ),
        )
        self._esf(rows, origin != "german", entry, exit_date, destination)
        name = f"{first} {last}"
        until = min(exit_date or today, today)
        self._goals(rows, pid, status, entry, until)
        self._enrolments(rows, pid, status, entry, until, programme)
        records = FileRecords(rng, today, self.dir, self.ids, rows, pid)
        add_meetings(records, name, status, (entry, until), officer, interpreter_language)
        records.handovers(status, entry, exit_date, officer, index)
        records.consents(index, entry, officer, NOTICE_LANGUAGE.get(origin, "de"), recent=not old)
        if exit_date is not None and status in (St.AFTERCARE, St.EXITED):
            records.aftercare(status, exit_date)

    def _esf(
        self,
        rows: Rows,
        foreign: bool,
        entry: dt.date,
        exit_date: dt.date | None,
        destination: ExitDestination | None,
    ) -> None:
        """Her ESF Plus questionnaires."""
        row = rows.of(m.Participant)[-1]
        if self.esf is not None:
            self.esf.add(
                rows,
                row["id"],
                foreign=foreign,
                entry=entry,
                exit_date=exit_date,
                destination=destination,
            )

    def _first_or_drawn(self, index: int) -> ParticipantStatus:
        if index < len(STATUSES):
            return STATUSES[index]
        return self.rng.choices(STATUSES, weights=STATUS_WEIGHTS)[0]

    def _dates(
        self, status: ParticipantStatus, *, first_of_status: bool
    ) -> tuple[dt.date, dt.date | None]:
        """Entry and exit; the first archived file is old enough for its retention date."""
        today = self.today
        if status == St.INTAKE:
            return today - self._days(0, 20), None
        if status in (St.ACTIVE, St.PAUSED):
            return today - self._days(45, 420), None
        if status == St.AFTERCARE:
            exit_date = today - self._days(20, 300)
        elif status == St.EXITED:
            exit_date = today - self._days(7, 700)
        elif first_of_status:
            exit_date = today - self._days(1200, 1500)
        else:
            exit_date = today - self._days(200, 1500)
        return exit_date - self._days(150, 540), exit_date

    def _goals(self, rows: Rows, pid: int, status: St, entry: dt.date, until: dt.date) -> None:
        rng = self.rng
        count = 1 if status == St.INTAKE else rng.randint(2, 3)
        for position, (title, description, steps) in enumerate(rng.sample(data.GOALS, count)):
            goal_id = self.ids.next(m.Goal)
            span = max((until - entry).days, 1)
            reached_steps = len(steps) if status != St.INTAKE and rng.random() < 0.35 else 0
            reached_steps = reached_steps or rng.randint(0, len(steps) - 1)
            if status == St.INTAKE:
                reached_steps = 0
            goal_status = GoalStatus.OPEN if reached_steps == 0 else GoalStatus.IN_PROGRESS
            if reached_steps == len(steps):
                goal_status = GoalStatus.REACHED
            elif status in (St.EXITED, St.ARCHIVED) and rng.random() < 0.3:
                goal_status = GoalStatus.DROPPED
            rows.add(
                m.Goal,
                id=goal_id,
                participant_id=pid,
                title=title,
                description=description,
                status=goal_status,
                target_date=entry + self._days(90, 360),
                reached_on=until if goal_status == GoalStatus.REACHED else None,
                position=position,
            )
            for step, (step_title, kind) in enumerate(steps):
                due = entry + dt.timedelta(days=span * (step + 1) // (len(steps) + 1) + 14)
                reached = step < reached_steps
                rows.add(
                    m.Milestone,
                    id=self.ids.next(m.Milestone),
                    goal_id=goal_id,
                    title=step_title,
                    kind=kind,
                    due_date=due,
                    reached_on=min(due, until) if reached else None,
                    note="Stolz erzählt" if reached and rng.random() < 0.2 else "",
                    position=step,
                )

    def _enrolments(
        self, rows: Rows, pid: int, status: St, entry: dt.date, until: dt.date, programme: int
    ) -> None:
        rng = self.rng
        if status == St.INTAKE:
            return
        finished = status in (St.EXITED, St.AFTERCARE, St.ARCHIVED)
        offered = self.dir.offered[programme]
        for module_id in rng.sample(offered, rng.randint(1, 3)):
            enrolment_id = self.ids.next(m.Enrolment)
            enrolled = entry + self._days(7, max(8, (until - entry).days // 2))
            enrolled = min(enrolled, until)
            sessions = min(rng.randint(3, 6), max(1, (until - enrolled).days // 7))
            result = EnrolmentResult.ONGOING
            if finished or (sessions >= 5 and rng.random() < 0.5):
                result = rng.choice(
                    (EnrolmentResult.COMPLETED, EnrolmentResult.CERTIFICATE)
                    if rng.random() < 0.85
                    else (EnrolmentResult.DROPPED_OUT,)
                )
            last_session = enrolled + dt.timedelta(weeks=sessions - 1)
            rows.add(
                m.Enrolment,
                id=enrolment_id,
                participant_id=pid,
                module_id=module_id,
                enrolled_on=enrolled,
                result=result,
                completed_on=last_session if result != EnrolmentResult.ONGOING else None,
                result_note="Zertifikat liegt in Kopie vor"
                if result == EnrolmentResult.CERTIFICATE
                else "",
            )
            for week in range(sessions):
                roll = rng.random()
                rows.add(
                    m.Attendance,
                    id=self.ids.next(m.Attendance),
                    enrolment_id=enrolment_id,
                    session_date=enrolled + dt.timedelta(weeks=week),
                    status=AttendanceStatus.PRESENT
                    if roll < 0.8
                    else (AttendanceStatus.EXCUSED if roll < 0.93 else AttendanceStatus.ABSENT),
                    note="Kind krank" if 0.8 <= roll < 0.86 else "",
                )
