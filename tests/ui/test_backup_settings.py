"""Settings > Backups: back up off the UI thread, restore through the unlock screen, checks,
automatic generations on unlock and on closing, and a damaged vault restored from a backup."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QInputDialog, QLineEdit, QMessageBox

from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.backup.automatic import FAILURE_KEY, GENERATIONS_KEY
from coachdesk.ui.backup.jobs import wait_for_backups
from coachdesk.ui.backup.page import BackupsGroup
from coachdesk.ui.shell.app import AppController
from coachdesk.ui.shell.main_window import SETTINGS
from coachdesk.ui.unlock.screen import UnlockWindow
from coachdesk.vault.backup import verify_backup
from coachdesk.vault.generations import automatic_backup, automatic_backup_folder, list_backups
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.ui.shell_support import (
    UNLOCK_TIMEOUT_MS,
    running_controller,
    type_passphrase,
    type_text,
    unlock,
    when_modal_appears,
)


@pytest.fixture
def controller(qapp, tmp_path: Path) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    with running_controller(tmp_path) as c:
        yield c


def _settings(tmp_path: Path) -> QSettings:
    return QSettings(str(tmp_path / "group.ini"), QSettings.Format.IniFormat)


def test_back_up_now_runs_off_the_ui_thread_with_progress(qtbot, vault, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    services.participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
    group = BackupsGroup(services, vault, _settings(tmp_path))
    qtbot.addWidget(group)
    group.show()
    seen: list[tuple[int, int]] = []
    threads: set[int] = set()

    def record(done: int, total: int) -> None:
        seen.append((done, total))
        threads.add(threading.get_ident())

    usb = tmp_path / "usb stick"
    usb.mkdir()
    group.back_up_to(usb)
    assert group.job is not None
    group.job.signals.progressed.connect(record, Qt.ConnectionType.DirectConnection)
    assert not group.backup_button.isEnabled() and group.progress.isVisible()
    qtbot.waitUntil(lambda: group.job is None, timeout=10000)

    assert group.backup_button.isEnabled() and not group.progress.isVisible()
    files = list(usb.glob("*.cdbackup"))
    assert len(files) == 1
    assert group.message.text() == f"Backup written and checked: {files[0]}"
    assert verify_backup(files[0], PASSPHRASE).counts["participant"] == 1
    assert threading.get_ident() not in threads  # progress came from the worker
    if seen:
        assert seen[-1][0] == seen[-1][1]
    assert [e.action for e in services.audit.entries(action="backup")] == ["backup"]


def test_a_backup_that_cannot_be_written_says_why(qtbot, vault, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    group = BackupsGroup(services, vault, _settings(tmp_path))
    qtbot.addWidget(group)
    group.back_up_to(vault.path / "inside")
    qtbot.waitUntil(lambda: group.job is None, timeout=10000)
    assert group.message.text() == (
        f"Not saved: {vault.path / 'inside'} is inside the vault folder {vault.path}. "
        "Please save it outside the vault folder."
    )


def test_check_generations_and_list(qtbot, vault, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = _settings(tmp_path)
    automatic_backup(vault)
    automatic_backup(vault)
    group = BackupsGroup(services, vault, settings)
    qtbot.addWidget(group)
    assert group.keep.value() == 7
    assert group.model.rowCount() == 2
    assert group.model.index(0, group.model.KIND).data() == "automatic"
    assert group.model.index(0, group.model.SIZE).data().endswith(("KB", "MB"))
    group.keep.setValue(3)
    assert int(settings.value(GENERATIONS_KEY)) == 3

    group.check_vault()
    qtbot.waitUntil(lambda: group.job is None, timeout=10000)
    assert "good order" in group.message.text()


def test_restore_from_settings(controller, vault_path, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    services = controller.services
    services.participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
    window.show_view(SETTINGS)
    group = window.settings_view.backups
    usb = tmp_path / "usb"
    usb.mkdir()
    # The automatic backup due at unlock runs first; "Back up now" meanwhile says to wait.
    qtbot.waitUntil(lambda: controller.auto_backups.job is None, timeout=15000)
    wait_for_backups()
    monkeypatch.setattr(  # the folder she picks in the file dialog
        QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(usb))
    )
    qtbot.mouseClick(group.backup_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: group.job is None, timeout=10000)
    backup_file = next(usb.glob("*.cdbackup"))
    assert group.message.text().startswith("Backup written and checked")
    logged = [e.action for e in services.audit.entries() if e.entity == "vault"]
    assert logged == ["backup", "automatic_backup"]  # newest first
    services.participants.create(ParticipantDraft("Later", "Person"))

    secrets = ["not the passphrase", PASSPHRASE]
    prompts: list[str] = []

    def answer(dialog) -> None:  # type: ignore[no-untyped-def]
        if isinstance(dialog, QInputDialog):
            prompts.append(dialog.labelText())
            dialog.setTextValue(secrets.pop(0))
            dialog.accept()
            when_modal_appears(answer if secrets else confirm)

    def confirm(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        assert "It holds 1 participant." in box.text()
        restore = next(b for b in box.buttons() if b.text() == "Restore")
        restore.click()

    when_modal_appears(answer)
    group.restore_from(backup_file)
    qtbot.waitUntil(lambda: controller.vault is None, timeout=15000)
    assert prompts[1].startswith("Neither the passphrase nor the recovery code fits")

    assert controller.vault is None and controller.main_window is None
    screen = controller.unlock_window
    assert screen is not None and screen.isVisible()
    # The backup is copied back off the UI thread; Unlock waits for it.
    qtbot.waitUntil(lambda: "was restored" in screen.notice.text(), timeout=15000)
    assert screen.unlock_button.isEnabled()
    kept = list(vault_path.parent.glob("vault.before-restore-*"))
    assert len(kept) == 1 and str(kept[0]) in screen.notice.text()

    type_passphrase(controller, qtbot)
    restored = controller.services
    assert [p.display_name for p in restored.participants.list()] == ["Ayşe Yılmaz"]
    assert [e.action for e in restored.audit.entries(action="restore")] == ["restore"]


def test_auto_backups_on_unlock_and_closing(qapp, vault_path, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    folder = automatic_backup_folder(vault_path)
    with running_controller(tmp_path) as controller:
        controller.settings.setValue(GENERATIONS_KEY, 2)
        unlock(controller, vault_path, qtbot)
        qtbot.waitUntil(lambda: controller.auto_backups.job is None, timeout=10000)
        wait_for_backups()
        assert len(list_backups(folder)) == 1  # none yet: due at once
        controller.auto_backups.run_now(controller.vault)
        controller.auto_backups.run_now(controller.vault)
    assert len(list_backups(folder)) == 2  # a third at closing, the oldest pruned
    assert all(b.automatic for b in list_backups(folder))
    with Vault.open(vault_path, PASSPHRASE):  # closing released the vault
        pass


def test_failed_auto_backup_never_blocks_closing(qapp, vault_path, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    automatic_backup_folder(vault_path).write_text("not a folder")
    with running_controller(tmp_path) as controller:
        unlock(controller, vault_path, qtbot)
        qtbot.waitUntil(lambda: controller.auto_backups.job is None, timeout=10000)
        controller.settings.remove(FAILURE_KEY)
        vault = controller.vault
        controller.shutdown()
        assert vault.is_locked
        failure = str(controller.settings.value(FAILURE_KEY))
        assert failure.startswith("The automatic backup failed")

        # The folder is put right; the next start tells her of the failure once.
        automatic_backup_folder(vault_path).unlink()
        automatic_backup_folder(vault_path).mkdir()
        unlock(controller, vault_path, qtbot)
        boxes = [w for w in QApplication.topLevelWidgets() if w.objectName() == "backup_failure"]
        assert boxes and boxes[0].isVisible() and boxes[0].text() == failure
        # (Waited for: the backup due at this start, which could fail again under load and
        # record a new failure before the check, made this test flaky.)
        qtbot.waitUntil(lambda: controller.auto_backups.job is None, timeout=10000)
        assert controller.settings.value(FAILURE_KEY) is None


def test_damaged_vault_offers_the_newest_good_backup(qtbot, vault_path, tmp_path) -> None:  # type: ignore[no-untyped-def]
    with Vault.open(vault_path, PASSPHRASE) as vault:
        from coachdesk.facade import Services

        Services(vault.sessions).participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
        automatic_backup(vault)
    db = vault_path / "vault.db"
    damaged = bytearray(db.read_bytes())
    damaged[:4096] = bytes(4096)
    db.write_bytes(bytes(damaged))

    screen = UnlockWindow(vault_path)
    qtbot.addWidget(screen)
    screen.show()
    type_text(qtbot, screen.passphrase, PASSPHRASE)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    offer = screen.damaged
    qtbot.waitUntil(lambda: offer.restore_button.isVisible(), timeout=UNLOCK_TIMEOUT_MS)
    assert offer.isVisible()
    assert offer.restore_button.text().startswith("Restore the newest good backup (")

    with qtbot.waitSignal(screen.restored, timeout=UNLOCK_TIMEOUT_MS):
        qtbot.mouseClick(offer.restore_button, Qt.MouseButton.LeftButton)
    assert not offer.isVisible() and screen.error.text() == ""
    kept = list(vault_path.parent.glob("vault.before-restore-*"))
    assert len(kept) == 1
    assert (kept[0] / "vault.db").read_bytes() == bytes(damaged)  # kept, never overwritten
    assert "The damaged vault is kept at" in screen.notice.text()

    with qtbot.waitSignal(screen.unlocked, timeout=UNLOCK_TIMEOUT_MS) as opened:
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    vault = opened.args[0]
    try:
        from coachdesk.facade import Services

        assert Services(vault.sessions).participants.count() == 1
    finally:
        vault.lock()


def test_damaged_vault_without_backups_says_so(qtbot, vault_path) -> None:  # type: ignore[no-untyped-def]
    (vault_path / "vault.db").write_bytes(bytes(8192))
    screen = UnlockWindow(vault_path)
    qtbot.addWidget(screen)
    screen.show()
    type_text(qtbot, screen.passphrase, PASSPHRASE)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(screen.damaged.text.text()), timeout=UNLOCK_TIMEOUT_MS)
    assert screen.damaged.isVisible() and not screen.damaged.restore_button.isVisible()
    assert screen.damaged.text.text().startswith("No good automatic backup was found")
    assert isinstance(screen.passphrase, QLineEdit)


def test_lock_waits_for_a_running_backup(controller, vault_path, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    qtbot.waitUntil(lambda: controller.auto_backups.job is None, timeout=10000)
    vault = controller.vault
    window.show_view(SETTINGS)
    usb = tmp_path / "usb"
    usb.mkdir()
    window.settings_view.backups.back_up_to(usb)
    window.lock_action.trigger()
    assert vault.is_locked
    qtbot.wait(50)  # the backup's result arrives after the lock: no error, nothing half done
    files = list(usb.glob("*.cdbackup"))
    assert len(files) == 1 and verify_backup(files[0], PASSPHRASE).counts["participant"] == 0
