"""Report use cases: figures and previews, and signed exports (recorded by
``RecordedExports``, reports/recording.py: an ``ExportRecord`` and one audit entry each)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from coachdesk.reports import quarterly
from coachdesk.reports.partner_docs import PartnerDocuments
from coachdesk.reports.published import PublishedReport, publish, to_csv
from coachdesk.reports.quarterly_pdf import render_quarterly

# Re-exported: callers import the results with the service.
from coachdesk.reports.results import Renderer as Renderer
from coachdesk.reports.results import ReportResult as ReportResult
from coachdesk.reports.results import ReportType as ReportType
from coachdesk.reports.saving import Targets
from coachdesk.reports.success_story import (
    StoryBasis,
    check_story,
    render_success_story,
    story_basis,
)
from coachdesk.services.context import ServiceContext


class ReportService(PartnerDocuments):
    def __init__(self, ctx: ServiceContext) -> None:
        self.ctx = ctx

    # -- quarterly evaluation ----------------------------------------------------------------

    def quarterly_figures(
        self, start: dt.date, end: dt.date, programme_id: int | None = None
    ) -> quarterly.QuarterlyFigures:
        """The raw counts of a period, of every file or one programme's (for the coach)."""
        quarterly.check_period(start, end)
        with self.ctx.read() as s:
            return quarterly.compute(s, start, end, self.ctx.today(), programme_id)

    def quarterly_preview(
        self, start: dt.date, end: dt.date, lang: str = "de", programme_id: int | None = None
    ) -> PublishedReport:
        """The figures exactly as the PDF and CSV will show them (small counts hidden)."""
        return publish(self.quarterly_figures(start, end, programme_id), lang)

    def export_quarterly(
        self, start: dt.date, end: dt.date, lang: str = "de", programme_id: int | None = None
    ) -> ReportResult:
        """The signed PDF and the CSV as bytes, recorded (the caller saves them)."""
        return self._quarterly(start, end, lang, Targets(), programme_id)

    def export_quarterly_to(
        self,
        pdf_path: Path | str,
        csv_path: Path | str | None = None,
        *,
        start: dt.date,
        end: dt.date,
        lang: str = "de",
        programme_id: int | None = None,
    ) -> ReportResult:
        """Save the signed PDF (and the CSV) before the export is recorded; see ``_export``."""
        csv_target = Path(csv_path) if csv_path is not None else None
        targets = Targets(Path(pdf_path), csv_target)
        return self._quarterly(start, end, lang, targets, programme_id)

    def _quarterly(
        self, start: dt.date, end: dt.date, lang: str, targets: Targets, programme_id: int | None
    ) -> ReportResult:
        report = self.quarterly_preview(start, end, lang, programme_id)
        csv = to_csv(report)
        details = {"period_start": start.isoformat(), "period_end": end.isoformat()}
        if report.programme:
            details["programme"] = report.programme
        return self._export(
            ReportType.QUARTERLY,
            lang,
            lambda h, out: render_quarterly(report, h, out),
            details,
            csv=csv,
            targets=targets,
        )

    # -- success story -----------------------------------------------------------------------

    def success_story_basis(self, participant_id: int) -> StoryBasis:
        """The approved name and consent, or a ValidationError saying what is missing."""
        with self.ctx.read() as s:
            return story_basis(s, participant_id, self.ctx.today())

    def export_success_story(
        self, participant_id: int, title: str, text: str, lang: str = "de"
    ) -> ReportResult:
        return self._story(participant_id, title, text, lang, Targets())

    def export_success_story_to(
        self, path: Path | str, participant_id: int, title: str, text: str, lang: str = "de"
    ) -> ReportResult:
        return self._story(participant_id, title, text, lang, Targets(Path(path)))

    def _story(
        self, participant_id: int, title: str, text: str, lang: str, targets: Targets
    ) -> ReportResult:
        with self.ctx.read() as s:
            basis = story_basis(s, participant_id, self.ctx.today())
            story = check_story(s, basis, title, text)
        return self._export(
            ReportType.SUCCESS_STORY,
            lang,
            lambda h, out: render_success_story(story, h, out),
            {"consent_ids": [basis.consent_id]},
            participant_id=participant_id,
            consent_id=basis.consent_id,
            targets=targets,
        )
