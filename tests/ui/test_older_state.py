"""The unlock screen meets an older copy of the vault: she is asked, by keys and clicks.

Esc (or "Do not open") leaves the copy untouched and says so; "Continue with this older
state" opens it and the question does not come again.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QPushButton
from pytestqt.qtbot import QtBot

from coachdesk.facade import Services
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.unlock.screen import UnlockWindow
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.ui.shell_support import UNLOCK_TIMEOUT_MS, type_text, when_modal_appears


def older_copy_in_place(vault_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(vault_path, copy)
    with Vault.open(vault_path, PASSPHRASE) as vault:
        Services(vault.sessions).participants.create(ParticipantDraft("Olena", "Koval"))
    shutil.rmtree(vault_path)
    shutil.copytree(copy, vault_path)


def test_she_is_asked_before_an_older_state_opens(
    qtbot: QtBot, vault_path: Path, tmp_path: Path
) -> None:
    older_copy_in_place(vault_path, tmp_path)
    before = (vault_path / "vault.db").read_bytes()
    screen = UnlockWindow(vault_path)
    qtbot.addWidget(screen)
    screen.show()

    seen: list[str] = []

    def refuse(box: QMessageBox) -> None:
        seen.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Escape)

    timer = when_modal_appears(refuse)
    opened: list[object] = []
    screen.unlocked.connect(opened.append)
    type_text(qtbot, screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: bool(seen), timeout=UNLOCK_TIMEOUT_MS)
    timer.stop()
    assert "older than the one you last used" in seen[0]
    assert opened == []
    assert screen.error.text() == "The vault was not opened. Nothing was changed."
    assert (vault_path / "vault.db").read_bytes() == before

    def go_on(box: QMessageBox) -> None:
        button = next(
            b for b in box.findChildren(QPushButton) if b.text().startswith("Continue with")
        )
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    timer = when_modal_appears(go_on)
    with qtbot.waitSignal(screen.unlocked, timeout=UNLOCK_TIMEOUT_MS) as unlocked:
        type_text(qtbot, screen.passphrase, PASSPHRASE)
        qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    timer.stop()
    vault = unlocked.args[0]
    assert isinstance(vault, Vault) and vault.older_state is None
    vault.lock()
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert again.older_state is None


def test_she_reads_that_the_key_file_was_repaired(qtbot: QtBot, vault_path: Path) -> None:
    with Vault.open(vault_path, PASSPHRASE):
        pass  # the checked copy of the key slots is written beside them
    (vault_path / "keyslots.json").write_bytes(b'{"format": "coachdesk-keyslots", garbage')
    screen = UnlockWindow(vault_path)
    qtbot.addWidget(screen)
    screen.show()
    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    timer = when_modal_appears(read)
    with qtbot.waitSignal(screen.unlocked, timeout=UNLOCK_TIMEOUT_MS) as unlocked:
        type_text(qtbot, screen.passphrase, PASSPHRASE)
        qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    timer.stop()
    unlocked.args[0].lock()
    assert seen and "repaired the file" in seen[0]
    assert (vault_path / "keyslots.json").read_bytes().startswith(b"{")
    with Vault.open(vault_path, PASSPHRASE) as again:
        assert again.notices == ()
