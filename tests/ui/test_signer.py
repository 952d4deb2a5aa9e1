"""Ready to sign from the first document: asked her name once, her key made in the background."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from coachdesk.facade import Services
from coachdesk.ui.settings.profile_dialog import ProfileDialog
from coachdesk.ui.shell.app import AppController
from coachdesk.vault.store import Vault
from tests.conftest import COACH, ORGANISATION, PASSPHRASE
from tests.ui.shell_support import running_controller, type_text, unlock, when_modal_appears


@pytest.fixture
def controller(qapp, tmp_path: Path) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    with running_controller(tmp_path) as c:
        yield c


def forget_coach_name(vault_path: Path) -> None:
    """A vault made by ``coachdesk init``, which asks no name."""
    with Vault.open(vault_path, PASSPHRASE) as vault:
        Services(vault.sessions).settings.set_coach_name("")


def test_signing_key_is_made_after_unlock(
    controller: AppController, vault_path: Path, qtbot: QtBot
) -> None:
    unlock(controller, vault_path, qtbot)
    services = controller.services
    assert services is not None
    qtbot.waitUntil(lambda: services.exports.current_identity() is not None, timeout=20_000)
    identity = services.exports.current_identity()
    assert identity is not None and identity.subject_name == COACH


def test_a_vault_without_her_name_asks_once(
    controller: AppController, vault_path: Path, qtbot: QtBot
) -> None:
    forget_coach_name(vault_path)
    asked: list[str] = []

    def answer(dialog: ProfileDialog) -> None:
        asked.append(dialog.windowTitle())
        fields = dialog.fields
        assert dialog.focusWidget() is fields.coach_name
        assert fields.organisation_name.text() == ORGANISATION  # kept from before
        type_text(qtbot, fields.coach_name, "Miriam Löwe")
        qtbot.keyClick(fields.coach_name, Qt.Key.Key_Return)

    watcher = when_modal_appears(answer)
    unlock(controller, vault_path, qtbot)
    qtbot.waitUntil(lambda: bool(asked), timeout=10_000)
    watcher.stop()
    services = controller.services
    assert services is not None
    assert asked == ["About you"]
    assert services.settings.coach_name() == "Miriam Löwe"
    assert services.settings.organisation_name() == ORGANISATION
    qtbot.waitUntil(lambda: services.exports.current_identity() is not None, timeout=20_000)
    identity = services.exports.current_identity()
    assert identity is not None and identity.subject_name == "Miriam Löwe"
