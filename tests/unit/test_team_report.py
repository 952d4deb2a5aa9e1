"""The lead's team report: a signed PDF (and CSV) of the merged figures, and the command line."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.demo.generate import generate_demo
from coachdesk.documents.signing import verify
from coachdesk.reports.team_service import TeamService
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.team_support import (  # noqa: F401 - team_fixture is a fixture
    COACHES,
    END,
    START,
    Team,
    named_files,
    team_fixture,
)
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_reports_quarterly import names_and_identifiers


@pytest.mark.parametrize("lang", ["de", "en"])
def test_team_pdf_is_signed_names_the_coaches_and_no_participant(
    team: Team, tmp_path: Path, lang: str
) -> None:
    lead = TeamService(team.lead.ctx)
    for source in lead.team_sources(START, END):
        lead.remove_team_file(source.id)
    lead.import_team_files(named_files(team.files), START, END)
    before = {e.id for e in team.lead.audit.entries(action="export")}
    pdf, csv = tmp_path / "team.pdf", tmp_path / "team.csv"
    result = lead.export_team_report_to(pdf, csv, start=START, end=END, lang=lang)
    checked = verify(pdf)
    assert checked.intact and not checked.modified and checked.signer == "Lena Leitung"
    text = pdftotext(pdf)
    title = "Team-Quartalsauswertung" if lang == "de" else "Team quarterly evaluation"
    assert title in text
    for coach in COACHES:
        assert coach in text
    sources = lead.team_sources(START, END)
    assert sources[0].coach_fingerprint[:2].upper() in text
    for services in team.coaches:
        for value in names_and_identifiers(services):
            assert value not in text
            assert value not in csv.read_text(encoding="utf-8-sig")
    new = [e for e in team.lead.audit.entries(action="export") if e.id not in before]
    assert len(new) == 1
    assert new[0].details["sha256"] == result.sha256
    assert sorted(new[0].details["team_files"]) == sorted(s.file_id for s in sources)


@pytest.fixture
def coach_and_lead(
    template_vault: tuple[Path, str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path]:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    coach, lead = tmp_path / "coach", tmp_path / "lead"
    shutil.copytree(template_vault[0], coach)
    shutil.copytree(template_vault[0], lead)
    with Vault.open(coach, PASSPHRASE) as vault:
        generate_demo(vault, participants=20, seed=5, today=TODAY)
    return coach, lead


def test_command_line_export_import_and_report(
    coach_and_lead: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    coach, lead = coach_and_lead
    period = ["--from", START.isoformat(), "--to", END.isoformat()]
    figures = tmp_path / "out" / "coach.cdteam"
    figures.parent.mkdir()
    assert main(["report", "team-export", str(coach), *period, "--out", str(figures)]) == 0
    assert figures.exists()
    pdf = tmp_path / "out" / "team.pdf"
    # Both vaults are copies of one template: on the lead's laptop, hers is the only one.
    monkeypatch.setenv("COACHDESK_STATE_DIR", str(tmp_path / "lead-laptop"))
    args = ["report", "team", str(lead), str(figures), *period]
    assert main([*args, "--out", str(pdf), "--csv", str(pdf.with_suffix(".csv"))]) == 0
    out = capsys.readouterr().out
    assert "Imported 1 file." in out and "signature valid" in out
    assert verify(pdf).intact and pdf.with_suffix(".csv").exists()
    # The same file again is refused, and nothing is written.
    assert main(args) == 3
    assert "already imported" in capsys.readouterr().err
    # Without files: the report of what is imported for the period.
    pdf.unlink()
    assert main(["report", "team", str(lead), *period, "--out", str(pdf)]) == 0
    assert verify(pdf).intact
    # Another period: nothing imported for it yet.
    other = ["--from", "2025-07-01", "--to", "2025-09-30"]
    assert main(["report", "team", str(lead), *other, "--out", str(pdf)]) == 3
    assert "No coach's figures are imported for this period" in capsys.readouterr().err
    assert main(["report", "team", str(lead), str(figures), *other]) == 3
    assert "not for the period chosen" in capsys.readouterr().err
