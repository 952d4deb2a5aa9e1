"""The offer catalogue of one programme: she picks the programme on the catalogue page with
the keyboard, the list shows its own offers and those of every programme, and the signed PDF
names the programme and holds only those offers."""

from __future__ import annotations

import subprocess
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from coachdesk.documents.signing import verify
from coachdesk.export.service import ExportService
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.programmes import ProgrammeDraft
from coachdesk.ui.reports.view import ReportsView
from coachdesk.ui.shell.signals import AppSignals


def test_the_catalogue_of_one_programme(qtbot, services, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ExportService(services.ctx).create_identity("Miriam Löwe")
    turn = services.programmes.create(ProgrammeDraft("MY TURN"))
    stark = services.programmes.create(ProgrammeDraft("Stark im Beruf"))
    services.modules.create(ModuleDraft("Bewerbungstraining", programme_id=turn.id))
    services.modules.create(ModuleDraft("Digitale Grundlagen", programme_id=stark.id))
    services.modules.create(ModuleDraft("Sprachcafé"))  # offered to every programme
    hub = AppSignals()
    services.subscribe(hub.publish)
    view = ReportsView(services, hub)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    view.tabs.setCurrentWidget(view.catalogue)
    page = view.catalogue
    assert page.programme is not None

    def titles() -> list[str]:
        return sorted(m.title for m in page.table.model.rows())

    assert titles() == ["Bewerbungstraining", "Digitale Grundlagen", "Sprachcafé"]
    page.programme.setFocus()
    qtbot.keyClick(page.programme, Qt.Key.Key_Down)  # All programmes -> MY TURN
    assert page.programme.currentText() == "MY TURN"
    assert titles() == ["Bewerbungstraining", "Sprachcafé"]

    # A programme made meanwhile is offered at once; her choice stays.
    services.programmes.create(ProgrammeDraft("Frauen in Arbeit"))
    assert page.programme.findText("Frauen in Arbeit") > 0
    assert page.programme.currentText() == "MY TURN"

    target = tmp_path / "angebote.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *_a: None))
    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert verify(target).intact
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "MY TURN" in text and "Bewerbungstraining" in text and "Sprachcafé" in text
    assert "Digitale Grundlagen" not in text
