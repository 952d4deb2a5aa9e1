"""A received package as the colleague sees it before anything is imported.

Opening checks, in order: the file's structure and the sender's signature over it (else
"altered"), that it was written for one of her own certificates (else "another
colleague"), the content key and the manifest (else "altered"). Then, what decides whether
she may import it: is the sender a colleague whose certificate she verified, still valid
and not removed; was this package imported before. The records stay encrypted until she
imports.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.documents.signing import SigningMaterial
from coachdesk.export.identities import material_of
from coachdesk.export.transfer.container import Sealed, altered
from coachdesk.export.transfer.unseal import content_key, decrypt_manifest, read_sealed
from coachdesk.i18n import N_, Message
from coachdesk.models import Participant, ReceivedPackage, SigningIdentity
from coachdesk.models.enums import DataCategory
from coachdesk.services.colleagues import find, info_of, usability
from coachdesk.services.errors import ValidationError
from coachdesk.transliteration import name_keys


class SenderState(enum.StrEnum):
    VERIFIED = "verified"
    UNVERIFIED = "unverified"
    UNKNOWN = "unknown"
    REFUSED = "refused"
    """Removed, expired or not valid yet."""


@dataclass(frozen=True)
class Match:
    """A person already in her vault who may be the one in the package (across scripts)."""

    participant_id: int
    name: str
    date_of_birth: dt.date | None


@dataclass(frozen=True)
class Person:
    """One person in the package, as its manifest names her, and who she may be here."""

    index: int
    """Her place in the package (0 for the first)."""
    person: dict[str, Any]
    """first_name, last_name, their Latin spellings, date_of_birth (ISO)."""
    categories: tuple[DataCategory, ...]
    counts: dict[str, int]
    basis: dict[str, Any]
    matches: tuple[Match, ...]

    @property
    def name(self) -> str:
        return f"{self.person['first_name']} {self.person['last_name']}".strip()


@dataclass(frozen=True)
class Arrival:
    package_id: str
    sha256: str
    created: str
    sender_name: str
    sender_organisation: str
    sender_fingerprint: str
    sender_state: SenderState
    problem: Message | None
    """Why it may not be imported, None when it may."""
    received_before: dt.datetime | None
    people: tuple[Person, ...]

    @property
    def can_import(self) -> bool:
        return self.problem is None


def own_material(s: Session, fingerprint: str) -> SigningMaterial:
    """Her own identity the package was written for (older ones too), or "another colleague"."""
    q = select(SigningIdentity).where(SigningIdentity.fingerprint_sha256 == fingerprint)
    row = s.scalars(q.order_by(SigningIdentity.id.desc())).first()
    if row is None:
        raise ValidationError.single(
            "package",
            N_(
                "This transfer file was written for another colleague's certificate; only "
                "she can open it."
            ),
        )
    return material_of(row)


def unlock(s: Session, data: bytes) -> tuple[Sealed, bytes, dict[str, Any]]:
    """The checked package, its content key and its manifest."""
    sealed = read_sealed(data)
    key = content_key(sealed, own_material(s, sealed.header.recipient_fingerprint))
    try:
        manifest = json.loads(decrypt_manifest(sealed, key))
        if not isinstance(manifest, dict) or manifest.get("package_id") != sealed.header.package_id:
            raise ValueError("manifest of another package")
    except ValueError as exc:
        raise altered() from exc
    return sealed, key, manifest


def arrival_of(s: Session, sealed: Sealed, manifest: dict[str, Any], now: dt.datetime) -> Arrival:
    header = sealed.header
    colleague = find(s, header.sender_fingerprint)
    state, problem = _sender(s, colleague, now)
    before = s.scalar(
        select(ReceivedPackage.received_at).where(ReceivedPackage.package_id == header.package_id)
    )
    if before is not None:
        problem = Message(
            N_("This transfer file was already imported on {date}."), {"date": before}
        )
    try:
        sender = dict(manifest["sender"])
        arrival = Arrival(
            package_id=header.package_id,
            sha256=sealed.sha256,
            created=header.created,
            sender_name=str(sender.get("name", "")),
            sender_organisation=str(sender.get("organisation", "")),
            sender_fingerprint=header.sender_fingerprint,
            sender_state=state,
            problem=problem,
            received_before=before,
            people=tuple(
                _person(s, n, entry) for n, entry in enumerate(people_of(sealed, manifest))
            ),
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise altered() from exc
    if not arrival.people:
        raise altered()
    return arrival


def people_of(sealed: Sealed, manifest: dict[str, Any]) -> list[dict[str, Any]]:
    """The manifest's people: a version 1 package names one at its top level."""
    if sealed.header.version == 1:
        return [manifest]
    people = manifest["people"]
    if not isinstance(people, list):
        raise ValueError("people must be a list")
    return people


def records_of(sealed: Sealed, records: object) -> list[dict[str, Any]]:
    """The records of each person, in the manifest's order (version 1: one person's)."""
    if sealed.header.version == 1:
        people: object = [records]
    else:
        people = records.get("people") if isinstance(records, dict) else None
    if not isinstance(people, list) or not all(isinstance(p, dict) for p in people):
        raise ValueError("records must be objects")
    return people


def _person(s: Session, index: int, entry: dict[str, Any]) -> Person:
    person = dict(entry["person"])
    return Person(
        index=index,
        person=person,
        categories=tuple(DataCategory(c) for c in entry["categories"]),
        counts={str(k): int(v) for k, v in dict(entry["counts"]).items()},
        basis=dict(entry["basis"]),
        matches=matches(s, person),
    )


def _sender(s: Session, colleague: Any, now: dt.datetime) -> tuple[SenderState, Message | None]:
    if colleague is None:
        return SenderState.UNKNOWN, Message(
            N_(
                "The sender is not among your colleagues. Import her certificate and compare "
                "its fingerprint with her before you import this file."
            )
        )
    reason = usability(info_of(s, colleague), now)
    if reason is None:
        return SenderState.VERIFIED, None
    if colleague.verified_at is None and colleague.removed_at is None:
        return SenderState.UNVERIFIED, Message(reason)
    return SenderState.REFUSED, Message(reason)


def matches(s: Session, person: dict[str, Any]) -> tuple[Match, ...]:
    """People born the same day whose names are hers in any script (as the duplicate check)."""
    born = person.get("date_of_birth")
    if not born:
        return ()
    day = dt.date.fromisoformat(str(born))
    wanted = name_keys(
        str(person.get("first_name", "")),
        str(person.get("last_name", "")),
        str(person.get("first_name_latin", "")),
        str(person.get("last_name_latin", "")),
    )
    q = select(Participant).where(Participant.date_of_birth == day).order_by(Participant.id)
    return tuple(
        Match(p.id, p.display_name, p.date_of_birth)
        for p in s.scalars(q)
        if wanted.same_person(
            name_keys(p.first_name, p.last_name, p.first_name_latin, p.last_name_latin)
        )
    )
