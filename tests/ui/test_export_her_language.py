"""Her language for the consent form, in the real export dialog, by keyboard and mouse.

Her file says she speaks Arabic: the dialog offers the consent form in German and Arabic.
She would rather read Turkish; the coach changes the list with the keyboard and saves, and
the signed PDF carries the German and the Turkish title. ``COACHDESK_SCREENSHOTS=folder``
keeps the dialog as a picture, in German and English, at 1280x720.
"""

from __future__ import annotations

import os
import subprocess
import unicodedata
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QComboBox, QFileDialog
from pytestqt.qtbot import QtBot

from coachdesk import i18n
from coachdesk.export.consent_texts import CONSENT_FORM_TITLE
from coachdesk.export.preview import DocumentType
from coachdesk.facade import Services
from coachdesk.ui.export.dialog import ExportDialog
from tests.ui.export_support import arabic_speaker as arabic_file
from tests.ui.export_support import dialog_pictures
from tests.unit.test_export_support import Seeded

SAVE_TIMEOUT_MS = 30_000
TURKISH_TITLE = "Kişisel verilerin paylaşılmasına onay"


@pytest.fixture
def english() -> Iterator[None]:
    i18n.set_language("en")
    yield
    i18n.set_language("en")


@pytest.fixture
def arabic_speaker(services: Services, english: None) -> Seeded:
    return arabic_file(services)


def _choose(qtbot: QtBot, combo: QComboBox, wanted: object) -> None:
    """Down arrow on the focused list until ``wanted`` is chosen, as she would."""
    combo.setFocus()
    for _ in range(combo.count()):
        if combo.currentData() == wanted:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    assert combo.currentData() == wanted


def test_her_language_from_her_file_changed_by_keyboard_prints_turkish(
    services: Services,
    arabic_speaker: Seeded,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    dialog = ExportDialog(services, arabic_speaker.participant_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    _choose(qtbot, dialog.organisation, arabic_speaker.job_centre_id)
    hers = dialog.her_language
    assert not hers.isVisible()  # only the consent form is printed in her language
    _choose(qtbot, dialog.document, DocumentType.CONSENT_FORM)
    assert hers.isVisible()
    # Her file names Arabic: the list starts there, named for the coach and in Arabic.
    assert hers.currentData() == "ar"
    assert hers.currentText() == "Arabic – العربية (translation not yet checked)"

    # Tab from the document's language to her language, then type the start of "Turkish".
    dialog.language.setFocus()
    qtbot.keyClick(dialog.language, Qt.Key.Key_Tab)
    assert hers.hasFocus()
    qtbot.keyClicks(hers, "Tu")
    assert hers.currentData() == "tr"
    assert hers.currentText() == "Turkish – Türkçe (translation not yet checked)"
    assert dialog.is_changed()

    if os.environ.get("COACHDESK_SCREENSHOTS"):
        dialog_pictures(
            qtbot, dialog, Path(os.environ["COACHDESK_SCREENSHOTS"]), "export_her_language"
        )
    i18n.set_language("de")
    dialog.retranslate()
    assert hers.currentText() == "Türkisch – Türkçe (Übersetzung noch nicht geprüft)"
    assert hers.itemText(0) == "(keine: nur in der Sprache des Dokuments)"
    assert hers.itemText(hers.findData("en")) == "Englisch – English"  # checked: no remark
    i18n.set_language("en")
    dialog.retranslate()

    out = tmp_path / "einwilligung.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    dialog.open_after.setChecked(False)
    with qtbot.waitSignal(dialog.document_saved, timeout=SAVE_TIMEOUT_MS):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = unicodedata.normalize("NFKC", " ".join(text.split()))  # Arabic letters as typed
    assert i18n._(CONSENT_FORM_TITLE, "de") in flat
    assert i18n._(CONSENT_FORM_TITLE, "tr") == TURKISH_TITLE and TURKISH_TITLE in flat
    assert i18n._(CONSENT_FORM_TITLE, "ar") not in flat  # Arabic was the default, not her choice
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig
