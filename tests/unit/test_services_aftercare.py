"""Aftercare follow-ups through the services, on a real vault."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coachdesk.facade import Services
from coachdesk.models.enums import AftercareStatus
from coachdesk.services.aftercare import FollowUpDraft
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.services.participants import ParticipantDraft
from tests.conftest import TODAY


def test_followup_round_trip_validation_audit(services: Services) -> None:
    pid = services.participants.create(ParticipantDraft("Nadia", "Karimi")).id
    seen: list[Changes] = []
    services.subscribe(seen.append)
    first = services.aftercare.create(
        pid, FollowUpDraft(dt.date(2026, 3, 1), contact_method="Tel.")
    )
    later = services.aftercare.create(pid, FollowUpDraft(dt.date(2026, 6, 1)))
    assert services.aftercare.get(first.id).contact_method == "Tel."
    done = services.aftercare.mark_done(first.id, TODAY)
    assert (done.status, done.done_on) == (AftercareStatus.DONE, TODAY)
    updated = services.aftercare.update(
        first.id, replace(done.draft(), employment_status="Verkäuferin, Teilzeit")
    )
    assert updated.employment_status == "Verkäuferin, Teilzeit"
    assert [f.id for f in services.aftercare.list_for_participant(pid)] == [first.id, later.id]

    cases = [
        (FollowUpDraft(None), "due_on"),  # type: ignore[arg-type]
        (FollowUpDraft(dt.date(2026, 3, 1)), "due_on"),  # the same day twice
        (FollowUpDraft(dt.date(2026, 4, 1), status=AftercareStatus.DONE), "done_on"),
        (FollowUpDraft(dt.date(2026, 4, 1), done_on=TODAY), "status"),
        (
            FollowUpDraft(dt.date(2026, 4, 1), TODAY + dt.timedelta(days=1), AftercareStatus.DONE),
            "done_on",
        ),
        (FollowUpDraft(dt.date(2026, 4, 1), status="lost"), "status"),  # type: ignore[arg-type]
        (FollowUpDraft(dt.date(2026, 4, 1), contact_method="x" * 101), "contact_method"),
    ]
    for draft, field in cases:
        with pytest.raises(ValidationError) as err:
            services.aftercare.create(pid, draft)
        assert err.value.for_field(field) is not None, field

    services.aftercare.remove(later.id)
    assert [f.id for f in services.aftercare.list_for_participant(pid)] == [first.id]
    with pytest.raises(NotFoundError):
        services.aftercare.get(later.id)
    assert seen == [Changes.of({ChangeKind.AFTERCARE}, {pid})] * 5
    actions = [
        (e.action, e.details)
        for e in services.audit.entries(participant_id=pid)
        if e.entity == "aftercare"
    ]
    assert actions == [
        ("delete", {}),
        ("update", {"fields": ["employment_status"]}),
        ("update", {"fields": ["done_on", "status"]}),
        ("create", {}),
        ("create", {}),
    ]
