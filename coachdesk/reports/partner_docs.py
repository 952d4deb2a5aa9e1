"""The offer catalogue and the partner directory: signed documents for integration officers
who refer women to the programme (part of ``ReportService``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from coachdesk.reports.catalogue_pdf import render_catalogue
from coachdesk.reports.directory_pdf import DirectoryData, render_directory
from coachdesk.reports.recording import RecordedExports
from coachdesk.reports.results import ReportResult, ReportType
from coachdesk.reports.saving import Targets
from coachdesk.services.directory import DirectoryService
from coachdesk.services.modules import ModuleRecord, ModuleService
from coachdesk.services.programmes import ProgrammeService


class PartnerDocuments(RecordedExports):
    # -- offer catalogue ---------------------------------------------------------------------

    def catalogue(self, programme_id: int | None = None) -> list[ModuleRecord]:
        """The offers; of one programme: its own and those offered to every programme."""
        return ModuleService(self.ctx).list(programme_id=programme_id)

    def export_catalogue(self, lang: str = "de", programme_id: int | None = None) -> ReportResult:
        return self._catalogue(lang, Targets(), programme_id)

    def export_catalogue_to(
        self, path: Path | str, lang: str = "de", programme_id: int | None = None
    ) -> ReportResult:
        return self._catalogue(lang, Targets(Path(path)), programme_id)

    def _catalogue(self, lang: str, targets: Targets, programme_id: int | None) -> ReportResult:
        modules = self.catalogue(programme_id)
        programme = ""
        if programme_id is not None:
            programme = ProgrammeService(self.ctx).get(programme_id).name
        details: dict[str, Any] = {"modules": len(modules)}
        if programme:
            details["programme"] = programme
        return self._export(
            ReportType.CATALOGUE,
            lang,
            lambda h, out: render_catalogue(modules, h, out, programme),
            details,
            targets=targets,
        )

    # -- partner directory -------------------------------------------------------------------

    def directory(self) -> DirectoryData:
        d = DirectoryService(self.ctx)
        return DirectoryData(
            tuple(d.list_organisations()),
            tuple(d.list_contacts()),
            tuple(d.list_responsibilities()),
        )

    def export_directory(self, lang: str = "de") -> ReportResult:
        return self._directory(lang, Targets())

    def export_directory_to(self, path: Path | str, lang: str = "de") -> ReportResult:
        return self._directory(lang, Targets(Path(path)))

    def _directory(self, lang: str, targets: Targets) -> ReportResult:
        data = self.directory()
        return self._export(
            ReportType.DIRECTORY,
            lang,
            lambda h, out: render_directory(data, h, out),
            {"organisations": len(data.organisations)},
            targets=targets,
        )
