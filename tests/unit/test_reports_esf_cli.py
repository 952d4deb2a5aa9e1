"""``coachdesk report esf`` end to end: a signed PDF and a CSV for one programme, the same
figures the service publishes; a wrong programme name is told with the names there are."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import pytest

from coachdesk.cli.main import main
from coachdesk.demo.generate import generate_demo
from coachdesk.facade import Services
from coachdesk.reports.esf_service import EsfReportService
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.test_export_documents import pdftotext

START, END = dt.date(2025, 1, 1), dt.date(2025, 12, 31)


@pytest.fixture
def demo_path(template_vault: tuple[Path, str], tmp_path: Path) -> Path:
    path = tmp_path / "vault"
    shutil.copytree(template_vault[0], path)
    with Vault.open(path, PASSPHRASE) as vault:
        generate_demo(vault, participants=80, seed=4, today=TODAY)
    return path


def test_report_esf_writes_the_signed_pdf_and_the_csv_of_one_programme(
    demo_path: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    out, table = tmp_path / "esf.pdf", tmp_path / "esf.csv"
    args = ["--lang", "en", "report", "esf", str(demo_path), "--from", "2025-01-01"]
    code = main(
        [
            *args,
            "--to",
            "2025-12-31",
            "--programme",
            "stark im beruf",
            "--out",
            str(out),
            "--csv",
            str(table),
            "--lang",
            "en",
        ]
    )
    printed = capsys.readouterr()
    assert code == 0, printed.err
    assert str(out) in printed.out and str(table) in printed.out
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig
    page_text = pdftotext(out)
    assert "ESF Plus indicators" in page_text and "Stark im Beruf" in page_text
    rows = list(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig")), delimiter=";"))
    with Vault.open(demo_path, PASSPHRASE) as vault:
        services = Services(vault.sessions, today=lambda: TODAY)
        pid = next(p.id for p in services.programmes.list() if p.name == "Stark im Beruf")
        report = EsfReportService(services.ctx).esf_preview(START, END, pid, "en")
    assert rows[0][4:] == [r.key for r in report.rows]
    total = rows[5]
    assert total[2:4] == ["Stark im Beruf", "Total"]
    assert total[4:] == [r.cells[-1].text for r in report.rows]

    # A name that is no programme: said clearly, with the names there are; nothing written.
    other = tmp_path / "other.pdf"
    code = main([*args, "--to", "2025-12-31", "--programme", "MY TORN", "--out", str(other)])
    err = capsys.readouterr().err
    assert code != 0 and not other.exists()
    assert "There is no programme called “MY TORN”" in err
    assert "“MY TURN”, “Stark im Beruf”" in err
    assert "Traceback" not in err
