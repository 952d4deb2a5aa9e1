from __future__ import annotations

import enum

from coachdesk import labels
from coachdesk.models import enums


def test_every_enum_value_has_a_label() -> None:
    missing = [
        f"{cls.__name__}.{member.name}"
        for cls in vars(enums).values()
        if isinstance(cls, type) and issubclass(cls, enum.StrEnum) and cls is not enum.StrEnum
        for member in cls
        if member not in labels.LABELS
    ]
    assert missing == []
