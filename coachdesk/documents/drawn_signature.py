"""A signature drawn by hand on a screen: its strokes, their stored form, and their drawing.

Kept as vector strokes, not a picture: a few kilobytes, sharp at any size, and drawn into
the PDF as path objects by ReportLab before the coach's digital signature covers the page.
The strokes are in the pixels of the pad she signed on (origin top left, y downwards), with
the pad's size, so the drawing keeps her proportions and her place on the line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable

from coachdesk.i18n import N_
from coachdesk.services.errors import ValidationError

FORMAT = 1
MAX_STROKES = 400
MAX_POINTS = 20_000
"""Far above a signature (a few hundred points): a bound on what the vault is asked to keep."""
MAX_SIDE = 10_000
DRAWING_WIDTH = 80 * mm
DRAWING_HEIGHT = 24 * mm
INK = colors.HexColor("#1B3A8C")
"""A ballpoint's blue: the drawn signature reads as hers, apart from the printed text."""

Point = tuple[int, int]


@dataclass(frozen=True)
class DrawnSignature:
    """Strokes drawn on a pad of ``width`` x ``height`` pixels."""

    width: int
    height: int
    strokes: tuple[tuple[Point, ...], ...]
    """Each stroke the points of one touch of the pen, in pad pixels, top left origin."""

    def __post_init__(self) -> None:
        points = sum(len(s) for s in self.strokes)
        sides_ok = 0 < self.width <= MAX_SIDE and 0 < self.height <= MAX_SIDE
        if not sides_ok or not points or points > MAX_POINTS or len(self.strokes) > MAX_STROKES:
            raise ValidationError.single(
                "signature", N_("The drawn signature is empty or too large: draw it again.")
            )

    def to_bytes(self) -> bytes:
        """The stored form: compact JSON, each stroke a flat list x0, y0, x1, y1, ..."""
        flat = [[c for point in stroke for c in point] for stroke in self.strokes]
        body = {"format": FORMAT, "width": self.width, "height": self.height, "strokes": flat}
        return json.dumps(body, separators=(",", ":")).encode()

    @classmethod
    def from_bytes(cls, data: bytes) -> DrawnSignature:
        body = json.loads(data)
        strokes = tuple(
            tuple((int(s[i]), int(s[i + 1])) for i in range(0, len(s) - 1, 2))
            for s in body["strokes"]
        )
        return cls(int(body["width"]), int(body["height"]), strokes)


def drawn(width: float, height: float, strokes: list[list[tuple[float, float]]]) -> DrawnSignature:
    """Strokes as a pad records them (floats, maybe outside the pad), kept inside the pad."""
    w, h = (min(max(1, round(side)), MAX_SIDE) for side in (width, height))

    def inside(x: float, y: float) -> Point:
        return min(max(round(x), 0), w), min(max(round(y), 0), h)

    return DrawnSignature(w, h, tuple(tuple(inside(x, y) for x, y in s) for s in strokes if s))


class SignatureDrawing(Flowable):  # type: ignore[misc]
    """The strokes drawn as pen lines on a line, scaled to the box with her proportions."""

    def __init__(self, signature: DrawnSignature) -> None:
        super().__init__()
        self.signature = signature

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width = min(avail_width, DRAWING_WIDTH)
        self.height = DRAWING_HEIGHT
        return self.width, self.height

    def draw(self) -> None:
        sig, canvas = self.signature, self.canv
        scale = min(self.width / sig.width, self.height / sig.height)
        canvas.saveState()
        canvas.setStrokeColor(colors.lightgrey)
        canvas.setLineWidth(0.5)
        canvas.line(0, 0, self.width, 0)
        canvas.setStrokeColor(INK)
        canvas.setFillColor(INK)
        canvas.setLineWidth(1.1)
        canvas.setLineCap(1)
        canvas.setLineJoin(1)
        for stroke in sig.strokes:
            points = [(x * scale, self.height - y * scale) for x, y in stroke]
            if len(points) == 1:  # a dot (the i's, a full stop)
                canvas.circle(points[0][0], points[0][1], 0.7, stroke=0, fill=1)
                continue
            path = canvas.beginPath()
            path.moveTo(*points[0])
            for point in points[1:]:
                path.lineTo(*point)
            canvas.drawPath(path, stroke=1, fill=0)
        canvas.restoreState()
