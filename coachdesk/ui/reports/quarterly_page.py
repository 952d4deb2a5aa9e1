"""The quarterly evaluation page of the Reports view: period, preview of the figures, save."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
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
from coachdesk.reports.published import SUPPRESSION_NOTE
from coachdesk.reports.quarterly import previous_quarter, quarter_of
from coachdesk.reports.service import ReportService
from coachdesk.reports.team_service import TeamService
from coachdesk.services.programmes import ProgrammeService
from coachdesk.ui.export.worker import ServiceJob, without_cyclic_gc
from coachdesk.ui.file.section import button_row, guarded
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.programme_combo import ProgrammeCombo
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.reports.models import FigureTableModel, figure_rows
from coachdesk.ui.reports.save import language_combo, save_period_figures
from coachdesk.ui.reports.team_export import export_for_lead


class QuarterlyPage(QWidget):
    """``figures_shown`` fires when the figures asked for are on screen (or refused)."""

    figures_shown = Signal()

    def __init__(self, reports: ReportService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.reports = reports
        self._job: ServiceJob | None = None
        self._shown_once = False
        self.start = DateField(allow_empty=False)
        self.end = DateField(allow_empty=False)
        first, last = previous_quarter(reports.ctx.today())
        self.start.set_date(first)
        self.end.set_date(last)
        self.previous = QPushButton()
        self.current = QPushButton()
        self.previous.clicked.connect(lambda: self.set_period(*previous_quarter(self.today())))
        self.current.clicked.connect(lambda: self.set_period(*quarter_of(self.today())))
        self.language = language_combo()
        self.programme = ProgrammeCombo()
        self.programme.currentIndexChanged.connect(lambda _i: self.refresh())
        self.with_csv = QCheckBox()
        self.with_csv.setChecked(True)
        self.show_button = QPushButton()
        self.save_button = QPushButton()
        self.show_button.clicked.connect(self.refresh)
        self.save_button.clicked.connect(self.save)
        self.team_button = QPushButton()
        self.team_button.clicked.connect(
            lambda: export_for_lead(self, TeamService(reports.ctx), self.period(), self.programme)
        )
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = RecordTable(FigureTableModel(self))
        header = self.table.view.horizontalHeader()
        header.setSectionResizeMode(FigureTableModel.SECTION, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FigureTableModel.ITEM, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(FigureTableModel.VALUE, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(False)
        self.rows = FormRows()
        period = QWidget()
        row = QHBoxLayout(period)
        row.setContentsMargins(0, 0, 0, 0)
        self.until = QLabel("–")
        for w in (self.start, self.until, self.end):
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
        layout.addLayout(
            button_row(self.show_button, self.with_csv, self.save_button, self.team_button)
        )
        self.retranslate()

    def today(self) -> dt.date:
        return self.reports.ctx.today()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._shown_once:
            # She opens the page to see the figures: show the default quarter right away.
            self._shown_once = True
            self.fill_programmes()
            self.refresh()

    def fill_programmes(self) -> None:
        """Archived programmes too: a report of a past period may be of one."""
        found = ProgrammeService(self.reports.ctx).list(include_archived=True)
        self.programme.set_programmes(found)  # refreshes if the chosen one is gone

    def retranslate(self) -> None:
        self.rows.retranslate()
        for spoken in (self.end, self.end.line):  # the line is what a screen reader meets
            spoken.setAccessibleName(_("End of the period"))
        self.previous.setText(_("Previous quarter"))
        self.current.setText(_("This quarter"))
        self.with_csv.setText(_("Also save the figures as CSV"))
        self.show_button.setText(_("Show figures"))
        self.save_button.setText(_("Sign and save…"))
        self.team_button.setText(_("Export figures for my team lead…"))
        self.note.setText(_(SUPPRESSION_NOTE))
        self.start.retranslate()
        self.end.retranslate()
        self.programme.retranslate()
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
        """The figures exactly as they will leave: small counts already hidden.

        Counted off the UI thread (seconds in an archive of 50,000): the page stays usable
        and the figures appear when ready; ``figures_shown`` then fires."""
        period = self.period()
        if period is None:
            return
        lang = self.language.currentData() or "de"
        reports, programme = self.reports, self.programme.value()
        job = ServiceJob(
            without_cyclic_gc(lambda: reports.quarterly_preview(*period, lang, programme))
        )
        self._job = job
        # Bound methods, not lambdas: Qt drops the connection when the page is deleted.
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
            self.table.set_rows(figure_rows(report))
        self.figures_shown.emit()

    def save(self) -> Any:
        period = self.period()
        if period is None:
            return None
        programme = self.programme.value()
        title = _("Quarterly evaluation")
        if programme is not None:
            title = f"{title} {self.programme.name()}"
        return save_period_figures(
            self,
            title,
            period,
            self.language.currentData() or "de",
            self.with_csv.isChecked(),
            lambda pdf, csv, start, end, lang: self.reports.export_quarterly_to(
                pdf, csv, start=start, end=end, lang=lang, programme_id=programme
            ),
        )
