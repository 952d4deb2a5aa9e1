"""The monthly absence sheet: the register of one month, consent-filtered and signed.

The figures on the sheet are checked against counts read from the vault with SQL written
here; what her consent does not cover, her contact details and the notes beside a session
never reach the PDF (markers searched in its text).
"""

from __future__ import annotations

import datetime as dt
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import text

from coachdesk.cli.main import main
from coachdesk.export.batch_plan import BatchRequest, SkipReason
from coachdesk.export.request import ExportRequest
from coachdesk.facade import Services
from coachdesk.models import (
    Attendance,
    Consent,
    ConsentCategory,
    ContactPerson,
    Enrolment,
    Module,
    Organisation,
    Participant,
)
from coachdesk.models.enums import AttendanceStatus as A
from coachdesk.models.enums import DataCategory as C
from coachdesk.models.enums import OrganisationKind, ParticipantStatus
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.test_export_documents import pdftotext

FEBRUARY = dt.date(2026, 2, 1)
PHONE = "0176 5550199"
NOTE = "Notizmarker Kinderarzt"

# Her register: February (the sheet's month) and the first days of March (not on it).
FEBRUARY_SESSIONS = [
    (dt.date(2026, 2, 2), "Deutsch im Beruf", A.PRESENT),
    (dt.date(2026, 2, 4), "Deutsch im Beruf", A.SICK),
    (dt.date(2026, 2, 4), "Bewerbungstraining", A.EXCUSED),
    (dt.date(2026, 2, 9), "Deutsch im Beruf", A.ABSENT),
    (dt.date(2026, 2, 11), "Deutsch im Beruf", A.PRESENT),
    (dt.date(2026, 2, 28), "Bewerbungstraining", A.PRESENT),
]
MARCH_SESSIONS = [
    (dt.date(2026, 3, 2), "Deutsch im Beruf", A.ABSENT),
    (dt.date(2026, 1, 31), "Deutsch im Beruf", A.SICK),
]


@dataclass(frozen=True)
class Seeded:
    job_centre_id: int
    participant_id: int
    """Consent covers identity and attendance; sessions in February and around it."""
    identity_only_id: int
    """Her consent for the job centre covers her identity only."""
    quiet_id: int
    """Consent covers attendance, but no session of hers is recorded in February."""


def _seed(services: Services) -> Seeded:
    services.settings.set_coach_name("Anna Çoban")
    with services.ctx.sessions.begin() as s:
        jc = Organisation(name="Jobcenter Musterstadt", kind=OrganisationKind.JOB_CENTRE)
        s.add(jc)
        s.flush()
        officer = ContactPerson(organisation_id=jc.id, name="Petra Schulz", role_title="IFK")
        s.add(officer)
        modules = {t: Module(title=t) for t in ("Deutsch im Beruf", "Bewerbungstraining")}
        s.add_all(modules.values())
        s.flush()
        ids = []
        for first, categories in (
            ("Amina", (C.IDENTITY_CONTACT, C.MODULES_ATTENDANCE)),
            ("Berfin", (C.IDENTITY_CONTACT,)),
            ("Chiara", (C.IDENTITY_CONTACT, C.MODULES_ATTENDANCE)),
        ):
            p = Participant(
                first_name=first,
                last_name="Yılmaz",
                status=ParticipantStatus.ACTIVE,
                integration_officer_id=officer.id,
                jobcentre_customer_number="962A123456",
                date_of_birth=dt.date(1990, 5, 17),
                phone=PHONE,
                address="Lindenstraße 5, Musterstadt",
            )
            s.add(p)
            s.flush()
            consent = Consent(
                participant_id=p.id,
                recipient_organisation_id=jc.id,
                purpose="Zusammenarbeit im Programm",
                given_on=dt.date(2026, 1, 5),
            )
            consent.category_rows = [ConsentCategory(category=c) for c in categories]
            s.add(consent)
            enrolments = {
                t: Enrolment(participant_id=p.id, module_id=m.id, enrolled_on=dt.date(2026, 1, 12))
                for t, m in modules.items()
            }
            s.add_all(enrolments.values())
            s.flush()
            sessions = MARCH_SESSIONS if first == "Chiara" else FEBRUARY_SESSIONS + MARCH_SESSIONS
            for day, title, status in sessions:
                s.add(
                    Attendance(
                        enrolment_id=enrolments[title].id,
                        session_date=day,
                        status=status,
                        note=NOTE,
                    )
                )
            ids.append(p.id)
        jc_id = jc.id
    services.exports.create_identity()
    return Seeded(jc_id, *ids)


@pytest.fixture
def seeded(services: Services) -> Seeded:
    return _seed(services)


def _sheet(services: Services, pid: int, recipient: int, out: Path, lang: str = "de") -> str:
    request = ExportRequest(
        participant_id=pid,
        document="absence_sheet",
        organisation_id=recipient,
        on=TODAY,
        lang=lang,
        month=dt.date(2026, 2, 17),  # any day of the month names it
    )
    services.exports.export_to(out, request)
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    checked = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
    return " ".join(pdftotext(out).split())


def _register_counts(services: Services, pid: int) -> dict[str, int]:
    """February's register of her, counted in SQL (independent of the sheet's code)."""
    with services.ctx.sessions() as s:
        rows = s.execute(
            text(
                "SELECT a.status, count(*) FROM attendance a "
                "JOIN enrolment e ON e.id = a.enrolment_id "
                "WHERE e.participant_id = :pid "
                "AND a.session_date BETWEEN '2026-02-01' AND '2026-02-28' GROUP BY a.status"
            ),
            {"pid": pid},
        )
        return {status: n for status, n in rows}


