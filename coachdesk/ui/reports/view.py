"""Reports for the partners: quarterly evaluation, offer catalogue, directory, success story.

Each page shows what the report will contain before anything is written; saving
signs the PDF and records it in the export log (one audit entry per report).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QLabel, QPushButton, QTabWidget, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.reports.esf_service import EsfReportService
from coachdesk.reports.service import ReportResult, ReportService
from coachdesk.reports.team_service import TeamService
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.programmes import ProgrammeRecord
from coachdesk.ui.file.section import button_row, guarded
from coachdesk.ui.kit.programme_combo import ProgrammeCombo
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.kit.style import heading_label
from coachdesk.ui.reports.esf_page import EsfPage
from coachdesk.ui.reports.models import CatalogueTableModel, DirectoryTableModel
from coachdesk.ui.reports.quarterly_page import QuarterlyPage
from coachdesk.ui.reports.save import ask_pdf_path, language_combo, show_saved
from coachdesk.ui.reports.story_page import SuccessStoryPage
from coachdesk.ui.reports.team_page import TeamPage
from coachdesk.ui.shell.busy import busy_cursor
from coachdesk.ui.shell.signals import AppSignals


class DocumentPage(QWidget):
    """A report made from the catalogue or the directory: preview list, language, save; with
    ``programmes``, a choice of programme (the catalogue of one programme, or of all)."""

    def __init__(
        self,
        title: str,
        table: RecordTable[Any],
        rows: Callable[[int | None], list[Any]],
        export: Callable[[Path, str, int | None], ReportResult],
        today: Callable[[], Any],
        parent: QWidget | None = None,
        programmes: Callable[[], list[ProgrammeRecord]] | None = None,
    ) -> None:
        super().__init__(parent)
        self.title = title
        """Source text of the report's title (for the suggested file name)."""
        self.table = table
        self.rows = rows
        self.export = export
        self.today = today
        self.programmes = programmes
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.programme = ProgrammeCombo() if programmes is not None else None
        self.language = language_combo()
        self.save_button = QPushButton()
        self.save_button.clicked.connect(self.save)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        if self.programme is not None:
            self.programme.currentIndexChanged.connect(self.refresh)
            layout.addLayout(button_row(self.programme))
        layout.addWidget(self.table, 1)
        layout.addLayout(button_row(self.language, self.save_button))

    def retranslate(self, intro: str, empty: str) -> None:
        self.intro.setText(intro)
        self.save_button.setText(_("Sign and save…"))
        if self.programme is not None:
            self.programme.retranslate()
        self.table.retranslate()
        self.table.set_empty_text(empty)

    def fill_programmes(self) -> None:
        """Programmes may have been added or renamed; the choice is kept while it is offered."""
        if self.programme is not None and self.programmes is not None:
            self.programme.set_programmes(self.programmes())

    def programme_id(self) -> int | None:
        return self.programme.value() if self.programme is not None else None

    def refresh(self) -> None:
        self.table.set_rows(self.rows(self.programme_id()))

    def save(self) -> ReportResult | None:
        path = ask_pdf_path(self, _(self.title), self.today().isoformat())
        if path is None:
            return None
        lang = self.language.currentData() or "de"
        programme_id = self.programme_id()
        with busy_cursor():
            result = guarded(self, lambda: self.export(path, lang, programme_id))
        if result is not None:
            show_saved(self, result)
        return result


class ReportsView(QWidget):
    def __init__(
        self, services: Services, signals: AppSignals, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.signals = signals
        self.reports: ReportService = services.reports
        today = self.reports.ctx.today
        self.heading = heading_label()
        self.quarterly = QuarterlyPage(self.reports, self)
        self.catalogue = DocumentPage(
            N_("Offer catalogue"),
            RecordTable(CatalogueTableModel(self)),
            self.reports.catalogue,
            self.reports.export_catalogue_to,
            today,
            self,
            programmes=services.programmes.list,
        )
        self.directory = DocumentPage(
            N_("Partner directory"),
            RecordTable(DirectoryTableModel(self)),
            lambda _programme: list(self.reports.directory().responsibilities),
            lambda path, lang, _programme: self.reports.export_directory_to(path, lang),
            today,
            self,
        )
        self.story = SuccessStoryPage(services, self.reports, self)
        self.team = TeamPage(TeamService(self.reports.ctx), self)
        self.esf = EsfPage(EsfReportService(self.reports.ctx), self)
        self.tabs = QTabWidget()
        pages = (self.quarterly, self.catalogue, self.directory, self.story, self.team, self.esf)
        for page in pages:
            self.tabs.addTab(page, "")
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.tabs, 1)
        signals.changed.connect(self._on_changed)
        self.catalogue.fill_programmes()
        self.catalogue.refresh()  # the story page has read its names already
        self.directory.refresh()
        self.retranslate()

    def retranslate(self) -> None:
        self.heading.setText(_("Reports"))
        titles = (
            _("Quarterly evaluation"),
            _("Offer catalogue"),
            _("Partner directory"),
            _("Success story"),
            _("Team report"),
            _("ESF Plus indicators"),
        )
        for index, title in enumerate(titles):
            self.tabs.setTabText(index, title)
        self.quarterly.retranslate()
        self.catalogue.retranslate(
            _("The modules as job-centre staff will see them: what, for whom, when and where."),
            _("There are no offers in the catalogue yet."),
        )
        self.directory.retranslate(
            _(
                "Who is responsible for what among the partners; the PDF adds a matrix "
                "and the contact list. Notes are not printed."
            ),
            _("No responsibilities recorded yet."),
        )
        self.story.retranslate()
        self.team.retranslate()
        self.esf.retranslate()

    def clear(self) -> None:
        """The vault is being locked: the story being written is kept as a draft, and no
        name (of a participant, a contact person) stays in a preview."""
        self.story.clear()
        self.quarterly.forget()
        self.team.forget()
        self.esf.forget()
        for page in (self.catalogue, self.directory):
            page.table.set_rows([])

    def refresh(self) -> None:
        self.quarterly.fill_programmes()
        self.catalogue.fill_programmes()
        self.catalogue.refresh()
        self.directory.refresh()
        self.story.refresh_if_loaded()
        self.team.refresh()

    def _on_changed(self, changes: Changes) -> None:
        if self.services.is_locked:
            return  # a change delivered after the vault was locked: nothing to read
        if changes.concerns(ChangeKind.TEAM_FIGURES):
            self.team.refresh()
        if changes.concerns(ChangeKind.MODULE):
            self.catalogue.refresh()
        if changes.concerns(ChangeKind.PROGRAMME):
            self.quarterly.fill_programmes()
            self.catalogue.fill_programmes()
        if changes.concerns(ChangeKind.ORGANISATION, ChangeKind.CONTACT, ChangeKind.RESPONSIBILITY):
            self.directory.refresh()
        if changes.concerns(ChangeKind.PARTICIPANT) and changes.participant_ids:
            self.story.update_names(changes.participant_ids)
        elif changes.concerns(ChangeKind.PARTICIPANT):
            self.story.refresh_if_loaded()
        elif changes.concerns(ChangeKind.CONSENT):
            self.story.update_basis()  # whether her story may be published, under which name
