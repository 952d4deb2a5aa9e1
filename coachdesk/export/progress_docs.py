"""Exit handover (progress summary) and interim feedback for the job centre."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.platypus import Flowable

from coachdesk.documents.layout import SignatureBox, Styles, para, rows_table, styles
from coachdesk.export.common import (
    DocumentData,
    build_document,
    facts_section,
    fmt,
    not_included,
    opening,
)
from coachdesk.export.facts import HandoverFacts
from coachdesk.i18n import N_, _
from coachdesk.labels import label
from coachdesk.models.enums import EXCUSED_ABSENCES, AttendanceStatus, DataCategory, HandoverKind

C = DataCategory
EXIT_TITLE = N_("Exit handover")
INTERIM_TITLE = N_("Interim feedback")

EXIT_FACT_CATEGORIES = (
    C.IDENTITY_CONTACT,
    C.GOALS_PROGRESS,
    C.LANGUAGES_QUALIFICATIONS,
    C.FAMILY_CHILDCARE,
    C.RESIDENCE_STATUS,
    C.HEALTH,
)
INTERIM_FACT_CATEGORIES = (C.IDENTITY_CONTACT, C.GOALS_PROGRESS)
_HANDOVER_ROWS = (
    ("reason", N_("Reason")),
    ("situation", N_("Current situation")),
    ("expectations", N_("Expectations")),
    ("strengths", N_("Strengths")),
    ("obstacles", N_("Obstacles")),
    ("next_steps", N_("Next steps")),
    ("recommendation", N_("Recommendation")),
)


def render_exit_handover(data: DocumentData, out: BinaryIO) -> SignatureBox:
    """Goals and milestones, modules, agreements, next steps and the recommendation."""
    return _render(data, out, EXIT_TITLE, EXIT_FACT_CATEGORIES, HandoverKind.EXIT, open_only=False)


def render_interim_feedback(data: DocumentData, out: BinaryIO) -> SignatureBox:
    """Progress so far: goals, modules, open agreements and the latest interim notes."""
    return _render(
        data, out, INTERIM_TITLE, INTERIM_FACT_CATEGORIES, HandoverKind.INTERIM, open_only=True
    )


def _render(
    data: DocumentData,
    out: BinaryIO,
    title_id: str,
    fact_categories: tuple[DataCategory, ...],
    kind: HandoverKind,
    *,
    open_only: bool,
) -> SignatureBox:
    st = styles()
    lang = data.lang
    title = _(title_id, lang)
    flow: list[Flowable] = opening(data, title, st)
    flow += facts_section(data, fact_categories, st)
    flow += _goals(data, st)
    flow += _modules(data, st)
    flow += _agreements(data, st, open_only)
    flow += _handover(data, st, kind)
    return build_document(data, out, title, flow, st)


def _goals(data: DocumentData, st: Styles) -> list[Flowable]:
    lang = data.lang
    out: list[Flowable] = [para(_("Goals and milestones", lang), st.heading)]
    if C.GOALS_PROGRESS not in data.file.covered:
        return out + not_included(data, C.GOALS_PROGRESS, st)
    if not data.file.goals:
        return [*out, para(_("No goals recorded.", lang), st.body)]
    for g in data.file.goals:
        rows = [(_("Status", lang), fmt(g.status, lang))]
        if g.description:
            rows.append((_("Description", lang), g.description))
        if g.target_date:
            rows.append((_("Target date", lang), fmt(g.target_date, lang)))
        if g.reached_on:
            rows.append((_("Reached on", lang), fmt(g.reached_on, lang)))
        for m in g.milestones:
            when = fmt(m.reached_on, lang) if m.reached_on else _("open", lang)
            text = f"{m.title} ({when})" + (f"\n{m.note}" if m.note else "")
            rows.append((label(m.kind, lang), text))
        out += [para(g.title, st.cell_bold), *rows_table(rows, st)]
    return out


def _modules(data: DocumentData, st: Styles) -> list[Flowable]:
    lang = data.lang
    out: list[Flowable] = [para(_("Modules and attendance", lang), st.heading)]
    if C.MODULES_ATTENDANCE not in data.file.covered:
        return out + not_included(data, C.MODULES_ATTENDANCE, st)
    if not data.file.enrolments:
        return [*out, para(_("No modules recorded.", lang), st.body)]
    for e in data.file.enrolments:
        attendance = _("present {present}, excused {excused}, absent {absent}", lang).format(
            present=e.count(AttendanceStatus.PRESENT),
            excused=sum(e.count(s) for s in EXCUSED_ABSENCES),
            absent=e.count(AttendanceStatus.ABSENT),
        )
        rows = [
            (_("Enrolled on", lang), fmt(e.enrolled_on, lang)),
            (_("Result", lang), fmt(e.result, lang)),
            (_("Attendance", lang), attendance),
        ]
        if e.completed_on:
            rows.append((_("Completed on", lang), fmt(e.completed_on, lang)))
        if e.result_note:
            rows.append((_("Note", lang), e.result_note))
        out += [para(e.module_title, st.cell_bold), *rows_table(rows, st)]
    return out


def _agreements(data: DocumentData, st: Styles, open_only: bool) -> list[Flowable]:
    lang = data.lang
    heading = _("Open agreements", lang) if open_only else _("Agreements and next steps", lang)
    out: list[Flowable] = [para(heading, st.heading)]
    if C.MEETING_SUMMARIES not in data.file.covered:
        return out + not_included(data, C.MEETING_SUMMARIES, st)
    rows = []
    for m in data.file.meetings:
        for a in m.agreements:
            if open_only and a.done_on is not None:
                continue
            state = (
                _("done on {date}", lang).format(date=fmt(a.done_on, lang))
                if a.done_on
                else _("due {date}", lang).format(date=fmt(a.due_date, lang))
                if a.due_date
                else _("open", lang)
            )
            rows.append((a.who, f"{a.what} ({state})"))
    if not rows:
        return [*out, para(_("No agreements recorded.", lang), st.body)]
    return [*out, *rows_table(rows, st)]


def _handover(data: DocumentData, st: Styles, kind: HandoverKind) -> list[Flowable]:
    lang = data.lang
    out: list[Flowable] = [para(label(kind, lang), st.heading)]
    if C.HANDOVER_FACTS not in data.file.covered:
        return out + not_included(data, C.HANDOVER_FACTS, st)
    latest: HandoverFacts | None = None
    for h in data.file.handovers:
        if h.kind == kind:
            latest = h
    if latest is None:
        return [*out, para(_("Nothing recorded yet.", lang), st.body)]
    rows = [(_("Date", lang), fmt(latest.handover_date, lang))]
    if latest.author:
        rows.append((_("Author", lang), latest.author))
    rows += [
        (_(lbl, lang), getattr(latest, name))
        for name, lbl in _HANDOVER_ROWS
        if getattr(latest, name)
    ]
    return [*out, *rows_table(rows, st)]
