"""Every text that reaches a document, at the longest length the services accept.

One participant (and her job centre, module, meeting, handovers, consent, story) holds
every text field at its limit: words with umlauts, markup characters, paragraph breaks and
a long unbroken token (a URL, a name without break points). Each document kind and each
report is exported as the coach does it (filter, render, sign); the PDF must pass
``qpdf --check`` and every text must come back from ``pdftotext`` complete.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase

from coachdesk.documents.recovery_sheet import render_recovery_sheet
from coachdesk.documents.signing import SigningMaterial, create_identity
from coachdesk.export import identities
from coachdesk.export.request import ExportRequest
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.models import (
    Agreement,
    Consent,
    ContactPerson,
    Goal,
    Handover,
    Meeting,
    MeetingAttendee,
    Milestone,
    Module,
    Organisation,
    Participant,
    Programme,
    Responsibility,
)
from coachdesk.models.enums import (
    AttendanceStatus,
    AttendeeRole,
    DataCategory,
    EnrolmentResult,
    HandoverKind,
    LegalBasis,
    OrganisationKind,
    ParticipantStatus,
)
from coachdesk.reports.service import ReportService
from coachdesk.reports.success_story import MAX_TEXT, MAX_TITLE
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import ContactDraft, OrganisationDraft
from coachdesk.services.errors import ValidationError
from coachdesk.services.goals import GoalDraft, MilestoneDraft
from coachdesk.services.handovers import HandoverDraft
from coachdesk.services.meetings import AgreementDraft, AttendeeDraft, MeetingDraft
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.programmes import ProgrammeDraft
from coachdesk.services.responsibilities import ResponsibilityDraft
from coachdesk.services.settings import NAME_LIMIT
from coachdesk.services.validation import TEXT_LIMIT
from coachdesk.vault.store import Vault
from tests.conftest import COACH, PASSPHRASE, TODAY

WORDS = (
    "Müttercafé",
    "Übergabegespräch",
    "Größenordnung",
    "Ärztin",
    "Öffnungszeiten",
    "schließlich",
    "Fähigkeiten",
    "Kinderbetreuung",
    "Straße",
    "&",
    "<Termin>",
    "Zeugnisanerkennung",
    "Bewerbungstraining",
    "und",
    "für",
)
LONGEST_TOKEN = 3000
# A4 in points (pdftotext's default 72 dpi): the body frame lies between the running header
# (above 14 mm) and the page footer (below 20 mm from the bottom edge).
PAGE_W, PAGE_H = 595, 842
HEADER_END, FOOTER_START = 42, 790


def limit(model: type[DeclarativeBase], field: str) -> int:
    """The longest text the services accept for ``field`` (its column, or the text limit)."""
    col_type = model.__table__.columns[field].type  # type: ignore[attr-defined]
    if isinstance(col_type, String) and col_type.length:
        return int(col_type.length)
    return TEXT_LIMIT


def unbroken(tag: str, n: int) -> str:
    """``n`` characters without a break opportunity: no space, no hyphen."""
    stem = f"https://beispiel.de/{tag}/Öffnungszeiten_Müttercafé_Straße?ä=ö&ü=ß"
    return (stem * (n // len(stem) + 1))[:n]


def long_text(tag: str, n: int) -> str:
    """Exactly ``n`` characters, starting with ``tag``: words, paragraphs, a long token.

    Up to 300 characters (names, titles) it is one unbroken token.
    """
    if n <= 300:
        return unbroken(tag, n)
    token = unbroken(tag, min(LONGEST_TOKEN, n // 3))
    parts, size, i = [tag], len(tag), 0
    while size < n:
        if i == 40:
            parts.append(token)
        elif i % 97 == 96:
            parts.append("Absatz\n\nNeu")
        else:
            parts.append(WORDS[i % len(WORDS)])
        size += len(parts[-1]) + 1
        i += 1
    text = " ".join(parts)[:n].rstrip()
    return text + "x" * (n - len(text))


@dataclass
class Filled:
    participant_id: int
    organisation_id: int
    texts: dict[str, str]


@pytest.fixture(scope="module")
def material() -> SigningMaterial:
    """Her certificate, made once (an RSA key takes a while): her name is as long as allowed."""
    made = create_identity(long_text("Coach", NAME_LIMIT))
    assert len(made.certificate.subject.rfc4514_string().encode()) <= 3 + 64
    return made


@pytest.fixture(scope="module")
def filled(
    template_vault: tuple[Path, str],
    tmp_path_factory: pytest.TempPathFactory,
    material: SigningMaterial,
) -> Iterator[tuple[Services, Filled]]:
    """One vault filled once for every document kind (opening a vault takes a second)."""
    path = tmp_path_factory.mktemp("long") / "vault"
    shutil.copytree(template_vault[0], path)
    vault = Vault.open(path, PASSPHRASE)
    services = Services(vault.sessions, actor=COACH, today=lambda: TODAY, vault=vault)
    yield services, _fill(services, material)
    vault.lock()


def _fill(services: Services, material: SigningMaterial) -> Filled:
    texts: dict[str, str] = {}

    def t(key: str, model: type[DeclarativeBase], field: str) -> str:
        texts[key] = long_text(f"T{len(texts):02d}", limit(model, field))
        return texts[key]

    texts["coach"] = long_text("Coach", NAME_LIMIT)
    texts["organisation"] = long_text("Verein", NAME_LIMIT)
    services.settings.set_signer(texts["coach"], texts["organisation"])
    with services.ctx.write() as s:
        identities.store_identity(s, material, imported=False)
    email = t("p.email", Participant, "email")
    texts["p.email"] = email[: -len("@example.org")] + "@example.org"
    phone = ("+49 (0)211 " + "4711 " * 20)[: limit(Participant, "phone")].strip()
    texts["p.phone"] = phone
    org = services.directory.create_organisation(
        OrganisationDraft(
            t("org.name", Organisation, "name"),
            OrganisationKind.JOB_CENTRE,
            address=t("org.address", Organisation, "address"),
            phone=phone,
            email=email[:-13] + "@jobcenter.de",
        )
    )
    texts["org.email"] = email[:-13] + "@jobcenter.de"
    contact = services.directory.create_contact(
        ContactDraft(
            org.id,
            t("contact.name", ContactPerson, "name"),
            t("contact.role", ContactPerson, "role_title"),
            email=texts["org.email"],
        )
    )
    services.directory.add_responsibility(
        org.id,
        ResponsibilityDraft(
            t("resp.topic", Responsibility, "topic"),
            contact.id,
            t("resp.group", Responsibility, "target_group"),
        ),
    )
    p = services.participants.create(
        ParticipantDraft(
            t("p.first", Participant, "first_name"),
            t("p.last", Participant, "last_name"),
            pseudonym=t("p.pseudonym", Participant, "pseudonym"),
            date_of_birth=dt.date(1990, 5, 4),
            phone=phone,
            email=texts["p.email"],
            address=t("p.address", Participant, "address"),
            jobcentre_customer_number="962D123456",
            languages=t("p.languages", Participant, "languages"),
            qualifications=t("p.qualifications", Participant, "qualifications"),
            work_experience=t("p.work", Participant, "work_experience"),
            family_situation=t("p.family", Participant, "family_situation"),
            childcare=t("p.childcare", Participant, "childcare"),
            health_notes=t("p.health", Participant, "health_notes"),
            residence_status=t("p.residence", Participant, "residence_status"),
            programme_id=services.programmes.create(
                ProgrammeDraft(t("p.programme", Programme, "name"))
            ).id,
            status=ParticipantStatus.EXITED,
            entry_date=dt.date(2025, 9, 1),
            exit_date=dt.date(2026, 3, 1),
        )
    )
    goal = services.goals.create(
        p.id,
        GoalDraft(t("goal.title", Goal, "title"), t("goal.description", Goal, "description")),
    )
    services.goals.add_milestone(
        goal.id,
        MilestoneDraft(
            t("milestone.title", Milestone, "title"), note=t("ms.note", Milestone, "note")
        ),
    )
    module = services.modules.create(
        ModuleDraft(
            t("module.title", Module, "title"),
            description=t("module.description", Module, "description"),
            target_group=t("module.group", Module, "target_group"),
            schedule=t("module.schedule", Module, "schedule"),
            location=t("module.location", Module, "location"),
            languages=t("module.languages", Module, "languages"),
            how_to_refer=t("module.refer", Module, "how_to_refer"),
        )
    )
    enrolment = services.modules.enrol(p.id, module.id, dt.date(2026, 1, 5))
    for day in (dt.date(2026, 1, 7), dt.date(2026, 1, 14), dt.date(2026, 1, 21)):
        services.modules.record_attendance(enrolment.id, day, AttendanceStatus.PRESENT)
    services.modules.set_result(
        enrolment.id,
        EnrolmentResult.ONGOING,
        note=long_text("T99", TEXT_LIMIT),
    )
    texts["enrolment.note"] = long_text("T99", TEXT_LIMIT)
    services.meetings.create(
        p.id,
        MeetingDraft(
            dt.datetime(2026, 2, 10, 10, 0),
            location=t("meeting.location", Meeting, "location"),
            agenda=t("meeting.agenda", Meeting, "agenda"),
            shared_summary=t("meeting.summary", Meeting, "shared_summary"),
            attendees=(
                AttendeeDraft(
                    t("attendee.name", MeetingAttendee, "name"), AttendeeRole.INTEGRATION_OFFICER
                ),
            ),
            agreements=(
                AgreementDraft(
                    t("agreement.who", Agreement, "who"),
                    t("agreement.what", Agreement, "what"),
                    due_date=dt.date(2026, 4, 1),
                ),
            ),
        ),
    )
    for kind in (HandoverKind.INTERIM, HandoverKind.EXIT):
        fields = ("author", "reason", "situation", "expectations", "strengths", "obstacles")
        values = {f: t(f"{kind}.{f}", Handover, f) for f in (*fields, "next_steps")}
        services.handovers.create(
            p.id,
            HandoverDraft(
                kind,
                dt.date(2026, 3, 1),
                recommendation=t(f"{kind}.recommendation", Handover, "recommendation"),
                **values,
            ),
        )
    services.consents.record(
        p.id,
        ConsentDraft(
            frozenset(DataCategory),
            t("consent.purpose", Consent, "purpose"),
            dt.date(2026, 1, 5),
            recipient_organisation_id=org.id,
            legal_basis=LegalBasis.EXPLICIT_CONSENT,
            notice_version=long_text("Notice", 50),
        ),
    )
    texts["consent.notice"] = long_text("Notice", 50)
    texts["export.purpose"] = long_text("Zweck", TEXT_LIMIT)
    texts["story.title"] = long_text("Titel", MAX_TITLE)
    texts["story.text"] = long_text("Geschichte", MAX_TEXT)
    return Filled(p.id, org.id, texts)


PARTICIPANT = ("p.first", "p.last", "p.phone", "p.email", "p.address", "p.programme")
ISSUED = ("coach", "org.name", "export.purpose", "consent.purpose", "consent.notice")
GOALS = ("goal.title", "goal.description", "milestone.title", "ms.note")
MODULE = ("module.title", "enrolment.note", "agreement.who", "agreement.what")


def _handover(kind: HandoverKind) -> tuple[str, ...]:
    names = ("author", "reason", "situation", "expectations", "strengths", "obstacles")
    return tuple(f"{kind}.{f}" for f in (*names, "next_steps", "recommendation"))


EXPECTED: dict[str, tuple[str, ...]] = {
    "exit_handover": (
        *PARTICIPANT,
        *ISSUED,
        *GOALS,
        *MODULE,
        *_handover(HandoverKind.EXIT),
        *("p.languages", "p.qualifications", "p.work", "p.family", "p.childcare", "p.health"),
        "p.residence",
    ),
    "interim_feedback": (*PARTICIPANT, *ISSUED, *GOALS, *MODULE, *_handover(HandoverKind.INTERIM)),
    "meeting_summary": (
        *("p.first", "p.last", *ISSUED, "meeting.location", "meeting.agenda"),
        *("meeting.summary", "attendee.name", "agreement.who", "agreement.what"),
    ),
    "consent_form": (
        *("p.first", "p.last", "org.name", "organisation", "consent.purpose", "consent.notice"),
    ),
    "quarterly_evaluation": ("coach", "module.title"),
    "offer_catalogue": (
        *("coach", "module.title", "module.description", "module.group", "module.schedule"),
        *("module.location", "module.languages", "module.refer"),
    ),
    "partner_directory": (
        *("coach", "org.name", "org.address", "org.email", "contact.name", "contact.role"),
        *("resp.topic", "resp.group", "p.phone"),
    ),
    "success_story": ("coach", "story.title", "story.text", "p.pseudonym"),
}


def squash(text: str) -> str:
    """Text without any whitespace, in composed form (as pdftotext gives it back)."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def pdftotext(path: Path, top: int, height: int) -> str:
    """The text of a horizontal band of every page, pages in order."""
    band = ["-x", "0", "-y", str(top), "-W", str(PAGE_W), "-H", str(height)]
    done = subprocess.run(
        ["pdftotext", *band, str(path), "-"], capture_output=True, text=True, check=True
    )
    return done.stdout


