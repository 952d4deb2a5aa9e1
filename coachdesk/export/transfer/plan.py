"""What a transfer to a colleague may carry: each person's consent for that colleague, or a
legal basis.

A consent covers a transfer when it is valid today and names the colleague (her contact
entry) or her organisation, exactly as for a document (``consent_filter.decide``). Without
one, the coach may choose a documented legal basis other than consent (the social code,
or another she writes down); then every category goes, and the register keeps her note.
Identity data must be covered: a file without a name cannot be taken over. With several
people, each one's consents decide for her alone: who may not go is named with the reason,
the others go.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from coachdesk.export.consent_filter import decide
from coachdesk.export.file_rows import consents_of
from coachdesk.i18n import N_, Message
from coachdesk.models import ColleagueCertificate, Participant
from coachdesk.models.enums import DataCategory, LegalBasis
from coachdesk.services.colleagues import find, require_usable
from coachdesk.services.common import load_participant
from coachdesk.services.errors import ValidationError

NON_CONSENT_BASES = (LegalBasis.SOCIAL_CODE, LegalBasis.OTHER)
"""The legal bases a coach may choose instead of a recorded consent."""
NOTE_LIMIT = 2000


@dataclass(frozen=True, kw_only=True)
class TransferRequest:
    participant_ids: tuple[int, ...]
    """Whom the package carries (one or several), in this order."""
    colleague_fingerprint: str
    """Of the colleague's certificate (any spelling: groups, colons, case)."""
    legal_basis: LegalBasis | None = None
    """None: her recorded consents decide; otherwise the basis the coach chose instead."""
    basis_note: str = ""
    """Required with ``legal_basis``: the coach's documentation (the law, the reason)."""


@dataclass(frozen=True)
class PersonPlan:
    """One person who goes: what of hers, on which consents."""

    participant_id: int
    participant_name: str
    categories: frozenset[DataCategory]
    withheld: frozenset[DataCategory]
    consent_ids: tuple[int, ...]
    counts: dict[str, int]


@dataclass(frozen=True)
class Refusal:
    """One person who cannot go, and why."""

    participant_id: int
    participant_name: str
    reason: Message


@dataclass(frozen=True)
class TransferPlan:
    """What the preview shows before anything is written."""

    colleague_name: str
    colleague_fingerprint: str
    legal_basis: LegalBasis | None
    basis_note: str
    people: tuple[PersonPlan, ...]
    refused: tuple[Refusal, ...]


def colleague_for(s: Session, request: TransferRequest) -> ColleagueCertificate:
    """The colleague, usable now, and a valid choice of basis (raises otherwise)."""
    if not request.participant_ids:
        raise ValidationError.single("participant", N_("Choose at least one participant."))
    colleague = find(s, request.colleague_fingerprint)
    require_usable(s, colleague, dt.datetime.now(dt.UTC).replace(tzinfo=None))
    assert colleague is not None
    if request.legal_basis is not None:
        if request.legal_basis not in NON_CONSENT_BASES:
            raise ValidationError.single(
                "legal_basis",
                N_("A consent must be recorded in her file; choose it there, not here."),
            )
        if not request.basis_note.strip():
            raise ValidationError.single(
                "basis_note",
                N_("Please write down the legal basis for this transfer (law and reason)."),
            )
        if len(request.basis_note) > NOTE_LIMIT:
            raise ValidationError.single("basis_note", N_("The note is too long."))
    return colleague


def covered_for(
    s: Session,
    p: Participant,
    colleague: ColleagueCertificate,
    request: TransferRequest,
    today: dt.date,
) -> tuple[frozenset[DataCategory], tuple[int, ...]] | Message:
    """The categories of hers that may go and the consents that allow it, or why none may."""
    if request.legal_basis is not None:
        return frozenset(DataCategory), ()
    consents = consents_of(s, [p.id])[p.id]
    covered, _reasons, used = decide(
        consents, colleague.organisation_id, colleague.contact_person_id, today
    )
    if DataCategory.IDENTITY_CONTACT not in covered:
        return Message(
            N_(
                "No valid consent of hers covers a transfer to this colleague or her "
                "organisation (at least her identity and contact data). Record her consent, "
                "or choose a documented legal basis."
            )
        )
    return covered, tuple(sorted(c.id for c in used))


def load_all(s: Session, ids: tuple[int, ...]) -> list[Participant]:
    """The participants asked for, each once, in the order given."""
    return [load_participant(s, pid) for pid in dict.fromkeys(ids)]
