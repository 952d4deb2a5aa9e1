"""Erasure from Today and Settings, the retention period, the passphrase change in the audit
log, and the crash hook that shows a plain message and logs no personal data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QApplication, QMessageBox

from coachdesk.models.enums import ParticipantStatus
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.backup.automatic import remember_manual_backup
from coachdesk.ui.settings.erasure_confirm import TypedConfirmation
from coachdesk.ui.settings.erasure_dialog import ErasureDialog
from coachdesk.ui.shell import crash
from coachdesk.ui.shell.app import AppController
from coachdesk.ui.shell.main_window import SETTINGS, TODAY
from coachdesk.vault.backup import backup
from coachdesk.vault.generations import automatic_backup_folder, list_backups
from tests.conftest import PASSPHRASE
from tests.ui.shell_support import (
    UNLOCK_TIMEOUT_MS,
    running_controller,
    unlock,
    visible_texts,
    when_modal_appears,
)


@pytest.fixture
def controller(qapp, tmp_path: Path) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    with running_controller(tmp_path) as c:
        yield c


def _due_person(services) -> int:  # type: ignore[no-untyped-def]
    draft = ParticipantDraft(
        "Ayşe", "Yılmaz", status=ParticipantStatus.EXITED, exit_date=dt.date(2022, 1, 10)
    )
    return services.participants.create(draft).id


def _erasure_dialog(window) -> ErasureDialog:  # type: ignore[no-untyped-def]
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, ErasureDialog)]
    assert len(dialogs) == 1 and dialogs[0].isVisible()
    return dialogs[0]


def test_erase_from_today_names_backups(controller, vault_path, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    services = controller.services
    her = _due_person(services)
    qtbot.waitUntil(lambda: controller.auto_backups.job is None, timeout=10000)  # at unlock
    usb = tmp_path / "usb"
    usb.mkdir()
    by_hand = backup(controller.vault, usb).path
    remember_manual_backup(controller.settings, by_hand)
    window.open_participant(her)
    assert window.files[her].isVisible()

    window.show_view(TODAY)
    today = window.today
    qtbot.waitUntil(today.erasure_button.isVisible, timeout=3000)
    qtbot.mouseClick(today.erasure_button, Qt.MouseButton.LeftButton)
    dialog = _erasure_dialog(window)
    assert dialog.model.rowCount() == 1
    assert dialog.model.index(0, dialog.model.NAME).data() == "Ayşe Yılmaz"

    def refuse_then_confirm(confirm) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(confirm, TypedConfirmation)
        confirm.word.setText("yes")
        assert not confirm.ok.isEnabled()
        confirm.word.setText("erase")
        assert confirm.ok.isEnabled()
        confirm.ok.click()

    timer = when_modal_appears(refuse_then_confirm)
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    timer.stop()

    assert services.participants.count() == 0
    assert her not in window.files
    assert dialog.model.rowCount() == 0 and not dialog.erase_button.isEnabled()
    text = dialog.message.text()
    assert text.startswith("Erased. Nothing of her is left in the vault.")
    auto = [b.path for b in list_backups(automatic_backup_folder(vault_path))]
    assert len(auto) == 1 and str(auto[0]) in text
    assert f"delete them yourself:\n  {by_hand}" in text
    qtbot.waitUntil(lambda: not any("Yılmaz" in t for t in visible_texts()), timeout=3000)

    def yes(box) -> None:  # type: ignore[no-untyped-def]
        box.button(QMessageBox.StandardButton.Yes).click()

    timer = when_modal_appears(yes)
    qtbot.mouseClick(dialog.delete_button, Qt.MouseButton.LeftButton)
    timer.stop()
    assert not auto[0].exists() and by_hand.exists()  # hers to delete, not CoachDesk's
    assert dialog.message.text().startswith("Deleted.")
    assert not dialog.delete_button.isVisible()


def test_settings_retention_period_and_erasure_list(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    window.show_view(SETTINGS)
    group = window.settings_view.retention
    assert group.months.value() == 36
    group.months.setValue(12)
    qtbot.mouseClick(group.save_button, Qt.MouseButton.LeftButton)
    assert controller.services.settings.retention_months() == 12
    assert group.message.text() == "Saved."
    qtbot.mouseClick(group.due_button, Qt.MouseButton.LeftButton)
    dialog = _erasure_dialog(window)
    assert dialog.model.rowCount() == 0 and not dialog.erase_button.isEnabled()
    window.lock_action.trigger()  # locking closes the list too
    assert not dialog.isVisible()


def test_passphrase_change_is_in_the_audit_log(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    window.show_view(SETTINGS)
    view = window.settings_view
    view.old_passphrase.setText(PASSPHRASE)
    new = "Neue Passphrase im Gemeindezentrum 7?"
    view.new_passphrase.first.setText(new)
    view.new_passphrase.second.setText(new)
    qtbot.mouseClick(view.passphrase_button, Qt.MouseButton.LeftButton)
    assert not view.passphrase_button.isEnabled()  # two keys are derived off the UI thread
    qtbot.waitUntil(lambda: view.passphrase_button.isEnabled(), timeout=UNLOCK_TIMEOUT_MS)
    assert view.passphrase_message.text().startswith("The passphrase was changed")
    entries = controller.services.audit.entries(action="passphrase_change")
    assert len(entries) == 1
    assert PASSPHRASE not in str(entries[0].details) and new not in str(entries[0].details)


class _Raiser(QObject):
    fire = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.fire.connect(self.slot)

    def slot(self) -> None:
        raise ValueError("Ayşe Yılmaz MARKER-4711 phone 0171")


@pytest.mark.qt_no_exception_capture
def test_crash_hook_shows_a_plain_message_and_logs_no_personal_data(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sys
    import threading

    before = (sys.excepthook, threading.excepthook)
    shown: list[str] = []
    handler = crash.install(tmp_path / "logs")
    try:

        def read_and_close(box) -> None:  # type: ignore[no-untyped-def]
            shown.append(box.text())
            box.accept()

        timer = when_modal_appears(read_and_close)
        raiser = _Raiser()
        raiser.fire.emit()
        qtbot.waitUntil(lambda: bool(shown), timeout=5000)
        timer.stop()

        thread = threading.Thread(target=raiser.slot)
        thread.start()
        thread.join()
        timer = when_modal_appears(read_and_close)
        qtbot.waitUntil(lambda: len(shown) == 2, timeout=5000)
        timer.stop()
    finally:
        sys.excepthook, threading.excepthook = before

    assert shown[0] == crash.plain_message() == shown[1]
    assert shown[0].startswith("Something went wrong. Your saved data is safe.")
    log = handler.last_log
    assert log is not None and log.parent == tmp_path / "logs"
    text = log.read_text(encoding="utf-8")
    assert "ValueError" in text and "test_erasure_and_crash.py" in text and "in slot" in text
    for secret in ("MARKER-4711", "Ayşe", "Yılmaz", "0171"):
        assert secret not in text
