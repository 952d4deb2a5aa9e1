"""Lists that fill as she scrolls, and a save that touches only the rows it concerns."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from coachdesk.collation import name_key
from coachdesk.models.enums import ParticipantStatus
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.file.participant_file import ParticipantFile
from coachdesk.ui.modules.view import ModulesView
from coachdesk.ui.participants import cells, table_model
from coachdesk.ui.participants.view import ParticipantsView
from coachdesk.ui.reports.view import ReportsView
from coachdesk.ui.shell.signals import AppSignals
from tests.conftest import TODAY
from tests.ui.reports_support import open_story

MANY = table_model.BATCH * 2 + 17


def _hub(services: Any) -> AppSignals:
    hub = AppSignals()
    services.subscribe(hub.publish)
    return hub


def _add_many(services: Any, count: int = MANY) -> list[int]:
    ids = []
    for n in range(count):
        draft = ParticipantDraft(f"Fatma{n:03}", f"Zeta{(n * 7919) % count:03}")
        ids.append(services.participants.create(draft).id)
    return ids


def _names(view: ParticipantsView) -> list[str]:
    model = view.model
    return [str(model.index(r, cells.NAME).data()) for r in range(model.rowCount())]


def _is_sorted(view: ParticipantsView) -> bool:
    rows = [view.model.row_at(r) for r in range(view.model.rowCount())]
    keys = [name_key(r.last_name, r.first_name, r.id) for r in rows]
    return keys == sorted(keys)


def _noted(calls: list[Any], call: Any, result: Any) -> Any:
    calls.append(call)
    return result


class _Resets:
    def __init__(self, model: Any) -> None:
        self.count = 0
        model.modelReset.connect(self._reset)

    def _reset(self) -> None:
        self.count += 1


def test_the_list_fetches_more_rows_when_scrolled_to_the_end(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    _add_many(services)
    view = ParticipantsView(services, _hub(services))
    qtbot.addWidget(view)
    view.resize(900, 500)
    view.show()
    total = view.lists.total()  # known from the first page on
    assert total == MANY
    assert str(total) in view.count_label.text()
    qtbot.waitUntil(lambda: not view.lists.loading)  # the rest, read off the UI thread
    assert view.model.total() == total
    assert view.model.rowCount() < total  # the first batch only
    view.table.setFocus()
    view.table.selectRow(0)
    while view.model.rowCount() < total:
        before = view.model.rowCount()
        qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda before=before: view.model.rowCount() > before)
    assert _is_sorted(view)
    # Sorting again by name, descending, keeps the order right across what was fetched.
    view.table.sortByColumn(cells.NAME, Qt.SortOrder.DescendingOrder)
    rows = [view.model.row_at(r) for r in range(view.model.rowCount())]
    keys = [name_key(r.last_name, r.first_name, r.id) for r in rows]
    assert keys == sorted(keys, reverse=True)


def test_a_search_typed_in_the_box_filters_across_pages(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    _add_many(services)
    view = ParticipantsView(services, _hub(services))
    qtbot.addWidget(view)
    view.show()
    qtbot.keyClicks(view.search, "Fatma04")
    qtbot.waitUntil(lambda: view.model.total() == 10)  # Fatma040 … Fatma049
    assert all("Fatma04" in name for name in _names(view))
    assert _is_sorted(view)
    view.search.clear()
    qtbot.keyClicks(view.search, "Zeta")
    qtbot.waitUntil(lambda: view.model.total() == MANY and not view.lists.loading)
    assert view.model.rowCount() == table_model.BATCH


def test_saving_her_name_in_her_file_updates_her_row_without_a_reset(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    ids = _add_many(services)
    hub = _hub(services)
    view = ParticipantsView(services, hub)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: not view.lists.loading)
    pid = view.model.row_at(3).id
    view.table.selectRow(3)
    resets = _Resets(view.model)
    reads: list[object] = []
    original = services.participants.list
    services.participants.list = lambda *a, **k: _noted(reads, k, original(*a, **k))
    try:
        file = ParticipantFile(services, hub, pid)
        qtbot.addWidget(file)
        file.show()
        last = file.overview.form.fields["last_name"]
        assert isinstance(last, QLineEdit)
        qtbot.mouseClick(last, Qt.MouseButton.LeftButton)
        last.selectAll()
        qtbot.keyClicks(last, "Aaberg")
        qtbot.mouseClick(file.overview.save_button, Qt.MouseButton.LeftButton)
        assert not file.overview.dirty
    finally:
        services.participants.list = original
    assert resets.count == 0 and reads == []
    # She now sorts first, is shown with her new name, and is still the one selected.
    assert view.model.row_at(0).id == pid
    assert view.model.index(0, cells.NAME).data().startswith("Aaberg, ")
    assert view.selected_ids() == [pid]
    assert _is_sorted(view) and view.model.total() == len(ids)


def test_archiving_her_removes_her_row_and_restoring_brings_it_back(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    _add_many(services, 12)
    view = ParticipantsView(services, _hub(services))
    qtbot.addWidget(view)
    view.show()
    pid = view.model.row_at(5).id
    resets = _Resets(view.model)
    services.participants.archive(pid)
    assert pid not in [view.model.row_at(r).id for r in range(view.model.rowCount())]
    services.participants.unarchive(pid)
    assert view.model.row_at(5).id == pid and _is_sorted(view)
    assert resets.count == 0


def _module_with(services: Any, title: str, pids: list[int]) -> int:
    module = services.modules.create(ModuleDraft(title, starts_on=dt.date(2025, 1, 6)))
    for pid in pids:
        services.modules.enrol(pid, module.id, TODAY)
    return int(module.id)


def test_modules_update_her_name_and_ignore_unrelated_changes(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    amal, dilan, other = (
        services.participants.create(ParticipantDraft(first, "Kaya")).id
        for first in ("Amal", "Dilan", "Sevda")
    )
    first = _module_with(services, "Aa Bewerbungstraining", [amal, dilan])
    fair = _module_with(services, "Zz Jobmesse", [])
    hub = _hub(services)
    asked: list[int] = []
    original = services.modules.participants_of_module
    services.modules.participants_of_module = lambda mid: _noted(asked, mid, original(mid))
    try:
        view = ModulesView(services, hub)
        qtbot.addWidget(view)
        view.show()
        view.table.select_where(lambda m: m.id == first)
        qtbot.waitUntil(lambda: view.enrolled.model.rowCount() == 2)
        assert asked == [first]  # once, not once more for the selection restored

        resets = _Resets(view.enrolled.model)
        record = services.participants.get(amal)
        services.participants.update(amal, replace(record.draft(), first_name="Amira"))
        names = {e.participant_name for e in view.enrolled.model.rows()}
        assert names == {"Amira Kaya", "Dilan Kaya"}
        unrelated = services.participants.get(other)
        services.participants.update(other, replace(unrelated.draft(), first_name="Selin"))
        services.modules.enrol(other, fair, TODAY)  # another module than the one shown
        assert asked == [first] and resets.count == 0

        services.modules.enrol(other, first, TODAY)  # she joins the module shown
        qtbot.waitUntil(lambda: view.enrolled.model.rowCount() == 3)
        assert asked == [first, first]
    finally:
        services.modules.participants_of_module = original


def test_reports_update_her_story_name_only(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    ids = _add_many(services, 5)
    view = ReportsView(services, _hub(services))
    qtbot.addWidget(view)
    story = open_story(qtbot, view)
    story.participant.setCurrentIndex(story.names.row_of(ids[2]))
    reads: list[object] = []
    original = services.participants.list
    services.participants.list = lambda *a, **k: _noted(reads, k, original(*a, **k))
    try:
        record = services.participants.get(ids[4])
        services.participants.update(ids[4], replace(record.draft(), first_name="Hülya"))
        services.participants.update(
            ids[1],
            replace(services.participants.get(ids[1]).draft(), status=ParticipantStatus.ACTIVE),
        )
    finally:
        services.participants.list = original
    assert reads == []
    texts = [story.participant.itemText(i) for i in range(story.participant.count())]
    assert any(t.startswith("Hülya ") for t in texts) and len(texts) == 5
    assert story.participant_id() == ids[2]  # her choice stays
    services.participants.archive(ids[3])
    assert story.participant.count() == 4


def test_the_first_page_is_shown_while_the_rest_is_read(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    """The first rows come from the index at once; the whole list follows from the thread
    pool, and a save made meanwhile is not lost when it arrives."""
    import threading

    ids = _add_many(services)
    hub = _hub(services)
    release = threading.Event()
    original = services.participants.list

    def held(*args: Any, **kwargs: Any) -> Any:
        rows = original(*args, **kwargs)  # read before her save below ...
        release.wait(10)  # ... and handed over after it
        return rows

    services.participants.list = held
    try:
        view = ParticipantsView(services, hub)
        qtbot.addWidget(view)
        view.show()
        assert view.lists.loading
        assert view.model.rowCount() == table_model.BATCH
        assert str(MANY) in view.count_label.text()
        assert _is_sorted(view)
        last = view.model.row_at(view.model.rowCount() - 1).id
        services.participants.update(last, ParticipantDraft("Fatma", "Aaberg"))
        assert view.model.row_at(0).id == last  # shown at once, first by name
        first = view.table.visualRect(view.model.index(0, 0)).center()
        qtbot.mouseClick(view.table.viewport(), Qt.MouseButton.LeftButton, pos=first)
        qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        assert view.model.rowCount() == table_model.BATCH  # at the end of the first page
        assert view.table.currentIndex().row() == table_model.BATCH - 1
    finally:
        release.set()
        services.participants.list = original
    qtbot.waitUntil(lambda: not view.lists.loading)
    # She waited at the end of the first page: the next rows come without another key.
    qtbot.waitUntil(lambda: view.model.rowCount() > table_model.BATCH)
    view.table.setFocus()
    while view.model.canFetchMore():
        before = view.model.rowCount()
        qtbot.keyClick(view.table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
        qtbot.waitUntil(lambda before=before: view.model.rowCount() > before)
    assert view.model.row_at(0).id == last
    assert view.model.index(0, cells.NAME).data() == "Aaberg, Fatma"
    assert sorted(view.model.row_at(r).id for r in range(view.model.rowCount())) == sorted(ids)
    assert _is_sorted(view)
