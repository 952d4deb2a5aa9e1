"""The Reports view offscreen: preview before saving, save through the file dialog, language."""

from __future__ import annotations

import datetime as dt
import os

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox

from coachdesk import i18n
from coachdesk.documents.signing import verify
from coachdesk.export.service import ExportService
from coachdesk.models.enums import DataCategory as C
from coachdesk.models.enums import ParticipantStatus
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.reports.models import FigureTableModel
from coachdesk.ui.reports.view import ReportsView
from coachdesk.ui.shell.signals import AppSignals
from tests.conftest import TODAY
from tests.ui.reports_support import open_story
from tests.unit.test_reports_documents import job_centre


def view_of(qtbot, services) -> ReportsView:  # type: ignore[no-untyped-def]
    hub = AppSignals()
    services.subscribe(hub.publish)
    view = ReportsView(services, hub)
    qtbot.addWidget(view)
    return view


def test_quarterly_preview_then_save_pdf_and_csv(qtbot, services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ExportService(services.ctx).create_identity("Miriam Löwe")
    for first, entry in (("Amina", dt.date(2025, 11, 3)), ("Olena", dt.date(2025, 12, 1))):
        services.participants.create(
            ParticipantDraft(first, "Test", status=ParticipantStatus.ACTIVE, entry_date=entry)
        )
    view = view_of(qtbot, services)
    page = view.quarterly
    # The previous quarter is proposed.
    assert (page.start.date(), page.end.date()) == (dt.date(2025, 10, 1), dt.date(2025, 12, 31))
    page.language.setCurrentIndex(page.language.findData("en"))
    with qtbot.waitSignal(page.figures_shown):
        page.show_button.click()
    rows = {(r.section, r.item): r.value for r in page.table.model.rows()}
    assert rows[("Overview", "Entries in the period")] == "< 3"
    assert rows[("Entries per month", "Nov 2025")] == "< 3"
    assert rows[("Entries per month", "Oct 2025")] == "0"
    assert all("Amina" not in r.item for r in page.table.model.rows())
    assert page.table.model.headerData(FigureTableModel.VALUE, Qt.Orientation.Horizontal) == "Value"
    if os.environ.get("COACHDESK_SCREENSHOTS"):
        view.show()
        view.grab().save(os.environ["COACHDESK_SCREENSHOTS"] + "/reports_view.png")

    target = tmp_path / "evaluation"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    shown: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text: shown.append(text))
    )
    assert page.save() is not None
    pdf, csv = tmp_path / "evaluation.pdf", tmp_path / "evaluation.csv"
    assert verify(pdf).intact
    assert "Entries in the period;< 3" in csv.read_bytes().decode("utf-8-sig")
    assert str(pdf) in shown[0] and str(csv) in shown[0]


def test_documents_and_story_pages(qtbot, services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    ExportService(services.ctx).create_identity("Miriam Löwe")
    view = view_of(qtbot, services)
    assert view.catalogue.table.is_empty()
    services.modules.create(ModuleDraft("Bewerbungstraining", target_group="alle"))
    assert [m.title for m in view.catalogue.table.model.rows()] == ["Bewerbungstraining"]
    org = job_centre(services)
    assert [r.topic for r in view.directory.table.model.rows()] == ["Kooperationsplan"]

    pid = services.participants.create(ParticipantDraft("Samira", "Haddad", pseudonym="Frau S.")).id
    story = open_story(qtbot, view)
    story.participant.setCurrentIndex(story.participant.findData(pid))
    assert "no valid consent for publication" in story.basis.text()
    assert not story.save_button.isEnabled()
    services.consents.record(
        pid,
        ConsentDraft(frozenset({C.PUBLICATION}), "Erfolgsgeschichte", TODAY, org),
    )
    assert "Frau S." in story.basis.text() and story.save_button.isEnabled()
    story.text.setPlainText("Frau S. hat eine Ausbildung begonnen.")
    if os.environ.get("COACHDESK_SCREENSHOTS"):
        view.tabs.setCurrentWidget(story)
        view.show()
        view.grab().save(os.environ["COACHDESK_SCREENSHOTS"] + "/reports_story.png")
    target = tmp_path / "story.pdf"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda *a: None))
    assert story.save() is not None and verify(target).intact

    i18n.set_language("de")
    view.retranslate()
    assert view.tabs.tabText(0) != "" and view.catalogue.save_button.text() != ""
