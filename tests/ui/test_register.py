"""A session's register: the women enrolled that day, a status each by keyboard, saved once."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

from coachdesk.i18n import format_date
from coachdesk.models.enums import AttendanceStatus
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.modules.register_dialog import RegisterDialog
from coachdesk.ui.modules.view import ModulesView
from coachdesk.ui.shell.signals import AppSignals
from tests.conftest import TODAY
from tests.ui.shell_support import when_modal_appears


def _course(services):  # type: ignore[no-untyped-def]
    module = services.modules.create(ModuleDraft("Bewerbungstraining"))
    ids = {}
    for first, last in (("Şahin", "Ayşe"), ("Olena", "Bondarenko"), ("Amina", "Botan")):
        pid = services.participants.create(ParticipantDraft(first, last)).id
        ids[last] = services.modules.enrol(pid, module.id, TODAY - dt.timedelta(days=7)).id
    return module, ids


def test_the_register_is_filled_by_keyboard_and_saved_once(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    module, _ids = _course(services)
    view = ModulesView(services, AppSignals())
    qtbot.addWidget(view)
    view.show()
    view.table.select_where(lambda m: m.id == module.id)
    qtbot.mouseClick(view.register_button, Qt.MouseButton.LeftButton)
    dialog = view.findChild(RegisterDialog)
    assert dialog is not None
    qtbot.waitExposed(dialog)
    names = [dialog.table.item(r, 0).text() for r in range(dialog.table.rowCount())]
    assert names == ["Amina Botan", "Olena Bondarenko", "Şahin Ayşe"]  # by collation
    dialog.table.setFocus()
    for key in (Qt.Key.Key_P, Qt.Key.Key_S, Qt.Key.Key_A):
        qtbot.keyClick(dialog.table, key)
    statuses = [dialog.combo(r).value() for r in range(3)]
    assert statuses == [AttendanceStatus.PRESENT, AttendanceStatus.SICK, AttendanceStatus.ABSENT]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    recorded = {
        e.id: [(a.session_date, a.status) for a in e.attendance]
        for e in services.modules.participants_of_module(module.id)
    }
    assert sorted(s for day_status in recorded.values() for _d, s in day_status) == sorted(statuses)
    assert all(day == TODAY for v in recorded.values() for day, _s in v)
    # Sick counts as an excused absence in her figures (and in documents).
    sick = next(e for e in services.modules.participants_of_module(module.id) if e.excused)
    assert (sick.present, sick.excused, sick.absent) == (0, 1, 0)


def test_a_future_day_is_refused_and_esc_asks_before_discarding(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    module, _ids = _course(services)
    view = ModulesView(services, AppSignals())
    qtbot.addWidget(view)
    view.table.select_where(lambda m: m.id == module.id)
    dialog = view.open_register()
    assert dialog is not None
    dialog.day.line.setFocus()
    dialog.day.line.selectAll()
    tomorrow = TODAY + dt.timedelta(days=1)
    qtbot.keyClicks(dialog.day.line, format_date(tomorrow))
    dialog.day.line.editingFinished.emit()
    dialog.table.setFocus()
    qtbot.keyClick(dialog.table, Qt.Key.Key_P)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert "today or a past day" in dialog.general_error.text() + "".join(
        w.error_label.text() for w in dialog.field_widgets().values() if hasattr(w, "error_label")
    )
    asked: list[str] = []

    def keep(box) -> None:  # type: ignore[no-untyped-def]
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    watcher = when_modal_appears(keep)
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    watcher.stop()
    assert asked and dialog.isVisible()  # her marks are not thrown away without a question
