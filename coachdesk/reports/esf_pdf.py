"""The ESF Plus indicator report as a PDF: one table per group of people, by gender."""

from __future__ import annotations

from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from coachdesk.documents.fonts import SANS_BOLD
from coachdesk.documents.layout import (
    MARGIN,
    PAGE_WIDTH,
    TABLE_FONT,
    SignatureBox,
    Styles,
    para,
    styles,
)
from coachdesk.i18n import N_, _
from coachdesk.reports.document import ReportHeader, finish, opening
from coachdesk.reports.esf import groups
from coachdesk.reports.esf_published import SECTIONS, TITLE, EsfRow, PublishedEsf
from coachdesk.reports.published import SUPPRESSION_NOTE

WIDTH = PAGE_WIDTH - 2 * MARGIN
CODE_WIDTH = 17 * mm
NUMBER_WIDTH = 15 * mm
FONT_SIZE = 8.5
NOT_RECORDED_WIDTH = 24 * mm
"""The "gender not recorded" column: its heading is the longest."""
SOURCE = N_(
    "Common indicators for participants of Regulation (EU) 2021/1057 (ESF Plus), Annex I, "
    "with the codes of the ESF Plus monitoring. Rows starting with “of whom” count the "
    "participants above who chose “no answer” or whose answer is not recorded yet; "
    "they are counted, not left out."
)


def render_esf(report: PublishedEsf, header: ReportHeader, out: BinaryIO) -> SignatureBox:
    st = styles()
    lang = report.lang
    title = _(TITLE, lang)
    head: list[tuple[str, object]] = [
        (_("Period", lang), report.period),
        (_("Programme", lang), report.programme),
    ]
    flow: list[Flowable] = opening(header, title, head, st)
    flow.append(para(_(SOURCE, lang), st.small))
    flow.append(para(_(SUPPRESSION_NOTE, lang), st.small))
    flow += esf_tables(report, st)
    return finish(header, out, flow, title, st)


def esf_tables(report: PublishedEsf, st: Styles) -> list[Flowable]:
    """One table per group of people (also the team report's appendix)."""
    lang = report.lang
    cell = ParagraphStyle("esf_cell", parent=st.cell, fontSize=FONT_SIZE, leading=10.5)
    bold = ParagraphStyle("esf_bold", parent=st.cell_bold, fontSize=FONT_SIZE, leading=10.5)
    number = ParagraphStyle("esf_number", parent=cell, alignment=TA_RIGHT)
    number_bold = ParagraphStyle("esf_number_bold", parent=bold, alignment=TA_RIGHT)
    # Not kept with the table: a table longer than what is left of a page starts right away.
    heading = ParagraphStyle("esf_heading", parent=st.heading, keepWithNext=0)
    flow: list[Flowable] = []
    for group in groups():
        rows = [r for r in report.rows if r.group == group]
        flow.append(para(_(SECTIONS[group], lang), heading))
        table: list[list[object]] = [
            [para(_("Code", lang), bold), para(_("Indicator", lang), bold)]
            + [para(c, number_bold) for c in report.columns]
        ]
        table += [_row(r, cell, number) for r in rows]
        flow.append(_grid(table))
    return flow


def _row(r: EsfRow, cell: ParagraphStyle, number: ParagraphStyle) -> list[object]:
    text = r.label if r.code else f"\u2003{r.label}"  # "of whom" rows indented
    return [para(r.code, cell), para(text, cell)] + [para(c.text, number) for c in r.cells]


def _grid(table: list[list[object]]) -> Table:
    numbers = [NUMBER_WIDTH] * (len(table[0]) - 2)
    numbers[-2] = NOT_RECORDED_WIDTH
    for i, cell in enumerate(table[0][2:]):  # as wide as the heading, unbroken words
        words = cell.getPlainText().split() if isinstance(cell, Paragraph) else []
        widest = max((stringWidth(w, SANS_BOLD, FONT_SIZE) for w in words), default=0)
        numbers[i] = max(numbers[i], widest + 8)
    widths = [CODE_WIDTH, WIDTH - CODE_WIDTH - sum(numbers), *numbers]
    out = Table(table, colWidths=widths, repeatRows=1)
    style = [
        TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
        ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.grey),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("LEFTPADDING", (0, 0), (-1, -1), 3),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("BACKGROUND", (-1, 0), (-1, -1), colors.whitesmoke),
    ]
    out.setStyle(TableStyle(style))
    return out
