from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.services.errors import ValidationError
from coachdesk.services.participants import ParticipantDraft


def test_participant_round_trip_and_search(services) -> None:  # type: ignore[no-untyped-def]
    created = services.participants.create(
        ParticipantDraft("Ayşe", "Yılmaz", date_of_birth=dt.date(1990, 1, 2))
    )
    assert services.participants.get(created.id).last_name == "Yılmaz"
    assert [r.id for r in services.participants.list(query="yilm")] == [created.id]
    with pytest.raises(ValidationError) as err:
        services.participants.create(
            ParticipantDraft("ayşe", "yılmaz", date_of_birth=dt.date(1990, 1, 2))
        )
    assert "already exists" in str(err.value)
