"""The document viewer as a coach uses it: keys and buttons on real widgets, offscreen.

What she sees is checked against what a PDF reader draws (pdftoppm); what she prints is
read back from the paper (a PDF printer, then tesseract); and nothing of the document
reaches the temp folder while she looks at it or prints it.
"""

from __future__ import annotations

import io
import struct
import subprocess
import zlib
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageStat
from PySide6.QtCore import QBuffer, QIODevice, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfgen.canvas import Canvas
from shiboken6 import isValid as shiboken_is_valid

from coachdesk import i18n
from coachdesk.documents.fonts import SANS, register_fonts
from coachdesk.ui.viewer.pages import DocumentPages, UnreadableDocumentError, thumbnail
from coachdesk.ui.viewer.source import DAMAGED, NOT_AN_IMAGE
from coachdesk.ui.viewer.viewer import DocumentViewer

WORDS = ("Realschulabschluss", "Kinderbetreuung", "Bewerbungstraining", "Anerkennung", "Sprachkurs")
"""One distinctive word per page of the test document, printed large enough to be read back."""
MARKERS = ("Vwmkzeugnis", "Vwmkaufenthalt")
"""Strings that may exist only inside the document's own bytes."""
CTRL = Qt.KeyboardModifier.ControlModifier


def make_pdf(words: tuple[str, ...] = WORDS, *, landscape_last: bool = False) -> bytes:
    """A page per word, in the embedded font of CoachDesk's documents (as any reader draws
    it alike); the markers are in the document's information, uncompressed in the bytes."""
    register_fonts()
    out = io.BytesIO()
    pdf = Canvas(out, pagesize=A4, pageCompression=0)
    pdf.setTitle(MARKERS[0])
    pdf.setSubject(MARKERS[1])
    for number, word in enumerate(words, start=1):
        y = 700
        if landscape_last and number == len(words):
            width, height = landscape(A4)
            pdf.setPageSize((width, height))
            pdf.rect(0, height - 60, width, 60, fill=1)  # a black bar along the top
            y = 300
        pdf.setFont(SANS, 28)
        pdf.drawString(72, y, word)
        pdf.setFont(SANS, 12)
        pdf.drawString(72, y - 40, f"{MARKERS[0]} {MARKERS[1]}")
        pdf.showPage()
    pdf.save()
    return out.getvalue()


def open_viewer(
    qtbot: QtBot, data: bytes, kind: str = "pdf", title: str = "Zeugnis"
) -> DocumentViewer:
    viewer = DocumentViewer(data, kind, title)  # type: ignore[arg-type]
    qtbot.addWidget(viewer)
    viewer.resize(1000, 760)
    viewer.show()
    viewer.activateWindow()
    qtbot.waitUntil(viewer.isActiveWindow)
    return viewer


def key(qtbot: QtBot, viewer: DocumentViewer, k: Qt.Key, mods: object = None) -> None:
    target = QApplication.focusWidget() or viewer
    qtbot.keyClick(target, k, mods or Qt.KeyboardModifier.NoModifier)  # type: ignore[arg-type]


def to_pil(image: QImage) -> Image.Image:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return Image.open(io.BytesIO(bytes(buffer.data()))).convert("RGB")


def pdftoppm(pdf: Path, dpi: int, page: int = 1) -> Image.Image:
    png = subprocess.run(
        ["pdftoppm", "-r", str(dpi), "-f", str(page), "-l", str(page), "-png", str(pdf)],
        check=True,
        capture_output=True,
    ).stdout
    return Image.open(io.BytesIO(png)).convert("RGB")


def shown_page(viewer: DocumentViewer, index: int) -> Image.Image:
    """Page ``index`` as the canvas paints it on the screen."""
    assert viewer.canvas is not None
    return to_pil(viewer.canvas.grab(viewer.canvas.page_rect(index)).toImage())


def zoom_to_100(qtbot: QtBot, viewer: DocumentViewer) -> None:
    for _ in range(12):
        if viewer.bar.zoom_label.text() == "100%":
            return
        smaller = viewer.canvas is not None and viewer.canvas.zoom > 1
        key(qtbot, viewer, Qt.Key.Key_Minus if smaller else Qt.Key.Key_Plus, CTRL)
    raise AssertionError(viewer.bar.zoom_label.text())


