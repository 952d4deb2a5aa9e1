"""The ESF Plus indicator report as a use case: figures, preview, signed PDF and CSV.

The same export path as the quarterly evaluation (``ReportService._export``): signed,
saved inside the transaction that records it, one audit entry with the period, the
programme and the SHA-256 of both files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

from coachdesk.i18n import N_
from coachdesk.models import Programme
from coachdesk.reports import esf
from coachdesk.reports.esf_pdf import render_esf
from coachdesk.reports.esf_published import PublishedEsf, publish, to_csv
from coachdesk.reports.quarterly import check_period
from coachdesk.reports.saving import Targets
from coachdesk.reports.service import ReportResult, ReportService, ReportType
from coachdesk.services.errors import ValidationError


class EsfReportService(ReportService):
    def esf_figures(
        self, start: dt.date, end: dt.date, programme_id: int | None = None
    ) -> esf.EsfFigures:
        """The raw counts (for the coach; publish them with ``esf_preview``)."""
        check_period(start, end)
        with self.ctx.read() as s:
            name = ""
            if programme_id is not None:
                programme = s.get(Programme, programme_id)
                if programme is None:
                    raise ValidationError.single(
                        "programme", N_("This programme is no longer in the vault.")
                    )
                name = programme.name
            figures = esf.compute(s, start, end, programme_id)
        return dataclasses.replace(figures, programme=name)

    def esf_preview(
        self, start: dt.date, end: dt.date, programme_id: int | None = None, lang: str = "de"
    ) -> PublishedEsf:
        """The figures exactly as the PDF and the CSV will show them (small counts hidden)."""
        return publish(self.esf_figures(start, end, programme_id), lang)

    def export_esf_to(
        self,
        pdf_path: Path | str,
        csv_path: Path | str | None = None,
        *,
        start: dt.date,
        end: dt.date,
        programme_id: int | None = None,
        lang: str = "de",
    ) -> ReportResult:
        csv_target = Path(csv_path) if csv_path is not None else None
        targets = Targets(Path(pdf_path), csv_target)
        return self._esf(start, end, programme_id, lang, targets)

    def export_esf(
        self, start: dt.date, end: dt.date, programme_id: int | None = None, lang: str = "de"
    ) -> ReportResult:
        """The signed PDF and the CSV as bytes, recorded (the caller saves them)."""
        return self._esf(start, end, programme_id, lang, Targets())

    def _esf(
        self, start: dt.date, end: dt.date, programme_id: int | None, lang: str, targets: Targets
    ) -> ReportResult:
        report = self.esf_preview(start, end, programme_id, lang)
        csv = to_csv(report, start.isoformat(), end.isoformat())
        details = {
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "programme_id": programme_id,
        }
        return self._export(
            ReportType.ESF_INDICATORS,
            lang,
            lambda h, out: render_esf(report, h, out),
            details,
            csv=csv,
            targets=targets,
        )
