"""Helpers for the acknowledgement tests: a drawn signature, and its ink found in a PDF page."""

from __future__ import annotations

import math
import subprocess
from pathlib import Path

from coachdesk.documents.drawn_signature import DrawnSignature, drawn

PAD = (480, 160)


def wave_signature() -> DrawnSignature:
    """A wavy line across the pad and a dot, as a quick hand would sign."""
    line = [(float(x), 80 + 40 * math.sin(x / 25)) for x in range(20, 461, 4)]
    return drawn(*PAD, [line, [(470.0, 120.0)]])


def ink_pixels(pdf: Path, folder: Path) -> int:
    """How many pixels of the pages, rendered at 70 dpi, have the signature's blue ink.

    Nothing else a document prints is blue: black text, grey rules and the grey stamp.
    """
    prefix = folder / "page"
    subprocess.run(["pdftoppm", "-r", "70", str(pdf), str(prefix)], check=True)
    count = 0
    for page in sorted(folder.glob("page*.ppm")):
        width, height, pixels = read_ppm(page.read_bytes())
        for i in range(0, width * height * 3, 3):
            r, g, b = pixels[i], pixels[i + 1], pixels[i + 2]
            if b > 90 and b - r > 50 and b - g > 30:
                count += 1
    return count


def read_ppm(data: bytes) -> tuple[int, int, bytes]:
    """Width, height and RGB bytes of a binary PPM (P6), as pdftoppm writes it."""
    fields: list[bytes] = []
    pos = 0
    while len(fields) < 4:
        while data[pos : pos + 1].isspace():
            pos += 1
        end = pos
        while not data[end : end + 1].isspace():
            end += 1
        fields.append(data[pos:end])
        pos = end
    assert fields[0] == b"P6" and fields[3] == b"255"
    width, height = int(fields[1]), int(fields[2])
    return width, height, data[pos + 1 : pos + 1 + width * height * 3]
