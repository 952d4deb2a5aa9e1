"""The export dialog and history, offscreen with real widgets on a real vault."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from coachdesk.documents.signing import verify
from coachdesk.export.preview import DocumentType
from coachdesk.models import Meeting
from coachdesk.models.enums import DataCategory as C
from coachdesk.ui.export.dialog import ExportDialog
from coachdesk.ui.export.history import ExportHistoryView
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.vault.errors import READ_ONLY
from tests.conftest import TODAY
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_saving import read_only_folder
from tests.unit.test_export_support import MARKERS, add_consent, seed

SAVE_TIMEOUT_MS = 30_000


@pytest.fixture
def ready(services, monkeypatch):  # type: ignore[no-untyped-def]
    services.settings.set_coach_name("Miriam Löwe")
    seeded = seed(services.ctx.sessions)
    add_consent(
        services.ctx.sessions,
        seeded.participant_id,
        {C.IDENTITY_CONTACT, C.GOALS_PROGRESS, C.MEETING_SUMMARIES},
        organisation_id=seeded.job_centre_id,
    )
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    return seeded


def _choose_file(monkeypatch, target) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )


def _dialog(qtbot, services, seeded) -> ExportDialog:  # type: ignore[no-untyped-def]
    dialog = ExportDialog(services, seeded.participant_id)
    qtbot.addWidget(dialog)
    dialog.organisation.setCurrentIndex(dialog.organisation.findData(seeded.job_centre_id))
    return dialog


def test_preview_sign_save_off_the_ui_thread_and_history(
    services, ready, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    services.subscribe(signals.publish)
    history = ExportHistoryView(services, signals, ready.participant_id)
    qtbot.addWidget(history)
    assert history.table.is_empty()

    dialog = _dialog(qtbot, services, ready)
    dialog.purpose.setText("Exit")
    dialog.update_preview()
    included = {dialog.included.item(r, 0).text() for r in range(dialog.included.rowCount())}
    assert included == {"Identity and contact", "Goals and progress", "Meeting summaries"}
    withheld = {
        dialog.withheld.item(r, 0).text(): dialog.withheld.item(r, 1).text()
        for r in range(dialog.withheld.rowCount())
    }
    assert withheld["Health"] == "no consent for this category"
    assert withheld["Internal notes"] == "internal note – never exported"
    # No certificate yet: signing waits until the coach creates one.
    assert not dialog.sign_button.isEnabled()
    dialog.create_identity_button.click()
    assert dialog.sign_button.isEnabled()
    if os.environ.get("COACHDESK_SCREENSHOTS"):
        dialog.show()
        dialog.grab().save(os.environ["COACHDESK_SCREENSHOTS"] + "/export_dialog.png")

    target = tmp_path / "handover.pdf"
    _choose_file(monkeypatch, target)
    threads: list[threading.Thread] = []
    real_export_to = dialog.exports.export_to

    def observed(*args, **kwargs):  # type: ignore[no-untyped-def]
        threads.append(threading.current_thread())
        return real_export_to(*args, **kwargs)

    monkeypatch.setattr(dialog.exports, "export_to", observed)
    dialog.show()
    with qtbot.waitSignal(dialog.document_saved, timeout=SAVE_TIMEOUT_MS) as saved:
        dialog.sign_button.click()
        # The click returns at once; the dialog shows it is working and cannot be closed.
        assert not dialog.progress.isHidden() and not dialog.sign_button.isEnabled()
        assert not dialog.document.isEnabled()
        dialog.reject()
        assert dialog.isVisible()
    assert saved.args == [target]
    assert threads and threads[0] is not threading.main_thread()
    assert dialog.saved_path == target and verify(target).intact
    assert not dialog.isVisible()  # accepted once saved

    qtbot.waitUntil(lambda: not history.table.is_empty())
    rows = history.table.model.rows()
    assert len(rows) == 1
    assert rows[0].sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
    assert rows[0].recipient_name == "Jobcenter Musterstadt"


def test_a_failed_save_says_not_saved_and_records_nothing(
    services, ready, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    dialog = _dialog(qtbot, services, ready)
    dialog.create_identity_button.click()
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda parent, title, text: shown.append(text))
    )
    with read_only_folder(tmp_path) as folder:
        _choose_file(monkeypatch, folder / "handover.pdf")
        with qtbot.waitSignal(dialog.job_ended, timeout=SAVE_TIMEOUT_MS):
            dialog.sign_button.click()
        assert list(folder.iterdir()) == []
    assert shown == [READ_ONLY]
    assert dialog.sign_button.isEnabled() and dialog.progress.isHidden()
    assert dialog.saved_path is None
    assert dialog.exports.history(ready.participant_id) == []


def test_meeting_summary_offers_her_meetings_latest_held_first(
    services, ready, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    with services.ctx.sessions.begin() as s:
        early = Meeting(
            participant_id=ready.participant_id,
            held_at=dt.datetime(2026, 1, 12, 9, 0),
            shared_summary="Earlymeetingmark",
        )
        planned = Meeting(
            participant_id=ready.participant_id,
            held_at=dt.datetime(2026, 4, 20, 9, 0),
            shared_summary="Plannedmeetingmark",
        )
        s.add_all([early, planned])
        s.flush()
        early_id = early.id
    dialog = _dialog(qtbot, services, ready)
    assert dialog.rows.is_row_visible("meeting_id") is False
    dialog.document.setCurrentIndex(dialog.document.findData(DocumentType.MEETING_SUMMARY))
    assert dialog.rows.is_row_visible("meeting_id")
    assert dialog.meeting.count() == 3
    # The default is the latest meeting already held (10 Feb), not the planned one in April.
    assert "2/10/26" in dialog.meeting.currentText()
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.meeting.setCurrentIndex(dialog.meeting.findData(early_id))
    dated = [dialog.included.item(r, 2).text() for r in range(dialog.included.rowCount())]
    assert any("1/12/26" in text for text in dated)
    assert not any("2/10/26" in text for text in dated)

    dialog.create_identity_button.click()
    target = tmp_path / "meeting.pdf"
    _choose_file(monkeypatch, target)
    with qtbot.waitSignal(dialog.document_saved, timeout=SAVE_TIMEOUT_MS):
        dialog.sign_button.click()
    text = pdftotext(target)
    assert "Earlymeetingmark" in text
    assert MARKERS[C.MEETING_SUMMARIES] not in text and "Plannedmeetingmark" not in text


def test_the_suggested_file_name_is_in_her_language_and_names_no_one(
    services, ready, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from coachdesk import i18n

    services.exports.create_identity()
    offered: list[str] = []

    def cancel(*args, **kwargs):  # type: ignore[no-untyped-def]
        offered.append(Path(args[2]).name)
        return "", ""  # she cancels: nothing is signed

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(cancel))
    i18n.set_language("de")
    dialog = _dialog(qtbot, services, ready)
    dialog.update_preview()
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    assert offered and offered[0].endswith(f"_{TODAY.isoformat()}.pdf")
    assert offered[0].startswith(i18n._("Exit handover").replace(" ", "-"))
    assert "exit" not in offered[0].lower() and "Yılmaz" not in offered[0]


def test_without_a_pdf_program_she_still_sees_the_document_to_print_it(
    services, ready, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.ui.viewer.viewer import DocumentViewer

    services.exports.create_identity()
    asked: list[object] = []
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: asked.append(url)))
    target = tmp_path / "handover.pdf"
    _choose_file(monkeypatch, target)
    dialog = _dialog(qtbot, services, ready)
    dialog.update_preview()
    assert dialog.open_after.isChecked()
    with qtbot.waitSignal(dialog.document_saved, timeout=SAVE_TIMEOUT_MS):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    # CoachDesk's own viewer shows the signed document: no PDF program is needed or asked.
    assert isinstance(dialog.viewer, DocumentViewer) and dialog.viewer.isVisible()
    assert dialog.viewer.bar.page_label.text().startswith("Page 1 of ")
    assert asked == [] and target.exists()
    dialog.viewer.close()


def test_an_exit_handover_for_someone_still_active_asks_before_signing(
    services, ready, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.models import Participant
    from coachdesk.models.enums import ParticipantStatus
    from tests.ui.shell_support import when_modal_appears

    with services.ctx.write() as s:  # she is back in the programme
        s.get(Participant, ready.participant_id).status = ParticipantStatus.ACTIVE
    services.exports.create_identity()
    target = tmp_path / "handover.pdf"
    _choose_file(monkeypatch, target)
    dialog = _dialog(qtbot, services, ready)
    dialog.update_preview()
    caution = dialog.pane.cautions.text()
    assert "still in the programme (status: Active)" in caution
    asked: list[str] = []

    def decline(box) -> None:  # type: ignore[no-untyped-def]
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.No).click()

    watcher = when_modal_appears(decline)
    qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    watcher.stop()
    assert asked and "Sign and save the document anyway?" in asked[0]
    assert not target.exists() and services.exports.history(ready.participant_id) == []
