"""A report is recorded only if its files were really saved; a failed save leaves nothing."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import stat
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from sqlalchemy import event, func, select

from coachdesk.cli.main import main
from coachdesk.documents.signing import verify
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.models import ExportRecord
from coachdesk.models.enums import DataCategory as C
from coachdesk.models.enums import ParticipantStatus
from coachdesk.reports.service import ReportService
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.errors import DISK_FULL, READ_ONLY, StorageError
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.unit.test_export_saving import read_only_folder
from tests.unit.test_reports_documents import STORY, consent, job_centre, participant
from tests.unit.test_reports_view import view_of

START, END = dt.date(2025, 10, 1), dt.date(2025, 12, 31)


@pytest.fixture
def reports(services: Services) -> ReportService:
    ExportService(services.ctx).create_identity("Miriam Löwe")
    services.participants.create(
        ParticipantDraft("Amina", "Test", status=ParticipantStatus.ACTIVE, entry_date=START)
    )
    return ReportService(services.ctx)


@pytest.fixture
def documents(tmp_path: Path) -> Path:
    """A folder of her own for documents (``tmp_path`` also holds the vault)."""
    folder = tmp_path / "documents"
    folder.mkdir()
    return folder


def recorded(services: Services) -> tuple[int, int]:
    """(export records, export audit entries) in the vault."""
    with services.ctx.read() as s:
        records = s.scalar(select(func.count()).select_from(ExportRecord)) or 0
    return records, len(services.audit.entries(action="export"))


def test_each_report_saved_to_its_place_and_recorded(
    services: Services, reports: ReportService, documents: Path
) -> None:
    pid = participant(services)
    consent(services, pid, job_centre(services), {C.PUBLICATION})
    (documents / "q.pdf").write_bytes(b"an older file of that name")
    results = [
        reports.export_quarterly_to(documents / "q.pdf", documents / "q.csv", start=START, end=END),
        reports.export_catalogue_to(documents / "c.pdf", "en"),
        reports.export_directory_to(str(documents / "d.pdf")),
        reports.export_success_story_to(
            documents / "s.pdf", pid, "Mut", STORY.format(name="Frau S.")
        ),
    ]
    for result, name in zip(results, "qcds", strict=True):
        saved = documents / f"{name}.pdf"
        assert result.pdf_path == saved and saved.read_bytes() == result.pdf
        assert hashlib.sha256(saved.read_bytes()).hexdigest() == result.sha256
        assert verify(saved).intact
        assert stat.S_IMODE(saved.stat().st_mode) == 0o600  # may hold a first name
    assert results[0].csv_path == documents / "q.csv"
    assert (documents / "q.csv").read_bytes() == results[0].csv
    assert results[1].csv_path is None
    assert sorted(p.name for p in documents.iterdir()) == [
        "c.pdf",
        "d.pdf",
        "q.csv",
        "q.pdf",
        "s.pdf",
    ]
    assert recorded(services) == (4, 4)


def test_read_only_folder_nothing_saved_nothing_recorded(
    services: Services, reports: ReportService, tmp_path: Path, documents: Path
) -> None:
    pid = participant(services)
    consent(services, pid, job_centre(services), {C.PUBLICATION})
    before = recorded(services)
    with read_only_folder(tmp_path) as folder:
        attempts: list[Any] = [
            lambda: reports.export_quarterly_to(folder / "q.pdf", start=START, end=END),
            lambda: reports.export_catalogue_to(folder / "c.pdf"),
            lambda: reports.export_directory_to(folder / "d.pdf"),
            lambda: reports.export_success_story_to(
                folder / "s.pdf", pid, "", STORY.format(name="Frau S.")
            ),
        ]
        for attempt in attempts:
            with pytest.raises(StorageError) as caught:
                attempt()
            assert caught.value.message.render() == READ_ONLY
            assert str(caught.value).startswith("Not saved")
        assert list(folder.iterdir()) == []  # no document, no temporary file
    assert recorded(services) == before
    # The same report to a writable place works at once.
    assert reports.export_catalogue_to(documents / "c.pdf").pdf_path == documents / "c.pdf"


def test_csv_not_saved_takes_the_pdf_back(
    services: Services, reports: ReportService, tmp_path: Path, documents: Path
) -> None:
    before = recorded(services)
    pdf = documents / "q.pdf"
    with read_only_folder(tmp_path) as folder:
        with pytest.raises(StorageError):
            reports.export_quarterly_to(pdf, folder / "q.csv", start=START, end=END)
        assert list(folder.iterdir()) == []
    assert not pdf.exists()
    assert recorded(services) == before


def test_record_not_committed_takes_the_files_back(
    services: Services, reports: ReportService, documents: Path
) -> None:
    """The disk fills between saving the files and committing their record."""
    before = recorded(services)

    def disk_full(_session: Any) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    event.listen(services.ctx.sessions, "before_commit", disk_full)
    try:
        with pytest.raises(StorageError) as caught:
            reports.export_quarterly_to(
                documents / "q.pdf", documents / "q.csv", start=START, end=END
            )
    finally:
        event.remove(services.ctx.sessions, "before_commit", disk_full)
    assert caught.value.message.render() == DISK_FULL
    assert list(documents.iterdir()) == []
    assert recorded(services) == before


def test_reports_view_read_only_folder_says_not_saved(  # type: ignore[no-untyped-def]
    qtbot, services, reports, tmp_path, monkeypatch
) -> None:
    view = view_of(qtbot, services)
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text: warnings.append(text))
    )
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: None))
    before = recorded(services)
    with read_only_folder(tmp_path) as folder:
        target = str(folder / "report.pdf")
        monkeypatch.setattr(
            QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (target, ""))
        )
        view.quarterly.with_csv.setChecked(True)
        for page in (view.quarterly, view.catalogue, view.directory):
            assert page.save() is None
        assert list(folder.iterdir()) == []
    assert len(warnings) == 3 and all(w.startswith("Not saved") for w in warnings)
    assert recorded(services) == before


def test_cli_report_quarterly_read_only_folder(vault_path, tmp_path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    with Vault.open(vault_path, PASSPHRASE) as vault:
        Services(vault.sessions).settings.set_coach_name("Miriam Löwe")
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    with read_only_folder(tmp_path) as folder:
        out = folder / "q.pdf"
        argv = ["--lang", "en", "report", "quarterly", str(vault_path), "--from", "2025-10-01"]
        argv += ["--to", "2025-12-31", "--out", str(out), "--lang", "en"]
        assert main(argv) == 2
        assert list(folder.iterdir()) == []
    assert "Not saved" in capsys.readouterr().err
    with Vault.open(vault_path, PASSPHRASE) as vault:
        assert recorded(Services(vault.sessions)) == (0, 0)
