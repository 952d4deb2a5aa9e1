"""Rules for papers in a file: how large a file may be, and what a paper may belong to."""

from __future__ import annotations

from typing import Protocol

from sqlalchemy.orm import Session

from coachdesk.i18n import N_, Message
from coachdesk.models import Consent, Handover, Meeting
from coachdesk.services.common import get_row
from coachdesk.services.errors import FieldError, ValidationError
from coachdesk.services.settings import get_value

ATTACHMENT_LIMIT_MB = "attachment_limit_mb"
"""Vault setting: the largest file she may attach, in MB."""
DEFAULT_LIMIT_MB = 25
LIMIT_RANGE_MB = range(1, 201)
MB = 1024 * 1024


class Links(Protocol):
    @property
    def consent_id(self) -> int | None: ...
    @property
    def handover_id(self) -> int | None: ...
    @property
    def meeting_id(self) -> int | None: ...


def limit_mb(s: Session) -> int:
    try:
        value = int(get_value(s, ATTACHMENT_LIMIT_MB, str(DEFAULT_LIMIT_MB)))
    except ValueError:
        return DEFAULT_LIMIT_MB
    return value if value in LIMIT_RANGE_MB else DEFAULT_LIMIT_MB


def limit_bytes(s: Session) -> int:
    return limit_mb(s) * MB


def too_large(size: int, limit: int) -> ValidationError:
    return ValidationError.single(
        "file",
        N_(
            "The file is too large: {size} MB, and at most {limit} MB can be attached. Please "
            "scan it with a lower resolution or in parts; nothing was attached."
        ),
        {"size": round(size / MB, 1), "limit": round(limit / MB, 1)},
    )


def check_links(s: Session, participant_id: int, draft: Links) -> list[FieldError]:
    """A paper can belong to a consent, handover or meeting of her own file only."""
    problems = []
    for field, model, record_id in (
        ("consent_id", Consent, draft.consent_id),
        ("handover_id", Handover, draft.handover_id),
        ("meeting_id", Meeting, draft.meeting_id),
    ):
        if record_id is None:
            continue
        row = get_row(s, model, record_id)  # type: ignore[arg-type]
        if row is None or getattr(row, "participant_id", None) != participant_id:
            problems.append(
                FieldError(
                    field,
                    Message(N_("This record is not in her file (any more). Please choose again.")),
                )
            )
    return problems
