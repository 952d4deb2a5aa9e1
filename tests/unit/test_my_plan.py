""" "My plan" as she holds it: real vault, real signed PDF, read back as a reader would.

A marker sits in every field of her file that belongs to no data category (internal notes)
and in the directory's notes: none reaches the page (pdftotext), while her goals, steps,
agreements, appointments and contact persons do. Each plan is kept as a version; the next
one says what changed, in German and in her language. Set ``COACHDESK_KEEP_PDFS=folder``
to keep the PDFs for looking at them (pdftoppm).
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest
from sqlalchemy import select

from coachdesk.export.plan_versions import from_json, last_version
from coachdesk.export.request import ExportRequest
from coachdesk.models import Agreement, ExportRecord, Goal, Meeting, Milestone, PlanVersion
from coachdesk.models.enums import GoalStatus
from tests.unit.plan_support import LATER, all_markers, seed_plan

ARABIC_TITLE = "خطتي"


def _text(path: Path) -> str:
    out = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
    text = unicodedata.normalize("NFKC", out.stdout)
    return "".join(ch for ch in text if ch not in "\u202a\u202b\u202c\u202d\u202e\u200e\u200f")


def _plan(services, participant_id: int, path: Path, languages: tuple[str, ...] = ()):  # type: ignore[no-untyped-def]
    request = ExportRequest(participant_id=participant_id, document="my_plan", languages=languages)
    result = services.exports.export_to(path, request)
    keep = os.environ.get("COACHDESK_KEEP_PDFS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(path, Path(keep) / path.name)
    return result


@pytest.fixture
def ready(services):  # type: ignore[no-untyped-def]
    services.settings.set_coach_name("Anna Çoban")
    seeded = seed_plan(services.ctx.sessions)
    services.exports.create_identity()
    return seeded


def test_plan_shows_her_plan_and_never_an_internal_note(services, ready, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.pdf"
    result = _plan(services, ready.participant_id, path)
    text = _text(path)
    assert "Mein Plan" in text and "Fatima Yılmaz" in text
    for shown in (
        "Gpmkgoal",
        "Bus route to the childcare centre",
        "Msmkagreement",
        "Ask the day-care centre for a place",
        "24.03.2026 09:30",
        "Jobcenter, Raum 2.14",
        "Petra Schulz",
        "Leyla Aksoy",
        "0421 123 45",
        "Anna Çoban",
        "Das ist Ihr erster Plan.",
    ):
        assert shown in text, shown
    for hidden in all_markers():
        assert hidden not in text, hidden
    # Consent-independent but still only hers: no other category's content.
    for hidden in ("Hlthmknote", "Resmkstatus", "Fammkchildcare", "Msmksummary"):
        assert hidden not in text, hidden
    sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    pages = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.MULTILINE), "one page she takes home"
    with services.ctx.sessions() as s:
        record = s.get(ExportRecord, result.record_id)
        assert record is not None and record.document_type == "my_plan"
        assert record.recipient_organisation_id is None and record.sha256 == result.sha256
        version = s.scalars(select(PlanVersion)).one()
        assert version.export_record_id == result.record_id and version.actor == record.actor
        for hidden in all_markers():
            assert hidden not in version.content
        kept = from_json(version.content)
    assert [g.title for g in kept.goals] == ["Gpmkgoal"]
    assert [a.at for a in kept.appointments] == [LATER]


def test_a_new_plan_says_what_changed_since_the_last(services, ready, tmp_path) -> None:  # type: ignore[no-untyped-def]
    _plan(services, ready.participant_id, tmp_path / "first.pdf", ("de", "uk"))
    with services.ctx.sessions.begin() as s:
        goal = s.scalars(select(Goal)).one()
        step = s.scalars(select(Milestone).where(Milestone.title.startswith("Bus"))).one()
        step.reached_on = dt.date(2026, 3, 16)
        s.add(Goal(participant_id=ready.participant_id, title="Deutsch B1", position=1))
        done = s.scalars(select(Agreement).where(Agreement.what.startswith("Send"))).one()
        done.done_on = dt.date(2026, 3, 16)
        ahead = s.scalars(select(Meeting).where(Meeting.held_at == LATER)).one()
        ahead.agreements.append(Agreement(who="Fatima", what="Bring the B1 certificate"))
        s.add(Meeting(participant_id=ready.participant_id, held_at=dt.datetime(2026, 4, 7, 14)))
        goal.status = GoalStatus.IN_PROGRESS
    path = tmp_path / "second.pdf"
    _plan(services, ready.participant_id, path, ("de", "uk"))
    text = " ".join(_text(path).split())  # a change may wrap in its column
    assert "Was ist neu seit Ihrem letzten Plan vom 16.03.2026" in text
    for change in (
        "Neues Ziel: Deutsch B1",
        "Schritt erledigt: Bus route to the childcare centre",
        "Neue Vereinbarung: Fatima – Bring the B1 certificate",
        "Vereinbarung erledigt: Participant – Send two applications Msmkagreement",
        "Neuer Termin: 07.04.2026 14:00",
    ):
        assert change in text, change
    assert "Нова ціль: Deutsch B1" in text
    with services.ctx.sessions() as s:
        versions = s.scalars(select(PlanVersion).order_by(PlanVersion.id)).all()
        plans = select(ExportRecord.id).where(ExportRecord.document_type == "my_plan")
        # each kept version names the export of its sheet, as the export log lists it
        assert [v.export_record_id for v in versions] == list(s.scalars(plans.order_by("id")))
        assert len(versions) == 2
        latest = last_version(s, ready.participant_id)
        assert latest is not None and len(latest.facts.goals) == 2
    # A third plan with nothing new says so.
    third = tmp_path / "third.pdf"
    _plan(services, ready.participant_id, third)
    assert "Seitdem hat sich nichts geändert." in _text(third)


def test_plan_in_arabic_reads_in_both_scripts(services, ready, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan-ar.pdf"
    _plan(services, ready.participant_id, path, ("de", "ar"))
    text = _text(path)
    assert "Mein Plan" in text and ARABIC_TITLE in text
    assert "Übersetzung noch nicht geprüft" in text
    for hidden in all_markers():
        assert hidden not in text, hidden
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
    assert "NotoNaskhArabic" in fonts
    for line in fonts.splitlines()[2:]:
        assert " yes " in line, line
    sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig
