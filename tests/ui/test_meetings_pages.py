"""The meetings list "all" read a page at a time: scrolling fetches the rest in order,
a header click sorts every meeting (in SQL), a change reads only the rows it concerns."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QPoint, Qt

from coachdesk.services.meetings import MeetingDraft, MeetingRow
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.meetings.model import MeetingTableModel
from coachdesk.ui.meetings.view import ALL, MeetingsView
from coachdesk.ui.shell.signals import AppSignals
from tests.conftest import TODAY


def _vault(services: Any) -> dict[str, int]:
    """25 meetings of three women, at different times; Dana has none."""
    people = {
        name: services.participants.create(ParticipantDraft(name, "Test")).id
        for name in ("Berta", "amal", "Cemile", "Dana")
    }
    start = dt.datetime.combine(TODAY - dt.timedelta(days=40), dt.time(9, 0))
    order = ["Cemile", "Berta", "amal"]
    for n in range(25):
        held_at = start + dt.timedelta(days=n, hours=n % 3)
        services.meetings.create(people[order[n % 3]], MeetingDraft(held_at=held_at))
    return people


def _view(qtbot: Any, services: Any) -> MeetingsView:
    signals = AppSignals()
    services.subscribe(signals.publish)
    view = MeetingsView(services, signals)
    qtbot.addWidget(view)
    view.model.page_size = 10
    view.resize(900, 300)
    view.show()
    qtbot.waitExposed(view)
    view.range.setFocus()
    qtbot.keyClick(view.range, Qt.Key.Key_End)  # "All meetings"
    assert view.range.currentIndex() == ALL
    return view


def _scroll_to_end(qtbot: Any, view: MeetingsView) -> list[MeetingRow]:
    table = view.table.view
    table.setFocus()
    for _ in range(10):
        qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.wait(20)
        if view.model.is_complete():
            break
    return view.model.rows()


def test_scrolling_to_the_end_fetches_every_meeting_in_order(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    _vault(services)
    view = _view(qtbot, services)
    assert view.model.rowCount() == 10  # the first page
    rows = _scroll_to_end(qtbot, view)
    assert [r.id for r in rows] == [r.id for r in services.meetings.list()]
    assert len(rows) == 25


def test_a_header_click_sorts_every_meeting_not_one_page(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    _vault(services)
    view = _view(qtbot, services)
    header = view.table.view.horizontalHeader()
    x = header.sectionViewportPosition(MeetingTableModel.PARTICIPANT) + 10
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert view.model.rowCount() == 10  # the first page, in the new order
    rows = _scroll_to_end(qtbot, view)
    expected = sorted(
        services.meetings.list(), key=lambda r: (r.participant_name.casefold(), r.held_at, r.id)
    )
    assert [r.id for r in rows] == [r.id for r in expected]
    assert rows[0].participant_name == "amal Test"  # case does not decide


def test_a_change_reads_only_the_rows_it_concerns(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    people = _vault(services)
    view = _view(qtbot, services)
    pages: list[object] = []
    original = services.meetings.page

    def spy(*args: Any, **kwargs: Any) -> Any:
        pages.append(kwargs.get("participant_ids"))
        return original(*args, **kwargs)

    monkeypatch.setattr(services.meetings, "page", spy)
    resets: list[str] = []
    view.model.modelReset.connect(lambda: resets.append("reset"))

    # Dana has no meetings: only her rows are asked for; the list stays as it is.
    dana = people["Dana"]
    services.participants.update(
        dana, dataclasses.replace(services.participants.get(dana).draft(), first_name="Dora")
    )
    assert pages == [frozenset({dana})] and resets == []

    # Cemile's meetings in view show her new name in place.
    cemile = people["Cemile"]
    view.table.view.selectRow(3)
    selected = view.table.current_record()
    services.participants.update(
        cemile, dataclasses.replace(services.participants.get(cemile).draft(), first_name="Cem")
    )
    assert resets == []
    assert view.model.row_at(0).participant_name == "Cem Test"
    assert view.table.current_record().id == selected.id

    # A new meeting of hers inside the rows in view: the rows are read again, in order.
    held_at = dt.datetime.combine(TODAY - dt.timedelta(days=40), dt.time(8, 0))
    services.meetings.create(cemile, MeetingDraft(held_at=held_at))
    assert view.model.row_at(0).held_at == held_at
    assert view.model.rowCount() == 10
