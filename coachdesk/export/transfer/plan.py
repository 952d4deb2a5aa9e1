"""What a transfer to a colleague may carry: her consent for that colleague, or a legal basis.

A consent covers a transfer when it is valid today and names the colleague (her contact
entry) or her organisation, exactly as for a document (``consent_filter.decide``). Without
one, the coach may choose a documented legal basis other than consent (the social code,
or another she writes down); then every category goes, and the register keeps her note.
Identity data must be covered: a file without a name cannot be taken over.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy.orm import Session

from coachdesk.export.consent_filter import decide
from coachdesk.export.file_rows import consents_of
from coachdesk.i18n import N_
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
    participant_id: int
    colleague_fingerprint: str
    """Of the colleague's certificate (any spelling: groups, colons, case)."""
    legal_basis: LegalBasis | None = None
    """None: her recorded consents decide; otherwise the basis the coach chose instead."""
    basis_note: str = ""
    """Required with ``legal_basis``: the coach's documentation (the law, the reason)."""


@dataclass(frozen=True)
class TransferPlan:
    """What the preview shows before anything is written."""

    participant_id: int
    participant_name: str
    colleague_name: str
    colleague_fingerprint: str
    categories: frozenset[DataCategory]
    withheld: frozenset[DataCategory]
    consent_ids: tuple[int, ...]
    legal_basis: LegalBasis | None
    basis_note: str
    counts: dict[str, int]


def covered_for(
    s: Session, request: TransferRequest, today: dt.date
) -> tuple[Participant, ColleagueCertificate, frozenset[DataCategory], tuple[int, ...]]:
    """Her, the colleague, the categories that may go and the consents that allow it."""
    p = load_participant(s, request.participant_id)
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
        return p, colleague, frozenset(DataCategory), ()
    consents = consents_of(s, [p.id])[p.id]
    covered, _reasons, used = decide(
        consents, colleague.organisation_id, colleague.contact_person_id, today
    )
    if DataCategory.IDENTITY_CONTACT not in covered:
        raise ValidationError.single(
            "consent",
            N_(
                "No valid consent of hers covers a transfer to this colleague or her "
                "organisation (at least her identity and contact data). Record her consent, "
                "or choose a documented legal basis."
            ),
        )
    return p, colleague, covered, tuple(sorted(c.id for c in used))
