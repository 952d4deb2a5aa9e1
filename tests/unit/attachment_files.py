"""Files to attach in tests: real PDFs and pictures, with marker strings in their bytes."""

from __future__ import annotations

import io

from PIL import Image
from reportlab.pdfgen import canvas


def pdf_bytes(*lines: str, pages: int = 1) -> bytes:
    """A real PDF whose pages show ``lines`` (uncompressed, so the text is in the bytes)."""
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pageCompression=0)
    for page in range(pages):
        for row, line in enumerate(lines):
            c.drawString(72, 750 - 20 * row, f"{line} {page + 1}" if pages > 1 else line)
        c.showPage()
    c.setTitle(lines[0] if lines else "")
    c.save()
    return buf.getvalue()


def jpeg_bytes(marker: str = "", size: tuple[int, int] = (320, 200), color: str = "teal") -> bytes:
    """A real JPEG; ``marker`` goes into a comment, so it is in the file's bytes."""
    buf = io.BytesIO()
    image = Image.new("RGB", size, color)
    image.save(buf, "JPEG", quality=80, comment=marker.encode() if marker else b"")
    return buf.getvalue()


def png_bytes(size: tuple[int, int] = (64, 64), color: str = "orange") -> bytes:
    buf = io.BytesIO()
    Image.new("RGB", size, color).save(buf, "PNG")
    return buf.getvalue()


def tiff_bytes(pages: int = 2) -> bytes:
    buf = io.BytesIO()
    frames = [Image.new("L", (200, 280), 40 * i) for i in range(pages)]
    frames[0].save(buf, "TIFF", save_all=True, append_images=frames[1:])
    return buf.getvalue()
