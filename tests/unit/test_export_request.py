"""One request for preview and export: keyword-only, so no two ids can change places unseen."""

from __future__ import annotations

import dataclasses

import pytest

from coachdesk.export.preview import DocumentType
from coachdesk.export.request import ExportRequest


def test_a_request_cannot_be_made_positionally() -> None:
    with pytest.raises(TypeError):
        ExportRequest(1, DocumentType.EXIT_HANDOVER, 2, 3)  # type: ignore[misc]


def test_organisation_and_contact_are_named_and_kept_apart() -> None:
    request = ExportRequest(
        participant_id=1, document=DocumentType.EXIT_HANDOVER, organisation_id=2, contact_id=3
    )
    assert (request.organisation_id, request.contact_id) == (2, 3)
    with pytest.raises(dataclasses.FrozenInstanceError):
        request.contact_id = 2  # type: ignore[misc]


def test_a_document_named_by_its_value_becomes_its_member() -> None:
    request = ExportRequest(participant_id=1, document="meeting_summary")  # type: ignore[arg-type]
    assert request.document is DocumentType.MEETING_SUMMARY
    with pytest.raises(ValueError):
        ExportRequest(participant_id=1, document="diary")  # type: ignore[arg-type]
