"""Team figures: a coach exports her signed counts, her project lead imports and reports them.

The coach's file holds raw counts (see ``docs/team-figures-format.md`` for why that is
acceptable inside the team, and what it could still reveal); small counts are hidden only
once, in the team report, after the coaches' counts are added up. Hiding them per coach
would not protect anyone: a reader could subtract the other coaches' published figures
from the team total (``tests/unit/test_team_suppression.py`` shows it).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import delete

from coachdesk.export import identities
from coachdesk.i18n import N_
from coachdesk.models import ExportRecord, TeamFiguresFile
from coachdesk.reports import quarterly
from coachdesk.reports.published import PublishedReport, publish, to_csv
from coachdesk.reports.quarterly_pdf import render_quarterly
from coachdesk.reports.saving import Targets
from coachdesk.reports.service import ReportResult, ReportService, ReportType
from coachdesk.reports.team_checks import fits, named, not_imported, of_period, source_of
from coachdesk.reports.team_esf import esf_appendix, esf_counts, merge_esf, programmes_of
from coachdesk.reports.team_figures import merge
from coachdesk.reports.team_format import TeamFile, TeamSource, read_team_file, write_team_file
from coachdesk.reports.team_pdf import TEAM_TITLE, team_appendix, team_rows
from coachdesk.services import audit
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.errors import ValidationError
from coachdesk.services.settings import document_issuer
from coachdesk.vault.saving import remove_saved, save_atomically

TEAM_FIGURES = "team_figures"
"""Document type of a coach's figures file in the export register."""


@dataclass(frozen=True)
class TeamExport:
    path: Path
    sha256: str
    record_id: int


