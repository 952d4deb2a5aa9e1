"""The module catalogue, enrolments, attendance and results through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coachdesk.facade import Services
from coachdesk.models.enums import AttendanceStatus, EnrolmentResult
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from tests.conftest import TODAY

COURSE = ModuleDraft(
    "Mutter-Kind-Sprachkurs",
    description="Deutsch mit Kinderbetreuung",
    starts_on=dt.date(2026, 3, 2),
    ends_on=dt.date(2026, 6, 26),
    childcare_available=True,
    languages="Deutsch, Arabisch",
    capacity=2,
)


def _participant(services: Services, first: str, last: str) -> int:
    return services.participants.create(ParticipantDraft(first, last)).id


def test_module_round_trip(services: Services) -> None:
    module = services.modules.create(COURSE)
    assert services.modules.get(module.id).draft() == COURSE
    updated = services.modules.update(module.id, replace(COURSE, location="Stadtteilzentrum"))
    assert updated.location == "Stadtteilzentrum"
    assert [m.title for m in services.modules.list()] == ["Mutter-Kind-Sprachkurs"]
    services.modules.archive(module.id)
    assert services.modules.list() == []
    assert services.modules.list(include_archived=True)[0].is_archived
    services.modules.unarchive(module.id)
    assert not services.modules.get(module.id).is_archived
    with pytest.raises(NotFoundError):
        services.modules.get(module.id + 1)


def test_enrolment_attendance_and_result(services: Services) -> None:
    module = services.modules.create(COURSE)
    amal = _participant(services, "Amal", "Haddad")
    enrolment = services.modules.enrol(amal, module.id, dt.date(2026, 3, 2))
    assert (enrolment.module_title, enrolment.result) == (
        "Mutter-Kind-Sprachkurs",
        EnrolmentResult.ONGOING,
    )
    services.modules.record_attendance(enrolment.id, dt.date(2026, 3, 2), AttendanceStatus.PRESENT)
    services.modules.record_attendance(enrolment.id, dt.date(2026, 3, 9), AttendanceStatus.ABSENT)
    # The same day again corrects the entry instead of adding one.
    record = services.modules.record_attendance(
        enrolment.id, dt.date(2026, 3, 9), AttendanceStatus.EXCUSED, "Kind krank"
    )
    assert (record.present, record.excused, record.absent) == (1, 1, 0)
    assert [a.note for a in record.attendance] == ["", "Kind krank"]

    finished = services.modules.set_result(enrolment.id, EnrolmentResult.CERTIFICATE)
    assert (finished.result, finished.completed_on) == (EnrolmentResult.CERTIFICATE, TODAY)
    [listed] = services.modules.enrolments_for_participant(amal)
    assert listed == finished
    assert [e.participant_name for e in services.modules.participants_of_module(module.id)] == [
        "Amal Haddad"
    ]
    assert services.modules.get(module.id).enrolled == 1

    after = services.modules.remove_attendance(record.attendance[0].id)
    assert (after.present, after.excused) == (0, 1)
    services.modules.remove_enrolment(enrolment.id)
    assert services.modules.enrolments_for_participant(amal) == []


def test_enrolment_rules(services: Services) -> None:
    module = services.modules.create(COURSE)
    a = _participant(services, "Amal", "Haddad")
    b = _participant(services, "Zeynep", "Demir")
    c = _participant(services, "Maryam", "Rahimi")
    services.modules.enrol(a, module.id, TODAY)
    with pytest.raises(ValidationError) as err:
        services.modules.enrol(a, module.id, TODAY)
    assert "already enrolled" in str(err.value)
    services.modules.enrol(b, module.id, TODAY)
    with pytest.raises(ValidationError) as err:
        services.modules.enrol(c, module.id, TODAY)
    assert "full" in str(err.value)
    services.modules.archive(module.id)
    other = services.modules.create(replace(COURSE, title="Jobspeeddating", capacity=None))
    services.modules.archive(other.id)
    with pytest.raises(ValidationError) as err:
        services.modules.enrol(c, other.id, TODAY)
    assert err.value.for_field("module_id") is not None
    assert services.modules.enrolments_for_participant(c) == []


def test_module_validation_names_the_field(services: Services) -> None:
    services.modules.create(COURSE)
    cases = [
        (replace(COURSE, title=" "), "title"),
        (replace(COURSE, title="mutter-kind-sprachkurs"), "title"),
        (replace(COURSE, title="Neu", location="x" * 301), "location"),
        (replace(COURSE, title="Neu", ends_on=dt.date(2026, 3, 1)), "ends_on"),
        (replace(COURSE, title="Neu", capacity=0), "capacity"),
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as err:
            services.modules.create(draft)
        assert err.value.for_field(field) is not None, field
    enrolment = services.modules.enrol(
        _participant(services, "Amal", "Haddad"), services.modules.list()[0].id, TODAY
    )
    with pytest.raises(ValidationError) as err:
        services.modules.set_result(
            enrolment.id, EnrolmentResult.COMPLETED, TODAY - dt.timedelta(days=1)
        )
    assert err.value.for_field("completed_on") is not None
    with pytest.raises(ValidationError) as err:
        services.modules.record_attendance(enrolment.id, TODAY, "late")  # type: ignore[arg-type]
    assert err.value.for_field("status") is not None


def test_audit_and_changes(services: Services) -> None:
    seen: list[Changes] = []
    services.subscribe(seen.append)
    module = services.modules.create(COURSE)
    pid = _participant(services, "Amal", "Haddad")
    enrolment = services.modules.enrol(pid, module.id, TODAY)
    services.modules.record_attendance(enrolment.id, TODAY, AttendanceStatus.PRESENT)
    with pytest.raises(ValidationError):
        services.modules.enrol(pid, module.id, TODAY)
    assert seen[0] == Changes.of({ChangeKind.MODULE})
    assert seen[-1] == Changes.of({ChangeKind.ENROLMENT}, {pid})
    assert len(seen) == 4
    actions = [(e.action, e.entity) for e in services.audit.entries(participant_id=pid)]
    assert actions == [("create", "attendance"), ("create", "enrolment"), ("create", "participant")]
    services.modules.set_result(enrolment.id, EnrolmentResult.DROPPED_OUT, TODAY, "Umzug")
    [entry] = services.audit.entries(participant_id=pid, limit=1)
    assert (entry.entity, entry.details) == (
        "enrolment",
        {"fields": ["completed_on", "result", "result_note"]},
    )
