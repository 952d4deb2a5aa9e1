"""Today reads its lists off the UI thread: the window answers while a long list is read,
each section fills as its list arrives, and a change made meanwhile is not lost."""

from __future__ import annotations

import datetime as dt
import threading
from typing import Any

from PySide6.QtCore import Qt

from coachdesk.services.meetings import AgreementDraft, MeetingDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.ui.today.model import SECTION_ROLE, WHAT
from coachdesk.ui.today.sections import AGREEMENTS, CONSENTS, MEETINGS
from coachdesk.ui.today.view import TodayView
from tests.conftest import TODAY


def _texts(view: TodayView, key: str) -> list[str]:
    model = view.model
    section = next(
        model.index(r, 0)
        for r in range(model.rowCount())
        if model.index(r, 0).data(SECTION_ROLE) == key
    )
    return [str(model.index(r, WHAT, section).data()) for r in range(model.rowCount(section))]


def _meeting(services: Any, pid: int, days: int, *agreements: AgreementDraft) -> None:
    held_at = dt.datetime.combine(TODAY + dt.timedelta(days=days), dt.time(10, 0))
    services.meetings.create(
        pid, MeetingDraft(held_at, location="Bewerbungscafé", agreements=agreements)
    )


def _held(services: Any, monkeypatch: Any, key: str = AGREEMENTS) -> threading.Event:
    """The list ``key`` is read only once the returned event is set."""
    release = threading.Event()
    first_page = services.reminders.first_page

    def held(*args: Any, **kwargs: Any) -> Any:
        keys = args[2] if len(args) > 2 else kwargs.get("keys", ())
        if key in keys:
            assert release.wait(20)
        return first_page(*args, **kwargs)

    monkeypatch.setattr(services.reminders, "first_page", held)
    return release


def test_sections_fill_as_their_lists_arrive_and_the_window_answers(
    qtbot: Any, services: Any, monkeypatch: Any
) -> None:
    amal = services.participants.create(ParticipantDraft("Amal", "Haddad")).id
    _meeting(services, amal, 2)
    _meeting(services, amal, -30, AgreementDraft("Amal", "Lebenslauf", TODAY - dt.timedelta(3)))
    release = _held(services, monkeypatch)
    signals = AppSignals()
    services.subscribe(signals.publish)
    view = TodayView(services, signals)
    qtbot.addWidget(view)
    view.resize(900, 700)
    view.show()
    qtbot.waitExposed(view)
    # The meetings are there while the agreements are still being read.
    qtbot.waitUntil(lambda: any("Bewerbung" in t for t in _texts(view, MEETINGS)))
    assert view.loading
    assert _texts(view, AGREEMENTS) == ["Loading…"]
    assert "Overdue agreements: …" in view.summary.text()
    # She moves through the rows with the keyboard meanwhile: the window answers.
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_Down)
    assert "Bewerbung" in str(view.tree.currentIndex().siblingAtColumn(WHAT).data())
    release.set()
    qtbot.waitUntil(lambda: not view.loading)
    assert _texts(view, AGREEMENTS) == ["Amal: Lebenslauf"]
    assert "Bewerbung" in str(view.tree.currentIndex().siblingAtColumn(WHAT).data())


def test_a_change_made_while_the_lists_are_read_is_shown(
    qtbot: Any, services: Any, monkeypatch: Any
) -> None:
    amal = services.participants.create(ParticipantDraft("Amal", "Haddad")).id
    release = _held(services, monkeypatch, CONSENTS)
    signals = AppSignals()
    services.subscribe(signals.publish)
    view = TodayView(services, signals)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.waitUntil(lambda: _texts(view, AGREEMENTS) != ["Loading…"])  # read: none
    assert view.loading
    # Saved in her file while Today is still reading: an agreement overdue since yesterday.
    _meeting(services, amal, -10, AgreementDraft("Amal", "Anerkennung", TODAY - dt.timedelta(1)))
    release.set()
    qtbot.waitUntil(lambda: not view.loading)
    qtbot.waitUntil(lambda: _texts(view, AGREEMENTS) == ["Amal: Anerkennung"])


def test_refresh_twice_in_a_row_shows_each_section_once(qtbot: Any, services: Any) -> None:
    amal = services.participants.create(ParticipantDraft("Amal", "Haddad")).id
    _meeting(services, amal, 3)
    signals = AppSignals()
    view = TodayView(services, signals)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(view.refresh_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not view.loading)
    keys = [view.model.index(r, 0).data(SECTION_ROLE) for r in range(view.model.rowCount())]
    assert len(keys) == len(set(keys)) == 10
    assert len(_texts(view, MEETINGS)) == 1 and "Bewerbung" in _texts(view, MEETINGS)[0]
