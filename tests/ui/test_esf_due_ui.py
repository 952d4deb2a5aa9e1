"""ESF Plus completeness as she sees it: Today lists the missing questionnaires, Enter opens
her file at them, completing one removes its row; the participant list marks her."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPoint, Qt

from coachdesk import i18n
from coachdesk.models import EsfEntry
from coachdesk.models.enums import EducationLevel, EsfAnswer, Gender, LabourStatus
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.participants import cells
from coachdesk.ui.participants.view import ParticipantsView
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.ui.today.items import TodayItem
from coachdesk.ui.today.model import SECTION_ROLE, WHAT
from coachdesk.ui.today.sections import ESF_ENTRY
from coachdesk.ui.today.view import TodayView
from tests.conftest import TODAY

ANSWERS: dict[str, Any] = {
    "gender": Gender.FEMALE,
    "labour_status": LabourStatus.UNEMPLOYED,
    "education": EducationLevel.ISCED_3_4,
    "third_country_national": EsfAnswer.NO,
    "foreign_background": EsfAnswer.YES,
    "homeless": EsfAnswer.NO,
    "rural": EsfAnswer.NO,
    "disability": EsfAnswer.NO_ANSWER,
    "minority": EsfAnswer.NO_ANSWER,
}


def _hub(services: Any) -> AppSignals:
    hub = AppSignals()
    services.subscribe(hub.publish)
    return hub


def _participants(services: Any) -> tuple[int, int, int]:
    """Amina entered 40 days ago (overdue), Lina 5 days ago (due), Sara is complete."""
    born = dt.date(1991, 2, 3)

    def create(first: str, days_ago: int) -> int:
        entry = TODAY - dt.timedelta(days=days_ago)
        draft = ParticipantDraft(first, "Haddad", date_of_birth=born, entry_date=entry)
        return int(services.participants.create(draft).id)

    amina, lina, sara = create("Amina", 40), create("Lina", 5), create("Sara", 3)
    _complete(services, sara)
    return amina, lina, sara


def _complete(services: Any, pid: int) -> None:
    with services.ctx.write() as s:
        s.add(EsfEntry(participant_id=pid, **ANSWERS))
    services.ctx.publish(Changes.of([ChangeKind.ESF], [pid]))


def _section(view: TodayView, key: str) -> QModelIndex:
    model = view.model
    return next(
        model.index(r, 0)
        for r in range(model.rowCount())
        if model.index(r, 0).data(SECTION_ROLE) == key
    )


def _texts(view: TodayView) -> list[str]:
    section = _section(view, ESF_ENTRY)
    return [view.model.index(r, WHAT, section).data() for r in range(view.model.rowCount(section))]


def _today(qtbot: Any, services: Any) -> TodayView:
    view = TodayView(services, _hub(services))
    qtbot.addWidget(view)
    view.resize(1000, 700)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.loading)
    return view


def test_today_lists_missing_entry_data_and_enter_opens_her_file(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    amina, lina, _sara = _participants(services)
    view = _today(qtbot, services)
    assert _section(view, ESF_ENTRY).data() == "ESF entry questionnaires (2)"
    assert _texts(view) == [
        "Entry questionnaire missing — was due by March 4, 2026",
        "Entry questionnaire missing — due by April 8, 2026",
    ]
    section = _section(view, ESF_ENTRY)
    overdue = view.model.index(0, WHAT, section)
    assert overdue.data(Qt.ItemDataRole.DecorationRole) is not None  # the warning sign

    opened: list[TodayItem] = []
    view.record_requested.connect(opened.append)
    view.tree.scrollTo(overdue)
    qtbot.mouseClick(
        view.tree.viewport(), Qt.MouseButton.LeftButton, pos=view.tree.visualRect(overdue).center()
    )
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    assert [(i.kind, i.participant_id) for i in opened] == [(ChangeKind.ESF, amina)]

    # Completing Lina's questionnaire takes her row away; Amina's stays.
    _complete(services, lina)
    qtbot.waitUntil(lambda: len(_texts(view)) == 1)
    assert _texts(view)[0].startswith("Entry questionnaire missing")
    assert _section(view, ESF_ENTRY).data() == "ESF entry questionnaires (1)"


def test_today_in_german(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    _participants(services)
    i18n.set_language("de")
    view = _today(qtbot, services)
    assert _section(view, ESF_ENTRY).data() == "ESF-Eintrittsfragebögen (2)"
    assert _texts(view)[0] == "Eintrittsfragebogen fehlt — war fällig bis 4. März 2026"


def test_the_participant_list_marks_missing_entry_data(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    amina, lina, sara = _participants(services)
    view = ParticipantsView(services, _hub(services))
    qtbot.addWidget(view)
    view.resize(1200, 500)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.lists.loading)
    model = view.model

    def marker(pid: int) -> str:
        row = next(r for r in range(model.rowCount()) if model.row_at(r).id == pid)
        return str(model.index(row, cells.ESF_ENTRY).data())

    assert model.headerData(cells.ESF_ENTRY, Qt.Orientation.Horizontal) == "ESF entry data"
    assert (marker(amina), marker(lina), marker(sara)) == (
        "9 answers missing",
        "9 answers missing",
        "",
    )
    first = model.index(0, cells.ESF_ENTRY)
    assert "9 of 10 mandatory answers are missing" in first.data(Qt.ItemDataRole.ToolTipRole)
    assert first.data(Qt.ItemDataRole.DecorationRole) is not None

    # Sorted by the marker with a click on its header: complete files first, then the rest.
    header = view.table.horizontalHeader()
    x = header.sectionViewportPosition(cells.ESF_ENTRY) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert [model.row_at(r).esf_entry_open for r in range(model.rowCount())] == [0, 9, 9]
    assert model.row_at(0).id == sara

    # Her questionnaire saved: her mark goes.
    _complete(services, lina)
    qtbot.waitUntil(lambda: marker(lina) == "")
    assert marker(amina) == "9 answers missing"

    # Enter on a marked row opens her file.
    opened: list[int] = []
    view.open_requested.connect(opened.append)
    row = next(r for r in range(model.rowCount()) if model.row_at(r).id == amina)
    view.table.setFocus()
    view.table.selectRow(row)
    qtbot.keyClick(view.table, Qt.Key.Key_Return)
    assert opened == [amina]

    i18n.set_language("de")
    view.retranslate()
    assert marker(amina) == "9 Angaben fehlen"
