"""Team figures in the window: a coach exports for her lead; the lead adds files and saves.

Driven with mouse clicks and keys on real widgets, on real demo vaults (tests.unit.team_support).
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QFileDialog, QMessageBox

from coachdesk import i18n
from coachdesk.documents.signing import verify
from coachdesk.reports.published import publish
from coachdesk.reports.team_format import read_team_file
from coachdesk.reports.team_service import TeamService
from coachdesk.ui.reports.models import figure_rows
from coachdesk.ui.reports.team_export import TeamExportDialog
from coachdesk.ui.reports.team_models import TeamSourceTableModel
from coachdesk.ui.reports.view import ReportsView
from coachdesk.ui.shell.signals import AppSignals
from tests.unit.team_support import (  # noqa: F401 - team_fixture is a fixture
    COACHES,
    END,
    START,
    Team,
    team_fixture,
)

LEFT = Qt.MouseButton.LeftButton
TEAM_TAB = 4


def view_of(qtbot, services) -> ReportsView:  # type: ignore[no-untyped-def]
    hub = AppSignals()
    services.subscribe(hub.publish)
    view = ReportsView(services, hub)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    return view


def save_both_languages(view: ReportsView, stem: str) -> None:
    """Screenshots at 1280x720 in English and German (the layout settles before each)."""
    for lang in ("en", "de"):
        i18n.set_language(lang)
        view.retranslate()
        QApplication.processEvents()
        view.grab().save(f"{stem}_{lang}.png")
    i18n.set_language("en")
    view.retranslate()


def quiet_messages(monkeypatch) -> list[str]:  # type: ignore[no-untyped-def]
    said: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "information", staticmethod(lambda _p, _t, text, *a: said.append(text))
    )
    monkeypatch.setattr(
        QMessageBox, "warning", staticmethod(lambda _p, _t, text, *a: said.append(text))
    )
    return said


def test_a_coach_exports_her_figures_for_the_lead(qtbot, team: Team, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    said = quiet_messages(monkeypatch)
    target = tmp_path / "my figures"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    view = view_of(qtbot, team.coaches[1])
    page = view.quarterly
    qtbot.mouseClick(page.previous, LEFT)  # today is in Q1 2026: the previous quarter
    assert page.period() == (START, END)
    if os.environ.get("COACHDESK_SCREENSHOTS"):
        save_both_languages(view, os.environ["COACHDESK_SCREENSHOTS"] + "/quarterly_page")
    seen: list[TeamExportDialog] = []
    first_focus: list[object] = []

    def fill_in() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, TeamExportDialog)
        seen.append(dialog)
        try:
            first_focus.append(dialog.focusWidget())
            if os.environ.get("COACHDESK_SCREENSHOTS"):
                shot = os.environ["COACHDESK_SCREENSHOTS"] + "/team_export_dialog.png"
                dialog.grab().save(shot)
            qtbot.keyClicks(dialog.programme, "Stark im Beruf")
            qtbot.keyClick(dialog.programme, Qt.Key.Key_Return)
        finally:
            if dialog.isVisible():  # never leave a modal dialog open: the test would hang
                dialog.reject()

    QTimer.singleShot(0, fill_in)
    qtbot.mouseClick(page.team_button, LEFT)
    # Typing starts in the one field, and a screen reader names it.
    assert first_focus == [seen[0].programme]
    assert seen[0].programme.accessibleName() == "Programme"
    assert seen and seen[0].result_export is not None
    saved = target.with_suffix(".cdteam")
    read = read_team_file(saved.read_bytes())
    assert read.programme == "Stark im Beruf"
    assert read.coach_name == COACHES[1]
    assert (read.figures.start, read.figures.end) == (START, END)
    assert str(saved) in said[-1]


def test_the_lead_adds_files_sees_the_coaches_and_saves_the_team_report(  # type: ignore[no-untyped-def]
    qtbot, team: Team, tmp_path, monkeypatch
) -> None:
    said = quiet_messages(monkeypatch)
    lead = TeamService(team.lead.ctx)
    for source in lead.team_sources(START, END):
        lead.remove_team_file(source.id)
    view = view_of(qtbot, team.lead)
    bar = view.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(TEAM_TAB).center())
    page = view.team
    assert view.tabs.currentWidget() is page
    assert page.period() == (START, END)
    assert page.sources.is_empty() and not page.save_button.isEnabled()

    chosen: list[Path] = list(team.files)
    monkeypatch.setattr(
        QFileDialog,
        "getOpenFileNames",
        staticmethod(lambda *a, **k: ([str(p) for p in chosen], "")),
    )
    qtbot.mouseClick(page.add_button, LEFT)
    assert page.problem.text() == ""
    rows = page.sources.model.rows()
    assert sorted(r.coach_name for r in rows) == sorted(COACHES)
    model = page.sources.model
    for row in range(model.rowCount()):
        index = model.index(row, TeamSourceTableModel.SIGNATURE)
        assert model.data(index) == "Valid"
    expected = figure_rows(publish(lead.team_figures(START, END), "de"))
    assert [r.value for r in page.figures.model.rows()] == [r.value for r in expected]
    shots = os.environ.get("COACHDESK_SCREENSHOTS")
    if shots:
        save_both_languages(view, shots + "/team_page")

    # The same file again: refused above the list, nothing added.
    chosen[:] = team.files[:1]
    qtbot.mouseClick(page.add_button, LEFT)
    assert "already imported" in page.problem.text()
    assert team.files[0].name in page.problem.text()
    # An altered file: refused.
    altered = tmp_path / "altered.cdteam"
    content = team.files[1].read_bytes()
    altered.write_bytes(content.replace(b'"three_way_meetings":', b'"three_way_meetings":1', 1))
    chosen[:] = [altered]
    qtbot.mouseClick(page.add_button, LEFT)
    assert "changed after the coach signed it" in page.problem.text()
    assert len(page.sources.model.rows()) == 3

    # She removes one coach's file: click its row, then "Remove file".
    view_rect = page.sources.view.visualRect(page.sources.proxy.index(0, 0))
    qtbot.mouseClick(page.sources.view.viewport(), LEFT, pos=view_rect.center())
    assert page.remove_button.isEnabled()
    qtbot.mouseClick(page.remove_button, LEFT)
    assert len(page.sources.model.rows()) == 2
    # Adds it back with the keyboard: Tab to "Add files…" and press Space.
    chosen[:] = team.files
    page.remove_button.setFocus()
    page.add_button.setFocus()
    qtbot.keyClick(page.add_button, Qt.Key.Key_Space)
    assert "already imported" in page.problem.text()  # two of the three are in: nothing added
    assert len(page.sources.model.rows()) == 2

    pdf = tmp_path / "team"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(pdf), ""))
    )
    page.language.setCurrentIndex(page.language.findData("en"))
    qtbot.mouseClick(page.save_button, LEFT)
    assert verify(pdf.with_suffix(".pdf")).intact
    assert pdf.with_suffix(".csv").exists()
    assert "SHA-256" in said[-1]
