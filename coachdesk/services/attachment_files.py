"""What a file to attach really is: recognised from its bytes, never from its name.

A PDF is opened with PDFium and an image decoded with Pillow, completely, before anything
is stored: a file that is cut off, damaged, protected by a password or something else
under a familiar name is refused with a sentence that says what to do, and nothing of it
is kept.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass
from pathlib import PurePath

from coachdesk.i18n import N_, Message
from coachdesk.services.errors import ValidationError
from coachdesk.services.pdfium_lock import PDFIUM

PDF = "application/pdf"
MEDIA_TYPES = {
    "JPEG": "image/jpeg",
    "PNG": "image/png",
    "TIFF": "image/tiff",
    "WEBP": "image/webp",
}
"""The picture formats Pillow decodes that scanners and phones produce."""

KIND_NAMES = {
    PDF: N_("a PDF document"),
    "image/jpeg": N_("a JPEG picture"),
    "image/png": N_("a PNG picture"),
    "image/tiff": N_("a TIFF picture"),
    "image/webp": N_("a WebP picture"),
}

_EXTENSIONS = {
    ".pdf": PDF,
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".jpe": "image/jpeg",
    ".jfif": "image/jpeg",
    ".png": "image/png",
    ".tif": "image/tiff",
    ".tiff": "image/tiff",
    ".webp": "image/webp",
}

MAX_PIXELS = 200_000_000
"""Larger pictures are refused: a 600 dpi A3 scan has about 70 million pixels."""
MAX_PAGES = 2_000


@dataclass(frozen=True)
class Recognised:
    media_type: str
    page_count: int


def recognise(data: bytes, name: str = "") -> Recognised:
    """The file's type and page count, or a ValidationError saying why it cannot be kept.

    ``name`` (the file's name, if it has one) is only compared with what the bytes are: a
    ".pdf" that is a JPEG picture, or a ".jpg" that is no picture at all, is refused.
    """
    if not data:
        raise ValidationError.single("file", N_("The file is empty. Nothing was attached."))
    found = _recognise_pdf(data) if _looks_like_pdf(data) else _recognise_image(data)
    expected = _EXTENSIONS.get(PurePath(name).suffix.lower()) if name else None
    if expected is not None and expected != found.media_type:
        raise ValidationError.single(
            "file",
            N_(
                'The file is called "{name}" but it is {actual}, not {expected}. Please check '
                "that this is the paper you meant; nothing was attached."
            ),
            {
                "name": PurePath(name).name,
                "actual": Message(KIND_NAMES[found.media_type]),
                "expected": Message(KIND_NAMES[expected]),
            },
        )
    return found


def _looks_like_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:1024]


def _damaged() -> ValidationError:
    return ValidationError.single(
        "file",
        N_(
            "The file is damaged or incomplete and cannot be opened. Please scan or copy it "
            "again; nothing was attached."
        ),
    )


def _recognise_pdf(data: bytes) -> Recognised:
    with PDFIUM:
        return _recognise_pdf_locked(data)


def _recognise_pdf_locked(data: bytes) -> Recognised:
    import pypdfium2

    if b"%%EOF" not in data[-2048:]:
        raise _damaged()  # cut off: PDFium would repair it silently and show a partial paper
    try:
        pdf = pypdfium2.PdfDocument(data)
    except pypdfium2.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise ValidationError.single(
                "file",
                N_(
                    "The PDF is protected by a password. Please attach a copy without a "
                    "password; nothing was attached."
                ),
            ) from None
        raise _damaged() from None
    try:
        pages = len(pdf)
        if not 1 <= pages <= MAX_PAGES:
            raise _damaged()
        for index in range(pages):
            pdf[index].close()  # every page must load, not only the first
    except pypdfium2.PdfiumError:
        raise _damaged() from None
    finally:
        pdf.close()
    return Recognised(PDF, pages)


def _recognise_image(data: bytes) -> Recognised:
    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                kind = MEDIA_TYPES.get(image.format or "")
                if kind is None:
                    raise _not_a_paper()
                if image.width * image.height > MAX_PIXELS:
                    raise _too_many_pixels()
                frames = getattr(image, "n_frames", 1)
                for frame in range(frames):
                    image.seek(frame)
                    image.load()  # decodes every byte: a cut-off scan fails here
    except UnidentifiedImageError:
        raise _not_a_paper() from None
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise _too_many_pixels() from None
    except (OSError, SyntaxError, ValueError, EOFError):
        raise _damaged() from None
    return Recognised(kind, frames)


def _not_a_paper() -> ValidationError:
    return ValidationError.single(
        "file",
        N_(
            "This file is neither a PDF nor a picture (JPEG, PNG, TIFF or WebP), whatever its "
            "name says. Nothing was attached."
        ),
    )


def _too_many_pixels() -> ValidationError:
    return ValidationError.single(
        "file",
        N_(
            "The picture is too large to show (more than 200 million pixels). Please scan it "
            "with a lower resolution; nothing was attached."
        ),
    )
