"""Her plan made from the export dialog, by keyboard and mouse, on a real vault.

The coach picks "My plan" from the document list with the arrow keys: the recipient and
purpose rows go (the plan goes to her), her language (Arabic, from her file) comes; the
preview lists her goal and her next appointment; a click signs and saves. The PDF holds the
German and the Arabic title and no internal note; the plan is kept as a version.
``COACHDESK_SCREENSHOTS=folder`` keeps the dialog as a picture, in German and English.
"""

from __future__ import annotations

import os
import subprocess
import unicodedata
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coachdesk.export.preview import DocumentType
from coachdesk.facade import Services
from coachdesk.models import PlanVersion
from coachdesk.ui.export.dialog import ExportDialog
from coachdesk.ui.export.history import ExportHistoryModel, ExportHistoryView
from coachdesk.ui.export.plan_dialog import MyPlanDialog
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.ui.viewer.viewer import DocumentViewer
from tests.ui.export_support import dialog_pictures, speaks_arabic
from tests.ui.shell_support import when_modal_appears
from tests.unit.plan_support import all_markers, seed_plan
from tests.unit.test_export_support import Seeded

SAVE_TIMEOUT_MS = 30_000


@pytest.fixture
def planned(services: Services) -> Seeded:
    seeded = seed_plan(services.ctx.sessions, "Amal", "Haddad")
    speaks_arabic(services, seeded.participant_id)
    return seeded


def test_coach_makes_her_plan_from_the_window(
    services: Services,
    planned: Seeded,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From the document list of the export dialog, by keyboard; signed with a click."""
    dialog = ExportDialog(services, planned.participant_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.organisation.isVisible() and not dialog.her_language.isVisible()
    dialog.document.setFocus()
    for _ in range(dialog.document.count()):
        if dialog.document.currentData() == DocumentType.MY_PLAN:
            break
        qtbot.keyClick(dialog.document, Qt.Key.Key_Down)
    assert dialog.document.currentText() == "My plan"
    # It goes to her: no recipient, no purpose; her language from her file.
    assert not dialog.organisation.isVisible() and not dialog.purpose.isVisible()
    assert dialog.her_language.isVisible() and dialog.her_language.currentData() == "ar"
    included = dialog.pane.included
    shown = [included.item(r, 2).text() for r in range(included.rowCount())]
    assert "Gpmkgoal" in shown and "Ask the day-care centre for a place" in shown
    assert "no consent is needed" in dialog.pane.basis.text()
    assert dialog.sign_button.isEnabled()
    if os.environ.get("COACHDESK_SCREENSHOTS"):
        dialog_pictures(qtbot, dialog, Path(os.environ["COACHDESK_SCREENSHOTS"]), "export_my_plan")

    out = tmp_path / "mein-plan.pdf"
    _save_to(monkeypatch, out)
    with qtbot.waitSignal(dialog.document_saved, timeout=SAVE_TIMEOUT_MS):
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)
    _check_pdf(out)
    with services.ctx.sessions() as s:
        kept = s.scalars(select(PlanVersion)).one()
        assert kept.participant_id == planned.participant_id


def test_my_plan_button_of_her_file(
    services: Services,
    planned: Seeded,
    qtbot: QtBot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Her file's "My plan…" opens the dialog on her plan: one click there, and it is saved."""
    signals = AppSignals()
    services.subscribe(signals.publish)
    view = ExportHistoryView(services, signals, planned.participant_id)
    qtbot.addWidget(view)
    view.show()
    out = tmp_path / "plan.pdf"
    _save_to(monkeypatch, out)
    seen: list[object] = []

    def sign(dialog: QWidget) -> None:
        seen.append(type(dialog))
        assert isinstance(dialog, MyPlanDialog)
        seen.append(dialog.document.currentData())
        seen.append(dialog.is_changed())
        qtbot.mouseClick(dialog.sign_button, Qt.MouseButton.LeftButton)

    watcher = when_modal_appears(sign)
    qtbot.mouseClick(view.plan_button, Qt.MouseButton.LeftButton)
    watcher.stop()
    assert seen == [MyPlanDialog, DocumentType.MY_PLAN, False]
    _check_pdf(out)
    qtbot.waitUntil(lambda: view.table.model.rowCount() == 1)
    model = view.table.model
    assert model.index(0, ExportHistoryModel.DOCUMENT).data() == "My plan"
    assert model.index(0, ExportHistoryModel.RECIPIENT).data() == "She herself"


def _save_to(monkeypatch: pytest.MonkeyPatch, out: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(out), ""))
    )
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: True))
    monkeypatch.setattr(DocumentViewer, "show", lambda self: None)


def _check_pdf(out: Path) -> None:
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    flat = unicodedata.normalize("NFKC", " ".join(text.split()))
    assert "Mein Plan" in flat and unicodedata.normalize("NFKC", "خطتي") in flat
    for hidden in all_markers():
        assert hidden not in flat, hidden
    sig = subprocess.run(["pdfsig", str(out)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig
