"""The ESF Plus tab as a coach uses it: questions answered by keyboard, saved, read again."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget

from coachdesk.models.enums import EducationLevel, EsfAnswer, Gender, LabourStatus
from coachdesk.services.esf import EntryDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.file.participant_file import ParticipantFile
from coachdesk.ui.file.sections import SECTION_OF_KIND, FileSection
from coachdesk.ui.shell.signals import AppSignals
from tests.conftest import TODAY

ENTRY = dt.date(2025, 9, 1)


@pytest.fixture
def signals(services):  # type: ignore[no-untyped-def]
    hub = AppSignals()
    services.subscribe(hub.publish)
    return hub


@pytest.fixture
def participant_id(services) -> int:  # type: ignore[no-untyped-def]
    draft = ParticipantDraft("Amina", "Haddad", date_of_birth=dt.date(1990, 9, 2), entry_date=ENTRY)
    return services.participants.create(draft).id


def _open(qtbot, services, signals, pid):  # type: ignore[no-untyped-def]
    file = ParticipantFile(services, signals, pid)
    qtbot.addWidget(file)
    file.resize(1280, 720)
    file.show()
    file.show_section(FileSection.ESF)
    qtbot.waitExposed(file)
    file.activateWindow()
    return file


def _focused(file: ParticipantFile) -> QWidget:
    """Where her typing goes: the file's focused field (the window need not be active)."""
    widget = file.focusWidget()
    assert widget is not None
    return widget


def test_the_tab_is_where_today_opens_an_esf_item() -> None:
    from coachdesk.services.context import ChangeKind

    assert SECTION_OF_KIND[ChangeKind.ESF] == FileSection.ESF
    order = list(FileSection)
    assert order.index(FileSection.ESF) == order.index(FileSection.AFTERCARE) + 1


def test_entry_questions_by_keyboard_saved_and_read_again(  # type: ignore[no-untyped-def]
    qtbot, services, signals, participant_id
) -> None:
    file = _open(qtbot, services, signals, participant_id)
    entry = file.esf.entry
    assert file.tabs.currentWidget() is file.esf
    assert "34 years" in entry.age.text()
    assert entry.gender.currentText() == "Not asked yet"
    assert not entry.save_button.isEnabled() and not file.has_unsaved_changes()
    entry.answered_on.setFocus()
    qtbot.keyClick(_focused(file), Qt.Key.Key_Tab)  # to the date's calendar button
    qtbot.keyClick(_focused(file), Qt.Key.Key_Tab)
    assert _focused(file) is entry.gender
    qtbot.keyClicks(entry.gender, "Female")
    qtbot.keyClick(entry.gender, Qt.Key.Key_Tab)
    assert _focused(file) is entry.labour_status
    qtbot.keyClicks(entry.labour_status, "Long")
    qtbot.keyClick(entry.labour_status, Qt.Key.Key_Tab)
    qtbot.keyClicks(entry.education, "Upper")
    for key in ("third_country_national", "foreign_background"):
        qtbot.keyClick(_focused(file), Qt.Key.Key_Tab)
        assert _focused(file) is entry.answers[key]
        qtbot.keyClicks(entry.answers[key], "Yes")
    for key in ("homeless", "rural"):  # "No" is the second choice after "Yes"
        qtbot.keyClick(_focused(file), Qt.Key.Key_Tab)
        qtbot.keyClick(entry.answers[key], Qt.Key.Key_Down)
        qtbot.keyClick(entry.answers[key], Qt.Key.Key_Down)
    for key in ("disability", "minority"):
        qtbot.keyClick(_focused(file), Qt.Key.Key_Tab)
        qtbot.keyClick(entry.answers[key], Qt.Key.Key_End)  # "No answer" is the last choice
    qtbot.keyClick(_focused(file), Qt.Key.Key_Tab)
    assert _focused(file) is entry.save_button
    assert entry.answered_on.date() == TODAY  # the first answer dated the questions
    assert file.has_unsaved_changes() and entry.save_button.isEnabled()
    qtbot.keyClick(entry.save_button, Qt.Key.Key_Space)
    assert not file.has_unsaved_changes()
    expected = EntryDraft(
        answered_on=TODAY,
        gender=Gender.FEMALE,
        labour_status=LabourStatus.LONG_TERM_UNEMPLOYED,
        education=EducationLevel.ISCED_3_4,
        third_country_national=EsfAnswer.YES,
        foreign_background=EsfAnswer.YES,
        homeless=EsfAnswer.NO,
        rural=EsfAnswer.NO,
        disability=EsfAnswer.NO_ANSWER,
        minority=EsfAnswer.NO_ANSWER,
    )
    assert services.esf.get(participant_id).entry == expected
    file.close()
    again = _open(qtbot, services, signals, participant_id).esf.entry
    assert again.gender.value() == Gender.FEMALE
    assert again.answers["disability"].currentText() == "No answer"
    assert again.answers["homeless"].currentText() == "No"
    assert again.answered_on.date() == TODAY


