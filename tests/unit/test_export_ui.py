"""The export dialog and history, offscreen with real widgets on a real vault."""

from __future__ import annotations

import hashlib
import os

from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog

from coachdesk.export.signing import verify
from coachdesk.models.enums import DataCategory as C
from coachdesk.ui.export_dialog import ExportDialog
from coachdesk.ui.export_history import ExportHistoryView
from coachdesk.ui.signals import AppSignals
from tests.unit.test_export_support import add_consent, seed


def test_preview_sign_save_and_history(services, qtbot, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services.settings.set_coach_name("Miriam Löwe")
    seeded = seed(services.ctx.sessions)
    add_consent(
        services.ctx.sessions,
        seeded.participant_id,
        {C.IDENTITY_CONTACT, C.GOALS_PROGRESS},
        organisation_id=seeded.job_centre_id,
    )
    signals = AppSignals()
    services.subscribe(signals.publish)
    history = ExportHistoryView(services, signals, seeded.participant_id)
    qtbot.addWidget(history)
    assert history.table.is_empty()

    dialog = ExportDialog(services, seeded.participant_id)
    qtbot.addWidget(dialog)
    dialog.organisation.setCurrentIndex(dialog.organisation.findData(seeded.job_centre_id))
    dialog.purpose.setText("Exit")
    dialog.update_preview()
    included = {dialog.included.item(r, 0).text() for r in range(dialog.included.rowCount())}
    assert included == {"Identity and contact", "Goals and progress"}
    withheld = {
        dialog.withheld.item(r, 0).text(): dialog.withheld.item(r, 1).text()
        for r in range(dialog.withheld.rowCount())
    }
    assert withheld["Health"] == "no consent for this category"
    assert withheld["Internal notes"] == "internal note – never exported"
    # No certificate yet: signing waits until the coach creates one.
    assert not dialog.sign_button.isEnabled()
    dialog.create_identity_button.click()
    assert dialog.sign_button.isEnabled()
    if os.environ.get("COACHDESK_SCREENSHOTS"):
        dialog.show()
        dialog.grab().save(os.environ["COACHDESK_SCREENSHOTS"] + "/export_dialog.png")

    target = tmp_path / "handover.pdf"
    opened: list[str] = []
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(QDesktopServices, "openUrl", staticmethod(lambda url: opened.append(url)))
    dialog.sign_button.click()
    assert dialog.saved_path == target and target.exists()
    assert verify(target).intact
    assert opened and opened[0].toLocalFile() == str(target)

    rows = history.table.model.rows()
    assert len(rows) == 1
    assert rows[0].sha256 == hashlib.sha256(target.read_bytes()).hexdigest()
    assert rows[0].recipient_name == "Jobcenter Musterstadt"
