"""Building blocks of the demo: row containers, id allocation, and the forms of a file.

The forms here (handovers, consents, aftercare) are the ones whose variety the
demo must show: consents withdrawn, expiring within 30 days, expired, and
explicit consents for special categories.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from coachdesk import models as m
from coachdesk.demo import data, phrases
from coachdesk.demo.scans import consent_scan_rows
from coachdesk.models.enums import (
    AftercareStatus,
    ConsentMethod,
    DataCategory,
    HandoverKind,
    LegalBasis,
    OrganisationKind,
)
from coachdesk.models.enums import ParticipantStatus as St

BASE_CATEGORIES = (
    DataCategory.IDENTITY_CONTACT,
    DataCategory.GOALS_PROGRESS,
    DataCategory.MODULES_ATTENDANCE,
    DataCategory.MEETING_SUMMARIES,
    DataCategory.HANDOVER_FACTS,
    DataCategory.LANGUAGES_QUALIFICATIONS,
)
NOTICE_VERSION = "Einwilligung MY TURN 2.1"


class Rows:
    """Rows to insert, per model."""

    def __init__(self) -> None:
        self._rows: dict[type[m.Base], list[dict[str, Any]]] = defaultdict(list)

    def add(self, model: type[m.Base], **values: Any) -> None:
        self._rows[model].append(values)

    def of(self, model: type[m.Base]) -> list[dict[str, Any]]:
        return self._rows.get(model, [])


class IdAllocator:
    """Primary keys handed out in order, after the highest one already in the vault."""

    def __init__(self, last: dict[type[m.Base], int]) -> None:
        self._last = dict(last)

    def next(self, model: type[m.Base]) -> int:
        self._last[model] = self._last.get(model, 0) + 1
        return self._last[model]


@dataclass
class Directory:
    """Ids of the demo's organisations, contact persons and modules."""

    organisations: dict[OrganisationKind, list[int]] = field(
        default_factory=lambda: defaultdict(list)
    )
    integration_officers: list[int] = field(default_factory=list)
    contact_names: dict[int, str] = field(default_factory=dict)
    modules: list[int] = field(default_factory=list)
    programmes: list[int] = field(default_factory=list)
    offered: dict[int, list[int]] = field(default_factory=dict)
    """The modules each programme offers: its own and those for every programme."""

    def first(self, kind: OrganisationKind) -> int:
        return self.organisations[kind][0]


def add_months(day: dt.date, months: int) -> dt.date:
    year = day.year + (day.month - 1 + months) // 12
    month = (day.month - 1 + months) % 12 + 1
    return dt.date(year, month, min(day.day, 28))