def assert_looks_like_pdftoppm(viewer: DocumentViewer, pdf: Path, index: int) -> None:
    """At 100 % the screen has 96 dots per inch: the page is pdftoppm's at -r 96.

    PDFium and Poppler smooth the edges of letters differently, so both are softened a
    little before they are compared; a blank page or one shifted by 3 pixels is far off.
    """
    shown, reference = shown_page(viewer, index), pdftoppm(pdf, 96, index + 1)
    assert shown.size == reference.size

    def difference(a: Image.Image, b: Image.Image) -> float:
        soft = ImageFilter.GaussianBlur(1.5)
        return ImageStat.Stat(ImageChops.difference(a.filter(soft), b.filter(soft))).mean[0]

    blank = difference(Image.new("RGB", reference.size, "white"), reference)
    assert blank > 0.2  # the page holds something to compare
    seen = difference(shown.convert("L"), reference.convert("L"))
    assert seen < 3 and seen < blank / 3, (seen, blank)


def test_paging_with_keys_and_buttons_moves_the_indicator(qtbot: QtBot) -> None:
    viewer = open_viewer(qtbot, make_pdf())
    assert QApplication.focusWidget() is viewer.page_area  # she can page at once
    assert viewer.bar.page_label.text() == "Page 1 of 5"
    assert not viewer.bar.previous_button.isEnabled()
    key(qtbot, viewer, Qt.Key.Key_PageDown)
    key(qtbot, viewer, Qt.Key.Key_PageDown)
    assert viewer.bar.page_label.text() == "Page 3 of 5"
    assert viewer.canvas is not None
    top = viewer.page_area.verticalScrollBar().value()
    assert viewer.canvas.page_at(top + 20) == 2  # the view moved there, not just the label
    qtbot.mouseClick(viewer.bar.next_button, Qt.MouseButton.LeftButton)
    assert viewer.bar.page_label.text() == "Page 4 of 5"
    key(qtbot, viewer, Qt.Key.Key_End)
    assert viewer.bar.page_label.text() == "Page 5 of 5"
    assert not viewer.bar.next_button.isEnabled()
    qtbot.mouseClick(viewer.bar.previous_button, Qt.MouseButton.LeftButton)
    key(qtbot, viewer, Qt.Key.Key_PageUp)
    assert viewer.bar.page_label.text() == "Page 3 of 5"
    key(qtbot, viewer, Qt.Key.Key_Home)
    assert viewer.bar.page_label.text() == "Page 1 of 5"
    # Scrolling down by hand: the indicator follows the page that fills the view.
    bar = viewer.page_area.verticalScrollBar()
    bar.setValue(viewer.canvas.page_rect(1).top() + 10)
    assert viewer.bar.page_label.text() == "Page 2 of 5"
    assert not viewer.bar.save_copy_button.isVisible()  # no owner offered a copy
    key(qtbot, viewer, Qt.Key.Key_Escape)
    assert not viewer.isVisible()


def test_save_a_copy_is_offered_only_by_an_owner_that_asks(qtbot: QtBot) -> None:
    asked: list[str] = []
    viewer = DocumentViewer(make_pdf(), "pdf", "Zeugnis", on_save_copy=lambda: asked.append("copy"))
    qtbot.addWidget(viewer)
    viewer.show()
    qtbot.waitUntil(viewer.isVisible)
    assert viewer.bar.save_copy_button.isVisible()
    assert viewer.bar.save_copy_button.text() == "Save a copy as…"
    qtbot.mouseClick(viewer.bar.save_copy_button, Qt.MouseButton.LeftButton)
    assert asked == ["copy"]
    # Even bytes this viewer cannot draw can be saved: another program may read them.
    broken = DocumentViewer(b"%PDF", "pdf", "x", on_save_copy=lambda: asked.append("broken"))
    qtbot.addWidget(broken)
    broken.show()
    qtbot.mouseClick(broken.bar.save_copy_button, Qt.MouseButton.LeftButton)
    assert asked == ["copy", "broken"]


def test_the_viewer_follows_a_language_change_and_forgets_it_when_gone(qtbot: QtBot) -> None:
    viewer = open_viewer(qtbot, make_pdf())
    i18n.set_language("de")
    assert viewer.bar.page_label.text() == "Seite 1 von 5"
    assert viewer.bar.print_button.text() == "Drucken…"
    owner = QWidget()
    child = DocumentViewer(make_pdf(), "pdf", "Zeugnis", owner)
    child.show()
    owner.deleteLater()  # the window below goes, and the viewer with it, never closed
    qtbot.waitUntil(lambda: not shiboken_is_valid(child))
    i18n.set_language("en")  # tells no viewer that is gone
    assert viewer.bar.page_label.text() == "Page 1 of 5"


