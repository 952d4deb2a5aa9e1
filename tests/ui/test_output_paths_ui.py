"""The window's save dialogs refuse a place in the vault folder with the command line's message."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox

from coachdesk.reports.service import ReportService
from coachdesk.ui.reports.quarterly_page import QuarterlyPage
from coachdesk.ui.settings.signing import DocumentsGroup
from coachdesk.vault.store import SLOTS_NAME

REFUSED = "is inside the vault folder {folder}. Please save it outside the vault folder."


def _answer_save_dialog(monkeypatch: pytest.MonkeyPatch, target: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )


def test_the_certificate_is_not_saved_over_the_slots(qtbot, vault, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services.exports.create_identity()
    slots = vault.path / SLOTS_NAME
    before = hashlib.sha256(slots.read_bytes()).hexdigest()
    group = DocumentsGroup(services)
    qtbot.addWidget(group)
    _answer_save_dialog(monkeypatch, slots)
    group.export_certificate()
    assert group.message.text() == (
        f"Not saved: {slots} " + REFUSED.format(folder=vault.path.resolve())
    )
    assert hashlib.sha256(slots.read_bytes()).hexdigest() == before


def test_a_report_is_not_saved_in_the_vault_folder(qtbot, vault, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services.exports.create_identity()
    page = QuarterlyPage(ReportService(services.ctx))
    qtbot.addWidget(page)
    page.set_period(dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    _answer_save_dialog(monkeypatch, vault.path / "report.pdf")
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text: warnings.append(text))
    )
    assert page.save() is None
    assert warnings == [
        f"Not saved: {vault.path / 'report.pdf'} " + REFUSED.format(folder=vault.path.resolve())
    ]
    assert not (vault.path / "report.pdf").exists()


def test_a_report_period_in_the_year_9999_gets_a_message(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Typed as she would: the dates, then "Show"; a sentence, never a traceback."""
    from PySide6.QtCore import Qt

    page = QuarterlyPage(ReportService(services.ctx))
    qtbot.addWidget(page)
    page.show()
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text: warnings.append(text))
    )
    for field, text in ((page.start.line, "01/12/9999"), (page.end.line, "31/12/9999")):
        qtbot.mouseClick(field, Qt.MouseButton.LeftButton)
        field.selectAll()
        qtbot.keyClicks(field, text)
        qtbot.keyClick(field, Qt.Key.Key_Tab)
    with qtbot.waitSignal(page.figures_shown):
        qtbot.mouseClick(page.show_button, Qt.MouseButton.LeftButton)
    assert warnings and "between 1900 and 2999" in warnings[-1]
