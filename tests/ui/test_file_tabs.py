"""The modules, consents and aftercare tabs of the participant file."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox

from coachdesk.labels import label
from coachdesk.models.enums import (
    AftercareStatus,
    AttendanceStatus,
    DataCategory,
    EnrolmentResult,
    OrganisationKind,
)
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.consents.tab import ConsentsTab
from coachdesk.ui.file.aftercare_tab import AftercareTab
from coachdesk.ui.modules.tab import ModulesTab
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


def test_enrol_record_attendance_and_result(qtbot, services, signals, participant_id) -> None:  # type: ignore[no-untyped-def]
    services.modules.create(ModuleDraft("Bewerbungstraining"))
    tab = ModulesTab(services, signals, participant_id)
    qtbot.addWidget(tab)
    assert "Not enrolled" in tab.table.empty.text()
    enrol = tab.enrol()
    assert enrol.module.currentText() == "Bewerbungstraining"
    _save(enrol)
    assert [e.module_title for e in tab.table.model.rows()] == ["Bewerbungstraining"]

    tab.table.view.selectRow(0)
    attendance = tab.record_attendance()
    attendance.status.set_value(AttendanceStatus.EXCUSED)
    _save(attendance)
    tab.table.view.selectRow(0)
    result = tab.record_result()
    result.show()
    qtbot.keyClicks(result.outcome, label(EnrolmentResult.COMPLETED))  # chosen by typing
    assert result.outcome.value() == EnrolmentResult.COMPLETED
    _save(result)
    # The dialog once had a field named ``result`` that hid QDialog.result().
    assert result.result() == QDialog.DialogCode.Accepted
    [enrolment] = services.modules.enrolments_for_participant(participant_id)
    assert (enrolment.excused, enrolment.result, enrolment.completed_on) == (
        1,
        EnrolmentResult.COMPLETED,
        TODAY,
    )
    tab.table.view.selectRow(0)
    assert "Excused" in tab.details.text()


def test_record_and_withdraw_consent(qtbot, services, signals, participant_id) -> None:  # type: ignore[no-untyped-def]
    jobcentre = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    tab = ConsentsTab(services, signals, participant_id)
    qtbot.addWidget(tab)
    assert "No consent recorded" in tab.table.empty.text()
    dialog = tab.open_consent(None)
    dialog.category_boxes[DataCategory.GOALS_PROGRESS].setChecked(True)
    dialog.category_boxes[DataCategory.HEALTH].setChecked(True)
    dialog.organisation.setCurrentIndex(dialog.organisation.findData(jobcentre.id))
    dialog.purpose.setPlainText("Zwischenbericht an das Jobcenter")
    dialog.valid_until.line.setText("31/12/2026")
    _save(dialog)
    tab.table.view.selectRow(0)
    assert "Health (special category)" in tab.details.text()
    assert "valid until Dec 31, 2026" in tab.details.text()
    assert "Jobcenter Nordstadt" in tab.details.text()

    tab.withdraw(ask=False)
    [consent] = services.consents.list_for_participant(participant_id)
    assert consent.withdrawn_on == TODAY
    assert tab.table.model.data(tab.table.model.index(0, 3)).startswith("withdrawn on")


def test_plan_and_complete_a_follow_up(qtbot, services, signals, participant_id) -> None:  # type: ignore[no-untyped-def]
    tab = AftercareTab(services, signals, participant_id)
    qtbot.addWidget(tab)
    dialog = tab.open_followup(None)
    dialog.due_on.line.setText("16/06/2026")
    _save(dialog)
    tab.table.view.selectRow(0)
    tab.mark_done()
    [followup] = services.aftercare.list_for_participant(participant_id)
    assert (followup.due_on, followup.status, followup.done_on) == (
        dt.date(2026, 6, 16),
        AftercareStatus.DONE,
        TODAY,
    )
