"""The absence sheet in the window: chosen by keyboard in the export dialog and in the batch
dialog, its month picked with the arrow keys, the preview showing that month's register."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog
from pytestqt.qtbot import QtBot

from coachdesk.export.batch_plan import SkipReason
from coachdesk.facade import Services
from coachdesk.ui.batch.dialog import BatchDialog
from coachdesk.ui.batch.model import STATE
from coachdesk.ui.export.dialog import ExportDialog
from coachdesk.ui.participants.view import ParticipantsView
from coachdesk.ui.shell.signals import AppSignals
from tests.unit.test_absence_sheet import FEBRUARY_SESSIONS, Seeded, _seed
from tests.unit.test_export_documents import pdftotext

SAVE_TIMEOUT_MS = 30_000


@pytest.fixture
def seeded(services: Services, monkeypatch: pytest.MonkeyPatch) -> Seeded:
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    return _seed(services)


def _activate(qtbot: QtBot, widget: object) -> None:
    widget.show()  # type: ignore[attr-defined]
    widget.windowHandle().requestActivate()  # type: ignore[attr-defined]
    qtbot.waitUntil(lambda: widget.isActiveWindow())  # type: ignore[attr-defined]


def _preview_dates(dialog: ExportDialog) -> list[str]:
    return [dialog.included.item(r, 1).text() for r in range(dialog.included.rowCount())]


def test_she_picks_the_sheet_and_its_month_with_the_keyboard(
    services, seeded, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(services, seeded.participant_id)
    qtbot.addWidget(dialog)
    _activate(qtbot, dialog)
    assert not dialog.rows.is_row_visible("month")
    dialog.document.setFocus()
    qtbot.keyClick(dialog.document, Qt.Key.Key_End)  # the last document: the absence sheet
    assert dialog.document.currentText() == "Absence sheet"
    assert dialog.rows.is_row_visible("month")
    assert dialog.month.currentText() == "February 2026"  # the month before today
    dialog.organisation.setFocus()
    qtbot.keyClicks(dialog.organisation, "Jobcenter")
    assert dialog.organisation.currentData() == seeded.job_centre_id
    dates = _preview_dates(dialog)
    # The preview speaks the document's language (German): one line a session.
    assert [d for d in dates if d.endswith(".2026")] == [
        f"{day:%d.%m.%Y}" for day, _title, _status in FEBRUARY_SESSIONS
    ]
    dialog.month.setFocus()
    qtbot.keyClick(dialog.month, Qt.Key.Key_Up)  # March, newer
    assert dialog.month.currentText() == "March 2026"
    assert [d for d in _preview_dates(dialog) if d.endswith(".2026")] == ["02.03.2026"]
    qtbot.keyClick(dialog.month, Qt.Key.Key_Down)
    qtbot.mouseClick(dialog.create_identity_button, Qt.MouseButton.LeftButton)
    target = tmp_path / "sheet.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    with qtbot.waitSignal(dialog.document_saved, timeout=SAVE_TIMEOUT_MS):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    text = " ".join(pdftotext(target).split())
    assert "Fehlzeitenbogen für Februar 2026" in text
    assert "02.02.2026" in text and "02.03.2026" not in text


def test_the_batch_dialog_asks_for_the_month_of_the_sheets(
    services, seeded, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    services.subscribe(signals.publish)
    view = ParticipantsView(services, signals)
    qtbot.addWidget(view)
    view.show()
    qtbot.mouseClick(view.batch_button, Qt.MouseButton.LeftButton)
    dialog = view.batch_button.dialog
    assert isinstance(dialog, BatchDialog)
    choices = dialog.choices
    choices.organisation.setFocus()
    qtbot.keyClicks(choices.organisation, "Jobcenter")
    assert not choices.rows.is_row_visible("month")
    choices.document.setFocus()
    qtbot.keyClick(choices.document, Qt.Key.Key_End)
    assert choices.rows.is_row_visible("month") and choices.month.currentText() == "February 2026"
    rows = {
        dialog.model.row_at(r).entry.participant_id: dialog.model.row_at(r).entry.skipped
        for r in range(dialog.model.rowCount())
    }
    assert rows == {
        seeded.participant_id: None,
        seeded.identity_only_id: SkipReason.NO_ATTENDANCE_CONSENT,
        seeded.quiet_id: SkipReason.NO_SESSIONS,
    }
    states = [dialog.model.index(r, STATE).data() for r in range(dialog.model.rowCount())]
    assert len(states) == 3
    # March: Chiara has her session on the 2nd, so she is no longer skipped.
    choices.month.setFocus()
    qtbot.keyClick(choices.month, Qt.Key.Key_Up)
    skipped = {
        dialog.model.row_at(r).entry.participant_id: dialog.model.row_at(r).entry.skipped
        for r in range(dialog.model.rowCount())
    }
    assert skipped[seeded.quiet_id] is None
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert Path(tmp_path).exists()
