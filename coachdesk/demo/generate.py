"""A vault full of realistic, fictional data: for trying CoachDesk, screenshots and benchmarks.

Rows are inserted through the ORM's bulk INSERT in one transaction per batch of
participants, with primary keys assigned here so that related rows need no
flush. The services would write an audit entry per record (300,000 for 10,000
people); the demo writes one ``demo_generated`` entry with the counts. The
full-text index writes each new participant's document once per batch (vault.search_index).
"""

from __future__ import annotations

import datetime as dt
import json
import random
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm import Session

from coachdesk import models as m
from coachdesk.demo import data, names
from coachdesk.demo.esf import FUNDERS, EsfDemo
from coachdesk.demo.people import PersonFactory
from coachdesk.demo.records import Directory, IdAllocator, Rows
from coachdesk.models.enums import OrganisationKind
from coachdesk.services.programmes import named
from coachdesk.services.settings import COACH_NAME
from coachdesk.vault.errors import StorageError
from coachdesk.vault.search_index import bulk_write
from coachdesk.vault.store import Vault

BATCH_SIZE = 500
RECENT_FILES = 10_000
"""Files of the last four years (every status); older ones are archived (``generate_demo``)."""
ARCHIVE_DAYS = (1500, 3650)
"""How long ago the files of the older archive were closed: four to ten years."""

# Parents before children, so that foreign keys hold within each batch.
INSERT_ORDER: tuple[type[m.Base], ...] = (
    m.Organisation,
    m.ContactPerson,
    m.Responsibility,
    m.Module,
    m.Programme,
    m.Participant,
    m.EsfEntry,
    m.EsfExit,
    m.EsfFollowUp,
    m.Goal,
    m.Milestone,
    m.Enrolment,
    m.Attendance,
    m.Meeting,
    m.MeetingAttendee,
    m.Agreement,
    m.Handover,
    m.Consent,
    m.ConsentCategory,
    m.AttachmentContent,
    m.AttachmentChunk,
    m.Attachment,
    m.AftercareFollowUp,
)


@dataclass(frozen=True)
class DemoSummary:
    """How many records the demo generator wrote, and how long it took."""

    participants: int
    goals: int
    milestones: int
    modules: int
    enrolments: int
    attendance: int
    meetings: int
    agreements: int
    handovers: int
    consents: int
    organisations: int
    contacts: int
    aftercare_followups: int
    seconds: float

    def counts(self) -> dict[str, int]:
        """The record counts by kind (keys as in ``coachdesk info``)."""
        values = asdict(self)
        values.pop("seconds")
        return values


def generate_demo(
    vault: Vault,
    participants: int = 40,
    seed: int = 1,
    today: dt.date | None = None,
    *,
    recent_files: int = RECENT_FILES,
) -> DemoSummary:
    """Fill ``vault`` with a fictional programme of ``participants`` women; same seed, same data.

    Dates are relative to ``today`` (default: the real today), so reminders
    (overdue agreements, expiring consents, aftercare due) show up whenever the
    demo is made. The last ``recent_files`` files are the programme of the last four
    years, in every status (over half still in the programme); more participants
    than that are an older archive before them: files closed four to ten years ago,
    archived, oldest first, so that a Träger's ten-year archive of 50,000 has about
    5,600 women in the programme, not 28,000.
    """
    started = time.perf_counter()
    today = today or dt.date.today()
    rng = random.Random(seed)
    totals: dict[type[m.Base], int] = dict.fromkeys(INSERT_ORDER, 0)
    with _transaction(vault) as s:
        ids = IdAllocator({model: _max_id(s, model) for model in INSERT_ORDER})
        rows = Rows()
        directory = _directory(rows, ids, today)
        _programmes(s, rows, directory, today)
        _set_coach_name(s)
        _insert(s, rows, totals)
    people = PersonFactory(rng, today, directory, ids)
    people.esf = EsfDemo(seed, today, ids)
    old = max(0, participants - recent_files)
    for start in range(0, participants, BATCH_SIZE):
        rows = Rows()
        for index in range(start, min(start + BATCH_SIZE, participants)):
            if index < old:
                people.add_person(rows, index, closed_days_ago=_closed_days_ago(index, old, rng))
            else:
                people.add_person(rows, index - old)
        with _transaction(vault) as s, bulk_write(s, (p["id"] for p in rows.of(m.Participant))):
            _insert(s, rows, totals)
    summary = DemoSummary(
        participants=totals[m.Participant],
        goals=totals[m.Goal],
        milestones=totals[m.Milestone],
        modules=totals[m.Module],
        enrolments=totals[m.Enrolment],
        attendance=totals[m.Attendance],
        meetings=totals[m.Meeting],
        agreements=totals[m.Agreement],
        handovers=totals[m.Handover],
        consents=totals[m.Consent],
        organisations=totals[m.Organisation],
        contacts=totals[m.ContactPerson],
        aftercare_followups=totals[m.AftercareFollowUp],
        seconds=round(time.perf_counter() - started, 2),
    )
    with _transaction(vault) as s:
        details: dict[str, Any] = {"seed": seed, **summary.counts()}
        s.add(
            m.AuditEntry(
                actor=data.COACH_NAME,
                action="demo_generated",
                entity="vault",
                details=json.dumps(details, sort_keys=True),
            )
        )
    return summary


