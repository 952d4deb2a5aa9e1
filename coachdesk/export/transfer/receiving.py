"""Taking a package over: each person as new, merged into one she has, or skipped.

All in the caller's transaction: every chosen person's records, the package id, one
transfer record and one audit entry per person imported, or nothing. Merging fills her
empty fields only (``intake.merge_participant``); the preview of a merge decrypts the
records in memory and stores nothing.
"""

from __future__ import annotations

import enum
import functools
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from coachdesk.export.transfer.arrival import Arrival, records_of
from coachdesk.export.transfer.container import Sealed
from coachdesk.export.transfer.intake import add_records, merge_participant, new_participant
from coachdesk.export.transfer.unseal import decrypt_records
from coachdesk.i18n import N_
from coachdesk.models import Participant, ReceivedPackage, TransferRecord
from coachdesk.services import audit
from coachdesk.services.common import load_participant
from coachdesk.services.context import ServiceContext
from coachdesk.services.errors import ValidationError
from coachdesk.services.programmes import named_or_new


class Take(enum.StrEnum):
    NEW = "new"
    SKIP = "skip"


Choice = Take | int
"""For one person: import as new, skip, or merge into the participant with this id."""


@dataclass(frozen=True)
class Taken:
    index: int
    participant_id: int
    merged: bool
    filled: tuple[str, ...]
    """Her fields that were empty here and now hold the package's values."""
    conflicts: tuple[str, ...]
    """Fields filled on both sides with different values: hers were kept."""


@dataclass(frozen=True)
class ReceivedTransfer:
    people: tuple[Taken, ...]
    skipped: int

    @property
    def participant_id(self) -> int:
        """The first person imported (her file opens)."""
        return self.people[0].participant_id

    @property
    def merged(self) -> bool:
        return self.people[0].merged


def unreadable() -> ValidationError:
    return ValidationError.single(
        "package", N_("This transfer file's records cannot be read; nothing was imported.")
    )


def decrypted(sealed: Sealed, key: bytes, arrival: Arrival) -> list[dict[str, Any]]:
    """Each person's records, as many as the manifest names."""
    try:
        people = records_of(sealed, json.loads(decrypt_records(sealed, key)))
    except ValueError as exc:
        raise unreadable() from exc
    if len(people) != len(arrival.people):
        raise unreadable()
    return people


def choices_for(arrival: Arrival, choices: Sequence[Choice] | None) -> list[Choice]:
    if choices is None:
        return [Take.NEW] * len(arrival.people)
    if len(choices) != len(arrival.people):
        raise ValidationError.single(
            "choices", N_("Choose for every person in the file: import, merge or skip.")
        )
    if all(c == Take.SKIP for c in choices):
        raise ValidationError.single(
            "choices", N_("Every person is skipped: there is nothing to import.")
        )
    return list(choices)


def preview_merge(s: Session, records: dict[str, Any], into: int) -> tuple[list[str], list[str]]:
    """Which of her fields a merge would fill, which differ; nothing is changed."""
    p = load_participant(s, into)
    try:
        return merge_participant(p, records, dry_run=True)
    except (ValueError, TypeError, KeyError) as exc:
        raise unreadable() from exc


def take_over(
    s: Session,
    ctx: ServiceContext,
    arrival: Arrival,
    people: list[dict[str, Any]],
    choices: list[Choice],
    retention: Callable[[Session, Any], Any],
) -> ReceivedTransfer:
    taken: list[Taken] = []
    programme_named = functools.partial(named_or_new, s, ctx)
    for entry, records, choice in zip(arrival.people, people, choices, strict=True):
        if choice == Take.SKIP:
            continue
        try:
            filled: list[str] = []
            conflicts: list[str] = []
            if choice == Take.NEW:
                p = new_participant(s, records, retention, programme_named)
            else:
                p = _target(s, choice)
                filled, conflicts = merge_participant(p, records, programme_named=programme_named)
            add_records(s, p, records)
        except (ValueError, TypeError, KeyError) as exc:
            raise unreadable() from exc
        merged = choice != Take.NEW
        basis = entry.basis
        s.add(
            TransferRecord(
                package_id=arrival.package_id,
                direction="received",
                actor=ctx.actor,
                participant_id=p.id,
                colleague_fingerprint=arrival.sender_fingerprint,
                sha256=arrival.sha256,
                categories=",".join(sorted(entry.categories)),
                legal_basis=str(basis.get("legal_basis", ""))[:40],
                basis_note=str(basis.get("note", "")),
                merged=int(merged),
            )
        )
        details = {
            "package": arrival.package_id,
            "sha256": arrival.sha256,
            "sender": arrival.sender_fingerprint,
            "merged": merged,
            "filled": sorted(filled),
        }
        audit.record(s, ctx, "transfer_received", "participant", p.id, p.id, details)
        taken.append(Taken(entry.index, p.id, merged, tuple(filled), tuple(conflicts)))
    s.add(ReceivedPackage(package_id=arrival.package_id))
    s.flush()
    return ReceivedTransfer(tuple(taken), len(choices) - len(taken))


def _target(s: Session, choice: Choice) -> Participant:
    if isinstance(choice, bool) or not isinstance(choice, int):
        raise ValidationError.single(
            "choices", N_("Choose for every person in the file: import, merge or skip.")
        )
    return load_participant(s, choice)
