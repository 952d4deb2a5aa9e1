"""A success story being written survives a lock and a switch to another participant."""

from __future__ import annotations

from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.reports.story_page import draft_key
from coachdesk.ui.reports.view import ReportsView
from coachdesk.ui.shell.signals import AppSignals
from tests.ui.reports_support import open_story


def _view(qtbot, services) -> ReportsView:  # type: ignore[no-untyped-def]
    view = ReportsView(services, AppSignals())
    qtbot.addWidget(view)
    return view


def test_story_is_kept_when_locking_and_comes_back(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    amina = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    services.participants.create(ParticipantDraft("Olena", "Kovalenko"))
    view = _view(qtbot, services)
    story = open_story(qtbot, view)
    story.participant.setCurrentIndex(story.participant.findData(amina))
    story.title.setText("Vom Sprachkurs in die Pflege")
    story.text.setPlainText("A. kam 2023 mit zwei Kindern nach Deutschland …")

    view.clear()  # what the main window does before the vault locks
    assert story.text.toPlainText() == ""
    assert services.drafts.load(draft_key(amina))["title"] == "Vom Sprachkurs in die Pflege"

    again = _view(qtbot, services)  # after unlocking, a new window
    open_story(qtbot, again)
    again.story.participant.setCurrentIndex(again.story.participant.findData(amina))
    assert again.story.text.toPlainText().startswith("A. kam 2023")


def test_switching_participant_shows_each_her_own_story(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    amina = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    olena = services.participants.create(ParticipantDraft("Olena", "Kovalenko")).id
    view = _view(qtbot, services)  # held: qtbot keeps only a weak reference to it
    story = open_story(qtbot, view)
    story.participant.setCurrentIndex(story.participant.findData(amina))
    story.text.setPlainText("Aminas Weg")
    story.participant.setCurrentIndex(story.participant.findData(olena))
    assert story.text.toPlainText() == ""
    story.participant.setCurrentIndex(story.participant.findData(amina))
    assert story.text.toPlainText() == "Aminas Weg"