def _closed_days_ago(index: int, old: int, rng: random.Random) -> int:
    """Days since the ``index``-th of ``old`` archived files closed: the first the oldest."""
    newest, oldest = ARCHIVE_DAYS
    return max(newest, oldest - (oldest - newest) * index // old - rng.randint(0, 30))


@contextmanager
def _transaction(vault: Vault) -> Iterator[Session]:
    """One batch; a full disk or a read-only folder becomes the vault's StorageError."""
    try:
        with vault.sessions.begin() as s:
            yield s
    except DBAPIError as exc:
        raise StorageError.from_db_error(exc) from exc
    except OSError as exc:
        raise StorageError.from_os_error(exc) from exc


def _max_id(s: Session, model: type[m.Base]) -> int:
    column = model.__table__.c.id  # type: ignore[attr-defined]
    return int(s.scalar(select(func.max(column))) or 0)


def _insert(s: Session, rows: Rows, totals: dict[type[m.Base], int]) -> None:
    for model in INSERT_ORDER:
        batch = rows.of(model)
        if batch:
            # render_nulls: None is sent as NULL, so rows with and without values share one batch.
            s.execute(insert(model).execution_options(render_nulls=True), batch)
            totals[model] += len(batch)


def _programmes(s: Session, rows: Rows, directory: Directory, today: dt.date) -> None:
    """MY TURN and Stark im Beruf (kept if the vault has them), each file in one of them;
    every fourth module is one programme's own, every other one offered to both."""
    for name in names.PROGRAMMES:
        found = named(s, name)
        if found is None:
            found = m.Programme(
                name=name,
                funder=FUNDERS.get(name, "ESF Plus"),
                funded_from=today.replace(month=1, day=1) - dt.timedelta(days=4 * 365),
                funded_until=today.replace(month=12, day=31) + dt.timedelta(days=2 * 365),
            )
            s.add(found)
            s.flush()
        directory.programmes.append(found.id)
    for pid in directory.programmes:
        directory.offered[pid] = []
    for index, module in enumerate(rows.of(m.Module)):
        own = directory.programmes[index // 2 % 2] if index % 4 == 1 else None
        module["programme_id"] = own
        for pid in directory.programmes:
            if own in (None, pid):
                directory.offered[pid].append(module["id"])


def _set_coach_name(s: Session) -> None:
    if s.get(m.VaultSetting, COACH_NAME) is None:
        s.add(m.VaultSetting(key=COACH_NAME, value=data.COACH_NAME))


def _directory(rows: Rows, ids: IdAllocator, today: dt.date) -> Directory:
    """Partner organisations of every kind, their staff and responsibilities, and the offers."""
    directory = Directory()
    for name, kind, address, contacts, topics in data.ORGANISATIONS:
        org_id = ids.next(m.Organisation)
        domain = "example.org" if kind is not OrganisationKind.EMPLOYER else "example.com"
        rows.add(
            m.Organisation,
            id=org_id,
            name=name,
            kind=kind,
            address=address,
            phone=f"0211 {4000 + org_id * 37}-0",
            email=f"info{org_id}@{domain}",
            notes="",
        )
        directory.organisations[kind].append(org_id)
        contact_ids = []
        for person, role in contacts:
            contact_id = ids.next(m.ContactPerson)
            contact_ids.append(contact_id)
            rows.add(
                m.ContactPerson,
                id=contact_id,
                organisation_id=org_id,
                name=person,
                role_title=role,
                phone=f"0211 {4000 + org_id * 37}-{100 + contact_id}",
                email=f"kontakt{contact_id}@{domain}",
                notes="",
            )
            directory.contact_names[contact_id] = person
            if kind is OrganisationKind.JOB_CENTRE and "Integrationsfachkraft" in role:
                directory.integration_officers.append(contact_id)
        for position, (topic, group) in enumerate(topics):
            rows.add(
                m.Responsibility,
                id=ids.next(m.Responsibility),
                organisation_id=org_id,
                contact_person_id=contact_ids[min(position, len(contact_ids) - 1)],
                topic=topic,
                target_group=group,
                note="",
            )
    for index, module in enumerate(data.MODULES):
        title, description, target, schedule, location, childcare, languages, capacity = module
        module_id = ids.next(m.Module)
        # Offers of a programme that has been running for years (the archived files are old).
        starts = today - dt.timedelta(days=2100 - 30 * index)
        rows.add(
            m.Module,
            id=module_id,
            title=title,
            description=description,
            target_group=target,
            schedule=schedule,
            location=location,
            starts_on=starts,
            ends_on=today + dt.timedelta(days=180 + 30 * index),
            childcare_available=childcare,
            languages=languages,
            how_to_refer="Anmeldung über die Coachin, Rücksprache mit der IFK",
            capacity=capacity,
        )
        directory.modules.append(module_id)
    return directory
