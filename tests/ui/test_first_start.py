"""First start and unlock: a checked passphrase, the recovery code shown once, clear errors."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt

from coachdesk.facade import Services
from coachdesk.ui.unlock.demo_vault import DEMO_PASSPHRASE
from coachdesk.ui.unlock.recovery_sheet import write_recovery_sheet
from coachdesk.ui.unlock.screen import UnlockWindow
from coachdesk.ui.unlock.welcome import CREATE, RECOVERY, WelcomeWindow
from coachdesk.vault.errors import DamagedVaultError, VaultInUseError
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.ui.shell_support import type_text, when_modal_appears


def test_create_vault_then_confirm_recovery_code(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    welcome = WelcomeWindow(tmp_path / "data")
    qtbot.addWidget(welcome)
    welcome.show()
    qtbot.mouseClick(welcome.create_button, Qt.MouseButton.LeftButton)
    assert welcome.pages.currentIndex() == CREATE
    target = tmp_path / "my vault"
    welcome.folder.setText(str(target))

    fields = welcome.passphrase
    qtbot.keyClicks(fields.first, "passwort1234")
    assert fields.strength.value() == 0
    assert fields.reason.text() == "This passphrase is too common."
    qtbot.keyClicks(fields.second, "passwort1234")
    qtbot.mouseClick(welcome.confirm_create, Qt.MouseButton.LeftButton)
    assert welcome.create_error.text() == "This passphrase is too common."
    assert not Vault.exists(target)

    fields.clear()
    type_text(qtbot, fields.first, PASSPHRASE)
    type_text(qtbot, fields.second, PASSPHRASE[:-1])
    qtbot.mouseClick(welcome.confirm_create, Qt.MouseButton.LeftButton)
    assert welcome.create_error.text() == "The two passphrases are not the same."
    type_text(qtbot, fields.second, PASSPHRASE[-1])
    assert fields.strength.value() >= 3
    qtbot.mouseClick(welcome.confirm_create, Qt.MouseButton.LeftButton)

    assert welcome.pages.currentIndex() == RECOVERY
    code = welcome.recovery_label.text()
    assert code.count("\n") == 1 and len([c for c in code if c.isalnum()]) == 32
    assert not welcome.continue_button.isEnabled()
    assert fields.first.text() == ""  # the passphrase does not stay in the form
    welcome.confirm_written.setChecked(True)
    with qtbot.waitSignal(welcome.vault_opened) as opened:
        qtbot.mouseClick(welcome.continue_button, Qt.MouseButton.LeftButton)
    vault = opened.args[0]
    try:
        assert not vault.is_locked and vault.path == target
        assert welcome.recovery_label.text() == ""  # shown once, then gone
    finally:
        vault.lock()
    Vault.open_with_recovery_code(target, code).lock()


def test_existing_folder_that_is_no_vault_is_refused(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    welcome = WelcomeWindow(tmp_path)
    qtbot.addWidget(welcome)
    with qtbot.assertNotEmitted(welcome.open_requested):
        welcome.request_open(tmp_path)
    assert welcome.choice_error.text() == "This folder is not a CoachDesk vault."


def test_recovery_sheet_pdf_holds_the_code(qapp, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"
    target = tmp_path / "sheet.pdf"
    write_recovery_sheet(target, code, "vault")
    text = subprocess.run(
        ["pdftotext", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert code in text
    assert "CoachDesk recovery sheet" in text


def test_demo_vault_is_made_once_and_its_passphrase_shown(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    welcome = WelcomeWindow(tmp_path)
    qtbot.addWidget(welcome)
    shown: list[str] = []

    def read_and_close(box) -> None:  # type: ignore[no-untyped-def]
        shown.append(box.text())
        box.accept()

    watcher = when_modal_appears(read_and_close)
    with qtbot.waitSignal(welcome.vault_opened) as opened:
        qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
    watcher.stop()
    vault = opened.args[0]
    try:
        assert vault.path == tmp_path / "demo-vault"
        assert DEMO_PASSPHRASE in shown[0]
        assert Services(vault.sessions).participants.count() == 40
    finally:
        vault.lock()
    # The second time the existing demo vault is offered for unlocking.
    with qtbot.waitSignal(welcome.open_requested) as requested:
        welcome.open_demo()
    assert requested.args == [str(tmp_path / "demo-vault")]


def test_unlock_explains_a_vault_in_use_and_a_damaged_vault(qtbot, vault_path: Path) -> None:  # type: ignore[no-untyped-def]
    screen = UnlockWindow(vault_path)
    qtbot.addWidget(screen)
    with Vault.open(vault_path, PASSPHRASE):  # another CoachDesk has it open
        type_text(qtbot, screen.passphrase, PASSPHRASE)
        with qtbot.assertNotEmitted(screen.unlocked):
            qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
        assert screen.error.text() == str(VaultInUseError())

    db = vault_path / "vault.db"
    data = bytearray(db.read_bytes())
    data[:4096] = bytes(4096)  # the first page is gone
    db.write_bytes(bytes(data))
    with qtbot.assertNotEmitted(screen.unlocked):
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    assert screen.error.text() == str(DamagedVaultError())
    assert "Restore your newest backup" in screen.error.text()
