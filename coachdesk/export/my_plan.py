""" "My plan": one page she takes home, in German (binding) and her language.

Her goals with their next steps and small steps, the open agreements (who does what by
when), her next appointments and her contact persons, and what is new since the plan she
was given last. Every text stands in German and beneath it in her language (``Bilingual``),
right to left where her language is written so; what the coach wrote (a goal, an agreement)
stands once, as written. Dates and times are printed as digits, which read alike in every
language of the page. Table columns keep the German reading order (the binding text); her
words stand in each cell beneath the German ones, right-aligned when right to left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from coachdesk.documents.layout import (
    MARGIN,
    PAGE_WIDTH,
    TABLE_FONT,
    SignatureBox,
    Styles,
    build,
    gap,
    para,
    styles,
)
from coachdesk.export import plan_texts as T
from coachdesk.export.bilingual import Bilingual
from coachdesk.export.common import fingerprint_text
from coachdesk.export.plan_diff import PlanChange, day_text, when_text
from coachdesk.export.plan_facts import PlanFacts, PlanGoal
from coachdesk.export.plan_signature import SignatureBeside
from coachdesk.i18n import _
from coachdesk.labels import label
from coachdesk.models.enums import GoalStatus, MeetingKind, MilestoneKind

TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
Cell = list[Flowable]


@dataclass(frozen=True)
class PlanData:
    """A plan ready to print: her facts, what changed, and who made it."""

    facts: PlanFacts
    last_printed: dt.date | None
    """The day of the plan before this one; None for her first plan."""
    changes: tuple[PlanChange, ...]
    organisation_name: str
    coach_name: str
    issued_on: dt.date
    signer_name: str
    signer_fingerprint: str


@cache
def compact() -> Styles:
    """Smaller than the job centre's documents: the whole plan on one page where it can be."""
    st = styles()

    def smaller(style: ParagraphStyle, size: float, **kw: float) -> ParagraphStyle:
        return ParagraphStyle(
            f"plan-{style.name}", parent=style, fontSize=size, leading=size * 1.2, **kw
        )

    return replace(
        st,
        title=smaller(st.title, 13),
        heading=smaller(st.heading, 10.5, spaceBefore=4, spaceAfter=1),
        body=smaller(st.body, 9, spaceAfter=2),
        small=smaller(st.small, 7.5),
        cell=smaller(st.cell, 8),
        cell_bold=smaller(st.cell_bold, 8),
    )


def render_my_plan(
    data: PlanData, out: BinaryIO, languages: Sequence[str] = ("de",)
) -> SignatureBox:
    st = compact()
    bi = Bilingual(tuple(dict.fromkeys(languages)) or ("de",), st)
    f = data.facts
    name = f"{f.name} ({f.latin_name})" if f.latin_name and f.latin_name != f.name else f.name
    flow: list[Flowable] = bi.block(T.TITLE, st.title)
    if bi.needs_notice(T.ALL_TEXTS):
        flow += [gap(1), bi.notice()]
    flow += bi.block(
        T.MADE_FOR, st.body, name=name, date=day_text(data.issued_on), coach=data.coach_name
    )
    flow += bi.block(T.INTRO, st.small)
    flow += _changes(bi, data)
    flow += bi.block(T.GOALS_HEADING, st.heading)
    flow += _goals(bi, f.goals) if f.goals else bi.block(T.NO_GOALS, st.body)
    flow += bi.block(T.AGREEMENTS_HEADING, st.heading)
    agreements = [
        [[para(a.who, st.cell)], [para(a.what, st.cell)], [para(_day(a.due), st.cell)]]
        for a in f.open_agreements
    ]
    flow += _table_or(bi, T.COLUMNS, agreements, (40, 100, 30), T.NO_AGREEMENTS, st)
    flow += bi.block(T.APPOINTMENTS_HEADING, st.heading)
    appointments = [
        [
            [para(when_text(a.at), st.cell)],
            _label(bi, MeetingKind(a.kind)),
            [para(a.location, st.cell)],
        ]
        for a in f.appointments
    ]
    flow += _table_or(bi, T.APPOINTMENT_COLUMNS, appointments, (35, 55, 80), T.NO_APPOINTMENTS, st)
    flow += bi.block(T.CONTACTS_HEADING, st.heading)
    coach = [
        [para(data.coach_name, st.cell_bold)],
        [*_texts(bi, T.YOUR_COACH), para(data.organisation_name, st.cell)],
        [],
    ]
    contacts = [
        [
            [para(c.name, st.cell_bold)],
            [para(" – ".join(x for x in (c.role, c.organisation) if x), st.cell)],
            [para("\n".join(x for x in (c.phone, c.email) if x), st.cell)],
        ]
        for c in f.contacts
    ]
    flow += _table(bi, T.CONTACT_COLUMNS, [coach, *contacts], (50, 65, 55))
    signed_by = [
        *bi.block(T.PREPARED_BY, st.small, signer=data.signer_name),
        para(fingerprint_text(data.signer_fingerprint), st.small),
    ]
    digital = SignatureBeside(_("Digital signature", bi.langs[0]), st, signed_by)
    flow += [gap(2), digital]
    title = _(T.TITLE, bi.langs[0])
    build(
        out,
        flow,
        title=title,
        header_left=data.organisation_name or data.coach_name,
        lang=bi.langs[0],
    )
    assert digital.drawn is not None
    return digital.drawn


