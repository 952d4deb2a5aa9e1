"""Every report by programme: two programmes in one vault give disjoint figures that add up
to the vault's; the PDF and CSV name the programme; the CLI refuses a name it does not know."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text

from coachdesk.cli.main import main
from coachdesk.demo.generate import generate_demo
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.reports.quarterly import QuarterlyFigures
from coachdesk.reports.service import ReportService
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.test_export_documents import pdftotext

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def demo(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[Services, Path]]:
    path = tmp_path_factory.mktemp("programme-reports") / "vault"
    shutil.copytree(template_vault[0], path)
    vault = Vault.open(path, PASSPHRASE)
    generate_demo(vault, participants=120, seed=5, today=TODAY)
    services = Services(vault.sessions, actor="Test Coach", today=lambda: TODAY)
    ExportService(services.ctx).create_identity("Test Coach")
    yield services, path
    vault.lock()


def _counts(f: QuarterlyFigures) -> Counter[str]:
    """Every additive count of the figures, each under a name of its own."""
    c: Counter[str] = Counter()
    for name in (
        "participants_at_start",
        "currently_active",
        "currently_in_aftercare",
        "goals_reached",
        "three_way_meetings",
        "participants_with_consent",
    ):
        c[name] = getattr(f, name)
    for table in (
        "entries_by_month",
        "exits_by_month",
        "exits_by_destination",
        "steps_by_kind",
        "consents_by_category",
    ):
        for key, n in getattr(f, table):
            c[f"{table}:{key}"] = n
    for m in f.modules:
        for part in ("participants", "present", "excused", "absent"):
            c[f"module:{m.title}:{part}"] = getattr(m, part)
    return c


def test_the_demo_gives_every_file_a_programme(demo: tuple[Services, Path]) -> None:
    services, _path = demo
    with services.ctx.read() as s:
        missing = s.scalar(text("SELECT count(*) FROM participant WHERE programme_id IS NULL"))
        q = text("SELECT programme_id, count(*) FROM participant GROUP BY 1")
        per = {row[0]: row[1] for row in s.execute(q)}
    assert missing == 0
    assert len(per) == 2 and all(n > 20 for n in per.values())


def test_two_programmes_give_disjoint_reports_that_add_up_to_the_whole(
    demo: tuple[Services, Path],
) -> None:
    services, _path = demo
    reports = ReportService(services.ctx)
    whole = reports.quarterly_figures(START, END)
    parts = [reports.quarterly_figures(START, END, p.id) for p in services.programmes.list()]
    assert [f.programme for f in parts] == ["MY TURN", "Stark im Beruf"]
    assert whole.programme == ""
    each = [_counts(f) for f in parts]
    assert each[0] + each[1] == +_counts(whole)
    # Both programmes have something to count: entries, exits, modules held.
    for f in parts:
        assert f.entries and f.exits and f.modules
    # Disjoint: no file is counted in both (her entries are counted once, in hers).
    with services.ctx.read() as s:
        entered = dict(
            s.execute(
                text(
                    "SELECT programme_id, count(*) FROM participant "
                    "WHERE entry_date BETWEEN :s AND :e GROUP BY 1"
                ),
                {"s": START, "e": END},
            ).all()
        )
    ids = [p.id for p in services.programmes.list()]
    assert [f.entries for f in parts] == [entered[i] for i in ids]
    # Modules held: the vault's are those held in either programme; sessions of a module are
    # the days either programme's women came (a day both came counts once in the whole).
    held = {m.title: m.sessions for m in whole.modules}
    assert set(held) == {m.title for f in parts for m in f.modules}
    for title, sessions in held.items():
        counted = [m.sessions for f in parts for m in f.modules if m.title == title]
        assert max(counted) <= sessions <= sum(counted)


PER_PROGRAMME = {
    "goals_reached": (
        "SELECT count(*) FROM goal g JOIN participant p ON p.id = g.participant_id "
        "WHERE p.programme_id = :p AND g.status = 'reached' AND g.reached_on BETWEEN :s AND :e"
    ),
    "three_way_meetings": (
        "SELECT count(*) FROM meeting m JOIN participant p ON p.id = m.participant_id "
        "WHERE p.programme_id = :p AND m.kind = 'three_way' "
        "AND date(m.held_at) BETWEEN :s AND :e"
    ),
    "steps_reached": (
        "SELECT count(*) FROM milestone m JOIN goal g ON g.id = m.goal_id "
        "JOIN participant p ON p.id = g.participant_id "
        "WHERE p.programme_id = :p AND m.reached_on BETWEEN :s AND :e"
    ),
    "present": (
        "SELECT count(*) FROM attendance a JOIN enrolment e ON e.id = a.enrolment_id "
        "JOIN participant p ON p.id = e.participant_id "
        "WHERE p.programme_id = :p AND a.status = 'present' AND a.session_date BETWEEN :s AND :e"
    ),
}


def test_each_programmes_report_counts_its_own_womens_records(
    demo: tuple[Services, Path],
) -> None:
    """Goals, steps, meetings and attendance are counted through whose file they are in:
    each programme's figure equals the same count written in SQL over its files only (the
    two programmes differ, so counting the other one's would show)."""
    services, _path = demo
    reports = ReportService(services.ctx)
    found: dict[str, list[int]] = {name: [] for name in PER_PROGRAMME}
    for programme in services.programmes.list():
        f = reports.quarterly_figures(START, END, programme.id)
        with services.ctx.read() as s:
            for name, sql in PER_PROGRAMME.items():
                expected = s.execute(
                    text(sql), {"p": programme.id, "s": START, "e": END}
                ).scalar_one()
                got = sum(m.present for m in f.modules) if name == "present" else getattr(f, name)
                assert got == expected, (programme.name, name)
                found[name].append(expected)
    for name, counts in found.items():
        assert counts[0] != counts[1] and min(counts) > 0, (name, counts)


