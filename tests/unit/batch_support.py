"""Test data for documents in batches: participants of one job centre, some of whom are skipped."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from dataclasses import dataclass
from pathlib import Path

from coachdesk.models import (
    Consent,
    ConsentCategory,
    ContactPerson,
    Handover,
    Organisation,
    Participant,
)
from coachdesk.models.enums import DataCategory as C
from coachdesk.models.enums import HandoverKind, OrganisationKind, ParticipantStatus
from tests.unit.test_export_documents import pdftotext


@dataclass(frozen=True)
class Batch:
    job_centre_id: int
    other_org_id: int
    included: tuple[int, ...]
    """Active, with a consent for the job centre and interim feedback recorded."""
    no_consent: tuple[int, ...]
    """Her only consent is for another organisation."""
    nothing_recorded: tuple[int, ...]
    """Consent, but no interim feedback recorded."""

    @property
    def all_ids(self) -> tuple[int, ...]:
        """Included and skipped participants mixed, as a coach's selection would be."""
        mixed = list(self.included)
        for position, pid in enumerate(self.no_consent + self.nothing_recorded):
            mixed.insert(1 + 2 * position, pid)
        return tuple(mixed)


def name_of(pid: int) -> str:
    """Her first name: unique, and searched for in file names (where it must never be)."""
    return f"Batchname{pid}"


def recommendation_of(pid: int) -> str:
    return f"Batchmarker{pid}"


def seed_batch(services, included: int = 4, no_consent: int = 1, nothing_recorded: int = 1):  # type: ignore[no-untyped-def]
    """Participants of "Jobcenter Musterstadt"; the coach has her name and a certificate."""
    services.settings.set_coach_name("Anna Çoban")
    with services.ctx.sessions.begin() as s:
        jc = Organisation(name="Jobcenter Musterstadt", kind=OrganisationKind.JOB_CENTRE)
        other = Organisation(name="Volkshochschule", kind=OrganisationKind.ADULT_EDUCATION_CENTRE)
        s.add_all([jc, other])
        s.flush()
        officer = ContactPerson(organisation_id=jc.id, name="Petra Schulz", role_title="IFK")
        s.add(officer)
        s.flush()
        groups: dict[str, list[int]] = {"included": [], "no_consent": [], "nothing": []}
        plan = (
            ["included"] * included + ["no_consent"] * no_consent + ["nothing"] * nothing_recorded
        )
        for kind in plan:
            p = Participant(
                first_name="",
                last_name="Yılmaz",
                status=ParticipantStatus.ACTIVE,
                integration_officer_id=officer.id,
                jobcentre_customer_number="K-4711",
            )
            s.add(p)
            s.flush()
            p.first_name = name_of(p.id)
            recipient = other.id if kind == "no_consent" else jc.id
            consent = Consent(
                participant_id=p.id,
                recipient_organisation_id=recipient,
                purpose="Cooperation in the programme",
                given_on=dt.date(2026, 1, 5),
            )
            consent.category_rows = [
                ConsentCategory(category=cat)
                for cat in (C.IDENTITY_CONTACT, C.GOALS_PROGRESS, C.HANDOVER_FACTS)
            ]
            s.add(consent)
            if kind != "nothing":
                s.add(
                    Handover(
                        participant_id=p.id,
                        kind=HandoverKind.INTERIM,
                        handover_date=dt.date(2026, 3, 1),
                        recommendation=recommendation_of(p.id),
                    )
                )
            groups[kind].append(p.id)
        jc_id, other_id = jc.id, other.id
    services.exports.create_identity()
    return Batch(
        jc_id,
        other_id,
        tuple(groups["included"]),
        tuple(groups["no_consent"]),
        tuple(groups["nothing"]),
    )


def check_document(path: Path, pid: int) -> str:
    """A signed document as a reader checks it; returns its SHA-256."""
    sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    checked = subprocess.run(["qpdf", "--check", str(path)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    text = pdftotext(path)
    assert name_of(pid) in text and recommendation_of(pid) in text
    return hashlib.sha256(path.read_bytes()).hexdigest()


def leftovers(folder: Path) -> list[str]:
    """Temporary files of an atomic save that stayed behind (there must be none)."""
    return [p.name for p in folder.iterdir() if p.name.endswith(".part") or p.name.startswith(".")]
