"""Which document types exist, which categories each shows, and a readable preview."""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from coachdesk.export import absence_sheet
from coachdesk.export.common import FIELD_LABELS, fmt
from coachdesk.export.facts import FilteredFile
from coachdesk.export.meeting_doc import pick_meeting
from coachdesk.export.progress_docs import EXIT_FACT_CATEGORIES, INTERIM_FACT_CATEGORIES
from coachdesk.i18n import N_, _
from coachdesk.labels import label
from coachdesk.models.enums import DataCategory, HandoverKind

C = DataCategory


class DocumentType(enum.StrEnum):
    EXIT_HANDOVER = "exit_handover"
    INTERIM_FEEDBACK = "interim_feedback"
    MEETING_SUMMARY = "meeting_summary"
    CONSENT_FORM = "consent_form"
    MY_PLAN = "my_plan"
    ABSENCE_SHEET = "absence_sheet"


DOCUMENT_LABELS: dict[DocumentType, str] = {
    DocumentType.EXIT_HANDOVER: N_("Exit handover"),
    DocumentType.INTERIM_FEEDBACK: N_("Interim feedback"),
    DocumentType.MEETING_SUMMARY: N_("Meeting summary"),
    DocumentType.CONSENT_FORM: N_("Consent form"),
    DocumentType.MY_PLAN: N_("My plan"),
    DocumentType.ABSENCE_SHEET: N_("Absence sheet"),
}

# The categories a document can show at all (if a consent covers them).
DOCUMENT_CATEGORIES: dict[DocumentType, frozenset[DataCategory]] = {
    DocumentType.EXIT_HANDOVER: frozenset(EXIT_FACT_CATEGORIES)
    | {C.MODULES_ATTENDANCE, C.MEETING_SUMMARIES, C.HANDOVER_FACTS},
    DocumentType.INTERIM_FEEDBACK: frozenset(INTERIM_FACT_CATEGORIES)
    | {C.MODULES_ATTENDANCE, C.MEETING_SUMMARIES, C.HANDOVER_FACTS},
    DocumentType.MEETING_SUMMARY: frozenset({C.IDENTITY_CONTACT, C.MEETING_SUMMARIES}),
    # The form shows the participant her own name and the terms she is asked to sign.
    DocumentType.CONSENT_FORM: frozenset({C.IDENTITY_CONTACT}),
    # Her own plan, for her: goals, agreements and appointments (``export.plan_compose``).
    DocumentType.MY_PLAN: frozenset({C.IDENTITY_CONTACT, C.GOALS_PROGRESS, C.MEETING_SUMMARIES}),
    # Her sessions of one month, for the job centre (``export.absence_sheet``).
    DocumentType.ABSENCE_SHEET: frozenset({C.IDENTITY_CONTACT, C.MODULES_ATTENDANCE}),
}


def document_label(doc: DocumentType, lang: str | None = None) -> str:
    return _(DOCUMENT_LABELS[doc], lang)


@dataclass(frozen=True)
class PreviewItem:
    """One fact the document will contain, as text."""

    category: DataCategory
    what: str
    value: str


def included_categories(doc: DocumentType, file: FilteredFile) -> frozenset[DataCategory]:
    return file.covered & DOCUMENT_CATEGORIES[doc]


def preview_items(
    doc: DocumentType,
    file: FilteredFile,
    lang: str,
    meeting_id: int | None = None,
    month: dt.date | None = None,
) -> tuple[PreviewItem, ...]:
    """What the document will say, item by item (titles and short values).

    A meeting summary shows one meeting: ``meeting_id``, or the latest held one; an
    absence sheet the sessions of ``month``.
    """
    shown = included_categories(doc, file)
    if doc == DocumentType.ABSENCE_SHEET:
        return _absence_items(file, shown, lang, month or file.on)
    items = [
        PreviewItem(f.category, _(FIELD_LABELS.get(f.field, f.field), lang), fmt(f.value, lang))
        for f in file.facts
        if f.category in shown
    ]
    if C.GOALS_PROGRESS in shown and doc != DocumentType.MEETING_SUMMARY:
        for g in file.goals:
            items.append(PreviewItem(C.GOALS_PROGRESS, _("Goal", lang), g.title))
            items += [
                PreviewItem(C.GOALS_PROGRESS, label(m.kind, lang), m.title) for m in g.milestones
            ]
    if C.MODULES_ATTENDANCE in shown:
        items += [
            PreviewItem(C.MODULES_ATTENDANCE, e.module_title, fmt(e.result, lang))
            for e in file.enrolments
        ]
    if C.MEETING_SUMMARIES in shown:
        meetings = file.meetings
        if doc == DocumentType.MEETING_SUMMARY:
            chosen = pick_meeting(meetings, meeting_id, file.on)
            meetings = (chosen,) if chosen is not None else ()
        for m in meetings:
            items.append(PreviewItem(C.MEETING_SUMMARIES, fmt(m.kind, lang), fmt(m.held_at, lang)))
            items += [PreviewItem(C.MEETING_SUMMARIES, a.who, a.what) for a in m.agreements]
    if C.HANDOVER_FACTS in shown:
        kind = HandoverKind.EXIT if doc == DocumentType.EXIT_HANDOVER else HandoverKind.INTERIM
        items += [
            PreviewItem(C.HANDOVER_FACTS, label(h.kind, lang), fmt(h.handover_date, lang))
            for h in file.handovers
            if h.kind == kind
        ]
    return tuple(items)


def _absence_items(
    file: FilteredFile, shown: frozenset[DataCategory], lang: str, month: dt.date
) -> tuple[PreviewItem, ...]:
    """Her identity as the sheet names her, and each session of the month."""
    items = [
        PreviewItem(f.category, _(FIELD_LABELS[f.field], lang), fmt(f.value, lang))
        for f in file.facts
        if f.category in shown and f.field in absence_sheet.IDENTITY_FIELDS and f.value
    ]
    if C.MODULES_ATTENDANCE in shown:
        items += [
            PreviewItem(C.MODULES_ATTENDANCE, fmt(s.day, lang), absence_sheet.session_text(s, lang))
            for s in absence_sheet.sessions_in(file, month)
        ]
    return tuple(items)
