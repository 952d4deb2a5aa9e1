"""The frame every document shares: A4, header, numbered footer, styles, signature box."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any, BinaryIO
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    HRFlowable,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from coachdesk.documents.fonts import SANS, SANS_BOLD, markup, register_fonts
from coachdesk.documents.header import header_lines
from coachdesk.documents.paragraphs import Text as Text  # others import them from here
from coachdesk.documents.paragraphs import para as para
from coachdesk.i18n import _

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 20 * mm
SIGNATURE_BOX_HEIGHT = 28 * mm
GREY = colors.HexColor("#555555")
# Tables set a cell font even around paragraphs; without this it is a non-embedded Helvetica.
TABLE_FONT = ("FONTNAME", (0, 0), (-1, -1), SANS)
LABEL_WIDTH = 55 * mm
CELL_PADDING = 6
"""ReportLab's default left and right padding of a table cell."""
LONG_VALUE = 1200
"""Values longer than this (in markup characters) flow below the table as paragraphs."""


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


@cache
def styles() -> Styles:
    """The document styles, made once per process (nothing changes a style once made)."""
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


def rows_table(rows: Sequence[tuple[str, object]], st: Styles) -> list[Flowable]:
    """Label/value pairs as a two-column table; long values flow below it (``flowing_row``)."""
    out: list[Flowable] = []
    short: list[list[Flowable]] = []
    for label, value in rows:
        if len(markup(value)) > LONG_VALUE:
            if short:
                out.append(cells_table(short))
                short = []
            out += flowing_row(label, value, st)
        else:
            short.append([para(label, st.cell_bold), para(value, st.cell)])
    if short:
        out.append(cells_table(short))
    return out


def cells_table(data: list[list[Flowable]]) -> Table:
    """Rows of a label cell and a value cell, as ``rows_table`` draws them."""
    table = Table(data, colWidths=[LABEL_WIDTH, PAGE_WIDTH - 2 * MARGIN - LABEL_WIDTH])
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


def flowing_row(label: str, value: object, st: Styles, note: str = "") -> list[Flowable]:
    """A table row whose value may be longer than a page, as paragraphs in the value column.

    A table row cannot break across pages, and ReportLab's split rows re-measure the whole
    table on every page (seconds for one 20,000-character field). Paragraphs flow cheaply;
    indented to the value column, with the label beside the first line, they read as a row.
    ``note`` is a second, smaller label line (the other language of a bilingual form).
    """
    value_style = ParagraphStyle(
        "flowing",
        parent=st.cell,
        # Tables are as wide as the page's text, so they overhang the frame's padding (6 pt,
        # one cell padding): measured from the frame, a cell's text starts at the column.
        leftIndent=LABEL_WIDTH,
        bulletIndent=0,
        bulletFontName=SANS_BOLD,
        bulletFontSize=st.cell_bold.fontSize,
    )
    text = "" if value is None else str(value)
    out: list[Flowable] = [Spacer(1, 3)]  # what a heading keeps with (see ``flowing_text``)
    beside = not note and _fits_beside(label, st.cell_bold)
    if not beside:
        # Not kept with the value: ReportLab keeps flowables together by moving them, all of
        # them, to the next page, which a value longer than a page would leave empty.
        out.append(para(label, st.cell_bold))
        if note:
            out.append(para(note, st.small))
    for number, line in enumerate(text.split("\n")):
        if not line.strip():
            out.append(Spacer(1, value_style.leading))
            continue
        bullet = label if beside and number == 0 else None
        out.append(Text(markup(line), value_style, bulletText=bullet))
    out.append(
        HRFlowable(
            width=PAGE_WIDTH - 2 * MARGIN, thickness=0.25, color=colors.lightgrey, spaceBefore=3
        )
    )
    return out


def _fits_beside(label: str, style: ParagraphStyle) -> bool:
    """A label drawn beside the first line must fit on one line and need no shaping."""
    width = stringWidth(label, style.fontName, style.fontSize)
    return width <= LABEL_WIDTH - 2 * CELL_PADDING and markup(label) == escape(label)


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

    room = PAGE_WIDTH - 2 * MARGIN - stringWidth(title, SANS, 8) - 6 * mm
    size, lines = header_lines(header_left, room)

    def header(canvas: Canvas, _doc: BaseDocTemplate) -> None:
        canvas.saveState()
        canvas.setFont(SANS, 8)
        canvas.setFillColor(GREY)
        canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 12 * mm, title)
        canvas.setFont(SANS, size)
        for number, line in enumerate(reversed(lines)):
            canvas.drawString(MARGIN, PAGE_HEIGHT - 12 * mm + number * size * 1.15, line)
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


def flowing_text(text: object, style: ParagraphStyle) -> list[Flowable]:
    """A text that may be longer than a page, under a heading.

    A heading is kept with what follows; kept with a text longer than the rest of the page,
    ReportLab moves both to the next page. Kept with an empty spacer, the text flows on.
    """
    return [Spacer(1, 0), para(text, style)]


def gap(height_mm: float = 4) -> Spacer:
    return Spacer(1, height_mm * mm)
