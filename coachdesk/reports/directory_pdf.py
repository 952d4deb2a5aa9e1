"""The partner directory (Schnittstellenpapier): who is responsible for what, and how to reach them.

Contact persons are partner staff: professional data. Notes are not printed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Table, TableStyle

from coachdesk.collation import sort_key
from coachdesk.documents.fonts import SANS
from coachdesk.documents.layout import (
    MARGIN,
    PAGE_WIDTH,
    TABLE_FONT,
    SignatureBox,
    Styles,
    gap,
    keep,
    para,
    rows_table,
    styles,
)
from coachdesk.i18n import N_, _
from coachdesk.labels import label
from coachdesk.models.enums import OrganisationKind
from coachdesk.reports.document import ReportHeader, finish, opening
from coachdesk.services.directory import ContactRecord, OrganisationRecord
from coachdesk.services.responsibilities import ResponsibilityRecord

TITLE = N_("Partner directory")
WIDTH = PAGE_WIDTH - 2 * MARGIN
MARK = "•"


@dataclass(frozen=True)
class DirectoryData:
    organisations: tuple[OrganisationRecord, ...]
    contacts: tuple[ContactRecord, ...]
    responsibilities: tuple[ResponsibilityRecord, ...]


class RotatedLabel(Flowable):  # type: ignore[misc]
    """A column heading written bottom to top, so a matrix of many kinds fits the page."""

    def __init__(self, text: str, height: float) -> None:
        super().__init__()
        self.text = text
        self.height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        return self.width, self.height

    def draw(self) -> None:
        canvas: Canvas = self.canv
        canvas.saveState()
        canvas.setFont(SANS, 7)
        canvas.translate(self.width / 2 + 2.5, 2)
        canvas.rotate(90)
        canvas.drawString(0, 0, self.text)
        canvas.restoreState()


def render_directory(data: DirectoryData, header: ReportHeader, out: BinaryIO) -> SignatureBox:
    st = styles()
    lang = header.lang
    title = _(TITLE, lang)
    flow: list[Flowable] = opening(
        header, title, [(_("Organisations", lang), str(len(data.organisations)))], st
    )
    flow += _matrix(data, st, lang)
    flow.append(para(_("Who is responsible for what", lang), st.heading))
    flow += _responsibilities(data, st, lang)
    flow += _contacts(data, st, lang)
    return finish(header, out, flow, title, st)


def _kinds(data: DirectoryData) -> list[OrganisationKind]:
    present = {o.kind for o in data.organisations}
    return [k for k in OrganisationKind if k in present]


def _matrix(data: DirectoryData, st: Styles, lang: str) -> list[Flowable]:
    kinds = _kinds(data)
    topics = sorted({r.topic for r in data.responsibilities}, key=lambda t: sort_key(t, lang))
    heading = para(_("Topics by kind of organisation", lang), st.heading)
    if not kinds or not topics:
        return [heading, para(_("No responsibilities recorded yet.", lang), st.body)]
    kind_of = {o.id: o.kind for o in data.organisations}
    marked = {(r.topic, kind_of.get(r.organisation_id)) for r in data.responsibilities}
    column = min(10 * mm, (WIDTH - 60 * mm) / len(kinds))
    labels = [label(k, lang) for k in kinds]
    header_height = max(stringWidth(t, SANS, 7) for t in labels) + 8
    center = ParagraphStyle("mark", parent=st.cell_bold, alignment=TA_CENTER, fontSize=14)
    rows: list[list[object]] = [
        [para(_("Topic", lang), st.cell_bold)] + [RotatedLabel(t, header_height) for t in labels]
    ]
    for topic in topics:
        rows.append(
            [para(topic, st.cell)]
            + [para(MARK if (topic, k) in marked else "", center) for k in kinds]
        )
    table = Table(
        rows, colWidths=[WIDTH - column * len(kinds)] + [column] * len(kinds), repeatRows=1
    )
    table.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("VALIGN", (0, 0), (-1, 0), "BOTTOM"),
                ("VALIGN", (0, 1), (-1, -1), "MIDDLE"),
                ("GRID", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.grey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
            ]
        )
    )
    return [heading, table, gap(3)]


def _responsibilities(data: DirectoryData, st: Styles, lang: str) -> list[Flowable]:
    if not data.responsibilities:
        return [para(_("No responsibilities recorded yet.", lang), st.body)]
    cell = ParagraphStyle("cell9", parent=st.cell, fontSize=9, leading=11)
    bold = ParagraphStyle("bold9", parent=st.cell_bold, fontSize=9, leading=11)
    rows: list[list[object]] = [
        [
            para(_("Topic", lang), bold),
            para(_("Target group", lang), bold),
            para(_("Organisation", lang), bold),
            para(_("Contact person", lang), bold),
        ]
    ]
    for r in data.responsibilities:
        rows.append(
            [
                para(r.topic, cell),
                para(r.target_group, cell),
                para(r.organisation_name, cell),
                para(r.contact_name, cell),
            ]
        )
    widths = [WIDTH * 0.28, WIDTH * 0.25, WIDTH * 0.27, WIDTH * 0.20]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.grey),
            ]
        )
    )
    return [table]


def _contacts(data: DirectoryData, st: Styles, lang: str) -> list[Flowable]:
    out: list[Flowable] = []
    # The heading travels with the first organisation, so it never ends a page alone.
    heading: list[Flowable] = [para(_("Contact list", lang), st.heading)]
    for o in sorted(
        data.organisations,
        key=lambda o: (list(OrganisationKind).index(o.kind), sort_key(o.name, lang)),
    ):
        rows: list[tuple[str, object]] = [(_("Kind", lang), label(o.kind, lang))]
        rows += [
            (k, v)
            for k, v in (
                (_("Address", lang), o.address),
                (_("Phone", lang), o.phone),
                (_("Email", lang), o.email),
            )
            if v
        ]
        for c in _people(data.contacts, o.id, lang):
            reach = "\n".join(v for v in (c.role_title, c.phone, c.email) if v)
            rows.append((c.name, reach))
        out.append(keep(*heading, para(o.name, st.cell_bold), *rows_table(rows, st), gap(3)))
        heading = []
    if heading:
        out += [*heading, para(_("No organisations recorded yet.", lang), st.body)]
    return out


def _people(
    contacts: Sequence[ContactRecord], organisation_id: int, lang: str
) -> list[ContactRecord]:
    return sorted(
        (c for c in contacts if c.organisation_id == organisation_id),
        key=lambda c: sort_key(c.name, lang),
    )