def test_the_pdf_and_csv_name_the_programme(demo: tuple[Services, Path], tmp_path: Path) -> None:
    services, _path = demo
    stark = services.programmes.find("stark im beruf")
    assert stark is not None
    result = ReportService(services.ctx).export_quarterly_to(
        tmp_path / "q.pdf",
        tmp_path / "q.csv",
        start=START,
        end=END,
        lang="de",
        programme_id=stark.id,
    )
    assert result.csv is not None
    csv_text = result.csv.decode("utf-8-sig")
    assert "Maßnahme;;Stark im Beruf" in csv_text
    assert "Stark im Beruf" in pdftotext(tmp_path / "q.pdf")
    everyone = ReportService(services.ctx).export_quarterly(START, END, "de")
    assert everyone.csv is not None and "Maßnahme;;Alle Maßnahmen" in everyone.csv.decode(
        "utf-8-sig"
    )
    entry = services.audit.entries(action="export")[1]
    assert entry.details["programme"] == "Stark im Beruf"


def test_the_cli_reports_one_programme_and_names_the_programmes_for_a_wrong_one(
    template_vault: tuple[Path, str],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "vault"
    shutil.copytree(template_vault[0], path)
    with Vault.open(path, PASSPHRASE) as vault:
        generate_demo(vault, participants=20, seed=2, today=TODAY)
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    period = ["--from", START.isoformat(), "--to", END.isoformat()]
    out = tmp_path / "q.pdf"
    args = ["report", "quarterly", str(path), *period, "--out", str(out)]
    assert main([*args, "--programme", "My Turm"]) == 1
    said = capsys.readouterr().err
    assert "There is no programme “My Turm”." in said
    assert "MY TURN, Stark im Beruf" in said
    assert not out.exists()
    assert main([*args, "--programme", "my turn", "--lang", "en"]) == 0
    assert "MY TURN" in pdftotext(out)
    capsys.readouterr()
    assert main(["participants", str(path), "--programme", "stark im beruf", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert listed and {p["programme"] for p in listed} == {"Stark im Beruf"}
