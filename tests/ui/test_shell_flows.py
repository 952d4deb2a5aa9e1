"""The shell as a coach uses it: unlock, find a participant, Today, lock by hand and when idle."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from coachdesk.services.meetings import AgreementDraft, MeetingDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.programmes import ProgrammeDraft
from coachdesk.ui.shell.app import LAST_VAULT_KEY, AppController
from coachdesk.ui.shell.main_window import PARTICIPANTS
from coachdesk.ui.shell.main_window import TODAY as TODAY_VIEW
from coachdesk.ui.today.model import ITEM_ROLE
from tests.conftest import TODAY
from tests.ui.shell_support import (
    UNLOCK_TIMEOUT_MS,
    running_controller,
    type_passphrase,
    type_text,
    unlock,
    visible_texts,
    when_modal_appears,
)


@pytest.fixture
def controller(qapp, tmp_path: Path) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    with running_controller(tmp_path) as c:
        yield c


def test_wrong_then_right_passphrase(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    controller.start(vault_path)
    screen = controller.unlock_window
    assert screen is not None
    wrong = "Kaffee im Müttercafé 2025!"
    type_text(qtbot, screen.passphrase, wrong)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    # The key is derived off the UI thread: the screen says so and takes no second try.
    assert screen.busy.isVisible() and screen.busy.label.text() == "Unlocking…"
    assert not screen.unlock_button.isEnabled() and not screen.passphrase.isEnabled()
    assert not screen.recovery_button.isEnabled() and not screen.other_button.isEnabled()
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    qtbot.mouseClick(screen.unlock_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: screen.unlock_button.isEnabled(), timeout=UNLOCK_TIMEOUT_MS)
    assert "passphrase is not correct" in screen.error.text()
    assert screen.error.isVisible() and not screen.busy.isVisible()
    # What she typed stays, selected, so she can type it again at once.
    assert screen.passphrase.text() == wrong and screen.passphrase.selectedText() == wrong
    assert screen.passphrase.hasFocus()
    assert controller.main_window is None and controller.vault is None

    window = type_passphrase(controller, qtbot)  # typing replaces the selected text
    assert window.isVisible()
    # The unlock screen is closed, and may already be deleted by the time the window shows.
    assert not shiboken6.isValid(screen) or not screen.isVisible()
    assert "Vault: vault" in window.vault_label.text()
    assert controller.settings.value(LAST_VAULT_KEY) == str(vault_path)


def test_recovery_code_opens_and_sets_a_new_passphrase(  # type: ignore[no-untyped-def]
    controller, vault_path, recovery_code, qtbot
) -> None:
    controller.start(vault_path)
    screen = controller.unlock_window
    qtbot.mouseClick(screen.recovery_button, Qt.MouseButton.LeftButton)
    page = screen.recovery
    qtbot.keyClicks(page.code, recovery_code.lower().replace("-", " "))
    page.new_passphrase.first.setText("short")
    qtbot.mouseClick(page.recover_button, Qt.MouseButton.LeftButton)
    assert "at least 12 characters" in page.error.text()
    assert controller.vault is None

    new = "Neuer Satz für den Tresor 7"
    page.new_passphrase.first.setText(new)
    page.new_passphrase.second.setText(new)
    qtbot.mouseClick(page.recover_button, Qt.MouseButton.LeftButton)
    assert not page.recover_button.isEnabled() and not page.back_button.isEnabled()
    assert page.busy.isVisible()
    qtbot.waitUntil(lambda: controller.main_window is not None, timeout=UNLOCK_TIMEOUT_MS)
    controller.lock()
    assert controller.unlock_window is not None
    type_passphrase(controller, qtbot, new)


def test_search_as_you_type_finds_her(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    services = controller.services
    ayse = services.participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
    services.participants.create(ParticipantDraft("Maria", "Schmidt"))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.nav, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    view = window.participants
    assert view.search.hasFocus()
    assert window.current_view() == PARTICIPANTS
    assert view.model.rowCount() == 2

    qtbot.keyClicks(view.search, "yilm")
    qtbot.waitUntil(lambda: view.model.rowCount() == 1, timeout=3000)
    assert view.model.row_at(0).id == ayse.id
    assert view.count_label.text() == "1 participant"

    view.search.clear()
    qtbot.keyClicks(view.search, "nobody")
    qtbot.waitUntil(lambda: view.model.rowCount() == 0, timeout=3000)
    assert view.stack.currentIndex() == 1
    assert "No participant matches" in view.empty.text()
    qtbot.mouseClick(view.clear_button, Qt.MouseButton.LeftButton)
    assert view.model.rowCount() == 2


def test_empty_vault_tells_how_to_begin(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    window.show_view(PARTICIPANTS)
    assert window.participants.empty.isVisible()
    assert "New participant" in window.participants.empty.text()


def test_today_shows_an_overdue_agreement_and_opens_her_file(  # type: ignore[no-untyped-def]
    controller, vault_path, qtbot
) -> None:
    window = unlock(controller, vault_path, qtbot)
    window.show_view(TODAY_VIEW)
    ayse = controller.services.participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
    controller.services.meetings.create(
        ayse.id,
        MeetingDraft(
            held_at=dt.datetime(2026, 3, 2, 10, 0),
            agreements=(AgreementDraft("Integration officer", "Approve the course", TODAY),),
        ),
    )
    tree = window.today.tree
    qtbot.wait(50)
    assert "Integration officer: Approve the course" not in visible_texts()  # due today
    # Created while Today is hidden: Today catches up when it is shown again.
    window.show_view(PARTICIPANTS)
    controller.services.meetings.create(
        ayse.id,
        MeetingDraft(
            held_at=dt.datetime(2026, 3, 3, 10, 0),
            agreements=(AgreementDraft("Ayşe", "Bring the CV", dt.date(2026, 3, 13)),),
        ),
    )
    assert "Ayşe: Bring the CV" not in visible_texts()
    window.show_view(TODAY_VIEW)
    qtbot.waitUntil(lambda: "Ayşe: Bring the CV" in visible_texts(), timeout=3000)
    model = window.today.model
    section = next(
        model.index(r, 0) for r in range(model.rowCount()) if "Overdue" in model.index(r, 0).data()
    )
    item = model.index(0, 0, section)
    tree.setCurrentIndex(item)
    with qtbot.waitSignal(window.today.open_requested) as opened:
        qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert opened.args == [ayse.id]
    assert item.data(ITEM_ROLE).kind == "agreement"
    # Her file opens at the meetings, where the agreement is.
    file_window = window.files[ayse.id]
    assert file_window.isVisible()
    assert file_window.file.tabs.currentWidget() is file_window.file.meetings


def test_new_participant_with_ctrl_n_opens_her_file(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    seen: list[str] = []

    def fill_in_dialog(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.windowTitle())
        dialog.form.fields["first_name"].setText("Olena")
        dialog.form.fields["last_name"].setText("Bondarenko")
        dialog.try_save()

    watcher = when_modal_appears(fill_in_dialog)
    window.new_action.trigger()
    watcher.stop()

    assert seen == ["New participant"]
    [row] = controller.services.participants.list(query="Bondarenko")
    assert window.current_view() == PARTICIPANTS
    qtbot.waitUntil(lambda: window.participants.model.rowCount() == 1)
    assert window.files[row.id].isVisible()


def test_archive_leaves_the_list_and_show_archived_brings_her_back(  # type: ignore[no-untyped-def]
    controller, vault_path, qtbot
) -> None:
    window = unlock(controller, vault_path, qtbot)
    controller.services.participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
    window.show_view(PARTICIPANTS)
    view = window.participants
    view.table.selectRow(0)
    assert view.archive_button.isEnabled()

    watcher = when_modal_appears(lambda box: box.button(QMessageBox.StandardButton.Yes).click())
    qtbot.mouseClick(view.archive_button, Qt.MouseButton.LeftButton)
    watcher.stop()
    assert view.model.rowCount() == 0
    assert "Show archived" in view.empty.text()

    view.show_archived.setChecked(True)
    assert view.model.index(0, 0).data() == "Yılmaz, Ayşe (archived)"


def test_participants_hidden_during_a_change_catch_up_when_shown(  # type: ignore[no-untyped-def]
    controller, vault_path, qtbot
) -> None:
    window = unlock(controller, vault_path, qtbot)
    window.show_view(PARTICIPANTS)
    window.show_view(TODAY_VIEW)
    my_turn = controller.services.programmes.create(ProgrammeDraft("MY TURN"))
    controller.services.participants.create(
        ParticipantDraft("Ayşe", "Yılmaz", programme_id=my_turn.id)
    )
    window.show_view(PARTICIPANTS)
    view = window.participants
    assert view.model.rowCount() == 1
    assert view.programme_filter.findData(my_turn.id) > 0


def test_open_another_vault_and_back(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    controller.start(vault_path)
    qtbot.mouseClick(controller.unlock_window.other_button, Qt.MouseButton.LeftButton)
    assert controller.unlock_window is None
    assert controller.welcome is not None and controller.welcome.isVisible()
    controller.welcome.request_open(vault_path)
    assert controller.welcome is None
    assert controller.unlock_window.isVisible() and controller.unlock_window.path == vault_path
