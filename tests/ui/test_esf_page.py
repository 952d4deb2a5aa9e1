"""The ESF Plus indicators page, driven with keys and mouse: a period typed, a programme
chosen, the figures counted and shown as they will leave, saved as signed PDF and CSV."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import subprocess

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from coachdesk import i18n
from coachdesk.demo.generate import generate_demo
from coachdesk.export.service import ExportService
from coachdesk.facade import Services
from coachdesk.reports.esf_service import EsfReportService
from coachdesk.ui.reports.esf_page import indicator_rows
from coachdesk.ui.reports.view import ReportsView
from coachdesk.ui.shell.signals import AppSignals
from tests.conftest import TODAY
from tests.ui.test_team_page import quiet_messages

LEFT = Qt.MouseButton.LeftButton
ESF_TAB = 5


def type_date(qtbot, field, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.mouseClick(field.line, LEFT)
    qtbot.keyClick(field.line, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(field.line, text)


def test_she_chooses_period_and_programme_counts_and_saves(  # type: ignore[no-untyped-def]
    qtbot, vault, tmp_path, monkeypatch
) -> None:
    generate_demo(vault, participants=150, seed=6, today=TODAY)
    services = Services(vault.sessions, actor="Test Coach", today=lambda: TODAY, vault=vault)
    ExportService(services.ctx).create_identity("Test Coach")
    said = quiet_messages(monkeypatch)
    target = tmp_path / "esf report"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *a, **k: (str(target), ""))
    )
    hub = AppSignals()
    services.subscribe(hub.publish)
    view = ReportsView(services, hub)
    qtbot.addWidget(view)
    view.resize(1280, 720)
    view.show()
    bar = view.tabs.tabBar()
    qtbot.mouseClick(bar, LEFT, pos=bar.tabRect(ESF_TAB).center())
    page = view.esf
    assert view.tabs.currentWidget() is page
    type_date(qtbot, page.start, i18n.format_date(dt.date(2025, 1, 1)))
    qtbot.keyClick(page.start.line, Qt.Key.Key_Tab)
    type_date(qtbot, page.end, i18n.format_date(dt.date(2025, 12, 31)))
    assert page.period() == (dt.date(2025, 1, 1), dt.date(2025, 12, 31))
    page.programme.setFocus()
    qtbot.keyClicks(page.programme, "Stark")
    assert page.programme.name() == "Stark im Beruf"
    with qtbot.waitSignal(page.figures_shown, timeout=20_000):
        qtbot.mouseClick(page.show_button, LEFT)
    pid = page.programme.value()
    report = EsfReportService(services.ctx).esf_preview(
        dt.date(2025, 1, 1), dt.date(2025, 12, 31), pid, "de"
    )
    expected = indicator_rows(report)
    model = page.table.proxy
    assert model.rowCount() == len(expected)
    for row, want in enumerate(expected):
        texts = [model.index(row, c).data() for c in range(model.columnCount())]
        assert texts == [want.code, want.label, *(want.cells or ("",) * 5)]
    if os.environ.get("COACHDESK_SCREENSHOTS"):
        for lang in ("en", "de"):
            i18n.set_language(lang)
            view.retranslate()
            QApplication.processEvents()
            view.grab().save(os.environ["COACHDESK_SCREENSHOTS"] + f"/esf_page_{lang}.png")
        i18n.set_language("en")
        view.retranslate()
    qtbot.mouseClick(page.save_button, LEFT)
    pdf, table = target.with_suffix(".pdf"), target.with_suffix(".csv")
    assert pdf.exists() and table.exists()
    assert str(pdf) in said[-1]
    sig = subprocess.run(["pdfsig", str(pdf)], capture_output=True, text=True).stdout
    assert "Signature is Valid" in sig
    rows = list(csv.reader(io.StringIO(table.read_bytes().decode("utf-8-sig")), delimiter=";"))
    assert "EECO01" in rows[0] and rows[1][2] == "Stark im Beruf"
