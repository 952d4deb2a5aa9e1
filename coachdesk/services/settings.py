"""Settings that travel with the vault: coach name, organisation name, retention period."""

from __future__ import annotations

from sqlalchemy.orm import Session

from coachdesk.i18n import N_, Message
from coachdesk.models import VaultSetting
from coachdesk.services import audit
from coachdesk.services.context import ChangeKind, Changes, ServiceContext
from coachdesk.services.errors import FieldError, ValidationError

DEFAULT_RETENTION_MONTHS = 36
COACH_NAME = "coach_name"
ORGANISATION_NAME = "organisation_name"
"""The coach's organisation, in the header of every document."""
RETENTION_MONTHS = "retention_months"
NAME_LIMIT = 200


def get_value(s: Session, key: str, default: str = "") -> str:
    row = s.get(VaultSetting, key)
    return row.value if row is not None else default


def document_issuer(s: Session, actor: str) -> tuple[str, str]:
    """The organisation and the coach a document names; both default to the coach (``actor``)."""
    coach = get_value(s, COACH_NAME) or actor
    return get_value(s, ORGANISATION_NAME) or coach, coach


def retention_months(s: Session) -> int:
    try:
        return int(get_value(s, RETENTION_MONTHS, str(DEFAULT_RETENTION_MONTHS)))
    except ValueError:
        return DEFAULT_RETENTION_MONTHS


def validate_signer(coach_name: str, organisation_name: str) -> list[FieldError]:
    problems = []
    if not coach_name.strip():
        problems.append(
            FieldError(
                COACH_NAME,
                Message(N_("Please enter your name: it goes on every document you sign.")),
            )
        )
    for key, value in ((COACH_NAME, coach_name), (ORGANISATION_NAME, organisation_name)):
        if len(value.strip()) > NAME_LIMIT:
            problems.append(FieldError(key, Message(N_("The name is too long (at most 200)."))))
    return problems


class SettingsService:
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    def coach_name(self) -> str:
        with self.ctx.read() as s:
            return get_value(s, COACH_NAME)

    def organisation_name(self) -> str:
        with self.ctx.read() as s:
            return get_value(s, ORGANISATION_NAME)

    def retention_months(self) -> int:
        with self.ctx.read() as s:
            return retention_months(s)

    def set_coach_name(self, name: str) -> None:
        name = name.strip()
        if len(name) > 200:
            raise ValidationError.single(COACH_NAME, N_("The name is too long (at most 200)."))
        self._set(COACH_NAME, name)
        self.ctx.actor = name

    def set_organisation_name(self, name: str) -> None:
        name = name.strip()
        if len(name) > 200:
            raise ValidationError.single(
                ORGANISATION_NAME, N_("The name is too long (at most 200).")
            )
        self._set(ORGANISATION_NAME, name)

    def set_signer(self, coach_name: str, organisation_name: str) -> None:
        """Who signs documents: her name (required) and her organisation, saved together."""
        problems = validate_signer(coach_name, organisation_name)
        if problems:
            raise ValidationError(problems)
        self._set(COACH_NAME, coach_name.strip())
        self._set(ORGANISATION_NAME, organisation_name.strip())
        self.ctx.actor = coach_name.strip()

    def set_retention_months(self, months: int) -> None:
        if not 1 <= months <= 120:
            raise ValidationError.single(
                RETENTION_MONTHS, N_("The retention period must be between 1 and 120 months.")
            )
        self._set(RETENTION_MONTHS, str(months))

    def attachment_limit_mb(self) -> int:
        from coachdesk.services.attachment_rules import limit_mb

        with self.ctx.read() as s:
            return limit_mb(s)

    def set_attachment_limit_mb(self, megabytes: int) -> None:
        """The largest file she may attach (scans of a few pages are 1 to 10 MB)."""
        from coachdesk.services.attachment_rules import ATTACHMENT_LIMIT_MB, LIMIT_RANGE_MB

        if megabytes not in LIMIT_RANGE_MB:
            raise ValidationError.single(
                ATTACHMENT_LIMIT_MB, N_("The largest file must be between 1 and 200 MB.")
            )
        self._set(ATTACHMENT_LIMIT_MB, str(megabytes))

    def _set(self, key: str, value: str) -> None:
        with self.ctx.write() as s:
            row = s.get(VaultSetting, key)
            if row is None:
                s.add(VaultSetting(key=key, value=value))
            else:
                row.value = value
            audit.record(s, self.ctx, "update", "setting", None, None, {"key": key})
        self.ctx.publish(Changes.of({ChangeKind.SETTING}))