class TeamService(ReportService):
    # -- the coach ---------------------------------------------------------------------------

    def export_team_file(
        self, path: Path | str, *, start: dt.date, end: dt.date, programme_id: int | None = None
    ) -> TeamExport:
        """Write her signed figures for the period (of one programme's files, named in the
        file, or of all), recorded like every document that leaves."""
        quarterly.check_period(start, end)
        path = Path(path)
        saved: list[Path] = []
        try:
            with self.ctx.write() as s:
                material = identities.active_material(s)
                organisation, _coach = document_issuer(s, self.ctx.actor)
                figures = quarterly.compute(s, start, end, self.ctx.today(), programme_id)
                data = write_team_file(
                    figures,
                    material,
                    organisation=organisation,
                    programme=figures.programme,
                    now=dt.datetime.now(dt.UTC),
                    esf=esf_counts(s, start, end, programme_id),
                )
                digest = hashlib.sha256(data).hexdigest()
                record = ExportRecord(
                    participant_id=None,
                    actor=self.ctx.actor,
                    document_type=TEAM_FIGURES,
                    language="",
                    purpose=f"{start.isoformat()}..{end.isoformat()}",
                    categories="",
                    consent_ids="",
                    sha256=digest,
                    signer_fingerprint=material.fingerprint_sha256,
                )
                s.add(record)
                s.flush()
                record_id = record.id
                details = {
                    "document_type": TEAM_FIGURES,
                    "period_start": start.isoformat(),
                    "period_end": end.isoformat(),
                    "sha256": digest,
                    "signer_fingerprint": material.fingerprint_sha256,
                }
                audit.record(s, self.ctx, "export", "report", record_id, None, details)
                save_atomically(path, data)
                saved.append(path)
        except BaseException:
            for p in saved:
                remove_saved(p)
            raise
        self.ctx.publish(Changes.of({ChangeKind.EXPORT}))
        return TeamExport(path, digest, record_id)

    # -- the project lead --------------------------------------------------------------------

    def check_team_files(
        self, files: Sequence[tuple[str, bytes]], start: dt.date, end: dt.date
    ) -> list[TeamFile]:
        """Read and verify each file (name, bytes) for the period; refuse the first bad one."""
        quarterly.check_period(start, end)
        read: list[TeamFile] = []
        for name, content in files:
            try:
                team_file = read_team_file(content)
                fits(team_file, read, start, end)
            except ValidationError as exc:
                raise named(name, exc) from exc
            read.append(team_file)
        with self.ctx.read() as s:
            for (name, _content), team_file in zip(files, read, strict=True):
                try:
                    not_imported(s, team_file)
                except ValidationError as exc:
                    raise named(name, exc) from exc
        return read

    def import_team_files(
        self, files: Sequence[tuple[str, bytes]], start: dt.date, end: dt.date
    ) -> list[TeamSource]:
        """Import all the files for the period, or none of them (a refusal says which and why)."""
        checked = self.check_team_files(files, start, end)
        with self.ctx.write() as s:
            for (name, _content), f in zip(files, checked, strict=True):
                try:
                    not_imported(s, f)  # again, inside the transaction that adds them
                except ValidationError as exc:
                    raise named(name, exc) from exc
                row = TeamFiguresFile(
                    file_id=f.file_id,
                    sha256=f.sha256,
                    coach_fingerprint=f.coach_fingerprint,
                    coach_name=f.coach_name[:200],
                    organisation=f.organisation[:200],
                    programme=f.programme[:200],
                    period_start=start,
                    period_end=end,
                    exported_at=f.exported_at,
                    content=f.content,
                )
                s.add(row)
                s.flush()
                details = {
                    "period_start": start.isoformat(),
                    "period_end": end.isoformat(),
                    "sha256": f.sha256,
                    "signer_fingerprint": f.coach_fingerprint,
                }
                audit.record(s, self.ctx, "import", TEAM_FIGURES, row.id, None, details)
        self.ctx.publish(Changes.of({ChangeKind.TEAM_FIGURES}))
        return self.team_sources(start, end)

    def team_sources(self, start: dt.date, end: dt.date) -> list[TeamSource]:
        with self.ctx.read() as s:
            rows = s.scalars(of_period(start, end)).all()
            return [source_of(r) for r in rows]

    def remove_team_file(self, source_id: int) -> None:
        """Forget an imported file (e.g. before importing the coach's corrected one)."""
        with self.ctx.write() as s:
            row = s.get(TeamFiguresFile, source_id)
            if row is None:
                return
            details = {"sha256": row.sha256, "signer_fingerprint": row.coach_fingerprint}
            s.execute(delete(TeamFiguresFile).where(TeamFiguresFile.id == source_id))
            audit.record(s, self.ctx, "remove", TEAM_FIGURES, source_id, None, details)
        self.ctx.publish(Changes.of({ChangeKind.TEAM_FIGURES}))

    def team_figures(self, start: dt.date, end: dt.date) -> quarterly.QuarterlyFigures:
        """The team's raw counts: the sum of every imported file of the period, checked again."""
        quarterly.check_period(start, end)
        with self.ctx.read() as s:
            contents = [r.content for r in s.scalars(of_period(start, end))]
        if not contents:
            raise ValidationError.single(
                "file", N_("No coach's figures are imported for this period yet.")
            )
        return merge([read_team_file(c).figures for c in contents])

    def team_esf(self, start: dt.date, end: dt.date) -> dict[str, tuple[int, ...]] | None:
        """The team's ESF Plus counts (raw), or None if a file of the period holds none."""
        with self.ctx.read() as s:
            contents = [r.content for r in s.scalars(of_period(start, end))]
        return merge_esf([read_team_file(c).esf for c in contents])

    def team_preview(self, start: dt.date, end: dt.date, lang: str = "de") -> PublishedReport:
        """The team's figures as the PDF will show them: small counts hidden after merging."""
        return publish(self.team_figures(start, end), lang)

    def export_team_report_to(
        self,
        pdf_path: Path | str,
        csv_path: Path | str | None = None,
        *,
        start: dt.date,
        end: dt.date,
        lang: str = "de",
    ) -> ReportResult:
        report = self.team_preview(start, end, lang)
        sources = self.team_sources(start, end)
        details = {
            "period_start": start.isoformat(),
            "period_end": end.isoformat(),
            "team_files": [src.file_id for src in sources],
        }
        targets = Targets(Path(pdf_path), Path(csv_path) if csv_path is not None else None)
        return self._export(
            ReportType.TEAM_QUARTERLY,
            lang,
            lambda h, out: render_quarterly(
                report,
                h,
                out,
                title=TEAM_TITLE,
                rows=team_rows(sources, lang),
                appendix=[
                    *team_appendix(sources, lang),
                    *esf_appendix(
                        self.team_esf(start, end), start, end, programmes_of(sources), lang
                    ),
                ],
            ),
            details,
            csv=to_csv(report),
            targets=targets,
        )