def test_a_refused_save_keeps_every_choice(qtbot, services, signals, participant_id) -> None:  # type: ignore[no-untyped-def]
    file = _open(qtbot, services, signals, participant_id)
    entry = file.esf.entry
    qtbot.keyClicks(entry.gender, "Female")
    qtbot.keyClicks(entry.answers["minority"], "Yes")
    entry.answered_on.line.clear()
    qtbot.keyClicks(entry.answered_on.line, "31/08/2025")  # the day before she entered
    qtbot.mouseClick(entry.save_button, Qt.MouseButton.LeftButton)
    message = entry.answered_on.error_label.text()  # type: ignore[attr-defined]
    assert "before she entered" in message and "Sep 1, 2025" in message
    assert entry.gender.value() == Gender.FEMALE
    assert entry.answers["minority"].value() == EsfAnswer.YES
    assert entry.answered_on.text() == "31/08/2025"
    assert services.esf.get(participant_id).entry == EntryDraft()
    assert file.has_unsaved_changes()
    # A change elsewhere in her file reloads the tab but never her unsaved choices.
    services.participants.update(participant_id, services.participants.get(participant_id).draft())
    assert entry.gender.value() == Gender.FEMALE
    entry.answered_on.line.clear()
    qtbot.keyClicks(entry.answered_on.line, "02/09/2025")
    assert file.save()  # Ctrl+S of the file saves the tab's questions too
    assert services.esf.get(participant_id).entry.minority == EsfAnswer.YES


def test_follow_up_appears_when_her_exit_is_saved(qtbot, services, signals, participant_id) -> None:  # type: ignore[no-untyped-def]
    file = _open(qtbot, services, signals, participant_id)
    leaving, follow_up = file.esf.leaving, file.esf.follow_up
    assert not leaving.body.isEnabled() and not follow_up.body.isEnabled()
    assert "exit date" in leaving.hint.text()
    assert "planned once her exit date" in file.aftercare.esf_line.text()
    file.show_section(FileSection.OVERVIEW)
    exit_field = file.overview.form.fields["exit_date"]
    qtbot.keyClicks(exit_field.line, "10/09/2025")  # type: ignore[attr-defined]
    qtbot.mouseClick(file.overview.save_button, Qt.MouseButton.LeftButton)
    assert services.participants.get(participant_id).exit_date == dt.date(2025, 9, 10)
    assert leaving.body.isEnabled() and follow_up.body.isEnabled()
    assert "Mar 10, 2026" in follow_up.hint.text()
    assert "due on Mar 10, 2026, not answered yet" in file.aftercare.esf_line.text()
    file.show_section(FileSection.AFTERCARE)
    qtbot.mouseClick(file.aftercare.esf_button, Qt.MouseButton.LeftButton)
    assert file.tabs.currentWidget() is file.esf
    # Not employed at entry: the question about better work is not hers.
    assert not follow_up.improved_situation.isEnabled()
    follow_up.not_reached.setFocus()
    qtbot.keyClick(follow_up.not_reached, Qt.Key.Key_Space)
    assert not follow_up.employed.isEnabled() and follow_up.answered_on.date() == TODAY
    qtbot.mouseClick(follow_up.save_button, Qt.MouseButton.LeftButton)
    stored = services.esf.get(participant_id).follow_up
    assert stored is not None and stored.not_reached and stored.answered_on == TODAY
    assert "could not be reached" in file.aftercare.esf_line.text()


def test_the_improved_question_for_a_woman_employed_at_entry(  # type: ignore[no-untyped-def]
    qtbot, services, signals, participant_id
) -> None:
    services.esf.save_entry(participant_id, EntryDraft(ENTRY, labour_status=LabourStatus.EMPLOYED))
    draft = services.participants.get(participant_id).draft()
    services.participants.update(
        participant_id, draft.__class__(**{**vars(draft), "exit_date": dt.date(2025, 9, 1)})
    )
    file = _open(qtbot, services, signals, participant_id)
    follow_up = file.esf.follow_up
    assert follow_up.improved_situation.isEnabled()
    for _step in range(2):  # "No" is the second choice after "Yes"
        qtbot.keyClick(follow_up.employed, Qt.Key.Key_Down)
    assert follow_up.employed.value() is False
    qtbot.keyClicks(follow_up.improved_situation, "Yes")
    qtbot.mouseClick(follow_up.save_button, Qt.MouseButton.LeftButton)
    assert "means she is employed" in follow_up.employed.error_label.text()  # type: ignore[attr-defined]
    assert follow_up.improved_situation.value() is True
    qtbot.keyClick(follow_up.employed, Qt.Key.Key_Up)
    assert follow_up.employed.value() is True
    qtbot.mouseClick(follow_up.save_button, Qt.MouseButton.LeftButton)
    assert follow_up.general_error.text() == "", follow_up.general_error.text()
    assert follow_up.answered_on.error_label.text() == ""  # type: ignore[attr-defined]
    stored = services.esf.get(participant_id).follow_up
    assert stored is not None and stored.employed and stored.improved_situation


def test_unsaved_choices_are_kept_as_a_draft(qtbot, services, signals, participant_id) -> None:  # type: ignore[no-untyped-def]
    file = _open(qtbot, services, signals, participant_id)
    entry = file.esf.entry
    qtbot.keyClicks(entry.gender, "Female")
    qtbot.keyClick(entry.answers["disability"], Qt.Key.Key_End)
    file.save_draft()  # as the timer and a lock do
    file.close()
    again = _open(qtbot, services, signals, participant_id)
    assert again.has_draft_offer()
    assert again.esf.entry.gender.value() is None  # nothing saved: not asked yet
    qtbot.mouseClick(again.restore_button, Qt.MouseButton.LeftButton)
    entry = again.esf.entry
    assert entry.gender.value() == Gender.FEMALE
    assert entry.answers["disability"].value() == EsfAnswer.NO_ANSWER
    assert entry.answered_on.text() and again.has_unsaved_changes()
    assert again.save() and services.esf.get(participant_id).entry.gender == Gender.FEMALE
