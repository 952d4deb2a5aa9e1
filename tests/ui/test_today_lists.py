"""Today at scale: a page of each list with its count, "Show more", and changes that read
again only what they concern (a real vault, the real view, keys and mouse)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, Qt

from coachdesk.services.meetings import AgreementDraft, MeetingDraft
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.ui.today.model import ITEM_ROLE, MORE_ROLE, PARTICIPANT, SECTION_ROLE, WHAT
from coachdesk.ui.today.sections import AGREEMENTS
from coachdesk.ui.today.view import TodayView
from tests.conftest import TODAY

OVERDUE = 55


def _vault_with_overdue(services: Any) -> tuple[int, int]:
    """Ayşe with one meeting of 55 agreements overdue by 1 to 55 days; Olena with none."""
    ayse = services.participants.create(ParticipantDraft("Ayşe", "Yılmaz")).id
    olena = services.participants.create(ParticipantDraft("Olena", "Kovalenko")).id
    agreements = tuple(
        AgreementDraft("Ayşe", f"Step {n}", TODAY - dt.timedelta(days=n))
        for n in range(1, OVERDUE + 1)
    )
    held_at = dt.datetime.combine(TODAY - dt.timedelta(days=60), dt.time(10, 0))
    services.meetings.create(ayse, MeetingDraft(held_at=held_at, agreements=agreements))
    return ayse, olena


def _view(qtbot: Any, services: Any) -> TodayView:
    signals = AppSignals()
    services.subscribe(signals.publish)
    view = TodayView(services, signals)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: not view.loading)  # as she waits for the rows to appear
    return view


def _section(view: TodayView, key: str) -> QModelIndex:
    model = view.model
    return next(
        model.index(r, 0)
        for r in range(model.rowCount())
        if model.index(r, 0).data(SECTION_ROLE) == key
    )


def _texts(view: TodayView, key: str) -> list[str]:
    section = _section(view, key)
    rows = range(view.model.rowCount(section))
    return [view.model.index(r, WHAT, section).data() for r in rows]


def test_a_long_list_shows_the_most_urgent_page_and_its_count(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    _vault_with_overdue(services)
    view = _view(qtbot, services)
    qtbot.waitUntil(
        lambda: _section(view, AGREEMENTS).data() == "Overdue agreements: 50 of 55 shown"
    )
    texts = _texts(view, AGREEMENTS)
    # The longest overdue first, then the next; the last row offers the rest.
    assert texts[:3] == ["Ayşe: Step 55", "Ayşe: Step 54", "Ayşe: Step 53"]
    assert len(texts) == 51 and texts[-1] == "Show 5 more…"
    assert "Overdue agreements: 55" in view.summary.text()

    section = _section(view, AGREEMENTS)
    view.tree.setFocus()
    view.tree.setCurrentIndex(view.model.index(49, 0, section))
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)  # onto "Show 5 more…", as she would
    assert view.tree.currentIndex().data(MORE_ROLE) == AGREEMENTS
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)

    texts = _texts(view, AGREEMENTS)
    assert len(texts) == OVERDUE and texts[-1] == "Ayşe: Step 1"
    assert _section(view, AGREEMENTS).data() == "Overdue agreements (55)"
    # The cursor waits on the first new entry, ready for Mark as done.
    assert view.tree.currentIndex().data() == "Ayşe: Step 5"
    assert view.done_button.isEnabled()


def test_show_more_by_double_click(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    _vault_with_overdue(services)
    view = _view(qtbot, services)
    section = _section(view, AGREEMENTS)
    more = view.model.index(50, 0, section)
    assert more.data(MORE_ROLE) == AGREEMENTS
    view.tree.scrollTo(more)
    centre = view.tree.visualRect(more).center()
    qtbot.mouseClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    qtbot.mouseDClick(view.tree.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert len(_texts(view, AGREEMENTS)) == OVERDUE


def test_changes_read_again_only_what_they_concern(qtbot, services, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ayse, olena = _vault_with_overdue(services)
    view = _view(qtbot, services)
    qtbot.waitUntil(lambda: "50 of 55" in _section(view, AGREEMENTS).data())
    reads: list[tuple[str, object]] = []
    reminders = services.reminders
    for name in ("first_page", "entries", "counts"):
        original = getattr(reminders, name)

        def spy(*args: Any, _name: str = name, _original: Any = original, **kwargs: Any) -> Any:
            reads.append((_name, kwargs.get("participant_ids")))
            return _original(*args, **kwargs)

        monkeypatch.setattr(reminders, name, spy)
    resets: list[str] = []
    view.model.modelReset.connect(lambda: resets.append("reset"))
    view.model.layoutChanged.connect(lambda *_a: resets.append("layout"))

    # A module is nothing Today shows: nothing is read, nothing redrawn.
    services.modules.create(ModuleDraft("Bewerbungstraining"))
    qtbot.wait(50)
    assert reads == [] and resets == []

    # Olena's new name: only her rows are read (she has none); no list is read again.
    draft = services.participants.get(olena).draft()
    services.participants.update(olena, dataclasses.replace(draft, first_name="Olha"))
    qtbot.waitUntil(lambda: bool(reads))
    qtbot.wait(50)
    assert {ids for name, ids in reads if name == "entries"} == {frozenset({olena})}
    assert "first_page" not in {name for name, _ids in reads}
    assert resets == []

    # Ayşe's new name shows on her rows in place, the selection stays on its row.
    section = _section(view, AGREEMENTS)
    view.tree.setCurrentIndex(view.model.index(2, 0, section))
    draft = services.participants.get(ayse).draft()
    services.participants.update(ayse, dataclasses.replace(draft, first_name="Ayse"))
    qtbot.waitUntil(lambda: view.model.index(0, PARTICIPANT, section).data() == "Ayse Yılmaz")
    assert resets == []
    assert view.tree.currentIndex().data() == "Ayşe: Step 53"


def test_a_shown_agreement_done_leaves_and_the_count_follows(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    _vault_with_overdue(services)
    view = _view(qtbot, services)
    qtbot.waitUntil(lambda: "50 of 55" in _section(view, AGREEMENTS).data())
    section = _section(view, AGREEMENTS)
    view.tree.setFocus()
    view.tree.setCurrentIndex(view.model.index(0, 0, section))
    item = view.tree.currentIndex().data(ITEM_ROLE)
    qtbot.keyClick(view.tree, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    # She still sees 50 (the next one moves up); the heading counts one fewer.
    qtbot.waitUntil(
        lambda: _section(view, AGREEMENTS).data() == "Overdue agreements: 50 of 54 shown"
    )
    texts = _texts(view, AGREEMENTS)
    assert texts[0] == "Ayşe: Step 54" and texts[49] == "Ayşe: Step 5"
    assert item.record_id not in {
        view.model.index(r, 0, section).data(ITEM_ROLE).record_id for r in range(50)
    }
    qtbot.mouseClick(view.undo_button, Qt.MouseButton.LeftButton)
    # Back at the top; the entries she had in view stay (one more than a page now).
    qtbot.waitUntil(
        lambda: _section(view, AGREEMENTS).data() == "Overdue agreements: 51 of 55 shown"
    )
    assert _texts(view, AGREEMENTS)[:2] == ["Ayşe: Step 55", "Ayşe: Step 54"]
