"""The frame every document shares: A4, header, numbered footer, styles, signature box."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from coachdesk.documents.fonts import SANS, SANS_BOLD, markup, register_fonts
from coachdesk.i18n import _

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
SIGNATURE_BOX_HEIGHT = 28 * mm
GREY = colors.HexColor("#555555")
# Tables set a cell font even around paragraphs; without this it is a non-embedded Helvetica.
TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), SANS)


@dataclass(frozen=True)
class SignatureBox:
    """Where the visible signature goes: 0-based page index and the box in PDF points."""

    page_index: int
    box: tuple[int, int, int, int]


@dataclass(frozen=True)
class Styles:
    title: ParagraphStyle
    heading: ParagraphStyle
    body: ParagraphStyle
    small: ParagraphStyle
    cell: ParagraphStyle
    cell_bold: ParagraphStyle


def styles() -> Styles:
    register_fonts()
    body = ParagraphStyle("body", fontName=SANS, fontSize=10, leading=14, spaceAfter=4)
    return Styles(
        title=ParagraphStyle("title", parent=body, fontName=SANS_BOLD, fontSize=16, leading=20),
        heading=ParagraphStyle(
            "heading",
            parent=body,
            fontName=SANS_BOLD,
            fontSize=12,
            leading=16,
            spaceBefore=10,
            keepWithNext=1,
        ),
        body=body,
        small=ParagraphStyle("small", parent=body, fontSize=8, leading=10, textColor=GREY),
        cell=ParagraphStyle("cell", parent=body, spaceAfter=0),
        cell_bold=ParagraphStyle("cell_bold", parent=body, fontName=SANS_BOLD, spaceAfter=0),
    )


def para(text: object, style: ParagraphStyle) -> Paragraph:
    """A paragraph of plain text (never markup from data)."""
    return Paragraph(markup(text), style)


def rows_table(rows: Sequence[tuple[str, object]], st: Styles) -> Table:
    """Label/value pairs as a two-column table."""
    data = [[para(label, st.cell_bold), para(value, st.cell)] for label, value in rows]
    table = Table(data, colWidths=[55 * mm, PAGE_WIDTH - 2 * MARGIN - 55 * mm])
    table.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ]
        )
    )
    return table


class SignaturePlaceholder(Flowable):  # type: ignore[misc]
    """Reserves the box for the visible signature and remembers where it was drawn."""

    def __init__(self, label: str, st: Styles) -> None:
        super().__init__()
        self.label = label
        self.st = st
        self.drawn: SignatureBox | None = None

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(avail_width, 95 * mm)
        self.height = SIGNATURE_BOX_HEIGHT
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        self.drawn = SignatureBox(
            canvas.getPageNumber() - 1,
            (int(x), int(y), int(x + self.width), int(y + self.height)),
        )
        super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        self.canv.setStrokeColor(colors.lightgrey)
        self.canv.rect(0, 0, self.width, self.height)
        self.canv.setFont(SANS, 7)
        self.canv.setFillColor(GREY)
        self.canv.drawString(2, self.height + 2, self.label)


def _numbered_canvas(lang: str) -> type[Canvas]:
    class NumberedCanvas(Canvas):  # type: ignore[misc]
        """Defers pages so the footer can say "page X of Y"."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            total = len(self._pages)
            for state in self._pages:
                self.__dict__.update(state)
                self.setFont(SANS, 8)
                self.setFillColor(GREY)
                text = _("Page {page} of {pages}", lang).format(page=self._pageNumber, pages=total)
                self.drawRightString(PAGE_WIDTH - MARGIN, 12 * mm, text)
                super().showPage()
            super().save()

    return NumberedCanvas


def build(
    out: BinaryIO,
    flowables: list[Flowable],
    *,
    title: str,
    header_left: str,
    lang: str,
) -> None:
    """Write the document. Metadata carries the document kind only, never a name."""
    register_fonts()

    def header(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(GREY)
        canvas.drawString(MARGIN, PAGE_HEIGHT - 12 * mm, header_left)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 12 * mm, title)
        canvas.setStrokeColor(colors.lightgrey)
        canvas.line(MARGIN, PAGE_HEIGHT - 14 * mm, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 14 * mm)
        canvas.restoreState()

    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN,
        title=title,
        author="",
        subject=title,
        creator="CoachDesk",
        keywords="",
        lang=lang,
        initialFontName=SANS,
    )
    frame = Frame(MARGIN, MARGIN, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN, id="body")
    doc.addPageTemplates([PageTemplate(id="page", frames=[frame], onPage=header)])
    doc.build(flowables, canvasmaker=_numbered_canvas(lang))


def keep(*flowables: Flowable) -> KeepTogether:
    return KeepTogether(list(flowables))


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
