"""Every editing dialog, opened as a coach opens it: typing starts in the first field, every
input has a name a screen reader says, and Tab reaches the inputs before the buttons."""

from __future__ import annotations

import datetime as dt
import gc
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)
from pytestqt.qtbot import QtBot

from coachdesk.facade import Services
from coachdesk.models.enums import DataCategory, OrganisationKind
from coachdesk.services.attachment_records import AttachmentDraft, AttachmentRecord
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.goals import GoalDraft
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.attachments.dialog import PaperDialog
from coachdesk.ui.consents.dialog import ConsentDialog
from coachdesk.ui.contacts.view import ORGANISATION_FIELDS
from coachdesk.ui.export.access_dialog import AccessDialog
from coachdesk.ui.export.dialog import ExportDialog
from coachdesk.ui.export.plan_dialog import MyPlanDialog
from coachdesk.ui.file.followup_dialog import FollowUpDialog
from coachdesk.ui.goals.goal_dialog import GoalDialog
from coachdesk.ui.goals.milestone_dialog import MilestoneDialog
from coachdesk.ui.handovers.editor import HandoverEditor
from coachdesk.ui.kit.record_dialog import RecordDialog
from coachdesk.ui.meetings.editor import MeetingEditor
from coachdesk.ui.modules.enrolment_dialogs import AttendanceDialog, EnrolDialog, ResultDialog
from coachdesk.ui.modules.register_dialog import RegisterDialog
from coachdesk.ui.participants.new_dialog import NewParticipantDialog
from coachdesk.ui.settings.profile_dialog import ProfileDialog
from tests.ui.shell_support import when_modal_appears
from tests.unit.attachment_files import jpeg_bytes

INPUTS = (QLineEdit, QComboBox, QPlainTextEdit, QAbstractSpinBox, QTableWidget)


def _world(services: Services) -> dict[str, int]:
    pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    goal = services.goals.create(pid, GoalDraft("Kita-Platz finden"))
    module = services.modules.create(ModuleDraft("Bewerbungstraining"))
    services.modules.enrol(pid, module.id, dt.date(2026, 3, 2))
    return {"participant": pid, "goal": goal.id}


def _scan() -> Path:
    path = Path(tempfile.mkdtemp()) / "Zeugnis_B1.jpg"
    path.write_bytes(jpeg_bytes("B1"))
    return path


def _paper(services: Services, world: dict[str, int]) -> AttachmentRecord:
    draft = AttachmentDraft("Zeugnis", DataCategory.LANGUAGES_QUALIFICATIONS)
    return services.attachments.add(world["participant"], jpeg_bytes("Zeugnis"), draft)


def _enrolment(services: Services, pid: int):  # type: ignore[no-untyped-def]
    return services.modules.enrolments_for_participant(pid)[0]


DIALOGS: dict[str, Callable[[Services, dict[str, int]], QDialog]] = {
    "new participant": lambda s, w: NewParticipantDialog(s),
    "goal": lambda s, w: GoalDialog(s, w["participant"]),
    "milestone": lambda s, w: MilestoneDialog(s, w["goal"]),
    "follow-up": lambda s, w: FollowUpDialog(s, w["participant"]),
    "enrol": lambda s, w: EnrolDialog(s, w["participant"]),
    "attendance": lambda s, w: AttendanceDialog(s, _enrolment(s, w["participant"])),
    "result": lambda s, w: ResultDialog(s, _enrolment(s, w["participant"])),
    "handover": lambda s, w: HandoverEditor(s, w["participant"]),
    "meeting": lambda s, w: MeetingEditor(s, w["participant"]),
    "meeting from the list": lambda s, w: MeetingEditor(s),
    "consent": lambda s, w: ConsentDialog(s, w["participant"]),
    "about you": lambda s, w: ProfileDialog(s),
    "organisation": lambda s, w: RecordDialog(
        "New organisation", ORGANISATION_FIELDS, OrganisationDraft, s.directory.create_organisation
    ),
    "document": lambda s, w: ExportDialog(s, w["participant"]),
    "my plan": lambda s, w: MyPlanDialog(s, w["participant"]),
    "access request": lambda s, w: AccessDialog(s, w["participant"]),
    "attendance register": lambda s, w: RegisterDialog(s, s.modules.list()[0]),
    "paper": lambda s, w: PaperDialog(s, w["participant"], paths=[_scan()]),
    "paper, edited": lambda s, w: PaperDialog(s, w["participant"], paper=_paper(s, w)),
}


