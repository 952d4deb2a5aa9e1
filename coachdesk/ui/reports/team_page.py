"""The project lead's "Team report" page: her coaches' files for a period, merged and saved.

She chooses the period, adds the files her coaches sent (each is checked: signature,
period, not imported before, one per coach), sees who is in and whether each signature
is still valid, previews the team's figures with small counts hidden after adding up,
and saves the signed PDF (and CSV).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import N_, _
from coachdesk.reports.published import SUPPRESSION_NOTE
from coachdesk.reports.quarterly import previous_quarter
from coachdesk.reports.service import ReportResult
from coachdesk.reports.team_service import TeamService
from coachdesk.services.errors import ValidationError
from coachdesk.ui.file.section import button_row, guarded
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.reports.models import FigureTableModel, figure_rows
from coachdesk.ui.reports.save import language_combo, save_period_figures
from coachdesk.ui.reports.team_models import TeamSourceTableModel
from coachdesk.ui.shell.busy import busy_cursor

PROBLEM_STYLE = "color: #a40000;"


class TeamPage(QWidget):
    def __init__(self, team: TeamService, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.team = team
        self.start = DateField(allow_empty=False)
        self.end = DateField(allow_empty=False)
        first, last = previous_quarter(team.ctx.today())
        self.start.set_date(first)
        self.end.set_date(last)
        self.show_button = QPushButton()
        self.show_button.clicked.connect(self.refresh)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self.add_files)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self.remove_selected)
        self.problem = QLabel()
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.sources = RecordTable(TeamSourceTableModel(self))
        self.sources.selection_changed.connect(self._update_buttons)
        self.note = QLabel()
        self.note.setWordWrap(True)
        self.figures = RecordTable(FigureTableModel(self))
        self.language = language_combo()
        self.language.currentIndexChanged.connect(self._show_figures)
        self.with_csv = QCheckBox()
        self.with_csv.setChecked(True)
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        period = QWidget()
        row = QHBoxLayout(period)
        row.setContentsMargins(0, 0, 0, 0)
        for w in (self.start, QLabel("–"), self.end, self.show_button):
            row.addWidget(w)
        row.addStretch(1)
        self.rows = FormRows()
        self.rows.add("period", N_("Period"), period, buddy=self.start)
        self.rows.add("language", N_("Language of the report"), self.language)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.rows.layout)
        layout.addLayout(button_row(self.add_button, self.remove_button))
        layout.addWidget(self.problem)
        layout.addWidget(self.sources, 1)
        layout.addWidget(self.note)
        layout.addWidget(self.figures, 2)
        layout.addLayout(button_row(self.with_csv, self.save_button))
        self.retranslate()
        self._update_buttons()

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "Add the signed figures files your coaches sent for the period. Each is "
                "checked; small counts are hidden after adding them up, never per coach."
            )
        )
        self.rows.retranslate()
        self.show_button.setText(_("Show"))
        self.add_button.setText(_("Add files…"))
        self.remove_button.setText(_("Remove file"))
        self.note.setText(_(SUPPRESSION_NOTE))
        self.with_csv.setText(_("Also save the figures as CSV"))
        self.save_button.setText(_("Sign and save…"))
        for widget in (self.start, self.end, self.sources, self.figures):
            widget.retranslate()
        self.sources.set_empty_text(_("No coach's figures are imported for this period yet."))
        self.figures.set_empty_text(_("The team's figures appear here once files are added."))

    def period(self) -> tuple[dt.date, dt.date] | None:
        if not (self.start.check() and self.end.check()):
            return None
        start, end = self.start.date(), self.end.date()
        return (start, end) if start is not None and end is not None else None

    def refresh(self) -> None:
        """The files imported for the period and the team's figures (a few files: quick)."""
        self.problem.clear()
        period = self.period()
        if period is None:
            return
        self.sources.set_rows(guarded(self, lambda: self.team.team_sources(*period)) or [])
        self._show_figures()

    def forget(self) -> None:
        self.sources.set_rows([])
        self.figures.set_rows([])

    def add_files(self) -> None:
        period = self.period()
        if period is None:
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        names, _filter = QFileDialog.getOpenFileNames(
            self, _("Add figures files"), folder, _("Team figures (*.cdteam)")
        )
        if names:
            self.import_paths([Path(n) for n in names], period)

    def import_paths(self, paths: list[Path], period: tuple[dt.date, dt.date]) -> bool:
        """Import all the files, or none: a refusal is shown above the list, naming the file."""
        self.problem.clear()
        try:
            files = [(p.name, p.read_bytes()) for p in paths]
            with busy_cursor():
                self.team.import_team_files(files, *period)
        except ValidationError as err:
            self.problem.setText(err.render())
            return False
        except OSError as err:
            self.problem.setText(_("The file could not be read: {reason}").format(reason=err))
            return False
        self.refresh()
        return True

    def remove_selected(self) -> None:
        source = self.sources.current_record()
        if source is not None:
            guarded(self, lambda: self.team.remove_team_file(source.id))
            self.refresh()

    def save(self) -> ReportResult | None:
        period = self.period()
        if period is None or self.sources.is_empty():
            return None
        return save_period_figures(
            self,
            _("Team quarterly evaluation"),
            period,
            self.language.currentData() or "de",
            self.with_csv.isChecked(),
            lambda pdf, csv, start, end, lang: self.team.export_team_report_to(
                pdf, csv, start=start, end=end, lang=lang
            ),
        )

    def _show_figures(self) -> None:
        period = self.period()
        if period is None or self.sources.is_empty():
            self.figures.set_rows([])
        else:
            lang = self.language.currentData() or "de"
            report = guarded(self, lambda: self.team.team_preview(*period, lang))
            self.figures.set_rows(figure_rows(report) if report is not None else [])
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.remove_button.setEnabled(self.sources.current_record() is not None)
        self.save_button.setEnabled(not self.sources.is_empty())
