"""The quarterly evaluation for the BCA as a PDF: overview, tables and bar charts."""

from __future__ import annotations

from collections.abc import Sequence
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Table, TableStyle

from coachdesk.documents.fonts import SANS_BOLD
from coachdesk.documents.layout import (
    MARGIN,
    PAGE_WIDTH,
    TABLE_FONT,
    SignatureBox,
    Styles,
    keep,
    para,
    styles,
)
from coachdesk.i18n import N_, _
from coachdesk.reports.charts import horizontal_bars, vertical_bars
from coachdesk.reports.document import ReportHeader, finish, opening
from coachdesk.reports.published import SUPPRESSION_NOTE, Breakdown, PublishedReport

TITLE = N_("Quarterly evaluation")
MAX_CHART_MONTHS = 24
WIDTH = PAGE_WIDTH - 2 * MARGIN


def render_quarterly(
    report: PublishedReport,
    header: ReportHeader,
    out: BinaryIO,
    *,
    title: str = TITLE,
    rows: Sequence[tuple[str, object]] = (),
    appendix: Sequence[Flowable] = (),
) -> SignatureBox:
    """``title`` (source text), extra header ``rows`` and an ``appendix``: the team report's."""
    st = styles()
    lang = report.lang
    title = _(title, lang)
    head: list[tuple[str, object]] = [(_("Period", lang), report.period)]
    if not rows:  # the team report's rows name the programmes of its coaches' files
        head.append((_("Programme", lang), report.programme or _("All programmes", lang)))
    head += rows
    flow: list[Flowable] = opening(header, title, head, st)
    flow.append(para(_(SUPPRESSION_NOTE, lang), st.small))
    flow += _table(report.overview, st)
    entries = report.breakdown("entries_by_month")
    exits = report.breakdown("exits_by_month")
    chart_heading = para(_("Entries and exits per month", lang), st.heading)
    if len(entries.labels) > MAX_CHART_MONTHS:
        # Bars of more than two years would be too thin to read: the table says it all.
        flow.append(chart_heading)
    else:
        flow.append(
            keep(
                chart_heading,
                vertical_bars(
                    entries.labels,
                    [entries.cells, exits.cells],
                    [_("Entries", lang), _("Exits", lang)],
                    WIDTH,
                ),
            )
        )
    flow.append(_months(entries, exits, st, lang))
    destinations = report.breakdown("exits_by_destination")
    flow += _table(destinations, st, chart=True)
    steps = report.breakdown("steps_by_kind")
    flow += _table(steps, st, chart=True)
    flow += _modules(report, st)
    flow += _table(report.breakdown("attendance"), st)
    flow += _table(report.breakdown("consents_by_category"), st)
    flow += appendix
    return finish(header, out, flow, title, st)


def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(style.name + "_right", parent=style, alignment=TA_RIGHT)


def _grid(rows: list[list[object]], widths: list[float], header: bool, total: bool) -> Table:
    table = Table(rows, colWidths=widths, repeatRows=1 if header else 0)
    style = [
        TABLE_FONT,
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("ALIGN", (1, 0), (-1, -1), "RIGHT"),
        ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
    ]
    if header:
        style.append(("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.grey))
    if total:
        style.append(("LINEABOVE", (0, -1), (-1, -1), 0.75, colors.grey))
    table.setStyle(TableStyle(style))
    return table


def _table(b: Breakdown, st: Styles, *, chart: bool = False) -> list[Flowable]:
    rows: list[list[object]] = [
        [para(text, st.cell), para(cell.text, _right(st.cell))]
        for text, cell in zip(b.labels, b.cells, strict=True)
    ]
    if b.total is not None:
        rows.append([para(b.total_label, st.cell_bold), para(b.total.text, _right(st.cell_bold))])
    table = _grid(rows, [WIDTH - 30 * mm, 30 * mm], header=False, total=b.total is not None)
    parts: list[Flowable] = [para(b.title, st.heading)]
    if chart:
        parts.append(horizontal_bars(b.labels, b.cells, WIDTH))
    return [keep(*parts, table)]


def _months(entries: Breakdown, exits: Breakdown, st: Styles, lang: str) -> Table:
    """Entries and exits side by side, one row per month, totals last."""
    rows: list[list[object]] = [
        [
            para(_("Month", lang), st.cell_bold),
            para(entries.total_label, _right(st.cell_bold)),
            para(exits.total_label, _right(st.cell_bold)),
        ]
    ]
    for month, came, left in zip(entries.labels, entries.cells, exits.cells, strict=True):
        rows.append(
            [
                para(month, st.cell),
                para(came.text, _right(st.cell)),
                para(left.text, _right(st.cell)),
            ]
        )
    if entries.total is not None and exits.total is not None:
        rows.append(
            [
                para(_("Total", lang), st.cell_bold),
                para(entries.total.text, _right(st.cell_bold)),
                para(exits.total.text, _right(st.cell_bold)),
            ]
        )
    widths = [WIDTH - 60 * mm, 30 * mm, 30 * mm]
    return _grid(rows, widths, header=True, total=True)


def _modules(report: PublishedReport, st: Styles) -> list[Flowable]:
    lang = report.lang
    heading = para(_("Modules held", lang), st.heading)
    if not report.modules:
        return [heading, para(_("No module sessions were recorded in this period.", lang), st.body)]
    headers = [_("Sessions", lang), _("Participants", lang), _("Attendance rate", lang)]
    # Number columns as wide as their heading, so no heading breaks inside a word.
    numbers = [max(22 * mm, stringWidth(h, SANS_BOLD, st.cell_bold.fontSize) + 14) for h in headers]
    rows: list[list[object]] = [
        [para(_("Module", lang), st.cell_bold)] + [para(h, _right(st.cell_bold)) for h in headers]
    ]
    for m in report.modules:
        rows.append(
            [
                para(m.title, st.cell),
                para(str(m.sessions), _right(st.cell)),
                para(m.participants.text, _right(st.cell)),
                para(m.attendance_rate, _right(st.cell)),
            ]
        )
    widths = [WIDTH - sum(numbers), *numbers]
    return [heading, _grid(rows, widths, header=True, total=False)]