def inputs_of(dialog: QDialog) -> list[QWidget]:
    found = []
    for widget in dialog.findChildren(QWidget):
        if not isinstance(widget, INPUTS) or not widget.isVisibleTo(dialog):
            continue
        parent = widget.parentWidget()
        if isinstance(parent, QComboBox | QAbstractSpinBox) or isinstance(
            widget.parentWidget() and widget.parentWidget().parentWidget(), QTableWidget
        ):
            continue  # the line edit inside a combo or spin box, a cell editor
        found.append(widget)
    return found


def spoken_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.text(QAccessible.Text.Name) if interface is not None else ""


@pytest.mark.parametrize("which", list(DIALOGS))
def test_dialog_opens_ready_to_type(qtbot: QtBot, services: Services, which: str) -> None:
    world = _world(services)
    dialog = DIALOGS[which](services, world)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    QApplication.processEvents()

    focused = dialog.focusWidget()
    assert isinstance(focused, INPUTS), (which, focused)

    unnamed = [
        f"{type(w).__name__} in {type(w.parentWidget()).__name__}"
        for w in inputs_of(dialog)
        if not spoken_name(w).strip()
    ]
    assert unnamed == [], which

    # Walk the tab chain from the first field: every input comes before the first button.
    chain: list[QWidget] = []
    widget = focused
    while widget not in chain:
        chain.append(widget)
        widget = widget.nextInFocusChain()
    reachable = [w for w in chain if w.isVisibleTo(dialog) and w.focusPolicy() != 0]
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    dialog_buttons = set(box.findChildren(QAbstractButton))
    first_button = next((i for i, w in enumerate(reachable) if w in dialog_buttons), len(reachable))
    late = [
        f"{type(w).__name__} {spoken_name(w)!r}"
        for w in reachable[first_button:]
        if isinstance(w, QLineEdit | QPlainTextEdit) and w in inputs_of(dialog)
    ]
    assert late == [], which

    # Pressing Tab from the first field reaches Save and Cancel (a date field's line, ordered
    # alone, once sent Tab from the last field back into the date field for ever).
    buttons = {box.button(QDialogButtonBox.StandardButton.Cancel)}
    reached = []
    for _ in range(2 * len(reachable) + 2):
        now = QApplication.focusWidget()
        reached.append(now)
        if now in buttons:
            break
        qtbot.keyClick(now, Qt.Key.Key_Tab)
    assert reached[-1] in buttons, (which, [type(w).__name__ for w in reached])
    focused.setFocus()

    # Typing, then Esc: she is asked before it goes, and what she typed stays.
    typed = next((w for w in inputs_of(dialog) if isinstance(w, QLineEdit)), None)
    if typed is None:
        assert which == "my plan"  # her plan asks only choices: nothing typed to lose
        return
    typed.setFocus()
    qtbot.keyClicks(typed, "x")
    asked: list[str] = []

    def keep(question: QWidget) -> None:
        asked.append(question.windowTitle())
        assert isinstance(question, QMessageBox)
        question.button(QMessageBox.StandardButton.Cancel).click()

    watcher = when_modal_appears(keep)
    qtbot.keyClick(typed, Qt.Key.Key_Escape)
    watcher.stop()
    watcher.deleteLater()
    assert asked and dialog.isVisible() and typed.text().endswith("x"), which
    gc.collect()


def test_every_input_of_the_main_views_has_a_name(  # type: ignore[no-untyped-def]
    qapp, vault_path, qtbot, tmp_path
) -> None:
    """A screen reader names every field of every view (search, filters, settings)."""
    from coachdesk.ui.shell.view_pages import VIEWS
    from tests.ui.shell_support import running_controller, unlock

    with running_controller(tmp_path) as controller:
        window = unlock(controller, vault_path, qtbot)
        unnamed = []
        for key, _title in VIEWS:
            window.show_view(key)
            view = window.view(key)
            assert isinstance(view, QWidget)
            kinds = (QLineEdit, QComboBox, QPlainTextEdit, QAbstractSpinBox)
            fields: list[QWidget] = [f for kind in kinds for f in view.findChildren(kind)]
            for field in fields:
                inner = isinstance(field.parentWidget(), QComboBox | QAbstractSpinBox)
                if field.isVisibleTo(window) and not inner and not spoken_name(field).strip():
                    owner = type(field.parentWidget()).__name__
                    unnamed.append(f"{key}: {type(field).__name__} {field.objectName()} in {owner}")
        assert unnamed == [], unnamed