def _day(day: dt.date | None) -> str:
    return day_text(day) if day is not None else "–"


def _texts(bi: Bilingual, msgid: str, **params: object) -> Cell:
    """A text in every language of the plan, stacked in one table cell."""
    return [
        bi.para(bi.text(msgid, lang, **params), lang, bi.st.cell, n == 0)
        for n, lang in enumerate(bi.langs)
    ]


def _label(bi: Bilingual, value: MeetingKind | MilestoneKind) -> Cell:
    return [
        bi.para(label(value, lang), lang, bi.st.cell, n == 0) for n, lang in enumerate(bi.langs)
    ]


def _changes(bi: Bilingual, data: PlanData) -> list[Flowable]:
    st = bi.st
    if data.last_printed is None:
        return bi.block(T.FIRST_PLAN, st.body)
    out = bi.block(T.CHANGES_HEADING, st.heading, date=day_text(data.last_printed))
    if not data.changes:
        return out + bi.block(T.NO_CHANGES, st.body)
    # German on the left, her language beside it: the list of changes takes half the height.
    rows = [
        [cell[:1], cell[1:]] for cell in (_texts(bi, c.msgid, **c.params) for c in data.changes)
    ]
    table = Table(rows, colWidths=[TEXT_WIDTH / 2] * 2)
    table.setStyle(_style(("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#f2f6fa"))))
    return [*out, table]


def _goals(bi: Bilingual, goals: Sequence[PlanGoal]) -> list[Flowable]:
    st = bi.st
    rows: list[list[Cell]] = []
    bold: list[int] = []
    for g in goals:
        if g.status == GoalStatus.REACHED and g.reached is not None:
            state = _texts(bi, T.REACHED_ON, date=day_text(g.reached))
        else:
            state = _texts(bi, T.BY_DATE, date=day_text(g.target)) if g.target else []
        bold.append(len(rows))
        rows.append([[para(g.title, st.cell_bold)], [], state])
        for step in g.steps:
            if step.done is not None:
                when = _texts(bi, T.DONE_ON, date=day_text(step.done))
            else:
                when = _texts(bi, T.BY_DATE, date=day_text(step.due)) if step.due else []
            rows.append(
                [
                    [para(f"\u2022 {step.title}", st.cell)],
                    _label(bi, MilestoneKind(step.kind)),
                    when,
                ]
            )
    widths = [w * mm for w in (72, 58, 40)]
    table = Table(rows, colWidths=widths)
    table.setStyle(
        _style(
            *(("BACKGROUND", (0, r), (-1, r), colors.HexColor("#eef1f4")) for r in bold),
            *(("LEFTPADDING", (0, r), (0, r), 12) for r in range(len(rows)) if r not in bold),
        )
    )
    return [table]


def _table_or(
    bi: Bilingual,
    columns: Sequence[str],
    rows: list[list[Cell]],
    widths_mm: Sequence[float],
    none: str,
    st: Styles,
) -> list[Flowable]:
    """The table of ``rows``, or the sentence saying there are none."""
    return _table(bi, columns, rows, widths_mm) if rows else bi.block(none, st.body)


def _table(
    bi: Bilingual, columns: Sequence[str], rows: list[list[Cell]], widths_mm: Sequence[float]
) -> list[Flowable]:
    """A table with bilingual column heads repeated on a next page."""
    head = [
        [bi.para(_(c, lang), lang, bi.st.cell_bold, n == 0) for n, lang in enumerate(bi.langs)]
        for c in columns
    ]
    table = Table([head, *rows], colWidths=[w * mm for w in widths_mm], repeatRows=1)
    table.setStyle(_style(("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.grey)))
    return [table]


def _style(*extra: tuple[object, ...]) -> TableStyle:
    return TableStyle(
        [
            TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.HexColor("#cccccc")),
            ("TOPPADDING", (0, 0), (-1, -1), 1),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
            *extra,
        ]
    )
