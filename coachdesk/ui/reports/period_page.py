"""A page of the Reports view for a period's figures: the quarterly evaluation and the ESF
Plus indicators share it. Period with a quick choice of quarter, programme, language; the
figures counted off the UI thread exactly as they will leave (small counts hidden); Sign and
save (the PDF, and the CSV if wanted)."""

from __future__ import annotations

import datetime as dt
from abc import abstractmethod
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import N_, _
from coachdesk.reports.published import SUPPRESSION_NOTE
from coachdesk.reports.quarterly import previous_quarter, quarter_of
from coachdesk.reports.results import ReportResult
from coachdesk.services.context import ServiceContext
from coachdesk.services.programmes import ProgrammeService
from coachdesk.ui.export.worker import ServiceJob, without_cyclic_gc
from coachdesk.ui.file.section import button_row, guarded
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.programme_combo import ProgrammeCombo
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.table_model import RecordTableModel
from coachdesk.ui.reports.save import language_combo, save_period_figures

Period = tuple[dt.date, dt.date]


class PeriodFiguresPage(QWidget):
    """``figures_shown`` fires when the figures asked for are on screen (or refused).

    A page says how its figures are counted (``preview``), shown (``table_rows``) and saved
    (``export_to``, ``title``): the abstract methods below, which each page defines (Qt's
    metaclass leaves no room for ABCMeta, so mypy holds the pages to them)."""

    figures_shown = Signal()

    def __init__(
        self,
        ctx: ServiceContext,
        model: Callable[[QWidget], RecordTableModel[Any]],
        parent: QWidget | None = None,
        extra_buttons: tuple[QWidget, ...] = (),
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._job: ServiceJob | None = None
        self.start = DateField(allow_empty=False)
        self.end = DateField(allow_empty=False)
        first, last = previous_quarter(ctx.today())
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
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.table = RecordTable(model(self))
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
        layout.addLayout(
            button_row(self.show_button, self.with_csv, self.save_button, *extra_buttons)
        )

    # -- what a page says ----------------------------------------------------------------------

    @abstractmethod
    def preview(self, period: Period, lang: str, programme_id: int | None) -> Any:
        """The figures as they will leave (called off the UI thread)."""

    @abstractmethod
    def table_rows(self, report: Any) -> list[Any]:
        """The table's rows for what ``preview`` gave."""

    @abstractmethod
    def title(self) -> str:
        """The report's title, for the suggested file name."""

    @abstractmethod
    def export_to(
        self,
        pdf: Path,
        csv: Path | None,
        period: Period,
        lang: str,
        programme_id: int | None,
    ) -> ReportResult:
        """Sign and save the PDF (and the CSV), recorded like every document that leaves."""

    # -- shared --------------------------------------------------------------------------------

    def today(self) -> dt.date:
        return self.ctx.today()

    def fill_programmes(self) -> None:
        """Archived programmes too: a report of a past period may be of one."""
        found = ProgrammeService(self.ctx).list(include_archived=True)
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

    def period(self) -> Period | None:
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
        programme = self.programme.value()
        preview = self.preview
        job = ServiceJob(without_cyclic_gc(lambda: preview(period, lang, programme)))
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
            self.table.set_rows(self.table_rows(report))
        self.figures_shown.emit()

    def save(self) -> Any:
        period = self.period()
        if period is None:
            return None
        programme = self.programme.value()
        return save_period_figures(
            self,
            self.title(),
            period,
            self.language.currentData() or "de",
            self.with_csv.isChecked(),
            lambda pdf, csv, start, end, lang: self.export_to(
                pdf, csv, (start, end), lang, programme
            ),
        )
