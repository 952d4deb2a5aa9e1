"""Enclosed papers appended to a document as pages, before it is signed.

Why pages and not embedded files: integration officers open the documents in browsers
and simple PDF viewers, many of which show no panel for files embedded in a PDF (and
printing never prints them). Appended pages are what every reader shows and prints; the
signature over the whole file covers them like the document's own pages.

A PDF paper's pages are imported with PDFium (only the pages: the paper's metadata,
outline, scripts and embedded files stay behind); its form fields and annotations are
first flattened into the page, so filled-in values and stamps are seen by every reader
and no second signature field comes along. A picture becomes one page per frame (a TIFF
of several pages, several pages), fitted to A4 with margins and decoded to pixels first,
so a phone photo's EXIF data (where and when it was taken) does not travel with it.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

from reportlab.lib.pagesizes import A4

from coachdesk.documents.layout import MARGIN
from coachdesk.export.enclosures import FIELD, Paper
from coachdesk.i18n import N_
from coachdesk.services.errors import ValidationError
from coachdesk.services.pdfium_lock import PDFIUM

if TYPE_CHECKING:
    import pypdfium2
    from PIL.Image import Image

PDF = "application/pdf"
PHOTO_FORMATS = ("JPEG", "WEBP")
"""Photographs: stored as JPEG again. Scans in PNG or TIFF stay lossless."""
MAX_DPI = 300
"""Pictures are drawn with at most this resolution on paper: enough to read and print."""
MIN_DPI = 50
"""A picture claiming a lower resolution has none worth believing (scanner defaults)."""
JPEG_QUALITY = 90


def page_count(pdf: bytes) -> int:
    import pypdfium2

    with PDFIUM:
        document = pypdfium2.PdfDocument(pdf)
        try:
            return len(document)
        finally:
            document.close()


def with_papers(pdf: bytes, papers: Sequence[Paper]) -> bytes:
    """``pdf`` (the rendered document) with each paper's pages appended, in order."""

    if not papers:
        return pdf
    with PDFIUM:
        return _combined(pdf, papers)


def _combined(pdf: bytes, papers: Sequence[Paper]) -> bytes:
    import pypdfium2

    combined = pypdfium2.PdfDocument(pdf)
    try:
        for paper in papers:
            facts = paper.facts
            before = len(combined)
            try:
                if facts.media_type == PDF:
                    _append_pdf(combined, paper.data)
                else:
                    _append_pictures(combined, paper.data)
            except (pypdfium2.PdfiumError, OSError, ValueError):
                raise _unreadable(facts.title) from None
            if len(combined) - before != facts.page_count:
                raise _unreadable(facts.title)
        out = io.BytesIO()
        combined.save(out)  # a complete new file (not an update of the rendered one)
    finally:
        combined.close()
    return out.getvalue()


def _append_pdf(combined: pypdfium2.PdfDocument, data: bytes) -> None:
    """The paper's pages, their form fields and annotations flattened into them."""
    import pypdfium2
    import pypdfium2.raw as pdfium_c

    source = pypdfium2.PdfDocument(data)
    try:
        for index in range(len(source)):
            page = source[index]
            try:
                if (
                    pdfium_c.FPDFPage_Flatten(page.raw, pdfium_c.FLAT_PRINT)
                    == pdfium_c.FLATTEN_FAIL
                ):
                    raise pypdfium2.PdfiumError("flattening failed")
            finally:
                page.close()
        combined.import_pages(source)
    finally:
        source.close()


def _unreadable(title: str) -> ValidationError:
    return ValidationError.single(
        FIELD,
        N_(
            "The pages of “{title}” cannot be read, so it cannot be enclosed. Please open it "
            "in her file to check it, or attach a new scan."
        ),
        {"title": title},
    )


def _append_pictures(combined: pypdfium2.PdfDocument, data: bytes) -> None:
    """One A4 page per frame of the picture, the picture fitted inside the margins.

    The page is upright or landscape as the picture is. A picture that says how large it
    is on paper (a scan's resolution) is drawn no larger than that, so a scanned A5 slip
    stays A5; a picture is never stored with more than ``MAX_DPI`` for its size on the page.
    """
    import pypdfium2

    for picture, dpi, photo in _frames(data):
        width, height = picture.size
        page_w, page_h = (A4[1], A4[0]) if width > height else A4
        scale = min((page_w - 2 * MARGIN) / width, (page_h - 2 * MARGIN) / height)
        if dpi is not None:
            scale = min(scale, 72 / dpi)
        draw_w, draw_h = width * scale, height * scale
        pixels = _at_most(picture, draw_w, draw_h)
        image = pypdfium2.PdfImage.new(combined)
        if photo:  # the JPEG's bytes as they are: no second compression around them
            jpeg = io.BytesIO()
            pixels.save(jpeg, "JPEG", quality=JPEG_QUALITY)
            jpeg.seek(0)
            image.load_jpeg(jpeg, inline=True)
        else:  # lossless (PDFium compresses the pixels)
            image.set_bitmap(pypdfium2.PdfBitmap.from_pil(pixels))
        x, y = (page_w - draw_w) / 2, page_h - MARGIN - draw_h
        image.set_matrix(pypdfium2.PdfMatrix().scale(draw_w, draw_h).translate(x, y))
        page = combined.new_page(page_w, page_h)
        try:
            page.insert_obj(image)
            page.gen_content()
        finally:
            page.close()


def _frames(data: bytes) -> Iterator[tuple[Image, float | None, bool]]:
    """Each frame upright (as the camera's orientation tag says), without metadata."""
    from PIL import Image as PILImage
    from PIL import ImageOps

    with PILImage.open(io.BytesIO(data)) as image:
        photo = image.format in PHOTO_FORMATS
        dpi = _dpi(image.info.get("dpi"))
        for frame in range(getattr(image, "n_frames", 1)):
            image.seek(frame)
            upright = ImageOps.exif_transpose(image) or image
            pixels = _plain(upright)
            pixels.info = {}  # Pillow writes a JPEG comment it finds in ``info`` back out
            yield pixels, dpi, photo


def _dpi(value: object) -> float | None:
    if isinstance(value, tuple) and value and isinstance(value[0], int | float):
        dpi = float(value[0])
        return dpi if dpi >= MIN_DPI else None
    return None


def _plain(image: Image) -> Image:
    """Grey or RGB pixels on white (transparency flattened, palettes resolved)."""
    from PIL import Image as PILImage

    if image.mode in ("L", "RGB"):
        return image.copy()
    if image.mode == "1":
        return image.convert("L")
    if "A" in image.mode or "transparency" in image.info:
        rgba = image.convert("RGBA")
        white = PILImage.new("RGB", rgba.size, "white")
        white.paste(rgba, mask=rgba.getchannel("A"))
        return white
    return image.convert("L" if image.mode.startswith(("I", "F")) else "RGB")


def _at_most(picture: Image, draw_w: float, draw_h: float) -> Image:
    """The picture with no more than ``MAX_DPI`` for its size on the page (in points)."""
    from PIL import Image as PILImage

    most = (max(1, round(draw_w / 72 * MAX_DPI)), max(1, round(draw_h / 72 * MAX_DPI)))
    if picture.width > most[0] or picture.height > most[1]:
        picture.thumbnail(most, PILImage.Resampling.LANCZOS)
    return picture
