""" "Export figures for my team lead…": the period's counts as a signed file for her lead."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QStandardPaths
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from coachdesk.i18n import N_, _
from coachdesk.reports.published import period_text
from coachdesk.reports.team_format import SUFFIX
from coachdesk.reports.team_service import TeamExport, TeamService
from coachdesk.services.programmes import ProgrammeService
from coachdesk.ui.file.section import guarded
from coachdesk.ui.kit.file_names import suggested_name
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.programme_combo import ProgrammeCombo
from coachdesk.ui.shell.busy import busy_cursor

EXPLANATION = N_(
    "The file holds this period's figures as counts, without names or other details of "
    "any participant, signed with your certificate. Small counts are not hidden yet: "
    "your project lead hides them after adding up the figures of the whole team. Give "
    "the file only to her."
)


class TeamExportDialog(QDialog):
    def __init__(
        self,
        team: TeamService,
        start: dt.date,
        end: dt.date,
        parent: QWidget | None = None,
        chosen: ProgrammeCombo | None = None,
    ) -> None:
        """``chosen``: the report page's choice of programme, chosen here too."""
        super().__init__(parent)
        self.team = team
        self.start, self.end = start, end
        self.result_export: TeamExport | None = None
        self.explanation = QLabel()
        self.explanation.setWordWrap(True)
        self.period = QLabel(period_text(start, end, ""))
        self.programme = ProgrammeCombo()
        self.programme.set_programmes(ProgrammeService(team.ctx).list(include_archived=True))
        if chosen is not None:
            self.programme.setCurrentIndex(max(self.programme.findData(chosen.value()), 0))
        self.rows = FormRows()
        self.rows.add("period", N_("Period"), self.period)
        self.rows.add("programme", N_("Programme"), self.programme)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.explanation)
        layout.addLayout(self.rows.layout)
        layout.addWidget(self.buttons)
        self.programme.setFocus()  # the one choice
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Export figures for my team lead"))
        self.explanation.setText(_(EXPLANATION))
        self.rows.retranslate()
        self.programme.retranslate()

    def save(self) -> None:
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        when = f"{self.start.isoformat()}_{self.end.isoformat()}"
        suggested = str(Path(folder) / suggested_name(_("Team figures"), when, SUFFIX))
        path, _filter = QFileDialog.getSaveFileName(
            self, _("Save the signed figures"), suggested, _("Team figures (*.cdteam)")
        )
        if not path:
            return
        target = Path(path) if path.endswith(SUFFIX) else Path(path + SUFFIX)
        with busy_cursor():
            done = guarded(
                self,
                lambda: self.team.export_team_file(
                    target, start=self.start, end=self.end, programme_id=self.programme.value()
                ),
            )
        if done is None:
            return
        self.result_export = done
        QMessageBox.information(
            self,
            _("Figures saved"),
            _(
                "Saved and recorded in the export log:\n{path}\n\nPeriod: {period}\nSHA-256: {sha}"
            ).format(path=str(done.path), period=self.period.text(), sha=done.sha256),
        )
        self.accept()


def export_for_lead(
    parent: QWidget,
    team: TeamService,
    period: tuple[dt.date, dt.date] | None,
    chosen: ProgrammeCombo | None = None,
) -> TeamExport | None:
    """Open the dialog for the period (and programme) chosen on the quarterly page (None:
    dates not valid)."""
    if period is None:
        return None
    dialog = TeamExportDialog(team, *period, parent, chosen)
    dialog.exec()
    return dialog.result_export