def test_the_sheet_equals_the_register_of_the_month(services, seeded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = _sheet(services, seeded.participant_id, seeded.job_centre_id, tmp_path / "a.pdf")
    counts = _register_counts(services, seeded.participant_id)
    assert counts == {"present": 3, "sick": 1, "excused": 1, "absent": 1}
    assert "Fehlzeitenbogen für Februar 2026" in sheet
    for label, status in (
        ("Anwesend", "present"),
        ("Entschuldigt", "excused"),
        ("Krank", "sick"),
        ("Unentschuldigt abwesend", "absent"),
    ):
        n = counts[status]
        days = "Kurstag" if n == 1 else "Kurstage"
        assert f"{label} {n} {days}" in sheet
    for day, title, _status in FEBRUARY_SESSIONS:
        assert f"{day.day:02}.{day.month:02}.{day.year}" in sheet
        assert title in sheet
    # Sessions of other months are not on it; nor her phone, address or session notes.
    for gone in ("02.03.2026", "31.01.2026", PHONE, "Lindenstraße", NOTE):
        assert gone not in sheet
    assert "Amina" in sheet and "962A123456" in sheet and "17.05.1990" in sheet


def test_the_sheet_in_english_and_the_register_entry(services, seeded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = _sheet(services, seeded.participant_id, seeded.job_centre_id, tmp_path / "a.pdf", "en")
    assert "Absence sheet for February 2026" in sheet
    assert "Absent without excuse 1 session day" in sheet and "Present 3 session days" in sheet
    [entry] = services.exports.history(seeded.participant_id)
    assert entry.document_type == "absence_sheet"
    assert entry.purpose == "Absence sheet for February 2026"
    assert set(entry.categories) == {C.IDENTITY_CONTACT, C.MODULES_ATTENDANCE}


def test_without_consent_for_attendance_no_session_leaves(services, seeded, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sheet = _sheet(services, seeded.identity_only_id, seeded.job_centre_id, tmp_path / "b.pdf")
    assert "Berfin" in sheet
    assert "Nicht enthalten" in sheet
    for day, title, _status in FEBRUARY_SESSIONS:
        assert f"{day.day:02}.{day.month:02}.{day.year}" not in sheet
        assert title not in sheet
    assert "Anwesend" not in sheet


def test_a_batch_makes_the_month_for_every_woman_the_job_centre_sent(  # type: ignore[no-untyped-def]
    services, seeded, tmp_path
) -> None:
    ids = services.exports.batch_participants(seeded.job_centre_id)
    assert set(ids) == {seeded.participant_id, seeded.identity_only_id, seeded.quiet_id}
    request = BatchRequest(
        participant_ids=ids,
        document="absence_sheet",
        organisation_id=seeded.job_centre_id,
        on=TODAY,
        lang="de",
        month=FEBRUARY,
    )
    preview = services.exports.preview_batch(request)
    skipped = {e.participant_id: e.skipped for e in preview.skipped}
    assert skipped == {
        seeded.identity_only_id: SkipReason.NO_ATTENDANCE_CONSENT,
        seeded.quiet_id: SkipReason.NO_SESSIONS,
    }
    out = tmp_path / "sheets"
    out.mkdir()
    result = services.exports.export_batch(request, out)
    assert [d.entry.participant_id for d in result.saved] == [seeded.participant_id]
    [saved] = list(out.iterdir())
    assert "Amina" not in saved.name and "Yılmaz" not in saved.name
    assert "Unentschuldigt abwesend 1 Kurstag" in " ".join(pdftotext(saved).split())


def test_report_absences_on_the_command_line(vault_path, tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        seeded = _seed(Services(vault.sessions, actor="Test Coach", today=lambda: TODAY))
    finally:
        vault.lock()
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    out = tmp_path / "sheets"
    out.mkdir()
    args = ["--lang", "en", "report", "absences", str(vault_path), "--month", "2026-02"]
    code = main([*args, "--recipient", str(seeded.job_centre_id), "--out-dir", str(out)])
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert len(list(out.iterdir())) == 1
    assert "No session of hers is recorded in that month." in printed.out
    one = tmp_path / "one.pdf"
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)  # a batch takes it from the workers
    code = main(
        [*args, "--recipient", str(seeded.job_centre_id), "--participant", "1", "--out", str(one)]
    )
    assert code == 0 and one.exists()
    # A month that is not one, and --month on another document, are refused in words.
    code = main(["report", "absences", str(vault_path), "--month", "Februar", "--recipient", "1"])
    assert code != 0 and "not a month (YYYY-MM): Februar" in capsys.readouterr().err
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    code = main(
        [
            *("--lang", "en", "export", str(vault_path), "--participant", "1"),
            *("--document", "interim_feedback", "--month", "2026-02", "--out", str(one)),
        ]
    )
    assert code != 0 and "--month is for absence sheets only." in capsys.readouterr().err


def test_the_batch_of_one_programme_holds_only_its_women(  # type: ignore[no-untyped-def]
    services, seeded
) -> None:
    from coachdesk.models import Participant
    from coachdesk.services.programmes import ProgrammeDraft

    turn = services.programmes.create(ProgrammeDraft("MY TURN"))
    stark = services.programmes.create(ProgrammeDraft("Stark im Beruf"))
    with services.ctx.write() as s:
        her = s.get(Participant, seeded.participant_id)
        assert her is not None
        her.programme_id = turn.id
    job_centre = seeded.job_centre_id
    assert services.exports.batch_participants(job_centre, turn.id) == (seeded.participant_id,)
    assert services.exports.batch_participants(job_centre, stark.id) == ()
    assert len(services.exports.batch_participants(job_centre)) == 3
