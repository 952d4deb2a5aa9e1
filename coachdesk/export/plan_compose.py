""" "My plan" put together: her plan's facts, the change since the last one, the page.

It goes to her, not to a third party: no consent decides what it holds, and no consent
filter is asked. What it holds is what ``plan_facts`` reads, never an internal note.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from io import BytesIO

from sqlalchemy.orm import Session

from coachdesk.documents.layout import SignatureBox
from coachdesk.documents.signing import SigningMaterial
from coachdesk.export.enclosures import NO_PAPERS_WITH_HER_PLAN
from coachdesk.export.my_plan import PlanData, render_my_plan
from coachdesk.export.plan_diff import changes
from coachdesk.export.plan_facts import PlanFacts, plan_facts
from coachdesk.export.plan_versions import last_version
from coachdesk.export.preview import PreviewItem
from coachdesk.export.recipients import Recipient
from coachdesk.i18n import N_, _
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory as C
from coachdesk.models.enums import MilestoneKind
from coachdesk.services.common import load_participant
from coachdesk.services.errors import ValidationError

PLAN_CATEGORIES = frozenset({C.IDENTITY_CONTACT, C.GOALS_PROGRESS, C.MEETING_SUMMARIES})
"""What of her file the plan shows (for the export register: it goes to her alone)."""
PURPOSE = N_("Her own plan, for her to keep")


@dataclass(frozen=True)
class MadePlan:
    pdf: bytes
    box: SignatureBox
    facts: PlanFacts
    """What the plan holds: kept as its version once the export is recorded."""


def herself(s: Session, participant_id: int) -> Recipient:
    """The plan's recipient: she herself, not an organisation."""
    return Recipient(None, None, load_participant(s, participant_id).display_name)


def make_plan(
    s: Session,
    participant_id: int,
    on: dt.date,
    languages: Sequence[str],
    issuer: tuple[str, str, SigningMaterial],
    attachment_ids: Sequence[int] = (),
) -> MadePlan:
    """Her plan on ``on``, with what changed since the last version, rendered unsigned."""
    if attachment_ids:
        raise ValidationError.single("attachment_ids", NO_PAPERS_WITH_HER_PLAN)
    organisation, coach, material = issuer
    before = last_version(s, participant_id)
    since = before.issued_on if before is not None else None
    facts = plan_facts(s, participant_id, on, since)
    data = PlanData(
        facts,
        since,
        changes(before.facts, facts, on) if before is not None else (),
        organisation,
        coach,
        on,
        material.subject_name,
        material.fingerprint_sha256,
    )
    buf = BytesIO()
    box = render_my_plan(data, buf, languages)
    return MadePlan(buf.getvalue(), box, facts)


def plan_preview(
    s: Session, participant_id: int, on: dt.date, lang: str
) -> tuple[PreviewItem, ...]:
    """What the plan will show, item by item, for the export dialog."""
    before = last_version(s, participant_id)
    f = plan_facts(s, participant_id, on, before.issued_on if before else None)
    items = [PreviewItem(C.IDENTITY_CONTACT, _("Participant", lang), f.name)]
    for g in f.goals:
        items.append(PreviewItem(C.GOALS_PROGRESS, _("Goal", lang), g.title))
        items += [
            PreviewItem(C.GOALS_PROGRESS, label(MilestoneKind(x.kind), lang), x.title)
            for x in g.steps
        ]
    items += [PreviewItem(C.MEETING_SUMMARIES, a.who, a.what) for a in f.open_agreements]
    items += [
        PreviewItem(C.MEETING_SUMMARIES, _("Appointment", lang), a.at.strftime("%d.%m.%Y %H:%M"))
        for a in f.appointments
    ]
    return tuple(items)
