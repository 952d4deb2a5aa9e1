"""The ESF Plus indicators page of the Reports view: period, programme, figures, save.

The figures are counted off the UI thread, as on the quarterly page; what the table shows
is what the signed PDF and the CSV will show ("< 3" and "x" included).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QHeaderView,
    QWidget,
)

from coachdesk.i18n import N_, _
from coachdesk.reports.esf import groups
from coachdesk.reports.esf_published import SECTIONS, TITLE, PublishedEsf
from coachdesk.reports.esf_service import EsfReportService
from coachdesk.reports.results import ReportResult
from coachdesk.ui.kit.table_model import RECORD_ROLE, Column, RecordTableModel
from coachdesk.ui.reports.period_page import Period, PeriodFiguresPage

DISPLAY = Qt.ItemDataRole.DisplayRole


@dataclass(frozen=True)
class IndicatorRow:
    code: str
    label: str
    cells: tuple[str, ...]
    """Per gender column and the total, as published; empty for a section's heading."""
    order: int


def indicator_rows(report: PublishedEsf) -> list[IndicatorRow]:
    out: list[IndicatorRow] = []
    for group in groups():
        out.append(IndicatorRow("", _(SECTIONS[group], report.lang), (), len(out)))
        for r in report.rows:
            if r.group == group:
                label = r.label if r.code else f"    {r.label}"
                out.append(IndicatorRow(r.code, label, tuple(c.text for c in r.cells), len(out)))
    return out


def _cell(index: int) -> Column[IndicatorRow]:
    titles = (N_("Female"), N_("Male"), N_("Non-binary"), N_("Gender not recorded"), N_("Total"))
    return Column[IndicatorRow](
        titles[index], lambda r: r.cells[index] if r.cells else "", lambda r: r.order
    )


class IndicatorTableModel(RecordTableModel[IndicatorRow]):
    CODE, LABEL = range(2)
    COLUMNS = (
        Column[IndicatorRow](N_("Code"), lambda r: r.code, lambda r: r.order),
        Column[IndicatorRow](N_("Indicator"), lambda r: r.label, lambda r: r.order),
        *(_cell(i) for i in range(5)),
    )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY) -> Any:
        """Counts right-aligned; a section's heading in bold."""
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > self.LABEL:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and index.isValid():
            row = super().data(index, RECORD_ROLE)
            if isinstance(row, IndicatorRow) and not row.cells:
                font = QFont()
                font.setBold(True)
                return font
        return super().data(index, role)


class EsfPage(PeriodFiguresPage):
    """``figures_shown`` fires when the figures asked for are on screen (or refused)."""

    def __init__(self, reports: EsfReportService, parent: QWidget | None = None) -> None:
        super().__init__(reports.ctx, IndicatorTableModel, parent)
        self.reports = reports
        header = self.table.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(IndicatorTableModel.LABEL, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.retranslate()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Programmes may have been added or renamed meanwhile; the choice is kept.
        self.fill_programmes()

    def preview(self, period: Period, lang: str, programme_id: int | None) -> Any:
        return self.reports.esf_preview(*period, programme_id, lang)

    def table_rows(self, report: Any) -> list[Any]:
        return indicator_rows(report)

    def title(self) -> str:
        return _(TITLE)

    def export_to(
        self, pdf: Path, csv: Path | None, period: Period, lang: str, programme_id: int | None
    ) -> ReportResult:
        return self.reports.export_esf_to(
            pdf, csv, start=period[0], end=period[1], programme_id=programme_id, lang=lang
        )