def test_zoom_keys_draw_the_page_again_at_the_new_size(qtbot: QtBot, tmp_path: Path) -> None:
    pdf = tmp_path / "doc.pdf"
    pdf.write_bytes(make_pdf())
    viewer = open_viewer(qtbot, pdf.read_bytes())
    canvas = viewer.canvas
    assert canvas is not None
    viewport = viewer.page_area.viewport()
    # It opens with the page as wide as the window.
    assert abs(canvas.page_rect(0).width() - (viewport.width() - 32)) <= 2
    qtbot.waitUntil(lambda: canvas.rendered(0) is not None)
    before = canvas.rendered(0).width()  # type: ignore[union-attr]
    shown_before = viewer.bar.zoom_label.text()
    key(qtbot, viewer, Qt.Key.Key_Plus, CTRL)
    assert viewer.bar.zoom_label.text() != shown_before
    assert not viewer.bar.fit_width_button.isChecked()
    qtbot.waitUntil(lambda: canvas.rendered(0) is not None)
    assert canvas.rendered(0).width() > before  # type: ignore[union-attr]  # drawn anew
    key(qtbot, viewer, Qt.Key.Key_Minus, CTRL)
    key(qtbot, viewer, Qt.Key.Key_Minus, CTRL)
    qtbot.waitUntil(lambda: canvas.rendered(0) is not None)
    assert canvas.rendered(0).width() < before  # type: ignore[union-attr]
    key(qtbot, viewer, Qt.Key.Key_0, CTRL)  # the whole page
    assert viewer.bar.fit_page_button.isChecked()
    assert canvas.page_rect(0).height() <= viewport.height() - 32
    qtbot.mouseClick(viewer.bar.fit_width_button, Qt.MouseButton.LeftButton)
    assert abs(canvas.page_rect(0).width() - (viewport.width() - 32)) <= 2
    zoom_to_100(qtbot, viewer)
    key(qtbot, viewer, Qt.Key.Key_PageDown)
    assert_looks_like_pdftoppm(viewer, pdf, 0)
    assert_looks_like_pdftoppm(viewer, pdf, 1)


def test_a_long_document_renders_only_what_is_seen(qtbot: QtBot) -> None:
    viewer = open_viewer(qtbot, make_pdf(tuple(f"Seite{n}" for n in range(140))))
    canvas = viewer.canvas
    assert canvas is not None and viewer.bar.page_label.text() == "Page 1 of 140"
    qtbot.waitUntil(lambda: canvas.rendered(0) is not None)
    drawn = [i for i in range(140) if canvas.rendered(i) is not None]
    assert len(drawn) <= 3, drawn
    key(qtbot, viewer, Qt.Key.Key_End)
    qtbot.waitUntil(lambda: canvas.rendered(139) is not None)
    assert viewer.bar.page_label.text() == "Page 140 of 140"


@pytest.mark.parametrize("lang", ["en", "de"])
def test_damaged_bytes_show_a_message_not_a_traceback(qtbot: QtBot, lang: str) -> None:
    i18n.set_language(lang)
    whole = make_pdf()
    for data, kind, msgid in (
        (whole[: len(whole) // 2], "pdf", DAMAGED),
        (b"", "pdf", DAMAGED),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "image", NOT_AN_IMAGE),
    ):
        viewer = open_viewer(qtbot, data, kind)
        assert viewer.problem_label.isVisible()
        assert viewer.problem_label.text() == i18n._(msgid)
        if lang == "de":
            assert viewer.problem_label.text() != msgid  # said in German
        assert not viewer.page_area.isVisible() and not viewer.bar.print_button.isVisible()
        assert QApplication.focusWidget() is viewer.bar.close_button
        key(qtbot, viewer, Qt.Key.Key_P, CTRL)  # nothing to print: nothing happens
        key(qtbot, viewer, Qt.Key.Key_Escape)
        assert not viewer.isVisible()


def _picture(colour: str, size: tuple[int, int], fmt: str, **save: object) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, format=fmt, **save)
    return out.getvalue()


