"""What a paper can belong to (one of her consents, handovers or meetings), said in words she
reads, and what to suggest for a new paper: a title from the file's name, a category from
where she dropped it or what the file is called."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from pathlib import PurePath

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date, format_datetime
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory
from coachdesk.services.attachment_records import AttachmentRecord


class LinkKind(enum.StrEnum):
    CONSENT = "consent_id"
    HANDOVER = "handover_id"
    MEETING = "meeting_id"
    """The values are the draft's field names (and the service's error fields)."""


@dataclass(frozen=True)
class Link:
    """A record of her file a paper belongs to."""

    kind: LinkKind
    record_id: int


def link_of(paper: AttachmentRecord) -> Link | None:
    for kind in LinkKind:
        record_id = getattr(paper, kind.value)
        if record_id is not None:
            return Link(kind, record_id)
    return None


def link_fields(link: Link | None) -> dict[str, int | None]:
    """The draft's three link fields for ``link`` (at most one of them set)."""
    return {
        kind.value: (link.record_id if link and link.kind is kind else None) for kind in LinkKind
    }


def link_choices(services: Services, participant_id: int) -> list[tuple[Link, str]]:
    """Every record of her file a paper can belong to, with a label she recognises."""
    choices: list[tuple[Link, str]] = []
    for c in services.consents.list_for_participant(participant_id):
        text = _("Consent for {recipient} ({date})").format(
            recipient=c.recipient_name or _("a recipient"), date=format_date(c.given_on)
        )
        choices.append((Link(LinkKind.CONSENT, c.id), text))
    for h in services.handovers.list_for_participant(participant_id, include_archived=True):
        text = _("{kind} ({date})").format(kind=label(h.kind), date=format_date(h.handover_date))
        choices.append((Link(LinkKind.HANDOVER, h.id), text))
    for m in services.meetings.list_for_participant(participant_id, include_archived=True):
        text = _("{kind} ({date})").format(
            kind=label(m.kind), date=format_datetime(m.held_at, fmt="short")
        )
        choices.append((Link(LinkKind.MEETING, m.id), text))
    return choices


def suggested_title(path: PurePath) -> str:
    """The file's name as a title: without extension, separators as spaces ("Zeugnis B1")."""
    words = re.sub(r"[_\s]+", " ", path.stem).strip()
    return words[:200]


# Words in a file's name that say what the paper is (German and English, lower case).
_CATEGORY_WORDS: tuple[tuple[DataCategory, tuple[str, ...]], ...] = (
    (DataCategory.HEALTH, ("attest", "arzt", "ärztlich", "kranken", "medical", "health")),
    (
        DataCategory.RESIDENCE_STATUS,
        ("aufenthalt", "fiktion", "duldung", "residence", "permit", "visa", "visum"),
    ),
    (DataCategory.FAMILY_CHILDCARE, ("kita", "kinder", "betreuung", "childcare", "daycare")),
    (
        DataCategory.LANGUAGES_QUALIFICATIONS,
        ("zeugnis", "zertifikat", "diplom", "certificate", "lebenslauf", "cv", "anerkennung"),
    ),
    (DataCategory.HANDOVER_FACTS, ("übergabe", "uebergabe", "handover")),
    (
        DataCategory.IDENTITY_CONTACT,
        ("ausweis", "pass", "reisepass", "passport", "einwilligung", "consent"),
    ),
)
_LINK_CATEGORY = {
    LinkKind.CONSENT: DataCategory.IDENTITY_CONTACT,
    LinkKind.HANDOVER: DataCategory.HANDOVER_FACTS,
    LinkKind.MEETING: DataCategory.MEETING_SUMMARIES,
}


def suggested_category(path: PurePath | None, link: Link | None) -> DataCategory:
    """Where she dropped it decides first (a consent's signed sheet, a handover's form);
    else a word in the file's name; else the most common paper in a file: a certificate."""
    if link is not None:
        return _LINK_CATEGORY[link.kind]
    words = set(re.split(r"[^\w]+", path.stem.casefold())) if path is not None else set()
    stem = path.stem.casefold() if path is not None else ""
    for category, hints in _CATEGORY_WORDS:
        if any(hint in words or (len(hint) > 4 and hint in stem) for hint in hints):
            return category
    return DataCategory.LANGUAGES_QUALIFICATIONS
