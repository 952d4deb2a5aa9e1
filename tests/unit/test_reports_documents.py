"""Offer catalogue, partner directory and success story as a reader sees them; the CLI."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.models.enums import DataCategory as C
from coachdesk.models.enums import OrganisationKind, ParticipantStatus
from coachdesk.reports.service import ReportResult, ReportService
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import ContactDraft, OrganisationDraft
from coachdesk.services.errors import ValidationError
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.responsibilities import ResponsibilityDraft
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.test_export_documents import pdftotext

STORY = "Nach zwei Jahren Sprachkurs hat {name} eine Ausbildung zur Pflegefachassistentin begonnen."


def check_pdf(result: ReportResult, tmp_path: Path, name: str) -> str:
    """The PDF passes qpdf, validates with pdfsig, renders; returns its text."""
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(result.pdf)
    assert result.sha256 == hashlib.sha256(result.pdf).hexdigest()
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    png = subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / name)],
        capture_output=True,
        text=True,
    )
    assert png.returncode == 0 and png.stderr == ""
    assert list(tmp_path.glob(f"{name}-*.png"))
    return pdftotext(path)


@pytest.fixture
def reports(services: Services) -> ReportService:
    ExportService(services.ctx).create_identity("Miriam Löwe")
    return ReportService(services.ctx)


def job_centre(services: Services) -> int:
    org = services.directory.create_organisation(
        OrganisationDraft(
            "Jobcenter Lindenfeld",
            OrganisationKind.JOB_CENTRE,
            address="Am Rathaus 1",
            phone="0211 4000",
            notes="INTERN: Teamleitung wechselt",
        )
    )
    contact = services.directory.create_contact(
        ContactDraft(org.id, "Sabine Krüger", "Integrationsfachkraft", email="sk@example.org")
    )
    services.directory.add_responsibility(
        org.id, ResponsibilityDraft("Kooperationsplan", contact.id, "Nachnamen A–K")
    )
    return org.id


def test_offer_catalogue(services: Services, reports: ReportService, tmp_path: Path) -> None:
    services.modules.create(
        ModuleDraft(
            "Mutter-Kind-Sprachkurs",
            description="Deutsch lernen mit Kinderbetreuung",
            target_group="Mütter mit Kindern unter 3 Jahren",
            schedule="montags 9:30–11:30",
            location="Müttercafé Lindenfeld",
            starts_on=dt.date(2026, 1, 12),
            ends_on=dt.date(2026, 6, 29),
            childcare_available=True,
            languages="Deutsch, العربية",
            how_to_refer="Anruf bei der Coachin",
            capacity=10,
        )
    )
    services.modules.create(ModuleDraft("Jobmesse", location="Stadthalle"))
    archived = services.modules.create(ModuleDraft("Alter Kurs"))
    services.modules.archive(archived.id)
    text = check_pdf(reports.export_catalogue("en"), tmp_path, "catalogue")
    for expected in (
        "Offer catalogue",
        "Mutter-Kind-Sprachkurs",
        "Mütter mit Kindern unter 3 Jahren",
        "montags 9:30–11:30",
        "Müttercafé Lindenfeld",
        "Childcare",
        "Anruf bei der Coachin",
        "Jobmesse",
        "Stadthalle",
    ):
        assert expected in text, expected
    assert "Alter Kurs" not in text
    entry = services.audit.entries(action="export")[0]
    assert entry.details["document_type"] == "offer_catalogue"


def test_partner_directory(services: Services, reports: ReportService, tmp_path: Path) -> None:
    job_centre(services)
    vhs = services.directory.create_organisation(
        OrganisationDraft("Volkshochschule", OrganisationKind.ADULT_EDUCATION_CENTRE)
    )
    services.directory.add_responsibility(
        vhs.id, ResponsibilityDraft("Integrationskurse", None, "Mütter")
    )
    text = check_pdf(reports.export_directory("en"), tmp_path, "directory")
    for expected in (
        "Partner directory",
        "Topics by kind of organisation",
        "Job centre",
        "Adult-education centre",
        "Kooperationsplan",
        "Nachnamen A–K",
        "Sabine Krüger",
        "Integrationsfachkraft",
        "sk@example.org",
        "Volkshochschule",
        "Contact list",
    ):
        assert expected in text, expected
    assert "INTERN" not in text, "organisation notes are not printed"
    assert services.audit.entries(action="export")[0].details["document_type"] == (
        "partner_directory"
    )


def job_centre_id(services: Services) -> int:
    return services.directory.list_organisations(kind=OrganisationKind.JOB_CENTRE)[0].id


def participant(services: Services, pseudonym: str = "Frau S.") -> int:
    return services.participants.create(
        ParticipantDraft(
            "Samira",
            "Haddad",
            pseudonym=pseudonym,
            email="samira.haddad@example.net",
            phone="0176 1234567",
            status=ParticipantStatus.EXITED,
        )
    ).id


def consent(services: Services, pid: int, org: int, categories: set[C]) -> int:
    draft = ConsentDraft(frozenset(categories), "Erfolgsgeschichte", TODAY - dt.timedelta(days=3))
    return services.consents.record(
        pid, ConsentDraft(**{**draft.__dict__, "recipient_organisation_id": org})
    ).id


def test_success_story_refused_without_publication_consent(
    services: Services, reports: ReportService
) -> None:
    pid = participant(services)
    org = job_centre(services)
    consent(services, pid, org, {C.IDENTITY_CONTACT, C.GOALS_PROGRESS})
    before = len(services.audit.entries(action="export"))
    with pytest.raises(ValidationError) as refused:
        reports.export_success_story(pid, "", STORY.format(name="Frau S."), "de")
    assert "no valid consent for publication" in refused.value.render("en")
    assert len(services.audit.entries(action="export")) == before
    withdrawn = consent(services, pid, org, {C.PUBLICATION})
    services.consents.withdraw(withdrawn, TODAY - dt.timedelta(days=1))
    with pytest.raises(ValidationError, match="no valid consent for publication"):
        reports.success_story_basis(pid)


def test_success_story_needs_an_approved_name(services: Services, reports: ReportService) -> None:
    pid = participant(services, pseudonym="")
    consent(services, pid, job_centre(services), {C.PUBLICATION})
    with pytest.raises(ValidationError) as refused:
        reports.export_success_story(pid, "", STORY.format(name="sie"), "de")
    assert refused.value.for_field("pseudonym") is not None
    named = participant(services, pseudonym="Frau Haddad")
    consent(services, named, job_centre_id(services), {C.PUBLICATION})
    with pytest.raises(ValidationError, match="contains her last name"):
        reports.success_story_basis(named)


def test_success_story_uses_only_the_approved_name(
    services: Services, reports: ReportService, tmp_path: Path
) -> None:
    pid = participant(services)
    consent(services, pid, job_centre(services), {C.PUBLICATION})
    assert reports.success_story_basis(pid).approved_name == "Frau S."
    for leak in ("Samira", "Haddad", "samira.haddad@example.net", "Tel. 0176/1234567"):
        with pytest.raises(ValidationError) as refused:
            reports.export_success_story(pid, "", STORY.format(name=leak), "en")
        message = refused.value.render("en")
        assert "only as “Frau S.”" in message or "phone number" in message
        assert leak not in message
    result = reports.export_success_story(pid, "Mut zahlt sich aus", STORY.format(name="Frau S."))
    text = check_pdf(result, tmp_path, "story")
    assert "Mut zahlt sich aus" in text and "Frau S." in text and "Pflegefachassistentin" in text
    for private in ("Samira", "Haddad", "samira", "1234567"):
        assert private not in text
        assert private.encode() not in result.pdf
    entry = services.audit.entries(action="export")[0]
    assert entry.details["document_type"] == "success_story"
    assert entry.participant_id == pid
    history = ExportService(services.ctx).history(pid)
    assert history[0].document_type == "success_story" and history[0].sha256 == result.sha256


def test_cli_report_quarterly(vault_path: Path, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    vault = Vault.open(vault_path, PASSPHRASE)
    services = Services(vault.sessions)
    services.settings.set_coach_name("Miriam Löwe")
    for first, entry in (("Amina", dt.date(2026, 1, 5)), ("Olena", dt.date(2026, 2, 9))):
        services.participants.create(
            ParticipantDraft(first, "Test", status=ParticipantStatus.ACTIVE, entry_date=entry)
        )
    vault.lock()
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    out, table = tmp_path / "q1.pdf", tmp_path / "q1.csv"
    args = ["--lang", "en", "report", "quarterly", str(vault_path), "--from", "2026-01-01"]
    code = main(
        [*args, "--to", "2026-03-31", "--out", str(out), "--csv", str(table), "--lang", "en"]
    )
    printed = capsys.readouterr().out
    assert code == 0, printed
    assert f"SHA-256: {hashlib.sha256(out.read_bytes()).hexdigest()}" in printed
    assert f"SHA-256: {hashlib.sha256(table.read_bytes()).hexdigest()}" in printed
    text = table.read_bytes().decode("utf-8-sig")
    assert "Entries in the period;< 3" in text and "Amina" not in text
    assert main([*args, "--to", "2025-12-31", "--out", str(out)]) == 3
    assert "cannot end before it starts" in capsys.readouterr().err
    assert main([*args.copy()[:-1], "01.01.2026", "--to", "x", "--out", str(out)]) == 1
