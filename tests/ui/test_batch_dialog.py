"""Documents for several participants, as a coach makes them: select rows in the list with
Ctrl+click and Shift+Down, open the batch dialog, press Enter, Cancel or Esc; real vault,
real worker processes, real PDFs."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coachdesk.export.batch_run import BatchRun
from coachdesk.facade import Services
from coachdesk.ui.batch.dialog import BatchDialog
from coachdesk.ui.batch.model import NOTE, STATE
from coachdesk.ui.participants.view import ParticipantsView
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.vault.errors import READ_ONLY
from tests.unit.batch_support import Batch, check_document, leftovers, name_of, seed_batch
from tests.unit.test_export_saving import read_only_folder

BATCH_TIMEOUT_MS = 60_000
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def view(services: Services, qtbot: QtBot) -> ParticipantsView:
    signals = AppSignals()
    services.subscribe(signals.publish)
    widget = ParticipantsView(services, signals)
    qtbot.addWidget(widget)
    widget.resize(1000, 600)
    widget.show()
    return widget


def _click_row(
    qtbot: QtBot, view: ParticipantsView, row: int, modifier=Qt.KeyboardModifier.NoModifier
) -> None:  # type: ignore[no-untyped-def]
    rect = view.table.visualRect(view.model.index(row, 0))
    qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, modifier, rect.center())


def _row_of(view: ParticipantsView, pid: int) -> int:
    return next(r for r in range(view.model.rowCount()) if view.model.row_at(r).id == pid)


def _open(qtbot: QtBot, view: ParticipantsView, batch: Batch, folder: Path) -> BatchDialog:
    qtbot.mouseClick(view.batch_button, Qt.MouseButton.LeftButton)
    dialog = view.batch_button.dialog
    assert isinstance(dialog, BatchDialog) and dialog.isVisible()
    dialog.choices.organisation.setCurrentIndex(
        dialog.choices.organisation.findData(batch.job_centre_id)
    )
    dialog.choose_folder = lambda: str(folder)  # type: ignore[method-assign]
    return dialog


def _select_all_but_one(qtbot: QtBot, view: ParticipantsView, left_out: int) -> list[int]:
    """Click the first row, Shift+Down to the last, Ctrl+click one row off again."""
    _click_row(qtbot, view, 0)
    for _ in range(view.model.rowCount() - 1):
        qtbot.keyClick(view.table, Qt.Key.Key_Down, SHIFT)
    _click_row(qtbot, view, _row_of(view, left_out), CTRL)
    return view.selected_ids()


def _gate_second_save(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Hold the batch before its second save until the returned event is set."""
    original, calls, go_on = BatchRun._save, [0], threading.Event()

    def gated(self, prepared, rendered) -> None:  # type: ignore[no-untyped-def]
        calls[0] += 1
        if calls[0] == 2:
            go_on.wait(timeout=BATCH_TIMEOUT_MS / 1000)
        original(self, prepared, rendered)

    monkeypatch.setattr(BatchRun, "_save", gated)
    return go_on


def test_selected_rows_preview_enter_makes_the_included_documents(
    services, view, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services)
    view.refresh()
    left_out = batch.included[-1]
    chosen = _select_all_but_one(qtbot, view, left_out)
    assert sorted(chosen) == sorted(set(batch.all_ids) - {left_out})
    assert not view.archive_button.isEnabled()  # archiving takes one at a time
    dialog = _open(qtbot, view, batch, tmp_path)
    model = dialog.model
    assert [model.row_at(r).entry.participant_id for r in range(model.rowCount())] == chosen
    states = {model.row_at(r).entry.participant_id: model.index(r, STATE).data() for r in range(5)}
    assert states[batch.no_consent[0]] == "Skipped" and states[batch.included[0]] == "Included"
    row = chosen.index(batch.no_consent[0])
    assert "no personal data" in model.index(row, NOTE).data()
    assert "3 participants get a document for Jobcenter Musterstadt." in dialog.summary.text()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=BATCH_TIMEOUT_MS)
    result = dialog.result
    assert [d.entry.participant_id for d in result.saved] == [
        p for p in chosen if p in batch.included
    ]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_file()) == sorted(
        d.path.name for d in result.saved
    )
    for doc in result.saved:
        pid = doc.entry.participant_id
        assert check_document(doc.path, pid) == doc.sha256
        assert [h.sha256 for h in services.exports.history(pid)] == [doc.sha256]
        assert name_of(pid) not in doc.path.name
        row = chosen.index(pid)
        assert model.index(row, STATE).data() == "Saved"
        assert model.index(row, NOTE).data() == doc.path.name
    assert services.exports.history(left_out) == []
    assert "3 documents were signed and saved" in dialog.summary.text()
    assert not dialog.make_button.isVisible()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.batch_button.dialog is None)


