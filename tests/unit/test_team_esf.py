"""The team figures file carries the ESF Plus indicator counts (version 2): the lead's team
report adds the coaches' counts up and only then hides small ones; a version-1 file still
reads, and the team report then says the indicators are missing instead of a partial sum."""

from __future__ import annotations

import datetime as dt
import subprocess
from pathlib import Path

from coachdesk.export import identities
from coachdesk.reports import quarterly
from coachdesk.reports.esf import EsfFigures
from coachdesk.reports.esf_published import publish
from coachdesk.reports.esf_service import EsfReportService
from coachdesk.reports.team_format import read_team_file, write_team_file
from coachdesk.reports.team_service import TeamService
from tests.unit.team_support import (  # noqa: F401 - team_fixture is a fixture
    END,
    START,
    Team,
    named_files,
    team_fixture,
)
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_reports_esf import check_published

Q3 = (dt.date(2025, 7, 1), dt.date(2025, 9, 30))


def coach_counts(team: Team) -> list[dict[str, tuple[int, ...]]]:
    out = []
    for coach in team.coaches:  # their files are of all their participants
        out.append(EsfReportService(coach.ctx).esf_figures(START, END, None).counts)
    return out


def test_the_team_report_adds_the_coaches_esf_counts_then_hides_small_ones(
    team: Team, tmp_path: Path
) -> None:
    files = [read_team_file(p.read_bytes()) for p in team.files]
    parts = coach_counts(team)
    assert [f.esf for f in files] == parts
    lead = TeamService(team.lead.ctx)
    lead.import_team_files(named_files(team.files), START, END)
    merged = lead.team_esf(START, END)
    assert merged is not None
    for key, counts in merged.items():
        assert counts == tuple(map(sum, zip(*(p[key] for p in parts), strict=True)))
    assert merged["EECO01"][-1] > 0
    report = publish(EsfFigures(START, END, "MY TURN", merged), "en")
    assert check_published(report, merged) > 10
    # Suppression after the merge: a count small for one coach is shown in the team's sum.
    small_alone = [
        (key, c)
        for key, counts in merged.items()
        for c, total in enumerate(counts)
        if total >= 3 and any(0 < p[key][c] < 3 for p in parts)
    ]
    assert any(report.row(key).cells[c].text == str(merged[key][c]) for key, c in small_alone)
    pdf = tmp_path / "team.pdf"
    result = lead.export_team_report_to(pdf, start=START, end=END, lang="en")
    assert result.pdf_path == pdf
    sig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig
    text = pdftotext(pdf)
    assert "ESF Plus indicators" in text
    for code in ("EECO01", "EECO12", "EECO17", "EECR04", "EECR06"):
        assert code in text


def test_a_version_1_file_still_reads_and_the_report_says_the_indicators_are_missing(
    team: Team, tmp_path: Path
) -> None:
    coach = team.coaches[0]
    with coach.ctx.read() as s:
        material = identities.active_material(s)
        figures = quarterly.compute(s, *Q3, coach.ctx.today())
    content = write_team_file(
        figures,
        material,
        organisation="Frauen in Arbeit e. V.",
        programme="MY TURN",
        now=dt.datetime.now(dt.UTC),
    )
    read = read_team_file(content)
    assert b'"version":1' in content and read.esf is None
    lead = TeamService(team.lead.ctx)
    lead.import_team_files([("old.cdteam", content)], *Q3)
    assert lead.team_esf(*Q3) is None
    pdf = tmp_path / "team-q3.pdf"
    lead.export_team_report_to(pdf, start=Q3[0], end=Q3[1], lang="en")
    text = " ".join(pdftotext(pdf).split())
    assert "The ESF Plus indicators are not shown" in text
    assert "EECO01" not in text
