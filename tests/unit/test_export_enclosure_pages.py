"""Pictures of every kind she can attach become pages of their own (PDFium), checked by qpdf."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest

from coachdesk.models.enums import DataCategory as C
from tests.unit.test_export_enclosures import embedded_pdf


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(args), capture_output=True, text=True, check=False)


def _picture(kind: str) -> bytes:
    from PIL import Image

    buf = io.BytesIO()
    if kind == "png_alpha":
        Image.new("RGBA", (300, 400), (200, 30, 30, 90)).save(buf, "PNG")
    elif kind == "png_palette":
        Image.new("RGB", (300, 200), "green").convert("P").save(buf, "PNG")
    elif kind == "webp":
        Image.new("RGB", (640, 480), "purple").save(buf, "WEBP")
    elif kind == "tiff_bilevel":
        Image.new("1", (1240, 1754), 1).save(buf, "TIFF", dpi=(150, 150), compression="group4")
    return buf.getvalue()


@pytest.mark.parametrize("kind", ["png_alpha", "png_palette", "webp", "tiff_bilevel"])
def test_every_kind_of_picture_becomes_a_page(kind: str, tmp_path: Path) -> None:
    from coachdesk.export.enclosure_pages import with_papers
    from coachdesk.export.enclosures import Paper
    from coachdesk.export.facts import EnclosureFacts
    from coachdesk.services.attachment_files import recognise

    data = _picture(kind)
    found = recognise(data)
    facts = EnclosureFacts(1, "Bild", C.IDENTITY_CONTACT, None, found.media_type, 1, "0" * 64)
    path = tmp_path / "with.pdf"
    path.write_bytes(with_papers(embedded_pdf("Dokument"), [Paper(facts, data)]))
    assert _run("qpdf", "--check", str(path)).returncode == 0
    assert re.search(r"^Pages:\s+2$", _run("pdfinfo", str(path)).stdout, re.M)
    images = _run("pdfimages", "-list", str(path)).stdout.splitlines()[2:]
    assert len(images) == 1 and images[0].split()[0] == "2"  # on the appended page
    assert "smask" not in images[0]  # transparency was flattened onto white


def test_a_filled_in_form_arrives_flattened(tmp_path: Path) -> None:
    """The value typed into a form field is on the page; the field and a web link are not."""
    from reportlab.lib.colors import black
    from reportlab.pdfgen import canvas

    from coachdesk.export.enclosure_pages import with_papers
    from coachdesk.export.enclosures import Paper
    from coachdesk.export.facts import EnclosureFacts

    buf = io.BytesIO()
    form = canvas.Canvas(buf)
    form.drawString(72, 750, "Kita-Bestätigung")
    form.acroForm.textfield(
        name="child", value="Formvaluemk", x=72, y=650, width=200, height=20, borderColor=black
    )
    form.linkURL("https://example.org/tracking", (72, 600, 200, 620))
    form.showPage()
    form.save()
    facts = EnclosureFacts(1, "Kita", C.FAMILY_CHILDCARE, None, "application/pdf", 1, "0" * 64)
    path = tmp_path / "with.pdf"
    path.write_bytes(with_papers(embedded_pdf("Dokument"), [Paper(facts, buf.getvalue())]))
    page = _run("pdftotext", "-f", "2", "-l", "2", str(path), "-").stdout
    assert "Formvaluemk" in page and "Kita-Bestätigung" in page
    expanded = tmp_path / "expanded.pdf"
    subprocess.run(
        ["qpdf", "--qdf", "--object-streams=disable", str(path), str(expanded)], check=True
    )
    raw = expanded.read_bytes()
    assert b"/AcroForm" not in raw and b"/Widget" not in raw and b"example.org" not in raw
