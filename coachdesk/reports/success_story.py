"""A success story: the coach's text under the name the participant approved, nothing else.

The approved name is the participant's "pseudonym" field (data category
"publication"): a pseudonym, or her first name if that is what she agreed to.
The export needs a valid consent with the category "publication", and the text
must not mention her real names (unless approved), contact data or customer number.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import BinaryIO

from sqlalchemy import select
from sqlalchemy.orm import Session

from coachdesk.documents.layout import SignatureBox, gap, para, styles
from coachdesk.export.common import FIELD_LABELS
from coachdesk.i18n import N_, Message, _
from coachdesk.models import Consent, ConsentCategory
from coachdesk.models.enums import DataCategory
from coachdesk.reports.document import ReportHeader, finish
from coachdesk.services.common import load_participant
from coachdesk.services.errors import FieldError, ValidationError

TITLE = N_("Success story")
MAX_TEXT = 6000
MAX_TITLE = 200


@dataclass(frozen=True)
class StoryBasis:
    """What allows a success story: the approved name and the publication consent."""

    participant_id: int
    approved_name: str
    consent_id: int
    consent_given_on: dt.date


@dataclass(frozen=True)
class SuccessStoryData:
    approved_name: str
    title: str
    text: str


def story_basis(s: Session, participant_id: int, on: dt.date) -> StoryBasis:
    """The basis for a story about ``participant_id`` on ``on``, or a clear refusal."""
    p = load_participant(s, participant_id)
    q = (
        select(Consent)
        .join(ConsentCategory, ConsentCategory.consent_id == Consent.id)
        .where(
            Consent.participant_id == participant_id,
            ConsentCategory.category == DataCategory.PUBLICATION,
        )
        .order_by(Consent.given_on.desc(), Consent.id.desc())
    )
    valid = [c for c in s.scalars(q) if c.is_valid_on(on)]
    if not valid:
        raise ValidationError.single(
            None,
            N_(
                "There is no valid consent for publication (success story) from this "
                "participant. Record her consent with the category “Publication "
                "(success story)” first."
            ),
        )
    name = p.pseudonym.strip()
    if not name:
        raise ValidationError.single(
            "pseudonym",
            N_(
                "Enter the name she approved for publication (a pseudonym or her first "
                "name) in the field “Pseudonym” of her file first."
            ),
        )
    last = p.last_name.strip()
    if len(last) >= 2 and _mentions(name, last):
        raise ValidationError.single(
            "pseudonym",
            N_(
                "The name approved for publication contains her last name. Use a pseudonym "
                "or her first name only."
            ),
        )
    return StoryBasis(participant_id, name, valid[0].id, valid[0].given_on)


def check_story(s: Session, basis: StoryBasis, title: str, text: str) -> SuccessStoryData:
    """The story as it may be published; refuses personal data beyond the approved name."""
    p = load_participant(s, basis.participant_id)
    problems: list[FieldError] = []
    if not text.strip():
        problems.append(FieldError("text", Message(N_("Write the story first."))))
    if len(text) > MAX_TEXT:
        problems.append(
            FieldError(
                "text",
                Message(N_("The story is too long (at most {max} characters)."), {"max": MAX_TEXT}),
            )
        )
    if len(title.strip()) > MAX_TITLE:
        problems.append(
            FieldError(
                "title",
                Message(
                    N_("The title is too long (at most {max} characters)."), {"max": MAX_TITLE}
                ),
            )
        )
    approved = basis.approved_name.casefold()
    fields = {
        "first_name": p.first_name,
        "last_name": p.last_name,
        "email": p.email,
        "jobcentre_customer_number": p.jobcentre_customer_number,
        "address": p.address,
    }
    for field, value in fields.items():
        value = value.strip()
        if len(value) < 2 or value.casefold() in approved:
            continue
        if _mentions(title + "\n" + text, value):
            problems.append(
                FieldError(
                    "text",
                    Message(
                        N_(
                            "The story mentions her {field}. A success story may name her "
                            "only as “{name}”."
                        ),
                        {"field": Message(FIELD_LABELS[field]), "name": basis.approved_name},
                    ),
                )
            )
    digits = re.sub(r"\D", "", p.phone)
    if len(digits) >= 6 and digits in re.sub(r"\D", "", text):
        problems.append(FieldError("text", Message(N_("The story mentions her phone number."))))
    if problems:
        raise ValidationError(problems)
    return SuccessStoryData(basis.approved_name, title.strip() or _(TITLE), text.strip())


def _mentions(text: str, value: str) -> bool:
    pattern = r"(?<!\w)" + re.escape(value.casefold()) + r"(?!\w)"
    return re.search(pattern, text.casefold()) is not None


def render_success_story(
    data: SuccessStoryData, header: ReportHeader, out: BinaryIO
) -> SignatureBox:
    st = styles()
    lang = header.lang
    flow = [
        para(data.title, st.title),
        para(data.approved_name, st.heading),
        gap(2),
    ]
    flow += [para(block, st.body) for block in data.text.split("\n\n")]
    flow.append(gap(3))
    flow.append(
        para(
            _(
                "Published with her consent. The name is the one she chose for "
                "publication. Written by {coach}.",
                lang,
            ).format(coach=header.coach_name),
            st.small,
        )
    )
    return finish(header, out, flow, _(TITLE, lang), st)