class FileRecords:
    """Adds the handovers, consents and aftercare follow-ups of one participant."""

    def __init__(
        self,
        rng: random.Random,
        today: dt.date,
        directory: Directory,
        ids: IdAllocator,
        rows: Rows,
        participant_id: int,
    ) -> None:
        self.rng = rng
        self.today = today
        self.dir = directory
        self.ids = ids
        self.rows = rows
        self.pid = participant_id

    def days(self, low: int, high: int) -> dt.timedelta:
        """A random span of ``low`` to ``high`` days."""
        return dt.timedelta(days=self.rng.randint(low, high))

    def handovers(
        self,
        status: St,
        entry: dt.date,
        exit_date: dt.date | None,
        officer: int,
        index: int,
    ) -> None:
        job_centre = self.dir.first(OrganisationKind.JOB_CENTRE)
        officer_name = self.dir.contact_names[officer]
        end = min(exit_date or self.today, self.today)
        forms: list[tuple[HandoverKind, dt.date, str, int | None, int | None]] = [
            (HandoverKind.INTAKE, entry - self.days(0, 10), officer_name, job_centre, officer)
        ]
        if (end - entry).days > 120:
            interim = entry + dt.timedelta(days=120)
            forms.append((HandoverKind.INTERIM, interim, data.COACH_NAME, job_centre, officer))
        if exit_date is not None:
            forms.append((HandoverKind.EXIT, exit_date, data.COACH_NAME, job_centre, officer))
        if index % 25 == 11 and status in (St.ACTIVE, St.PAUSED):
            other = self.dir.first(OrganisationKind.OTHER)
            day = max(entry, self.today - self.days(1, 30))
            forms.append((HandoverKind.COACH_TO_COACH, day, data.COACH_NAME, other, None))
        for kind, day, author, organisation, contact in forms:
            text = phrases.HANDOVER_TEXT
            self.rows.add(
                m.Handover,
                id=self.ids.next(m.Handover),
                participant_id=self.pid,
                kind=kind,
                handover_date=day,
                author=author,
                organisation_id=organisation,
                contact_person_id=contact,
                reason=text["reason"] if kind == HandoverKind.INTAKE else "",
                situation=text["situation"],
                expectations=text["expectations"] if kind == HandoverKind.INTAKE else "",
                strengths=text["strengths"],
                obstacles=text["obstacles"],
                next_steps=text["next_steps"] if kind != HandoverKind.EXIT else "",
                recommendation=text["recommendation"] if kind != HandoverKind.INTAKE else "",
                internal_notes=self.rng.choice(phrases.INTERNAL_NOTES),
                archived_at=None,
            )

    def consents(
        self, index: int, entry: dt.date, officer: int, notice_language: str, *, recent: bool = True
    ) -> None:
        """A consent for the job centre (varied by ``index``) and sometimes more; only a
        ``recent`` file has one that runs out these days (an old one's ran out long ago)."""
        today = self.today
        given = min(entry, today)
        valid_until: dt.date | None = given + dt.timedelta(days=730)
        withdrawn: dt.date | None = None
        variant = index % 10 if recent or index % 10 == 3 else 0
        if variant == 3:
            withdrawn = min(today, given + self.days(20, 200))
        elif variant == 5:
            valid_until = today + self.days(1, 29)
        elif variant == 7:
            given = min(given, today - dt.timedelta(days=90))
            valid_until = today - self.days(1, 60)
        categories = list(BASE_CATEGORIES)
        if self.rng.random() < 0.5:
            categories.append(DataCategory.FAMILY_CHILDCARE)
        interpreter = "" if notice_language == "de" or self.rng.random() < 0.5 else "Dolmetscherin"
        job_centre = self.dir.first(OrganisationKind.JOB_CENTRE)
        # Some coaches take consent orally with a witness (never for special categories).
        method = ConsentMethod.ORAL_WITH_WITNESS if index % 13 == 6 else ConsentMethod.WRITTEN
        self._consent(
            (job_centre, None),
            categories,
            LegalBasis.CONSENT,
            (given, valid_until, withdrawn),
            notice_language,
            interpreter,
            method,
        )
        if index % 8 == 2:
            # Health and residence status for her integration officer only: explicit, written.
            special = [DataCategory.HEALTH, DataCategory.RESIDENCE_STATUS]
            dates = (given, given + dt.timedelta(days=365), None)
            self._consent(
                (job_centre, officer),
                special,
                LegalBasis.EXPLICIT_CONSENT,
                dates,
                notice_language,
                interpreter,
            )
        if index % 6 == 4:
            counselling = self.dir.first(OrganisationKind.MIGRATION_COUNSELLING)
            cats = [DataCategory.IDENTITY_CONTACT, DataCategory.RESIDENCE_STATUS]
            self._consent(
                (counselling, None),
                cats,
                LegalBasis.EXPLICIT_CONSENT,
                (given, None, None),
                notice_language,
                interpreter,
            )

    def _consent(
        self,
        recipient: tuple[int | None, int | None],
        categories: list[DataCategory],
        basis: LegalBasis,
        dates: tuple[dt.date, dt.date | None, dt.date | None],
        language: str,
        interpreter: str,
        method: ConsentMethod = ConsentMethod.WRITTEN,
    ) -> None:
        """One consent: ``recipient`` (organisation, person), ``dates`` (given, until, withdrawn)"""
        organisation, contact = recipient
        given, valid_until, withdrawn = dates
        consent_id = self.ids.next(m.Consent)
        self.rows.add(
            m.Consent,
            id=consent_id,
            participant_id=self.pid,
            recipient_organisation_id=organisation,
            recipient_contact_id=contact,
            purpose=phrases.CONSENT_PURPOSE,
            legal_basis=basis,
            method=method,
            witness="Kollegin Aylin Kaya" if method == ConsentMethod.ORAL_WITH_WITNESS else "",
            notice_version=NOTICE_VERSION,
            notice_language=language,
            interpreter=interpreter,
            given_on=given,
            valid_until=valid_until,
            withdrawn_on=withdrawn,
            paper_reference=f"Ordner Einwilligungen, Blatt {consent_id}",
            recorded_by=data.COACH_NAME,
        )
        for category in categories:
            self.rows.add(
                m.ConsentCategory,
                id=self.ids.next(m.ConsentCategory),
                consent_id=consent_id,
                category=category,
            )
        # Most signed sheets are scanned; some not yet (Today reminds of them).
        if method == ConsentMethod.WRITTEN and consent_id % 9:
            for model, values in consent_scan_rows(self.ids.next, self.pid, consent_id, given):
                self.rows.add(model, **values)

    def aftercare(self, status: St, exit_date: dt.date) -> None:
        months = (1, 3, 6) if status == St.AFTERCARE else (3,)
        for month in months:
            due = add_months(exit_date, month)
            done = due < self.today - dt.timedelta(days=14)
            outcome = AftercareStatus.PLANNED
            if done:
                outcome = (
                    AftercareStatus.DONE if self.rng.random() < 0.8 else AftercareStatus.MISSED
                )
            self.rows.add(
                m.AftercareFollowUp,
                id=self.ids.next(m.AftercareFollowUp),
                participant_id=self.pid,
                due_on=due,
                done_on=due + self.days(0, 10) if outcome == AftercareStatus.DONE else None,
                status=outcome,
                contact_method=self.rng.choice(("Telefon", "Treffen im Frauencafé", "WhatsApp"))
                if outcome == AftercareStatus.DONE
                else "",
                employment_status=self.rng.choice(
                    (
                        "Arbeitet 25 Std./Woche im Verkauf",
                        "In Ausbildung, 1. Lehrjahr",
                        "Minijob, sucht Teilzeitstelle",
                        "Probezeit bestanden",
                    )
                )
                if outcome == AftercareStatus.DONE
                else "",
                note="",
            )
