"""The ESF Plus indicators page of the Reports view: period, programme, figures, save.

The figures are counted off the UI thread, as on the quarterly page; what the table shows
is what the signed PDF and the CSV will show ("< 3" and "x" included).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import N_, _
from coachdesk.reports.esf import groups
from coachdesk.reports.esf_published import SECTIONS, TITLE, PublishedEsf
from coachdesk.reports.esf_service import EsfReportService
from coachdesk.reports.published import SUPPRESSION_NOTE
from coachdesk.reports.quarterly import previous_quarter, quarter_of
from coachdesk.services.programmes import ProgrammeService
from coachdesk.ui.export.worker import ServiceJob, without_cyclic_gc
from coachdesk.ui.file.section import button_row, guarded
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.programme_combo import ProgrammeCombo
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.table_model import RECORD_ROLE, Column, RecordTableModel
from coachdesk.ui.reports.save import language_combo, save_period_figures

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


class EsfPage(QWidget):
    """``figures_shown`` fires when the figures asked for are on screen (or refused)."""

    figures_shown = Signal()

    def __init__(self, reports: EsfReportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reports = reports
        self._job: ServiceJob | None = None
        self.start = DateField(allow_empty=False)
        self.end = DateField(allow_empty=False)
        first, last = previous_quarter(reports.ctx.today())
        self.start.set_date(first)
        self.end.set_date(last)
        self.previous = QPushButton()
        self.current = QPushButton()
        self.previous.clicked.connect(lambda: self.set_period(*previous_quarter(self.today())))
        self.current.clicked.connect(lambda: self.set_period(*quarter_of(self.today())))
        self.programme = ProgrammeCombo()
        self.language = language_combo()
        self.with_csv = QCheckBox()
        self.with_csv.setChecked(True)
        self.show_button = QPushButton()
        self.save_button = QPushButton()
        self.show_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.save)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = RecordTable(IndicatorTableModel(self))
        header = self.table.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(IndicatorTableModel.LABEL, QHeaderView.ResizeMode.Stretch)
        header.setStretchLastSection(False)
        self.rows = FormRows()
        period = QWidget()
        row = QHBoxLayout(period)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.start, QLabel("–"), self.end):
            row.addWidget(w)
        row.addStretch(1)
        for field in (self.start, self.end):
            field.line.setMinimumWidth(field.line.fontMetrics().horizontalAdvance("00.00.0000") * 2)
        quick = QWidget()
        buttons = button_row(self.previous, self.current)
        buttons.setContentsMargins(0, 0, 0, 0)
        quick.setLayout(buttons)
        self.rows.add("period", N_("Period"), period, buddy=self.start)
        self.rows.add("quick", N_("Quick choice"), quick, buddy=self.previous)
        self.rows.add("programme", N_("Programme"), self.programme)
        self.rows.add("language", N_("Language of the report"), self.language)
        layout = QVBoxLayout(self)
        layout.addLayout(self.rows.layout)
        layout.addWidget(self.note)
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.show_button, self.with_csv, self.save_button))
        self.retranslate()

    def today(self) -> dt.date:
        return self.reports.ctx.today()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Programmes may have been added or renamed meanwhile; the choice is kept.
        self.programme.set_programmes(
            ProgrammeService(self.reports.ctx).list(include_archived=True)
        )

    def retranslate(self) -> None:
        self.rows.retranslate()
        for spoken in (self.end, self.end.line):  # the line is what a screen reader meets
            spoken.setAccessibleName(_("End of the period"))
        self.previous.setText(_("Previous quarter"))
        self.current.setText(_("This quarter"))
        self.programme.retranslate()
        self.with_csv.setText(_("Also save the figures as CSV"))
        self.show_button.setText(_("Show figures"))
        self.save_button.setText(_("Sign and save…"))
        self.note.setText(_(SUPPRESSION_NOTE))
        self.start.retranslate()
        self.end.retranslate()
        self.table.retranslate()
        self.table.set_empty_text(_("Choose a period and press “Show figures”."))

    def set_period(self, start: dt.date, end: dt.date) -> None:
        self.start.set_date(start)
        self.end.set_date(end)
        self.refresh()

    def period(self) -> tuple[dt.date, dt.date] | None:
        if not (self.start.check() and self.end.check()):
            return None
        start, end = self.start.date(), self.end.date()
        return (start, end) if start is not None and end is not None else None

    def refresh(self) -> None:
        """Count the figures off the UI thread; ``figures_shown`` fires when they are in."""
        period = self.period()
        if period is None:
            return
        lang = self.language.currentData() or "de"
        programme = self.programme.value()
        reports = self.reports
        job = ServiceJob(without_cyclic_gc(lambda: reports.esf_preview(*period, programme, lang)))
        self._job = job
        job.signals.finished.connect(self._figures_counted)
        job.signals.failed.connect(self._figures_refused)
        self.table.set_empty_text(_("Counting the figures…"))
        self.table.set_rows([])
        job.start()

    def forget(self) -> None:
        """The vault is being locked: no figures counted before arrive afterwards."""
        self._job = None
        self.table.set_rows([])

    def _figures_counted(self, report: Any) -> None:
        self._counted(report, None)

    def _figures_refused(self, error: BaseException) -> None:
        self._counted(None, error)

    def _counted(self, report: Any, error: BaseException | None) -> None:
        if self._job is None or self.sender() is not self._job.signals:
            return  # another period was asked for meanwhile, or the vault locked
        self._job = None
        self.table.set_empty_text(_("Choose a period and press “Show figures”."))
        if error is not None:

            def again() -> None:
                raise error

            guarded(self, again)
        elif report is not None:
            self.table.set_rows(indicator_rows(report))
        self.figures_shown.emit()

    def save(self) -> Any:
        period = self.period()
        if period is None:
            return None
        programme = self.programme.value()
        return save_period_figures(
            self,
            _(TITLE),
            period,
            self.language.currentData() or "de",
            self.with_csv.isChecked(),
            lambda pdf, csv, start, end, lang: self.reports.export_esf_to(
                pdf, csv, start=start, end=end, programme_id=programme, lang=lang
            ),
        )
