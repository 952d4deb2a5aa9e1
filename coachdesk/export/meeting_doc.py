"""Summary of a (three-way) meeting: attendees, shared summary, agreements."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import BinaryIO

from reportlab.platypus import Flowable

from coachdesk.documents.layout import (
    SignatureBox,
    flowing_text,
    para,
    rows_table,
    styles,
)
from coachdesk.export.common import DocumentData, build_document, fmt, not_included, opening
from coachdesk.export.facts import MeetingFacts
from coachdesk.i18n import N_, _
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory

MEETING_TITLE = N_("Meeting summary")


def chosen_meeting(data: DocumentData) -> MeetingFacts | None:
    return pick_meeting(data.file.meetings, data.meeting_id, data.file.on)


def pick_meeting(
    meetings: Sequence[MeetingFacts], meeting_id: int | None, on: dt.date
) -> MeetingFacts | None:
    """The meeting asked for, or the latest one held by ``on`` (not a planned one).

    ``meetings`` in the order the consent filter gives them: oldest first.
    """
    if meeting_id is not None:
        return next((m for m in meetings if m.meeting_id == meeting_id), None)
    held = [m for m in meetings if m.held_at.date() <= on]
    candidates = held or list(meetings)
    return candidates[-1] if candidates else None


def render_meeting_summary(data: DocumentData, out: BinaryIO) -> SignatureBox:
    st = styles()
    lang = data.lang
    title = _(MEETING_TITLE, lang)
    flow: list[Flowable] = opening(data, title, st)
    meeting = chosen_meeting(data)
    if DataCategory.MEETING_SUMMARIES not in data.file.covered:
        flow += not_included(data, DataCategory.MEETING_SUMMARIES, st)
    elif meeting is None:
        flow.append(para(_("No meeting recorded.", lang), st.body))
    else:
        rows = [
            (_("Kind", lang), fmt(meeting.kind, lang)),
            (_("Date and time", lang), fmt(meeting.held_at, lang)),
        ]
        if meeting.location:
            rows.append((_("Location", lang), meeting.location))
        flow += rows_table(rows, st)
        flow.append(para(_("Attendees", lang), st.heading))
        withheld = _("(name withheld)", lang)
        attendees = [(label(a.role, lang), a.name or withheld) for a in meeting.attendees]
        flow += (
            rows_table(attendees, st) if attendees else [para(_("None recorded.", lang), st.body)]
        )
        if meeting.agenda:
            flow += [para(_("Agenda", lang), st.heading), *flowing_text(meeting.agenda, st.body)]
        flow.append(para(_("Shared summary", lang), st.heading))
        flow += flowing_text(meeting.shared_summary or _("None recorded.", lang), st.body)
        flow.append(para(_("Agreements", lang), st.heading))
        agreements = [
            (
                a.who,
                _("{what} (due {date})", lang).format(what=a.what, date=fmt(a.due_date, lang))
                if a.due_date
                else a.what,
            )
            for a in meeting.agreements
        ]
        flow += (
            rows_table(agreements, st) if agreements else [para(_("None recorded.", lang), st.body)]
        )
    return build_document(data, out, title, flow, st)
