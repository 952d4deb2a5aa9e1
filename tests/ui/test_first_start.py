"""First start and unlock: a checked passphrase, the recovery code shown once, clear errors."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt

from coachdesk.facade import Services
from coachdesk.ui.unlock.demo_vault import DEMO_PASSPHRASE
from coachdesk.ui.unlock.screen import UnlockWindow
from coachdesk.ui.unlock.welcome import CREATE, PROFILE, RECOVERY, WelcomeWindow
from coachdesk.vault.errors import DamagedVaultError, VaultInUseError
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.ui.shell_support import UNLOCK_TIMEOUT_MS, type_text, when_modal_appears


def test_create_vault_then_confirm_recovery_code(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    welcome = WelcomeWindow(tmp_path / "data")
    qtbot.addWidget(welcome)
    welcome.show()
    welcome.activateWindow()
    qtbot.waitActive(welcome)
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
    qtbot.keyClick(fields.second, Qt.Key.Key_Return)  # Enter creates it, as in a dialog
    # Two keys are derived off the UI thread; she cannot press Create twice meanwhile.
    assert not welcome.confirm_create.isEnabled() and welcome.create_busy.isVisible()
    qtbot.waitUntil(lambda: welcome.pages.currentIndex() == RECOVERY, timeout=UNLOCK_TIMEOUT_MS)
    assert welcome.confirm_create.isEnabled() and not welcome.create_busy.isVisible()
    page = welcome.recovery
    code = page.recovery_label.text()
    assert code.count("\n") == 1 and len([c for c in code if c.isalnum()]) == 32
    assert not page.continue_button.isEnabled()
    assert fields.first.text() == ""  # the passphrase does not stay in the form
    page.save_sheet_to(target / "sheet.pdf")  # the file dialog's answer
    assert page.sheet_message.text().endswith(
        "is inside the vault folder " + str(target.resolve()) + ". "
        "Please save it outside the vault folder."
    )
    page.save_sheet_to(tmp_path / "sheet.pdf")
    assert (tmp_path / "sheet.pdf").stat().st_size > 0
    assert page.sheet_message.text().startswith("Saved as ")
    qtbot.mouseClick(page.confirm_written, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.continue_button, Qt.MouseButton.LeftButton)
    assert page.recovery_label.text() == ""  # shown once, then gone
    assert page.sheet_message.text() == ""

    # Who signs: asked now, so the first document just works.
    assert welcome.pages.currentIndex() == PROFILE
    profile = welcome.profile.fields
    assert welcome.focusWidget() is profile.coach_name
    qtbot.keyClick(profile.coach_name, Qt.Key.Key_Return)
    assert profile.rows.fields["coach_name"].error_label.text() == (  # type: ignore[attr-defined]
        "Please enter your name: it goes on every document you sign."
    )
    type_text(qtbot, profile.coach_name, "Miriam Löwe")
    assert not profile.rows.fields["coach_name"].error_label.isVisible()  # type: ignore[attr-defined]
    qtbot.keyClick(profile.coach_name, Qt.Key.Key_Tab)
    qtbot.keyClicks(welcome.focusWidget(), "Frauen in Arbeit e. V.")
    with qtbot.waitSignal(welcome.vault_opened) as opened:
        qtbot.keyClick(welcome.focusWidget(), Qt.Key.Key_Return)
    vault = opened.args[0]
    try:
        assert not vault.is_locked and vault.path == target
        settings = Services(vault.sessions).settings
        assert (settings.coach_name(), settings.organisation_name()) == (
            "Miriam Löwe",
            "Frauen in Arbeit e. V.",
        )
    finally:
        vault.lock()
    Vault.open_with_recovery_code(target, code).lock()


def test_existing_folder_that_is_no_vault_is_refused(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    welcome = WelcomeWindow(tmp_path)
    qtbot.addWidget(welcome)
    with qtbot.assertNotEmitted(welcome.open_requested):
        welcome.request_open(tmp_path)
    assert welcome.choice_error.text() == "This folder is not a CoachDesk vault."


def test_demo_vault_is_made_once_and_its_passphrase_shown(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    welcome = WelcomeWindow(tmp_path)
    qtbot.addWidget(welcome)
    shown: list[str] = []

    def read_and_close(box) -> None:  # type: ignore[no-untyped-def]
        shown.append(box.text())
        box.accept()

    watcher = when_modal_appears(read_and_close)
    with qtbot.waitSignal(welcome.vault_opened, timeout=UNLOCK_TIMEOUT_MS) as opened:
        qtbot.mouseClick(welcome.demo_button, Qt.MouseButton.LeftButton)
        assert not welcome.demo_button.isEnabled()  # made off the UI thread
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
            qtbot.waitUntil(lambda: bool(screen.error.text()), timeout=UNLOCK_TIMEOUT_MS)
        assert screen.error.text() == str(VaultInUseError())

    db = vault_path / "vault.db"
    data = bytearray(db.read_bytes())
    data[:4096] = bytes(4096)  # the first page is gone
    db.write_bytes(bytes(data))
    with qtbot.assertNotEmitted(screen.unlocked):
        qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(screen.error.text()), timeout=UNLOCK_TIMEOUT_MS)
    assert screen.error.text() == str(DamagedVaultError())
    assert "Restore your newest backup" in screen.error.text()
