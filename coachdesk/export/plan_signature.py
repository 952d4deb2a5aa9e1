"""The plan's signature: who signed on the left, the box for the signature on the right.

Side by side, so that her plan keeps to one page where the job centre's documents put the
box beneath. Drawn straight into the frame (not in a table cell), so the box it reports is
where it is on the page, as ``SignaturePlaceholder`` reports it.
"""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from coachdesk.documents.fonts import SANS
from coachdesk.documents.layout import (
    GREY,
    SignatureBox,
    SignaturePlaceholder,
    Styles,
)

BOX_WIDTH = 80 * mm
BOX_HEIGHT = 18 * mm
"""Lower than the documents' box (the stamp is scaled into it): a plan keeps to one page."""
LABEL_ROOM = 10
"""Points above the box for its label."""


class SignatureBeside(SignaturePlaceholder):
    def __init__(self, label: str, st: Styles, beside: list[Flowable]) -> None:
        super().__init__(label, st)
        self.beside = beside
        self.left_width = 0.0

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = avail_width
        self.left_width = avail_width - BOX_WIDTH - 6 * mm
        left = sum(f.wrap(self.left_width, avail_height)[1] for f in self.beside)
        self.height = max(BOX_HEIGHT + LABEL_ROOM, left)
        return self.width, self.height

    def drawOn(self, canvas: Canvas, x: float, y: float, _sW: float = 0) -> None:
        right = x + self.width - BOX_WIDTH
        self.drawn = SignatureBox(
            canvas.getPageNumber() - 1,
            (int(right), int(y), int(right + BOX_WIDTH), int(y + BOX_HEIGHT)),
        )
        Flowable.drawOn(self, canvas, x, y, _sW)

    def draw(self) -> None:
        top = self.height
        for f in self.beside:
            _w, h = f.wrap(self.left_width, top)
            f.drawOn(self.canv, 0, top - h)
            top -= h
        left = self.width - BOX_WIDTH
        self.canv.setStrokeColor(colors.lightgrey)
        self.canv.rect(left, 0, BOX_WIDTH, BOX_HEIGHT)
        self.canv.setFont(SANS, 7)
        self.canv.setFillColor(GREY)
        self.canv.drawString(left + 2, BOX_HEIGHT + 2, self.label)