def test_pictures_and_a_two_page_tiff(qtbot: QtBot) -> None:
    first, second = Image.new("RGB", (600, 800), "red"), Image.new("RGB", (800, 600), "blue")
    ImageDraw.Draw(first).rectangle((0, 0, 599, 40), fill="black")
    out = io.BytesIO()
    first.save(out, format="TIFF", save_all=True, append_images=[second], dpi=(150, 150))
    viewer = open_viewer(qtbot, out.getvalue(), "image")
    assert viewer.bar.page_label.text() == "Page 1 of 2"
    key(qtbot, viewer, Qt.Key.Key_PageDown)
    assert viewer.bar.page_label.text() == "Page 2 of 2"
    canvas = viewer.canvas
    assert canvas is not None
    assert canvas.page_rect(1).width() > canvas.page_rect(1).height()  # the landscape frame
    page_two = shown_page(viewer, 1)
    assert page_two.getpixel((page_two.width // 2, page_two.height // 2)) == (0, 0, 255)
    page_one = shown_page(viewer, 0)
    assert page_one.getpixel((page_one.width // 2, page_one.height // 2)) == (255, 0, 0)
    assert page_one.getpixel((page_one.width // 2, 2)) == (0, 0, 0)  # upright, bar on top
    # The scan's 150 dpi is its printed size: 600 pixels are four inches (288 points).
    pages = DocumentPages(out.getvalue(), "image")
    assert round(pages.page_size_pt(0).width()) == 288

    for fmt, save in (("JPEG", {}), ("PNG", {}), ("WEBP", {"lossless": True})):
        viewer = open_viewer(qtbot, _picture("green", (320, 240), fmt, **save), "image")
        assert viewer.bar.page_label.text() == "Page 1 of 1", fmt
        shown = shown_page(viewer, 0)
        red, green, blue = shown.getpixel((shown.width // 2, shown.height // 2))
        assert green > 100 and red < 30 and blue < 30, fmt


def _png_claiming(width: int, height: int) -> bytes:
    """A small PNG whose header claims another size (what Qt reads before decoding)."""
    data = bytearray(_picture("white", (8, 8), "PNG"))
    header = data.index(b"IHDR")
    data[header + 4 : header + 12] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[header : header + 17]))
    data[header + 17 : header + 21] = struct.pack(">I", crc)
    return bytes(data)


def test_a_large_scan_opens_and_a_giant_picture_is_called_too_large(qtbot: QtBot) -> None:
    # An A3 page scanned at 600 dpi (70 million pixels: the vault accepts up to 200 million)
    # is more than Qt decodes by default; it opens, at its printed size.
    scan = Image.new("RGB", (7016, 9921), "white")
    scan.paste((200, 0, 0), (0, 0, 7016, 600))
    out = io.BytesIO()
    scan.save(out, format="TIFF", compression="packbits", dpi=(600, 600))
    del scan
    viewer = open_viewer(qtbot, out.getvalue(), "image")
    assert viewer.problem is None and viewer.bar.page_label.text() == "Page 1 of 1"
    assert viewer.pages is not None
    size = viewer.pages.page_size_pt(0)
    assert (round(size.width()), round(size.height())) == (842, 1190)  # A3 in points
    top = shown_page(viewer, 0)
    assert top.getpixel((top.width // 2, 2)) == (200, 0, 0)
    viewer.close()
    giant = _png_claiming(30_000, 30_000)  # 900 million pixels: said so, not "damaged"
    assert open_viewer(qtbot, giant, "image").problem_label.text() == (
        "The picture is too large to be shown."
    )
    with pytest.raises(UnreadableDocumentError, match="too large"):
        thumbnail(giant, "image", 128)


def test_thumbnails_of_the_first_page(tmp_path: Path) -> None:
    out = io.BytesIO()
    Image.new("RGB", (3000, 1500), "blue").save(
        out, format="TIFF", save_all=True, append_images=[Image.new("RGB", (10, 10))]
    )
    small = thumbnail(out.getvalue(), "image", 128)
    assert (small.width(), small.height()) == (128, 64)
    assert small.pixelColor(64, 32).blue() == 255
    page = thumbnail(make_pdf(), "pdf", 128)
    assert page.height() == 128 and 88 <= page.width() <= 92  # A4 is 1 : 1.414
    with pytest.raises(UnreadableDocumentError, match="damaged"):
        thumbnail(b"%PDF-1.7\n", "pdf", 128)


def test_thumbnails_made_by_workers_while_the_viewer_draws(qtbot: QtBot) -> None:
    """PDFium is not thread-safe: a list making thumbnails in workers must not crash it.

    Without the lock in pdf_pages this fails or crashes in about every second run: a race,
    so a pass alone proves little; a failure here is never noise."""
    data = make_pdf(tuple(f"Seite{n}" for n in range(20)))
    viewer = open_viewer(qtbot, data)
    pages = DocumentPages(data, "pdf")
    with ThreadPoolExecutor(max_workers=8) as pool:
        made = [pool.submit(thumbnail, data, "pdf", 200) for _ in range(240)]
        for n in range(240):
            pages.render(n % 20, 72)
            if n % 20 == 0:
                key(qtbot, viewer, Qt.Key.Key_PageDown)
        assert {f.result().height() for f in made} == {200}
    pages.close()
