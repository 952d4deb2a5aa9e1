"""The participant file as a coach uses it: goals and steps, the overview form, drafts, leaving."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QMessageBox

from coachdesk.models.enums import GoalStatus, MilestoneKind
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.programmes import ProgrammeDraft
from coachdesk.ui.file.participant_file import ParticipantFile, draft_key
from coachdesk.ui.file.sections import FileSection
from coachdesk.ui.shell.signals import AppSignals
from tests.conftest import TODAY


@pytest.fixture
def signals(services):  # type: ignore[no-untyped-def]
    hub = AppSignals()
    services.subscribe(hub.publish)
    return hub


@pytest.fixture
def participant_id(services) -> int:  # type: ignore[no-untyped-def]
    return services.participants.create(ParticipantDraft("Amina", "Haddad")).id


def _save(dialog) -> None:  # type: ignore[no-untyped-def]
    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()


def test_goal_with_milestone_and_small_step_reorder_and_reached(
    qtbot, services, signals, participant_id
) -> None:  # type: ignore[no-untyped-def]
    file = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(file)
    goals = file.goals
    assert goals.goals.is_empty() and "No goals yet" in goals.goals.empty.text()

    for title in ("Kita-Platz finden", "Praktikum im Einzelhandel"):
        dialog = goals.open_goal(None)
        dialog.title.setText(title)
        dialog.target_date.line.setText("30/06/2026")
        _save(dialog)
        assert dialog.result() == dialog.DialogCode.Accepted
    assert [g.title for g in goals.goals.model.rows()] == [
        "Kita-Platz finden",
        "Praktikum im Einzelhandel",
    ]

    goals.goals.select_where(lambda g: g.title == "Praktikum im Einzelhandel")
    step = goals.open_milestone(None)
    step.title.setText("Bewerbung abgeschickt")
    _save(step)
    small = goals.open_milestone(None)
    small.title.setText("Erstes Telefonat auf Deutsch")
    small.kind.set_value(MilestoneKind.CONFIDENCE)
    _save(small)
    shown = goals.milestones.model.rows()
    assert [(m.title, m.kind) for m in shown] == [
        ("Bewerbung abgeschickt", MilestoneKind.MILESTONE),
        ("Erstes Telefonat auf Deutsch", MilestoneKind.CONFIDENCE),
    ]
    assert "Small step: self-confidence" in goals.milestones.model.data(
        goals.milestones.model.index(1, 2)
    )

    goals.move_goal(-1)
    stored = services.goals.list_for_participant(participant_id)
    assert [g.title for g in stored] == ["Praktikum im Einzelhandel", "Kita-Platz finden"]
    assert goals.current_goal().title == "Praktikum im Einzelhandel"

    goals.mark_goal_reached()
    reached = services.goals.list_for_participant(participant_id)[0]
    assert (reached.status, reached.reached_on) == (GoalStatus.REACHED, TODAY)
    goals.milestones.select_where(lambda m: m.title == "Erstes Telefonat auf Deutsch")
    goals.toggle_step_reached()
    steps = services.goals.list_for_participant(participant_id)[0].milestones
    assert [m.reached_on for m in steps] == [None, TODAY]


def test_wrong_date_format_shows_message_next_to_field_and_keeps_text(
    qtbot, services, signals, participant_id
) -> None:  # type: ignore[no-untyped-def]
    file = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(file)
    file.show()
    form = file.overview.form
    form.fields["phone"].setText("0176 5555")
    form.fields["phone"].textEdited.emit("0176 5555")
    birth = form.fields["date_of_birth"]
    birth.line.setText("31.02.1990x")
    assert file.has_unsaved_changes()

    assert file.save() is False
    message = birth.error_label.text()
    assert birth.error_label.isVisible()
    assert "not a date" in message and "Mar 16, 2026" in message
    assert birth.line.text() == "31.02.1990x"
    assert form.fields["phone"].text() == "0176 5555"
    assert services.participants.get(participant_id).phone == ""

    birth.line.setText("02/01/1990")
    assert file.save() is True
    stored = services.participants.get(participant_id)
    assert (stored.date_of_birth, stored.phone) == (dt.date(1990, 1, 2), "0176 5555")
    assert not birth.error_label.isVisible()
    assert not file.has_unsaved_changes()


def test_service_validation_message_lands_next_to_its_field(
    qtbot, services, signals, participant_id
) -> None:  # type: ignore[no-untyped-def]
    file = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(file)
    file.show()
    email = file.overview.form.fields["email"]
    email.setText("amina(at)example")
    email.textEdited.emit("amina(at)example")
    assert file.save() is False
    assert "not a valid e-mail" in email.error_label.text()
    assert file.focusWidget() is email


def _answer_next_question(button: QMessageBox.StandardButton, seen: list[str]) -> None:
    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.button(button).click()

    QTimer.singleShot(0, answer)


def test_leaving_with_unsaved_changes_asks(qtbot, services, signals, participant_id) -> None:  # type: ignore[no-untyped-def]
    stark = services.programmes.create(ProgrammeDraft("Stark im Beruf"))
    file = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(file)
    file.show()
    assert file.confirm_leave() is True  # nothing to lose, nothing asked

    programme = file.overview.form.fields["programme_id"]
    programme.setFocus()
    qtbot.keyClicks(programme, "Stark")  # chosen by typing, as in any list
    seen: list[str] = []
    _answer_next_question(QMessageBox.StandardButton.Cancel, seen)
    assert file.confirm_leave() is False
    assert seen and "not saved" in seen[0]
    assert programme.currentText() == "Stark im Beruf"

    _answer_next_question(QMessageBox.StandardButton.Save, seen)
    assert file.confirm_leave() is True
    assert services.participants.get(participant_id).programme_id == stark.id


def test_save_draft_keeps_typing_and_reopening_restores_it(
    qtbot, services, signals, participant_id
) -> None:  # type: ignore[no-untyped-def]
    file = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(file)
    notes = file.overview.form.fields["childcare"]
    notes.setPlainText("Kita ab August zugesagt")
    birth = file.overview.form.fields["date_of_birth"]
    birth.line.setText("02.01.19")  # still being typed
    assert file.draft_timer.isActive()
    file.save_draft()
    assert services.drafts.load(draft_key(participant_id)) is not None
    file.close()

    reopened = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(reopened)
    assert reopened.has_draft_offer()
    assert reopened.overview.form.fields["childcare"].toPlainText() == ""
    reopened.restore_draft()
    form = reopened.overview.form
    assert form.fields["childcare"].toPlainText() == "Kita ab August zugesagt"
    assert form.fields["date_of_birth"].text() == "02.01.19"
    assert reopened.has_unsaved_changes()
    form.fields["date_of_birth"].line.setText("")
    assert reopened.save()
    assert services.participants.get(participant_id).childcare == "Kita ab August zugesagt"
    assert services.drafts.load(draft_key(participant_id)) is None


def test_open_meeting_editor_is_kept_in_the_draft_and_reopened(
    qtbot, services, signals, participant_id
) -> None:  # type: ignore[no-untyped-def]
    file = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(file)
    file.show()
    editor = file.meetings.open_meeting(None)
    editor.shared_summary.setPlainText("Praktikum bei der Bäckerei vereinbart")
    row = editor.agreements.add_row()
    editor.agreements.set_text(row, editor.agreements.WHAT, "Bewerbung schreiben")
    editor.agreements.due_field(row).line.setText("31.0")  # still being typed
    assert file.has_unsaved_changes()
    file.save_draft()  # what a lock does
    file.close()

    reopened = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(reopened)
    reopened.show()
    reopened.restore_draft()
    [restored] = reopened.open_editors()
    assert restored.shared_summary.toPlainText() == "Praktikum bei der Bäckerei vereinbart"
    assert restored.agreements.text(0, restored.agreements.WHAT) == "Bewerbung schreiben"
    assert restored.agreements.due_field(0).text() == "31.0"
    restored.agreements.due_field(0).line.setText("31/03/2026")
    _save(restored)
    assert "who does it" in restored.agreements.error_label.text()
    restored.agreements.set_text(0, restored.agreements.WHO, "Amina")
    _save(restored)
    [meeting] = services.meetings.list_for_participant(participant_id)
    assert meeting.shared_summary == "Praktikum bei der Bäckerei vereinbart"
    reopened.save_draft()
    assert services.drafts.load(draft_key(participant_id)) is None


def test_switching_language_reformats_dates_without_losing_typing(
    qtbot, services, signals, participant_id
) -> None:  # type: ignore[no-untyped-def]
    from coachdesk import i18n

    services.participants.update(
        participant_id, ParticipantDraft("Amina", "Haddad", date_of_birth=dt.date(1990, 1, 2))
    )
    file = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(file)
    form = file.overview.form
    assert form.fields["date_of_birth"].text() == "Jan 2, 1990"
    form.fields["childcare"].setPlainText("Kita ab August")
    i18n.set_language("de")
    assert form.fields["date_of_birth"].text() == "02.01.1990"
    assert "16.03.2026" in form.fields["entry_date"].line.placeholderText()
    assert form.fields["childcare"].toPlainText() == "Kita ab August"
    assert file.has_unsaved_changes()


def test_today_can_open_a_meeting_in_the_file(qtbot, services, signals, participant_id) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.services.meetings import MeetingDraft

    meeting = services.meetings.create(
        participant_id, MeetingDraft(dt.datetime(2026, 3, 2, 9, 0), location="Jobcenter")
    )
    file = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(file)
    editor = file.open_meeting(meeting.id)
    assert file.tabs.currentWidget() is file.meetings
    assert editor.location.text() == "Jobcenter"
    file.show_section(FileSection.CONSENTS)
    assert file.tabs.currentWidget() is file.consents


def test_an_archived_integration_officer_is_kept_on_save(qtbot, services, signals) -> None:  # type: ignore[no-untyped-def]
    from coachdesk.models.enums import OrganisationKind
    from coachdesk.services.directory import ContactDraft, OrganisationDraft

    org = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    officer = services.directory.create_contact(ContactDraft(org.id, "Frau Berger"))
    pid = services.participants.create(
        ParticipantDraft("Amina", "Haddad", integration_officer_id=officer.id)
    ).id
    services.directory.archive_contact(officer.id)
    file = ParticipantFile(services, signals, pid)
    qtbot.addWidget(file)
    combo = file.overview.form.fields["integration_officer_id"]
    assert "Frau Berger" in combo.currentText() and "archived" in combo.currentText()
    file.overview.form.fields["pseudonym"].setFocus()
    qtbot.keyClicks(file.overview.form.fields["pseudonym"], "Frau H.")
    assert file.save()
    assert services.participants.get(pid).integration_officer_id == officer.id


def test_status_change_is_saved_without_an_error_box(
    qtbot, services, signals, participant_id
) -> None:  # type: ignore[no-untyped-def]
    """Intake -> Active, chosen with the keyboard and saved with a click, as a coach does."""
    from PySide6.QtCore import Qt

    from coachdesk.labels import label
    from coachdesk.models.enums import ParticipantStatus

    file = ParticipantFile(services, signals, participant_id)
    qtbot.addWidget(file)
    file.show()
    overview = file.overview
    status = overview.form.fields["status"]
    reloads: list[int] = []
    overview.refresh = lambda: reloads.append(1)  # type: ignore[method-assign]
    status.setFocus()
    qtbot.keyClicks(status, label(ParticipantStatus.ACTIVE))
    assert overview.dirty
    qtbot.mouseClick(overview.save_button, Qt.MouseButton.LeftButton)
    assert not overview.dirty
    assert services.participants.get(participant_id).status == ParticipantStatus.ACTIVE
    assert overview.status_line.text() == f"Status: {label(ParticipantStatus.ACTIVE)}"
    assert reloads == []  # its own save: no second reload over what it shows
