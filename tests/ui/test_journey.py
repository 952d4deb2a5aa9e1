"""A coach's first week, typed and clicked as she does it, from an empty laptop to a backup.

Nothing here calls a slot: every step is a key or a mouse click on a real widget; the
checks read what she would see and what the vault holds. With COACHDESK_SCREENSHOTS set
to a folder, each step is saved as a PNG there (journey-<lang>-<step>.png).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLineEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk import i18n
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory, OrganisationKind, ParticipantStatus
from coachdesk.services.directory import OrganisationDraft
from coachdesk.ui.shell.app import AppController
from coachdesk.ui.shell.view_pages import MODULES, SETTINGS, TODAY
from tests.conftest import PASSPHRASE
from tests.conftest import TODAY as DAY
from tests.ui.shell_support import (
    UNLOCK_TIMEOUT_MS,
    type_passphrase,
    type_text,
    when_modal_appears,
)

SHOTS = os.environ.get("COACHDESK_SCREENSHOTS", "")


@pytest.fixture(params=["en", "de"])
def lang(request: pytest.FixtureRequest) -> Iterator[str]:
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def shot(widget: QWidget, lang: str, step: str) -> None:
    if SHOTS:
        QApplication.processEvents()
        widget.grab().save(str(Path(SHOTS) / f"journey-{lang}-{step}.png"))


def activate(qtbot: QtBot, window: QWidget) -> None:
    window.show()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=5000)


def modal(qtbot: QtBot) -> QDialog:
    qtbot.waitUntil(lambda: isinstance(QApplication.activeModalWidget(), QDialog), timeout=5000)
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, QDialog)
    activate(qtbot, dialog)
    return dialog


def save(qtbot: QtBot, dialog: QDialog) -> None:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    qtbot.mouseClick(box.button(QDialogButtonBox.StandardButton.Save), Qt.MouseButton.LeftButton)


def click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_first_week(
    qapp, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: str
) -> None:  # type: ignore[no-untyped-def]
    settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
    controller = AppController(settings, tmp_path / "data", today=lambda: DAY)
    try:
        run_the_week(qtbot, controller, tmp_path, monkeypatch, lang)
    finally:
        controller.shutdown()


def run_the_week(
    qtbot: QtBot,
    controller: AppController,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: str,
) -> None:
    t: Callable[[str], str] = i18n._

    # -- 1. First start: a vault, its recovery code, who she is ----------------------------
    controller.start()
    welcome = controller.welcome
    assert welcome is not None
    activate(qtbot, welcome)
    shot(welcome, lang, "01-welcome")
    click(qtbot, welcome.create_button)
    type_text(qtbot, welcome.passphrase.first, PASSPHRASE)
    qtbot.keyClick(welcome.passphrase.first, Qt.Key.Key_Tab)
    type_text(qtbot, QApplication.focusWidget(), PASSPHRASE)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: welcome.recovery.isVisible(), timeout=UNLOCK_TIMEOUT_MS)
    shot(welcome, lang, "02-recovery-code")
    click(qtbot, welcome.recovery.confirm_written)
    click(qtbot, welcome.recovery.continue_button)
    type_text(qtbot, welcome.profile.fields.coach_name, "Miriam Löwe")
    qtbot.keyClick(welcome.profile.fields.coach_name, Qt.Key.Key_Tab)
    type_text(qtbot, QApplication.focusWidget(), "Frauen in Arbeit e. V.")
    shot(welcome, lang, "03-about-you")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    window = controller.main_window
    services = controller.services
    assert window is not None and services is not None
    assert services.settings.organisation_name() == "Frauen in Arbeit e. V."
    activate(qtbot, window)
    shot(window, lang, "04-today-getting-started")
    # The job centre, as she enters it in Contacts (not the subject of this journey).
    jobcentre = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )

    # -- 2. A new participant, her status changed -------------------------------------------
    problems: list[str] = []

    def fill_new(dialog: QDialog) -> None:
        fields = dialog.form.fields  # type: ignore[attr-defined]
        activate(qtbot, dialog)
        try:
            assert dialog.focusWidget() is fields["first_name"], dialog.focusWidget()
            type_text(qtbot, fields["first_name"], "Amina")
            qtbot.keyClick(fields["first_name"], Qt.Key.Key_Tab)
            assert QApplication.focusWidget() is fields["last_name"], QApplication.focusWidget()
            type_text(qtbot, fields["last_name"], "Haddad")
            save(qtbot, dialog)
        except AssertionError as exc:
            problems.append(str(exc))
        if dialog.isVisible():  # never leave the run hanging on a modal dialog
            problems.append(dialog.findChild(QLineEdit).text() if problems else "still open")
            dialog.reject()

    watcher = when_modal_appears(fill_new)
    qtbot.keyClick(window.nav, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    watcher.stop()
    assert problems == []
    [amina] = services.participants.list()
    file_window = window.files[amina.id]
    activate(qtbot, file_window)
    file = file_window.file
    overview = file.overview
    overview.form.fields["status"].setFocus()
    qtbot.keyClicks(overview.form.fields["status"], label(ParticipantStatus.ACTIVE))
    click(qtbot, overview.save_button)
    assert services.participants.get(amina.id).status == ParticipantStatus.ACTIVE
    shot(file_window, lang, "05-her-file")

    # -- 3. A goal and a small step ------------------------------------------------------------
    file.tabs.setCurrentWidget(file.goals)
    click(qtbot, file.goals.new_goal_button)
    dialog = modal(qtbot)
    type_text(qtbot, QApplication.focusWidget(), "Kita-Platz finden")
    save(qtbot, dialog)
    file.goals.goals.view.selectRow(0)
    click(qtbot, file.goals.new_step_button)
    dialog = modal(qtbot)
    type_text(qtbot, QApplication.focusWidget(), "Erstes Telefonat auf Deutsch")
    save(qtbot, dialog)
    [goal] = services.goals.list_for_participant(amina.id)
    assert [m.title for m in goal.milestones] == ["Erstes Telefonat auf Deutsch"]
    shot(file_window, lang, "06-goal-and-step")

    # -- 4. A module, her enrolment, the session register ---------------------------------
    activate(qtbot, window)
    window.show_view(MODULES)
    modules = window.view(MODULES)
    click(qtbot, modules.new_button)  # type: ignore[attr-defined]
    dialog = modal(qtbot)
    type_text(qtbot, QApplication.focusWidget(), "Bewerbungstraining")
    save(qtbot, dialog)
    activate(qtbot, file_window)
    file.tabs.setCurrentWidget(file.modules)
    click(qtbot, file.modules.enrol_button)
    save(qtbot, modal(qtbot))
    activate(qtbot, window)
    modules.table.view.selectRow(0)  # type: ignore[attr-defined]
    click(qtbot, modules.register_button)  # type: ignore[attr-defined]
    register = modal(qtbot)
    register.table.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClick(register.table, Qt.Key.Key_P)  # type: ignore[attr-defined]
    shot(register, lang, "07-register")
    save(qtbot, register)
    [enrolment] = services.modules.enrolments_for_participant(amina.id)
    assert enrolment.present == 1

    # -- 5. A three-way meeting with an agreement, done from Today ------------------------
    activate(qtbot, file_window)
    file.tabs.setCurrentWidget(file.meetings)
    click(qtbot, file.meetings.new_button)
    editor = modal(qtbot)
    editor.date.line.selectAll()  # type: ignore[attr-defined]
    qtbot.keyClicks(editor.date.line, i18n.format_date(DAY - dt.timedelta(days=7)))  # type: ignore[attr-defined]
    agreements = editor.agreements  # type: ignore[attr-defined]
    click(qtbot, agreements.add_button)
    type_text(qtbot, QApplication.focusWidget(), "Amina")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(20)
    agreements.table.setCurrentCell(0, agreements.WHAT)
    qtbot.keyClick(agreements.table, Qt.Key.Key_F2)
    type_text(qtbot, QApplication.focusWidget(), "Lebenslauf mitbringen")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    qtbot.wait(20)
    due = agreements.due_field(0)
    due.line.setFocus()
    qtbot.keyClicks(due.line, i18n.format_date(DAY - dt.timedelta(days=2)))
    shot(editor, lang, "08-meeting")
    save(qtbot, editor)
    [meeting] = services.meetings.list_for_participant(amina.id)
    assert [(a.who, a.what) for a in meeting.agreements] == [("Amina", "Lebenslauf mitbringen")]

    activate(qtbot, window)
    window.show_view(TODAY)
    today = window.today
    click(qtbot, today.refresh_button)
    qtbot.waitUntil(lambda: not today.loading)
    tree = today.tree
    tree.setFocus()
    section = next(
        today.model.index(r, 0)
        for r in range(today.model.rowCount())
        if today.model.rowCount(today.model.index(r, 0)) == 1
        and "Amina" in str(today.model.index(0, 0, today.model.index(r, 0)).data())
    )
    tree.setCurrentIndex(section)
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    shot(window, lang, "09-today-overdue")
    qtbot.keyClick(tree, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    [meeting] = services.meetings.list_for_participant(amina.id)
    assert meeting.agreements[0].done_on == DAY

    # -- 6. Her consent, and a document for the job centre --------------------------------
    activate(qtbot, file_window)
    file.tabs.setCurrentWidget(file.consents)
    click(qtbot, file.consents.new_button)
    consent = modal(qtbot)
    for category in (DataCategory.IDENTITY_CONTACT, DataCategory.GOALS_PROGRESS):
        box = consent.category_boxes[category]  # type: ignore[attr-defined]
        box.setFocus()
        qtbot.keyClick(box, Qt.Key.Key_Space)  # ticked with the keyboard
        assert box.isChecked()
    consent.organisation.setFocus()  # type: ignore[attr-defined]
    qtbot.keyClicks(consent.organisation, "Jobcenter")  # type: ignore[attr-defined]
    type_text(qtbot, consent.purpose, "Abstimmung der Förderung")  # type: ignore[attr-defined]
    shot(consent, lang, "10-consent")
    save(qtbot, consent)
    shown = [
        w.error_label.text() for w in consent.field_widgets().values() if hasattr(w, "error_label")
    ]
    assert not consent.isVisible(), (consent.general_error.text(), [s for s in shown if s])  # type: ignore[attr-defined]
    assert len(services.consents.list_for_participant(amina.id)) == 1

    target = tmp_path / "abschlussbericht.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    file.tabs.setCurrentWidget(file.exports)
    qtbot.waitUntil(lambda: services.exports.current_identity() is not None, timeout=20_000)

    def sign(dialog: QDialog) -> None:
        activate(qtbot, dialog)
        dialog.organisation.setFocus()  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.organisation, "Jobcenter")  # type: ignore[attr-defined]
        dialog.document.setFocus()  # type: ignore[attr-defined]
        qtbot.keyClicks(dialog.document, t("Interim feedback"))  # type: ignore[attr-defined]
        dialog.open_after.setFocus()  # type: ignore[attr-defined]
        qtbot.keyClick(dialog.open_after, Qt.Key.Key_Space)  # type: ignore[attr-defined]
        shot(dialog, lang, "11-document")
        click(qtbot, dialog.sign_button)  # type: ignore[attr-defined]

    watcher = when_modal_appears(sign)
    click(qtbot, file.exports.new_button)
    watcher.stop()
    qtbot.waitUntil(target.exists, timeout=20_000)
    assert [r.recipient_name for r in services.exports.history(amina.id)] == [jobcentre.name]

    # -- 7. Lock and unlock ------------------------------------------------------------------
    activate(qtbot, window)
    qtbot.keyClick(window.nav, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    screen = controller.unlock_window
    assert screen is not None and controller.vault is None
    activate(qtbot, screen)
    shot(screen, lang, "12-locked")
    window = type_passphrase(controller, qtbot)
    services = controller.services
    assert window is not None and services is not None

    # -- 8. A backup on her USB stick ------------------------------------------------------
    usb = tmp_path / "usb"
    usb.mkdir()
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", staticmethod(lambda *a, **k: str(usb)))
    qtbot.waitUntil(lambda: controller.auto_backups.job is None, timeout=20_000)
    activate(qtbot, window)
    window.show_view(SETTINGS)
    backups = window.settings_view.backups
    click(qtbot, backups.backup_button)
    qtbot.waitUntil(lambda: backups.job is None and any(usb.iterdir()), timeout=20_000)
    shot(window, lang, "13-backup")
    window.show_view(TODAY)
    click(qtbot, window.today.refresh_button)
    qtbot.waitUntil(lambda: not window.today.loading)
    assert not window.today.getting_started.isVisible()  # every first step is done
    assert isinstance(QApplication.focusWidget(), QWidget | QLineEdit | None)
