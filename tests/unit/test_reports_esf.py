"""The ESF Plus indicator report on the demo: every figure equals a count written here in plain
SQL, no small count can be worked out, programmes split it cleanly, PDF and CSV carry codes."""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from coachdesk.demo.generate import generate_demo
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.reports.esf import ROWS
from coachdesk.reports.esf_published import Cell_, lines
from coachdesk.reports.esf_service import EsfReportService
from coachdesk.reports.suppression import HIDDEN_TEXT, SMALL_TEXT
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.test_export_documents import pdftotext

PERIODS = (
    (dt.date(2021, 4, 1), TODAY),
    (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    (dt.date(2025, 10, 1), dt.date(2025, 12, 31)),
)
GENDERS = ("female", "male", "non_binary", None)


@pytest.fixture(scope="module")
def demo(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Services]:
    """300 fictional participants in two programmes, "today" fixed, a signing certificate."""
    path = tmp_path_factory.mktemp("esf") / "vault"
    shutil.copytree(template_vault[0], path)
    vault = Vault.open(path, PASSPHRASE)
    generate_demo(vault, participants=300, seed=5, today=TODAY, recent_files=250)
    services = Services(vault.sessions, actor="Test Coach", today=lambda: TODAY)
    ExportService(services.ctx).create_identity("Test Coach")
    yield services
    vault.lock()


def sql(services: Services, query: str, **params: Any) -> list[Any]:
    with services.ctx.read() as s:
        return list(s.execute(text(query), params))


def programmes(services: Services) -> dict[str, int]:
    return {name: pid for pid, name in sql(services, "SELECT id, name FROM programme")}


AGE = (
    "(CAST(strftime('%Y', p.entry_date) AS INTEGER) - CAST(strftime('%Y', p.date_of_birth) "
    "AS INTEGER) - (strftime('%m-%d', p.entry_date) < strftime('%m-%d', p.date_of_birth)))"
)
SIX_MONTHS = (
    "min(date(p.exit_date, '+6 months'), "
    "date(p.exit_date, 'start of month', '+7 months', '-1 day'))"
)
NOT_REACHED = "coalesce(f.not_reached, 0)"
EMPLOYED = "e.labour_status IN ('employed', 'self_employed')"
ENTRY_CONDITIONS = {
    "EECO01": "1",
    "EECO02": "e.labour_status IN ('unemployed', 'long_term_unemployed')",
    "EECO03": "e.labour_status = 'long_term_unemployed'",
    "EECO04": "e.labour_status = 'inactive'",
    "EECO05": EMPLOYED,
    "EECO02-05_NR": "e.labour_status IS NULL",
    "EECO06": f"{AGE} < 18",
    "EECO07": f"{AGE} BETWEEN 18 AND 29",
    "EECO08": f"{AGE} >= 55",
    "EECO06-08_NR": "p.date_of_birth IS NULL",
    "EECO09": "e.education = 'isced_0_2'",
    "EECO10": "e.education = 'isced_3_4'",
    "EECO11": "e.education = 'isced_5_8'",
    "EECO09-11_NR": "e.education IS NULL",
}
for _code, _column in (
    ("EECO12", "disability"),
    ("EECO13", "third_country_national"),
    ("EECO14", "foreign_background"),
    ("EECO15", "minority"),
    ("EECO16", "homeless"),
    ("EECO17", "rural"),
):
    ENTRY_CONDITIONS[_code] = f"e.{_column} = 'yes'"
    ENTRY_CONDITIONS[f"{_code}_NA"] = f"e.{_column} = 'no_answer'"
    ENTRY_CONDITIONS[f"{_code}_NR"] = f"e.{_column} IS NULL"
EXIT_CONDITIONS = {"LEAVERS": "1"}
for _code, _column in (
    ("EECR01", "job_searching"),
    ("EECR02", "in_education"),
    ("EECR03", "qualification"),
    ("EECR04", "employed"),
):
    EXIT_CONDITIONS[_code] = f"x.{_column} = 1"
    EXIT_CONDITIONS[f"{_code}_NR"] = f"x.{_column} IS NULL"
FOLLOW_UP_CONDITIONS = {
    "FOLLOWED_UP": "1",
    "NOT_REACHED": f"{NOT_REACHED} = 1",
    "EECR05": f"{NOT_REACHED} = 0 AND f.employed = 1",
    "EECR05_NR": f"{NOT_REACHED} = 0 AND f.employed IS NULL",
    "EECR06": f"{NOT_REACHED} = 0 AND {EMPLOYED} AND f.improved_situation = 1",
    "EECR06_NR": f"{NOT_REACHED} = 0 AND {EMPLOYED} AND f.improved_situation IS NULL",
}


def expected(
    services: Services, start: dt.date, end: dt.date, programme: int | None
) -> dict[str, tuple[int, ...]]:
    """Every row's counts by gender and in total, straight from the tables."""
    base = (
        "FROM participant p LEFT JOIN esf_entry e ON e.participant_id = p.id "
        "LEFT JOIN esf_exit x ON x.participant_id = p.id "
        "LEFT JOIN esf_followup f ON f.participant_id = p.id WHERE "
        + ("p.programme_id = :prog AND " if programme is not None else "")
    )
    groups = (
        ("p.entry_date BETWEEN :s AND :e", ENTRY_CONDITIONS),
        ("p.exit_date BETWEEN :s AND :e", EXIT_CONDITIONS),
        (f"{SIX_MONTHS} BETWEEN :s AND :e", FOLLOW_UP_CONDITIONS),
    )
    params = {"s": start.isoformat(), "e": end.isoformat(), "prog": programme}
    out: dict[str, tuple[int, ...]] = {}
    for who, conditions in groups:
        for key, condition in conditions.items():
            found = dict(
                sql(
                    services,
                    f"SELECT e.gender, count(*) {base} {who} AND ({condition}) GROUP BY e.gender",
                    **params,
                )
            )
            row = tuple(int(found.get(g, 0)) for g in GENDERS)
            out[key] = (*row, sum(row))
    return out


def test_the_demo_fills_every_questionnaire_some_incomplete_on_purpose(demo: Services) -> None:
    people = sql(demo, "SELECT count(*), count(programme_id), count(exit_date) FROM participant")
    total, with_programme, left = people[0]
    assert with_programme == total
    assert sql(demo, "SELECT count(*) FROM esf_entry")[0][0] == total
    assert sql(demo, "SELECT count(*) FROM esf_exit")[0][0] == left
    assert sql(demo, "SELECT count(*) FROM esf_followup")[0][0] == left
    assert set(programmes(demo)) == {"MY TURN", "Stark im Beruf"}
    for column in ("disability", "minority"):
        assert sql(demo, f"SELECT count(*) FROM esf_entry WHERE {column} = 'no_answer'")[0][0]
    assert sql(
        demo, "SELECT count(*) FROM esf_entry WHERE answered_on IS NOT NULL AND rural IS NULL"
    )[0][0]
    assert sql(demo, "SELECT count(*) FROM esf_followup WHERE answered_on IS NULL")[0][0]
    assert sql(demo, "SELECT count(*) FROM esf_followup WHERE not_reached = 1")[0][0]


@pytest.mark.parametrize(("start", "end"), PERIODS)
def test_every_figure_equals_an_independent_sql_count(
    demo: Services, start: dt.date, end: dt.date
) -> None:
    service = EsfReportService(demo.ctx)
    for programme in (None, *programmes(demo).values()):
        got = service.esf_figures(start, end, programme).counts
        want = expected(demo, start, end, programme)
        assert set(got) == {key for _group, key in ROWS} == set(want)
        for key, _counts in want.items():
            assert got[key] == want[key], (key, programme)
    # The widest period sees every part of the report.
    if start.year == 2021:
        whole = service.esf_figures(start, end).counts
        assert all(whole[key][-1] > 0 for key in ("EECO01", "LEAVERS", "FOLLOWED_UP", "EECR05"))


def test_two_programmes_give_disjoint_reports_that_add_up_to_the_whole(demo: Services) -> None:
    service = EsfReportService(demo.ctx)
    start, end = PERIODS[0]
    whole = service.esf_figures(start, end).counts
    parts = [service.esf_figures(start, end, pid) for pid in programmes(demo).values()]
    assert all(p.row("EECO01")[-1] > 0 for p in parts)
    for key, counts in whole.items():
        assert tuple(map(sum, zip(*(p.counts[key] for p in parts), strict=True))) == counts
    # Disjoint: nobody is counted in both (each entrant belongs to one programme).
    ids = sql(demo, "SELECT programme_id, count(DISTINCT id) FROM participant GROUP BY 1")
    assert sum(n for _p, n in ids) == sql(demo, "SELECT count(*) FROM participant")[0][0]


def reader(
    texts: dict[Cell_, str], line: list[Cell_], all_lines: list[list[Cell_]]
) -> list[set[int]]:
    """Every value each cell of ``line`` can hold, knowing only what is published and the
    rule (the quarterly report's brute-force reader, with the cells' other lines): "< 3" is
    1 or 2; "x" is at least 3 and at most the smallest count shown in one of its lines, or
    anything if one of its lines shows nothing but "x" (withheld)."""
    *parts, total_cell = line
    total = int(texts[total_cell])

    def ceiling(other: list[Cell_]) -> int:
        shown = [int(texts[c]) for c in other[:-1] if texts[c] not in (SMALL_TEXT, HIDDEN_TEXT)]
        return min([v for v in shown if v > 0], default=total)

    domains: list[range] = []
    for cell in parts:
        t = texts[cell]
        if t == SMALL_TEXT:
            domains.append(range(1, 3))
        elif t == HIDDEN_TEXT:
            mine = [other for other in all_lines if cell in other[:-1]]
            if any(all(texts[c] == HIDDEN_TEXT for c in other[:-1]) for other in mine):
                domains.append(range(0, total + 1))
            else:
                top = min(total, max(ceiling(other) for other in mine))
                domains.append(range(3, top + 1))
        else:
            domains.append(range(int(t), int(t) + 1))
    possible: list[set[int]] = [set() for _ in parts]
    for combo in itertools.product(*domains):
        if sum(combo) == total:
            for i, v in enumerate(combo):
                possible[i].add(v)
    return possible


def check_published(report: Any, counts: dict[str, tuple[int, ...]]) -> int:
    """No "< 3" cell can be worked out from a line's total and its other cells."""
    texts = {(r.key, c): cell.text for r in report.rows for c, cell in enumerate(r.cells)}
    all_lines = lines()
    for (key, c), shown in texts.items():
        value = counts[key][c]
        if 0 < value < 3:
            assert shown in (SMALL_TEXT, HIDDEN_TEXT)
        elif shown not in (SMALL_TEXT, HIDDEN_TEXT):
            assert shown == str(value)
    checked = 0
    for line in all_lines:
        if texts[line[-1]] in (SMALL_TEXT, HIDDEN_TEXT):
            continue
        possible = reader(texts, line, all_lines)
        for (key, c), options in zip(line[:-1], possible, strict=True):
            value = counts[key][c]
            assert value in options
            if 0 < value < 3:
                assert len(options) > 1, (line, [texts[cell] for cell in line])
        checked += 1
    return checked


def test_no_small_count_can_be_worked_out_from_the_totals(demo: Services) -> None:
    service = EsfReportService(demo.ctx)
    checked, texts = 0, set()
    for start, end in PERIODS:
        for programme in (None, *programmes(demo).values()):
            figures = service.esf_figures(start, end, programme)
            report = service.esf_preview(start, end, programme, "en")
            checked += check_published(report, figures.counts)
            texts |= {cell.text for row in report.rows for cell in row.cells}
    assert checked > 100
    assert {SMALL_TEXT, HIDDEN_TEXT} <= texts  # the rule had work to do


def test_signed_pdf_and_csv_carry_the_codes(demo: Services, tmp_path: Path) -> None:
    service = EsfReportService(demo.ctx)
    start, end = PERIODS[1]
    pid = programmes(demo)["MY TURN"]
    pdf, csv_path = tmp_path / "esf.pdf", tmp_path / "esf.csv"
    result = service.export_esf_to(pdf, csv_path, start=start, end=end, programme_id=pid, lang="de")
    assert result.pdf_path == pdf and pdf.read_bytes() == result.pdf
    sig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    page_text = pdftotext(pdf)
    codes = [f"EECO{n:02}" for n in range(1, 18)] + [f"EECR{n:02}" for n in range(1, 7)]
    for code in codes:
        assert code in page_text
    assert "MY TURN" in page_text and "ESF-Plus-Indikatoren" in page_text
    table = list(csv.reader(io.StringIO(csv_path.read_bytes().decode("utf-8-sig")), delimiter=";"))
    head = table[0]
    assert all(code in head for code in codes)
    assert "EECO12_NA" in head and "EECR05_NR" in head
    report = service.esf_preview(start, end, pid, "de")
    for line, column in zip(table[1:6], report.columns, strict=True):
        assert line[:4] == [start.isoformat(), end.isoformat(), "MY TURN", column]
        assert line[4:] == [r.cells[report.columns.index(column)].text for r in report.rows]
    entry = demo.audit.entries(action="export")[0]
    assert entry.details["document_type"] == "esf_indicators"
    assert entry.details["programme_id"] == pid
    assert entry.details["sha256"] == result.sha256