def check(pdf: bytes, tmp_path: Path, expected: dict[str, str], header: str = "") -> int:
    """qpdf finds nothing wrong, every expected text is complete; returns the page count."""
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    body = squash(pdftotext(path, HEADER_END, FOOTER_START - HEADER_END))
    missing = [key for key, value in expected.items() if squash(value) not in body]
    assert not missing, f"not complete in the PDF: {missing}"
    if header:
        first_header = squash(pdftotext(path, 0, HEADER_END).split("\f")[0])
        assert squash(header) in first_header
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    return int(next(line for line in info.splitlines() if line.startswith("Pages:")).split()[1])


def test_texts_are_as_long_as_the_limits() -> None:
    assert len(long_text("T01", TEXT_LIMIT)) == TEXT_LIMIT
    assert len(long_text("T01", 200)) == 200 and " " not in long_text("T01", 200)
    text = long_text("T01", TEXT_LIMIT)
    assert unbroken("T01", LONGEST_TOKEN) in text and "ß" in text and "\n\n" in text


@pytest.mark.parametrize("kind", sorted(EXPECTED))
def test_every_document_holds_every_field_at_its_limit(
    filled: tuple[Services, Filled], tmp_path: Path, kind: str
) -> None:
    services, made = filled
    texts = made.texts
    if kind in ("exit_handover", "interim_feedback", "meeting_summary", "consent_form"):
        request = ExportRequest(
            participant_id=made.participant_id,
            document=kind,
            organisation_id=made.organisation_id,
            purpose=texts["export.purpose"],
            lang="de",
        )
        pdf = ExportService(services.ctx).export(request).pdf
    else:
        reports = ReportService(services.ctx)
        if kind == "quarterly_evaluation":
            pdf = reports.export_quarterly(dt.date(2026, 1, 1), dt.date(2026, 3, 31)).pdf
        elif kind == "offer_catalogue":
            pdf = reports.export_catalogue().pdf
        elif kind == "partner_directory":
            pdf = reports.export_directory().pdf
        else:
            pdf = reports.export_success_story(
                made.participant_id, texts["story.title"], texts["story.text"]
            ).pdf
    pages = check(pdf, tmp_path, {k: texts[k] for k in EXPECTED[kind]}, texts["organisation"])
    # The longest ones, in German: 140 pages (exit handover), 103 (interim feedback).
    assert pages >= (100 if kind in ("exit_handover", "interim_feedback") else 2)


def test_a_purpose_longer_than_the_limit_is_refused(filled: tuple[Services, Filled]) -> None:
    services, made = filled
    request = ExportRequest(
        participant_id=made.participant_id,
        document="interim_feedback",
        organisation_id=made.organisation_id,
        purpose="x" * (TEXT_LIMIT + 1),
    )
    with pytest.raises(ValidationError) as refused:
        ExportService(services.ctx).preview(request)
    assert refused.value.for_field("purpose") is not None


def test_recovery_sheet_with_the_longest_vault_name(tmp_path: Path) -> None:
    name = long_text("Tresor", 255)  # the longest file name most file systems allow
    pdf = render_recovery_sheet(
        "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789", vault_name=name, created_on=TODAY, lang="de"
    )
    assert check(pdf, tmp_path, {"vault": name}) == 1