def test_cancel_during_progress_keeps_only_complete_registered_files(
    services, view, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services, included=8, no_consent=0, nothing_recorded=0)
    view.refresh()
    go_on = _gate_second_save(monkeypatch)
    dialog = _open(qtbot, view, batch, tmp_path)
    dialog.choices.who_active.click()  # all active participants of the job centre
    assert dialog.model.rowCount() == 8
    qtbot.mouseClick(dialog.make_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.progress.value() == 1, timeout=BATCH_TIMEOUT_MS)
    assert dialog.progress.isVisible() and dialog.close_button.text() == "Cancel"
    qtbot.mouseClick(dialog.close_button, Qt.MouseButton.LeftButton)
    go_on.set()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=BATCH_TIMEOUT_MS)
    result = dialog.result
    assert result.cancelled and 1 <= len(result.saved) <= 2 and result.not_made
    assert leftovers(tmp_path) == []
    files = sorted(p.name for p in tmp_path.iterdir() if p.is_file())
    assert files == sorted(d.path.name for d in result.saved)
    registered = [h.sha256 for pid in batch.included for h in services.exports.history(pid)]
    assert sorted(registered) == sorted(d.sha256 for d in result.saved)
    for doc in result.saved:
        check_document(doc.path, doc.entry.participant_id)
    assert "documents were not made" in dialog.summary.text()
    assert dialog.isVisible() and dialog.close_button.text() == "Close"


def test_esc_during_progress_cancels_and_keeps_the_dialog_open(
    services, view, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services, included=6, no_consent=0, nothing_recorded=0)
    view.refresh()
    go_on = _gate_second_save(monkeypatch)
    dialog = _open(qtbot, view, batch, tmp_path)
    dialog.choices.who_active.click()
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: dialog.progress.value() == 1, timeout=BATCH_TIMEOUT_MS)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.isVisible() and dialog.job is not None and dialog.job.stop.is_set()
    go_on.set()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=BATCH_TIMEOUT_MS)
    assert dialog.result.cancelled and leftovers(tmp_path) == []
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.batch_button.dialog is None)


def test_a_read_only_folder_says_why_and_registers_nothing(services, view, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services)
    view.refresh()
    with read_only_folder(tmp_path) as folder:
        dialog = _open(qtbot, view, batch, folder)
        dialog.choices.who_active.click()
        qtbot.keyClick(dialog, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: dialog.result is not None, timeout=BATCH_TIMEOUT_MS)
        assert list(folder.iterdir()) == []
    assert READ_ONLY in dialog.summary.text()
    assert "No document was saved." in dialog.summary.text()
    assert all(services.exports.history(pid) == [] for pid in batch.all_ids)


def test_without_a_selection_the_dialog_offers_the_recipients_active_participants(
    services, view, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    batch = seed_batch(services)
    view.refresh()
    dialog = _open(qtbot, view, batch, tmp_path)
    assert not dialog.choices.who_selected.isEnabled() and dialog.choices.who_active.isChecked()
    assert dialog.model.rowCount() == len(batch.all_ids)
    dialog.choices.document.setCurrentIndex(dialog.choices.document.findData("exit_handover"))
    # Nobody has an exit handover recorded: nothing to make, and the button says so.
    assert not dialog.make_button.isEnabled()
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.batch_button.dialog is None)
