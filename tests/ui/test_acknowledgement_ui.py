"""She has seen it, in the real export dialog: the coach records her acknowledgement by
keyboard, she signs with the mouse on the pad, and the signed PDF states it and shows her ink.

``COACHDESK_SCREENSHOTS=folder`` keeps the dialogs as pictures, in German and English, at
1280x720.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt, QTimer
from PySide6.QtGui import QDesktopServices, QInputDevice, QPointingDevice, QTabletEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialog, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from coachdesk import i18n
from coachdesk.export.preview import DocumentType
from coachdesk.facade import Services
from coachdesk.models.acknowledgement import HowNoted
from coachdesk.ui.export.ack_dialog import AcknowledgementDialog
from coachdesk.ui.export.dialog import ExportDialog
from coachdesk.ui.export.signature_pad import SignatureDialog, SignaturePad
from coachdesk.ui.shell.qt_translations import QtTranslations
from tests.ui.export_support import arabic_speaker
from tests.unit.ack_support import ink_pixels, wave_signature
from tests.unit.test_export_documents import pdftotext
from tests.unit.test_export_support import Seeded

SAVE_TIMEOUT_MS = 30_000
OBJECTION = "Den Termin am Montag habe ich abgesagt, nicht verpasst."


@pytest.fixture
def amal(services: Services) -> Seeded:
    return arabic_speaker(services)


def when_open(qtbot: QtBot, kind: type[QDialog], action: Callable[[QDialog], None]) -> QTimer:
    """Run ``action(dialog)`` once a modal dialog of ``kind`` is open (it blocks in its loop)."""
    timer = QTimer()
    timer.setInterval(20)

    def check() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, kind) and dialog.isVisible():
            timer.stop()
            dialog.activateWindow()
            try:
                qtbot.waitUntil(dialog.isActiveWindow)  # keys go to the window she sees
                action(dialog)
            except BaseException:
                dialog.reject()  # a failed step fails the test instead of leaving it waiting
                raise

    timer.timeout.connect(check)
    timer.start()
    return timer


def tab(qtbot: QtBot, times: int = 1) -> QWidget:
    for _ in range(times):
        focused = QApplication.focusWidget()
        assert focused is not None
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    focused = QApplication.focusWidget()
    assert focused is not None
    return focused


def draw_wave(qtbot: QtBot, pad: SignaturePad) -> None:
    """A stroke across the pad with the mouse, as she would sign."""
    y = pad.height() // 2
    qtbot.mousePress(pad, Qt.MouseButton.LeftButton, pos=QPoint(30, y))
    for step in range(1, 30):
        x = 30 + step * 12
        qtbot.mouseMove(pad, QPoint(x, y + (20 if step % 4 < 2 else -20)))
    qtbot.mouseRelease(pad, Qt.MouseButton.LeftButton, pos=QPoint(30 + 30 * 12, y))


def test_the_pad_records_a_mouse_stroke_and_clear_and_done_work_by_keyboard(
    qtbot: QtBot,
) -> None:
    dialog = SignatureDialog()
    qtbot.addWidget(dialog)
    dialog.resize(720, 360)
    dialog.show()
    qtbot.waitExposed(dialog)
    assert not dialog.done_button.isEnabled()  # nothing to keep yet
    draw_wave(qtbot, dialog.pad)
    drawn = dialog.signature()
    assert drawn is not None and len(drawn.strokes) == 1 and len(drawn.strokes[0]) >= 20
    assert dialog.done_button.isEnabled()
    dialog.clear_button.setFocus()
    qtbot.keyClick(dialog.clear_button, Qt.Key.Key_Space)
    assert dialog.signature() is None and not dialog.done_button.isEnabled()
    draw_wave(qtbot, dialog.pad)
    dialog.done_button.setFocus()
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.done_button, Qt.Key.Key_Return)


def test_she_may_decline_with_escape(qtbot: QtBot) -> None:
    dialog = SignatureDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert dialog.signature() is None


def test_coach_records_by_keyboard_she_signs_with_the_mouse_and_the_pdf_states_it(
    services: Services,
    amal: Seeded,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    i18n.set_language("de")
    dialog = ExportDialog(services, amal.participant_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    dialog.organisation.setCurrentIndex(dialog.organisation.findData(amal.job_centre_id))
    dialog.document.setCurrentIndex(dialog.document.findData(DocumentType.CONSENT_FORM))
    assert not dialog.acknowledged.isVisible()  # her own declaration takes none
    dialog.document.setCurrentIndex(dialog.document.findData(DocumentType.INTERIM_FEEDBACK))
    assert dialog.acknowledged.isVisible()
    assert dialog.pane.acknowledgement.text() == ""

    def sign(pad_dialog: QDialog) -> None:
        assert isinstance(pad_dialog, SignatureDialog)
        draw_wave(qtbot, pad_dialog.pad)
        assert tab(qtbot) in (pad_dialog.done_button, pad_dialog.clear_button)
        pad_dialog.done_button.setFocus()
        qtbot.keyClick(pad_dialog.done_button, Qt.Key.Key_Return)

    def fill(form: QDialog) -> None:
        assert isinstance(form, AcknowledgementDialog)
        assert form.language.currentData() == "ar"  # her file names Arabic
        form.how.setFocus()
        qtbot.keyClick(form.how, Qt.Key.Key_Down)
        qtbot.keyClick(form.how, Qt.Key.Key_Down)
        assert form.how.currentData() == HowNoted.INTERPRETED
        assert tab(qtbot) is form.by
        qtbot.keyClicks(form.by, "Leyla Demir")
        assert tab(qtbot) is form.language
        assert tab(qtbot) is form.agrees
        qtbot.keyClick(form.agrees, Qt.Key.Key_Down)
        assert tab(qtbot) is form.objection
        qtbot.keyClicks(form.objection, OBJECTION)
        assert tab(qtbot) is form.sign_button
        keep.append(when_open(qtbot, SignatureDialog, sign))
        qtbot.keyClick(form.sign_button, Qt.Key.Key_Space)  # blocks until she is done
        assert form.drawn.isVisible()
        ok = form.buttons.buttons()[0]
        ok.setFocus()
        qtbot.keyClick(ok, Qt.Key.Key_Return)

    keep = [when_open(qtbot, AcknowledgementDialog, fill)]
    dialog.acknowledged.record_button.setFocus()
    qtbot.keyClick(dialog.acknowledged.record_button, Qt.Key.Key_Space)
    ack = dialog.acknowledged.value
    assert ack is not None and ack.signature is not None and ack.objection == OBJECTION
    shown = dialog.pane.acknowledgement.text()
    assert "von Leyla Demir auf Arabisch gedolmetscht" in shown and OBJECTION in shown
    assert dialog.is_changed()

    if os.environ.get("COACHDESK_SCREENSHOTS"):
        pictures(qtbot, dialog, Path(os.environ["COACHDESK_SCREENSHOTS"]))

    out = tmp_path / "zwischenbericht.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    dialog.open_after.setChecked(False)
    with qtbot.waitSignal(dialog.document_saved, timeout=SAVE_TIMEOUT_MS):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    text = " ".join(pdftotext(out).split())
    assert "Kenntnisnahme durch die Teilnehmerin" in text and OBJECTION in text
    assert "Ihre Unterschrift, von Hand auf dem Bildschirm gezeichnet" in text
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig
    pages = tmp_path / "pages"
    pages.mkdir()
    assert ink_pixels(out, pages) > 50


def pictures(qtbot: QtBot, dialog: ExportDialog, folder: Path) -> None:
    """The export dialog, the form and the pad at 1280x720, in German and English."""
    form = AcknowledgementDialog(dialog.acknowledged.value, "ar")
    pad = SignatureDialog()
    for widget in (form, pad):
        qtbot.addWidget(widget)
        widget.show()
    pad.pad.set_signature(wave_signature())
    app = QApplication.instance()
    assert app is not None
    qt_texts = QtTranslations(app)  # Qt's own buttons, translated as in the app
    for lang in ("de", "en"):
        i18n.set_language(lang)
        for name, widget in (("export", dialog), ("form", form), ("pad", pad)):
            widget.resize(1280, 720)
            widget.retranslate()  # type: ignore[attr-defined]
            dialog.update_preview()
            qtbot.wait(50)
            widget.grab().save(str(folder / f"acknowledgement-{name}-{lang}.png"))
    i18n.off_language_changed(qt_texts.apply)
    qt_texts.apply("en")
    i18n.set_language("de")


def test_the_pad_takes_a_finger_on_a_touch_screen_and_a_tablet_pen(qtbot: QtBot) -> None:
    pad = SignaturePad()
    qtbot.addWidget(pad)
    pad.resize(600, 200)
    pad.show()
    qtbot.waitExposed(pad)
    screen = QTest.createTouchDevice()
    QTest.touchEvent(pad, screen).press(0, QPoint(40, 100))
    for x in range(60, 300, 20):
        QTest.touchEvent(pad, screen).move(0, QPoint(x, 100 + (x % 40)))
    QTest.touchEvent(pad, screen).release(0, QPoint(300, 100))
    pen = QPointingDevice(
        "pen",
        7,
        QInputDevice.DeviceType.Stylus,
        QPointingDevice.PointerType.Pen,
        QInputDevice.Capability.Position | QInputDevice.Capability.Pressure,
        1,
        3,
    )
    pen_strokes = [
        (QEvent.Type.TabletPress, 350),
        (QEvent.Type.TabletMove, 400),
        (QEvent.Type.TabletMove, 450),
        (QEvent.Type.TabletRelease, 450),
    ]
    for kind, x in pen_strokes:
        at = QPointF(x, 120)
        event = QTabletEvent(
            kind,
            pen,
            at,
            QPointF(pad.mapToGlobal(at)),
            0.6,
            0.0,
            0.0,
            0.0,
            0.0,
            0.0,
            Qt.KeyboardModifier.NoModifier,
            Qt.MouseButton.LeftButton,
            Qt.MouseButton.LeftButton,
        )
        QApplication.sendEvent(pad, event)
    drawn = pad.signature()
    assert drawn is not None
    finger, stylus = drawn.strokes
    assert len(finger) >= 10
    # Qt places a touch point at the middle of the finger's area, a pixel or two off.
    assert abs(finger[0][0] - 40) <= 3 and abs(finger[0][1] - 100) <= 3
    assert stylus == ((350, 120), (400, 120), (450, 120))
