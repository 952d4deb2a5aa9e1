"""Form drafts kept in the vault (unsaved content after a lock or crash)."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.facade import Services


def test_drafts_keep_form_content_without_audit(services: Services) -> None:
    before = len(services.audit.entries())
    payload = {
        "held_at": dt.datetime(2026, 3, 17, 9, 0),
        "due": dt.date(2026, 3, 20),
        "summary": "Sie möchte in die Pflege – بدأت",
        "attendees": [{"name": "Frau Berger", "role": "integration_officer"}],
        "count": 3,
    }
    services.drafts.save("meeting:new:7", payload)
    services.drafts.save("goal:3", {"title": "Führerschein"})
    assert services.drafts.load("meeting:new:7") == payload
    services.drafts.save("goal:3", {"title": "Führerschein Klasse B"})
    assert services.drafts.load("goal:3") == {"title": "Führerschein Klasse B"}
    assert sorted(services.drafts.keys()) == ["goal:3", "meeting:new:7"]
    assert services.drafts.keys("meeting:") == ["meeting:new:7"]
    services.drafts.discard("meeting:new:7")
    services.drafts.discard("meeting:new:7")  # twice is harmless
    assert services.drafts.load("meeting:new:7") is None
    assert services.drafts.keys() == ["goal:3"]
    assert len(services.audit.entries()) == before
    with pytest.raises(ValueError):
        services.drafts.save("", {})
    with pytest.raises(TypeError):
        services.drafts.save("x", {"bad": object()})
