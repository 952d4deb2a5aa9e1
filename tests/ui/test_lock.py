"""Locking: by hand, when idle, with open files and dialogs; what is remembered across a lock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QAbstractItemModel, Qt
from PySide6.QtWidgets import QApplication, QDialog, QWidget

from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.shell.app import AppController
from coachdesk.ui.shell.main_window import PARTICIPANTS, SETTINGS
from tests.ui.shell_support import (
    running_controller,
    type_passphrase,
    unlock,
    visible_texts,
    when_modal_appears,
)


@pytest.fixture
def controller(qapp, tmp_path: Path) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    with running_controller(tmp_path) as c:
        yield c


def test_lock_takes_every_name_off_the_screen(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    controller.services.participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
    window.show_view(PARTICIPANTS)
    assert any("Yılmaz" in t for t in visible_texts())
    vault = controller.vault

    QApplication.clipboard().setText("Yılmaz")  # she copied the name in CoachDesk

    window.lock_action.trigger()

    assert vault.is_locked
    assert QApplication.clipboard().text() == ""
    assert controller.main_window is None and controller.services is None
    assert controller.unlock_window is not None and controller.unlock_window.isVisible()
    assert window.participants.model.rowCount() == 0
    assert not any("Yılmaz" in t or "Ayşe" in t for t in visible_texts())


def test_idle_time_locks_the_vault(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    unlock(controller, vault_path, qtbot)
    vault = controller.vault
    controller.idle.set_interval_ms(200)
    qtbot.waitUntil(lambda: vault.is_locked, timeout=5000)
    assert controller.unlock_window is not None and controller.unlock_window.isVisible()
    assert controller.main_window is None


def test_lock_keeps_unsaved_file_changes_as_a_draft(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    ayse = controller.services.participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
    window.open_participant(ayse.id)
    file_window = window.files[ayse.id]
    assert file_window.isVisible() and "Ayşe Yılmaz" in file_window.windowTitle()
    qtbot.keyClicks(file_window.file.overview.form.fields["phone"], "0171 2345678")
    assert file_window.has_unsaved_changes()

    window.lock_action.trigger()
    assert not file_window.isVisible()
    assert not any("0171" in t or "Yılmaz" in t for t in visible_texts())

    type_passphrase(controller, qtbot)
    controller.main_window.open_participant(ayse.id)
    reopened = controller.main_window.files[ayse.id]
    assert reopened.file.has_draft_offer()


def test_idle_minutes_from_settings_reach_the_lock_timer(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    assert controller.idle.interval_ms == 5 * 60_000
    window.show_view(SETTINGS)
    window.settings_view.idle.setValue(12)
    assert controller.idle.interval_ms == 12 * 60_000
    assert int(controller.settings.value("idle_minutes")) == 12


def test_locking_while_a_dialog_is_open_closes_it(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    vault = controller.vault

    def type_then_lock(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.form.fields["last_name"].setText("Yılmaz")
        controller.lock()  # what the idle timer does

    watcher = when_modal_appears(type_then_lock)
    window.new_action.trigger()  # returns once the dialog has closed
    watcher.stop()
    qtbot.wait(50)  # deferred deletions run
    assert vault.is_locked
    assert controller.unlock_window.isVisible()
    assert not any("Yılmaz" in t for t in visible_texts())


class _ExportLikeDialog(QDialog):
    """A dialog that cannot be closed while it is still writing (like the export dialog)."""

    busy = True

    def reject(self) -> None:
        if not self.busy:
            super().reject()


def test_lock_waits_for_a_dialog_that_is_still_writing(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    controller.services.participants.create(ParticipantDraft("Ayşe", "Yılmaz"))
    window.show_view(PARTICIPANTS)
    vault = controller.vault
    dialog = _ExportLikeDialog()
    qtbot.addWidget(dialog)
    dialog.show()

    controller.lock()
    assert not window.isVisible()  # her name is off the screen at once
    assert not vault.is_locked  # but the vault stays open for the running job
    assert controller.services.participants.count() == 1

    dialog.busy = False
    qtbot.waitUntil(lambda: vault.is_locked, timeout=3000)
    assert not dialog.isVisible()
    assert controller.unlock_window.isVisible()


def test_window_size_and_last_view_are_remembered(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    window.resize(720, 520)  # within the offscreen 800x600 screen
    window.show_view(SETTINGS)
    controller.lock()
    again = type_passphrase(controller, qtbot)
    assert again is not window
    assert again.current_view() == SETTINGS
    assert (again.width(), again.height()) == (720, 520)


def test_the_lock_screen_comes_back_where_the_window_was(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    area = window.screen().availableGeometry()
    # The coach had made the window larger than the screen and pushed it to the edge.
    window.setGeometry(area.right() - 300, area.bottom() - 200, area.width() + 400, 900)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(window.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    screen = controller.unlock_window
    assert screen is not None and screen.isVisible()
    assert area.contains(screen.geometry())
    centre, middle = screen.geometry().center(), area.center()
    assert abs(centre.x() - middle.x()) <= 2 and abs(centre.y() - middle.y()) <= 2
    assert "CoachDesk" not in screen.windowTitle()  # Qt adds " — CoachDesk" itself


def test_ctrl_q_on_the_lock_screen_quits(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    assert "CoachDesk" not in window.windowTitle()
    window.lock_action.trigger()
    screen = controller.unlock_window
    assert screen is not None
    screen.activateWindow()
    qtbot.waitUntil(screen.isActiveWindow)
    qtbot.keyClick(screen.passphrase, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    assert not screen.isVisible()


def model_texts(widget: QWidget) -> list[str]:
    return [
        str(model.index(r, c).data())
        for model in widget.findChildren(QAbstractItemModel)
        for r in range(model.rowCount())
        for c in range(model.columnCount())
    ]


def test_every_view_forgets_its_rows_on_lock(controller, vault_path, qtbot) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.models.enums import OrganisationKind
    from coachdesk.services.directory import OrganisationDraft
    from coachdesk.services.meetings import MeetingDraft
    from coachdesk.ui.shell.view_pages import VIEWS, View

    window = unlock(controller, vault_path, qtbot)
    services = controller.services
    amina = services.participants.create(ParticipantDraft("Amina", "Haddad"))
    services.meetings.create(amina.id, MeetingDraft(dt.datetime(2026, 3, 20, 10, 0)))
    services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    for key, _title in VIEWS:
        window.show_view(key)
        assert isinstance(window.view(key), View)
    views = [view for view in window.views.values() if isinstance(view, QWidget)]
    before = [t for view in views for t in model_texts(view)]
    assert any("Haddad" in t for t in before) and any("Nordstadt" in t for t in before)
    window.lock_action.trigger()
    for view in views:
        assert not any("Haddad" in t or "Nordstadt" in t for t in model_texts(view)), view
