"""Slow work off the UI thread: the window says it is busy, takes no second start, lets go of
secrets, and closing or locking waits for the work instead of cutting it off."""

from __future__ import annotations

import gc
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QWidget

from coachdesk.ui.shell.app import AppController
from coachdesk.ui.shell.busy import BackgroundCall, BusyNote, wait_for_calls
from coachdesk.ui.shell.main_window import SETTINGS
from coachdesk.ui.unlock.screen import UnlockWindow
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE
from tests.ui.shell_support import UNLOCK_TIMEOUT_MS, running_controller, type_text, unlock


@pytest.fixture
def controller(qapp, tmp_path: Path) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    with running_controller(tmp_path) as c:
        yield c


class Secret:
    """Stands for a passphrase: something the call's closure holds."""


def test_a_call_disables_its_controls_and_lets_go_of_its_closure(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    button, note = QPushButton(owner), BusyNote(owner)
    owner.show()
    call = BackgroundCall(owner, (button,), note)
    release = threading.Event()
    secret = Secret()
    seen = weakref.ref(secret)
    results: list[object] = []

    def work(held: Secret = secret) -> str:
        release.wait(10)
        return "done"

    assert call.start(work, "Working…", results.append)
    del work, secret
    assert not button.isEnabled() and note.isVisible() and note.label.text() == "Working…"
    assert not call.start(lambda: "again", "Again…", results.append)  # one at a time
    release.set()
    qtbot.waitUntil(lambda: results == ["done"], timeout=UNLOCK_TIMEOUT_MS)
    assert button.isEnabled() and not note.isVisible() and not call.running
    gc.collect()
    assert seen() is None  # nothing keeps what the work held


def test_settle_hands_back_the_outcome_when_closing(qtbot) -> None:  # type: ignore[no-untyped-def]
    owner = QWidget()
    qtbot.addWidget(owner)
    call = BackgroundCall(owner)
    reported: list[object] = []
    call.start(lambda: 42, "", reported.append)
    assert call.settle() == (True, 42)
    qtbot.wait(50)
    assert reported == [] and not call.running  # the late signal reports nothing
    assert call.settle() is None


def test_closing_the_unlock_window_while_unlocking_closes_the_vault(qtbot, vault_path) -> None:  # type: ignore[no-untyped-def]
    screen = UnlockWindow(vault_path)
    qtbot.addWidget(screen)
    screen.show()
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    opened: list[object] = []
    screen.unlocked.connect(opened.append)
    type_text(qtbot, screen.passphrase, PASSPHRASE)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert screen.call.running
    # She quits (Ctrl+Q) while the key is derived; the field she typed in waits, disabled.
    qtbot.keyClick(
        screen.focusWidget() or screen, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier
    )
    assert not screen.isVisible() and not screen.call.running
    qtbot.wait(50)
    assert opened == []
    with Vault.open(vault_path, PASSPHRASE):  # closed and released, not left open
        pass


def test_a_certificate_is_made_off_the_ui_thread(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    qtbot.waitUntil(lambda: controller.signer.job is None, timeout=UNLOCK_TIMEOUT_MS)
    window.show_view(SETTINGS)
    documents = window.settings_view.documents
    # The key made after unlock is replaced (she confirms); the new one is made in the background.
    documents._replaces_current = lambda: True  # type: ignore[method-assign]
    before = documents.certificate.text()
    qtbot.mouseClick(documents.create_button, Qt.MouseButton.LeftButton)
    assert not documents.create_button.isEnabled() and documents.busy.isVisible()
    qtbot.waitUntil(lambda: documents.create_button.isEnabled(), timeout=UNLOCK_TIMEOUT_MS)
    assert documents.message.text() == "Certificate created for Test Coach."
    assert documents.certificate.text() != before and "Test Coach" in documents.certificate.text()


def test_locking_waits_for_a_passphrase_change(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    window.show_view(SETTINGS)
    view = window.settings_view
    new = "Neue Passphrase im Gemeindezentrum 7?"
    view.old_passphrase.setText(PASSPHRASE)
    view.new_passphrase.first.setText(new)
    view.new_passphrase.second.setText(new)
    qtbot.mouseClick(view.passphrase_button, Qt.MouseButton.LeftButton)
    assert view.passphrase_call.running
    window.lock_action.trigger()  # Ctrl+L at once: the new key slot is written to the end
    assert controller.vault is None and wait_for_calls(0)
    assert view.old_passphrase.text() == ""  # nothing typed stays after the lock
    with Vault.open(vault_path, new):
        pass
