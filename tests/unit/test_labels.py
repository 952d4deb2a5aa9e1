from __future__ import annotations

import enum

from coachdesk import labels
from coachdesk.models import enums
from coachdesk.models.enums import HandoverKind, ParticipantStatus


def _all_members() -> list[enum.StrEnum]:
    return [
        member
        for cls in vars(enums).values()
        if isinstance(cls, type) and issubclass(cls, enum.StrEnum) and cls is not enum.StrEnum
        for member in cls
    ]


def test_every_enum_value_has_a_label() -> None:
    assert [m for m in _all_members() if not labels.has_label(m)] == []


def test_equal_values_of_different_vocabularies_keep_their_own_label() -> None:
    # "intake" is both a participant status and a kind of handover.
    assert labels.label(ParticipantStatus.INTAKE) == "Intake"
    assert labels.label(HandoverKind.INTAKE) == "Intake handover"
    others = {labels.label(m) for m in _all_members() if m.value == "other"}
    assert len(others) > 1
