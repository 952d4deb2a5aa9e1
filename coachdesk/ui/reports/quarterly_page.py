"""The quarterly evaluation page of the Reports view: period, preview of the figures, save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QHeaderView, QPushButton, QWidget

from coachdesk.i18n import _
from coachdesk.reports.service import ReportResult, ReportService
from coachdesk.reports.team_service import TeamService
from coachdesk.ui.reports.models import FigureTableModel, figure_rows
from coachdesk.ui.reports.period_page import Period, PeriodFiguresPage
from coachdesk.ui.reports.team_export import export_for_lead


class QuarterlyPage(PeriodFiguresPage):
    """``figures_shown`` fires when the figures asked for are on screen (or refused)."""

    def __init__(self, reports: ReportService, parent: QWidget | None = None) -> None:
        team_button = QPushButton()
        super().__init__(reports.ctx, FigureTableModel, parent, (team_button,))
        self.reports = reports
        self._shown_once = False
        self.team_button = team_button
        self.team_button.clicked.connect(
            lambda: export_for_lead(self, TeamService(reports.ctx), self.period(), self.programme)
        )
        header = self.table.view.horizontalHeader()
        header.setSectionResizeMode(FigureTableModel.SECTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FigureTableModel.ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FigureTableModel.VALUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            # She opens the page to see the figures: show the default quarter right away.
            self._shown_once = True
            self.fill_programmes()
            self.refresh()

    def retranslate(self) -> None:
        super().retranslate()
        self.team_button.setText(_("Export figures for my team lead…"))

    def preview(self, period: Period, lang: str, programme_id: int | None) -> Any:
        return self.reports.quarterly_preview(*period, lang, programme_id)

    def table_rows(self, report: Any) -> list[Any]:
        return figure_rows(report)

    def title(self) -> str:
        title = _("Quarterly evaluation")
        return f"{title} {self.programme.name()}" if self.programme.value() is not None else title

    def export_to(
        self, pdf: Path, csv: Path | None, period: Period, lang: str, programme_id: int | None
    ) -> ReportResult:
        return self.reports.export_quarterly_to(
            pdf, csv, start=period[0], end=period[1], lang=lang, programme_id=programme_id
        )
