"""The quarterly evaluation on a demo vault: right figures, small counts hidden, no one named."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from coachdesk.demo.generate import generate_demo
from coachdesk.documents.signing import verify
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory, ExitDestination, MilestoneKind
from coachdesk.reports.published import publish
from coachdesk.reports.service import ReportService
from coachdesk.reports.suppression import HIDDEN_TEXT, SMALL_TEXT
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_reports_suppression import reader_candidates

START, END = dt.date(2025, 10, 1), dt.date(2025, 12, 31)


@pytest.fixture(scope="module")
def demo(
    template_vault: tuple[Path, str], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Services]:
    """60 fictional participants, "today" fixed, and a signing certificate."""
    path = tmp_path_factory.mktemp("reports") / "vault"
    shutil.copytree(template_vault[0], path)
    vault = Vault.open(path, PASSPHRASE)
    generate_demo(vault, participants=60, seed=3, today=TODAY)
    services = Services(vault.sessions, actor="Test Coach", today=lambda: TODAY)
    ExportService(services.ctx).create_identity("Test Coach")
    yield services
    vault.lock()


def sql(services: Services, query: str, **params: Any) -> list[Any]:
    with services.ctx.read() as s:
        return list(s.execute(text(query), params))


def one(services: Services, query: str, **params: Any) -> int:
    return int(sql(services, query, **params)[0][0])


def test_figures_equal_counts_computed_from_the_database(demo: Services) -> None:
    f = ReportService(demo.ctx).quarterly_figures(START, END)
    p = {"s": START.isoformat(), "e": END.isoformat()}
    assert f.participants_at_start == one(
        demo,
        "SELECT count(*) FROM participant WHERE entry_date < :s "
        "AND (exit_date IS NULL OR exit_date >= :s)",
        **p,
    )
    for column, got in (("entry_date", f.entries_by_month), ("exit_date", f.exits_by_month)):
        rows = sql(
            demo,
            f"SELECT substr({column}, 1, 7), count(*) FROM participant "
            f"WHERE {column} BETWEEN :s AND :e GROUP BY 1",
            **p,
        )
        expected = {month: n for month, n in rows}
        assert {m.strftime("%Y-%m"): n for m, n in got if n} == expected
        assert [m.month for m, _n in got] == [10, 11, 12]
    rows = sql(
        demo,
        "SELECT exit_destination, count(*) FROM participant "
        "WHERE exit_date BETWEEN :s AND :e GROUP BY 1",
        **p,
    )
    by_destination = {(ExitDestination(d) if d else None): n for d, n in rows}
    assert {d: n for d, n in f.exits_by_destination if n} == by_destination
    assert f.currently_active == one(
        demo, "SELECT count(*) FROM participant WHERE status = 'active'"
    )
    assert f.currently_in_aftercare == one(
        demo, "SELECT count(*) FROM participant WHERE status = 'aftercare'"
    )
    assert f.goals_reached == one(
        demo,
        "SELECT count(*) FROM goal WHERE status = 'reached' AND reached_on BETWEEN :s AND :e",
        **p,
    )
    rows = sql(
        demo,
        "SELECT kind, count(*) FROM milestone WHERE reached_on BETWEEN :s AND :e GROUP BY 1",
        **p,
    )
    assert {k: n for k, n in f.steps_by_kind if n} == {MilestoneKind(k): n for k, n in rows}
    assert f.three_way_meetings == one(
        demo,
        "SELECT count(*) FROM meeting WHERE kind = 'three_way' AND date(held_at) BETWEEN :s AND :e",
        **p,
    )
    rows = sql(
        demo,
        "SELECT m.title, count(DISTINCT a.session_date), count(DISTINCT e.participant_id), "
        "sum(a.status = 'present'), sum(a.status = 'excused'), sum(a.status = 'absent') "
        "FROM attendance a JOIN enrolment e ON e.id = a.enrolment_id "
        "JOIN module m ON m.id = e.module_id "
        "WHERE a.session_date BETWEEN :s AND :e GROUP BY m.id",
        **p,
    )
    got_modules = {
        m.title: (m.sessions, m.participants, m.present, m.excused, m.absent) for m in f.modules
    }
    assert got_modules == {r[0]: tuple(r[1:]) for r in rows}
    valid = (
        "c.given_on <= :e AND (c.valid_until IS NULL OR c.valid_until >= :e) "
        "AND (c.withdrawn_on IS NULL OR c.withdrawn_on > :e)"
    )
    assert f.participants_with_consent == one(
        demo, f"SELECT count(DISTINCT c.participant_id) FROM consent c WHERE {valid}", e=p["e"]
    )
    rows = sql(
        demo,
        "SELECT cc.category, count(DISTINCT c.participant_id) FROM consent c "
        f"JOIN consent_category cc ON cc.consent_id = c.id WHERE {valid} GROUP BY 1",
        e=p["e"],
    )
    assert {c: n for c, n in f.consents_by_category if n} == {DataCategory(c): n for c, n in rows}
    # The demo gives every figure something to count.
    assert f.entries and f.exits and f.modules and f.steps_reached and f.three_way_meetings


def test_csv_cells_never_start_a_formula() -> None:
    from coachdesk.reports.published import _safe

    assert _safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert _safe("@SUM") == "'@SUM" and _safe("< 3") == "< 3" and _safe("12") == "12"


def parse_csv(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))


def test_small_counts_hidden_and_not_recoverable_from_totals(demo: Services) -> None:
    reports = ReportService(demo.ctx)
    figures = reports.quarterly_figures(START, END)
    report = publish(figures, "en")
    rows = parse_csv(reports.export_quarterly(START, END, "en").csv or b"")
    small_seen = 0
    for b in report.breakdowns:
        published = [r for r in rows if r[0] == b.title]
        texts = [r[2] for r in published[: len(b.labels)]]
        assert [r[1] for r in published[: len(b.labels)]] == list(b.labels)
        for cell, shown in zip(b.cells, texts, strict=True):
            if 0 < cell.value < 3:
                assert shown in (SMALL_TEXT, HIDDEN_TEXT), (b.key, cell)
            elif shown not in (SMALL_TEXT, HIDDEN_TEXT):
                assert shown == str(cell.value)
        if b.total is None:
            continue
        total_text = published[len(b.labels)][2]
        assert published[len(b.labels)][1] == b.total_label
        if total_text == SMALL_TEXT:
            continue
        # A reader with only the CSV tries every combination that adds up to the total.
        options = reader_candidates(texts, int(total_text))
        for shown, possible in zip(texts, options, strict=True):
            if shown == SMALL_TEXT:
                small_seen += 1
                assert len(possible) >= 2, (b.key, texts, total_text)
    assert small_seen >= 1, "the demo period should contain counts below 3"
    # Module participants: 1 and 2 never shown as numbers.
    for m, fig in zip(report.modules, figures.modules, strict=True):
        if 0 < fig.participants < 3:
            assert m.participants.text == SMALL_TEXT
            assert m.attendance_rate == "–"


def names_and_identifiers(services: Services) -> list[str]:
    rows = sql(
        services,
        "SELECT first_name, last_name, pseudonym, email, phone, jobcentre_customer_number "
        "FROM participant",
    )
    values = {v.strip() for row in rows for v in row if v and len(v.strip()) >= 3}
    assert len(values) > 100
    return sorted(values)


def test_no_participant_name_or_identifier_in_pdf_or_csv(demo: Services, tmp_path: Path) -> None:
    result = ReportService(demo.ctx).export_quarterly(START, END, "de")
    pdf = tmp_path / "quarterly.pdf"
    pdf.write_bytes(result.pdf)
    assert result.csv is not None
    page_text = pdftotext(pdf)
    csv_text = result.csv.decode("utf-8-sig")
    assert "Quartalsauswertung" in page_text or "Quarterly evaluation" in page_text
    for value in names_and_identifiers(demo):
        pattern = re.compile(r"(?<!\w)" + re.escape(value) + r"(?!\w)")
        assert not pattern.search(page_text), "a participant's data is in the PDF text"
        assert not pattern.search(csv_text), "a participant's data is in the CSV"
        for raw in (value.encode("utf-8"), value.encode("utf-16-be")):
            assert raw not in result.pdf
    # No record numbers of any kind: ids would look like "no. 12" / "Nr. 12" / "ID 12".
    assert not re.search(r"(?i)\b(id|nr\.|no\.)\s*\d", page_text + csv_text)


def test_pdf_is_sound_signed_rendered_and_logged_once(demo: Services, tmp_path: Path) -> None:
    before = {e.id for e in demo.audit.entries(action="export")}
    result = ReportService(demo.ctx).export_quarterly(START, END, "de")
    path = tmp_path / "quarterly.pdf"
    path.write_bytes(result.pdf)
    subprocess.run(["qpdf", "--check", str(path)], capture_output=True, check=True)
    sig = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig and "Total document signed" in sig
    assert verify(path).intact
    png = subprocess.run(
        ["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")],
        capture_output=True,
        text=True,
    )
    assert png.returncode == 0 and png.stderr == ""
    assert len(list(tmp_path.glob("page-*.png"))) >= 2
    # The charts are there: every month and destination appears as a bar label too.
    page_text = pdftotext(path)
    for destination in ExitDestination:
        assert page_text.count(label(destination, "de")) >= 2
    new = [e for e in demo.audit.entries(action="export") if e.id not in before]
    assert len(new) == 1
    entry = new[0]
    assert entry.entity == "report" and entry.participant_id is None
    assert entry.details["document_type"] == "quarterly_evaluation"
    assert entry.details["period_start"] == "2025-10-01"
    assert entry.details["period_end"] == "2025-12-31"
    assert entry.details["sha256"] == hashlib.sha256(result.pdf).hexdigest()
    assert entry.details["csv_sha256"] == hashlib.sha256(result.csv or b"").hexdigest()
    logged = json.dumps(entry.details)
    assert all(value not in logged for value in names_and_identifiers(demo))
