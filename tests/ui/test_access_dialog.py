"""Her whole file from her file's "Exports" tab, by keyboard and mouse, on a real vault.

The coach opens "Everything about her (access request)…", sees that nothing is saved before
she decides about the internal notes, picks Art. 20 and English with the arrow keys, clicks
"Withhold", types the folder and clicks "Sign and save"; the dialog says where the three files
are, the export is in her history, and the audit log holds the choice.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QDialogButtonBox, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import select

from coachdesk.facade import Services
from coachdesk.models import AuditEntry
from coachdesk.ui.export.access_dialog import AccessDialog
from coachdesk.ui.export.history import ExportHistoryModel, ExportHistoryView
from coachdesk.ui.shell.signals import AppSignals
from tests.ui.shell_support import when_modal_appears
from tests.unit.access_support import Built, full_file

SAVE_TIMEOUT_MS = 60_000


@pytest.fixture
def her(services: Services) -> Built:
    return full_file(services, "Zqa", "Fatima", "Yılmaz")


def _pick(qtbot: QtBot, combo: QComboBox, data: object) -> None:
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Home)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        qtbot.keyClick(combo, Qt.Key.Key_Down)
    raise AssertionError(f"{data!r} is not offered")


def _type_folder(qtbot: QtBot, dialog: AccessDialog, folder: Path) -> None:
    qtbot.mouseClick(dialog.folder, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.folder, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.folder, str(folder))


def test_coach_saves_her_whole_file_from_the_exports_tab(
    services: Services, her: Built, qtbot: QtBot, tmp_path: Path
) -> None:
    signals = AppSignals()
    services.subscribe(signals.publish)
    view = ExportHistoryView(services, signals, her.participant_id)
    qtbot.addWidget(view)
    view.show()
    rows_before = view.table.model.rowCount()
    out = tmp_path / "for her"
    out.mkdir()
    seen: dict[str, object] = {}

    def work(dialog: QWidget) -> None:
        assert isinstance(dialog, AccessDialog)
        seen["saveable before a choice"] = dialog.save_button.isEnabled()
        seen["asks"] = dialog.message.text()
        _pick(qtbot, dialog.article, "gdpr_art_20")
        _pick(qtbot, dialog.language, "en")
        qtbot.mouseClick(dialog.withhold, Qt.MouseButton.LeftButton)
        _type_folder(qtbot, dialog, out)
        with qtbot.waitSignal(dialog.files_saved, timeout=SAVE_TIMEOUT_MS):
            qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
        seen["said"] = dialog.message.text()
        close = dialog.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        seen["close"] = close.text()
        qtbot.mouseClick(close, Qt.MouseButton.LeftButton)

    watcher = when_modal_appears(work)
    qtbot.mouseClick(view.access_button, Qt.MouseButton.LeftButton)
    watcher.stop()
    assert seen["saveable before a choice"] is False
    assert seen["asks"] == "Choose whether her internal notes are included or withheld."
    assert str(seen["said"]).startswith(f"Saved in {out}: Access-request_2026-03-16_")
    assert seen["close"] == "Close"
    assert sorted(p.suffix for p in out.iterdir()) == [".json", ".pdf", ".zip"]
    (found,) = out.glob("*.json")
    data = json.loads(found.read_text(encoding="utf-8"))
    assert data["made"]["request"]["code"] == "gdpr_art_20" and data["made"]["language"] == "en"
    assert not any(m in found.read_text(encoding="utf-8") for m in her.notes)
    qtbot.waitUntil(lambda: view.table.model.rowCount() == rows_before + 1)
    model = view.table.model
    column = ExportHistoryModel.DOCUMENT
    documents = [model.index(r, column).data() for r in range(model.rowCount())]
    assert "Everything about her (access request)" in documents
    with services.ctx.read() as s:
        details = s.scalars(
            select(AuditEntry.details).where(AuditEntry.details.contains("access_request"))
        ).one()
    assert json.loads(details)["internal_notes"] == "withheld"


def test_a_folder_in_the_vault_is_refused_with_a_sentence(
    services: Services, her: Built, vault, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    warnings: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _parent, _title, text: warnings.append(text))
    )
    dialog = AccessDialog(services, her.participant_id)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.include.setFocus()
    qtbot.keyClick(dialog.include, Qt.Key.Key_Space)
    assert dialog.include.isChecked() and dialog.save_button.isEnabled()
    _type_folder(qtbot, dialog, vault.path)
    before = sorted(p.name for p in vault.path.iterdir())
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bool(warnings), timeout=SAVE_TIMEOUT_MS)
    assert "Please save it outside the vault folder." in warnings[0]
    assert sorted(p.name for p in vault.path.iterdir()) == before
    assert dialog.save_button.isEnabled() and dialog.isVisible()
