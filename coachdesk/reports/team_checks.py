"""The lead's checks of a coach's team figures file before it is imported, and its listing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from coachdesk.i18n import N_, format_date
from coachdesk.models import TeamFiguresFile
from coachdesk.reports.published import period_text
from coachdesk.reports.team_format import TeamFile, TeamSource, read_team_file
from coachdesk.services.errors import ValidationError


def named(name: str, error: ValidationError) -> ValidationError:
    """The refusal of one file among several says which file."""
    return ValidationError.single(
        "file", N_("{file}: {problem}"), {"file": name, "problem": error.render()}
    )


def of_period(start: dt.date, end: dt.date) -> Select[TeamFiguresFile]:
    return (
        select(TeamFiguresFile)
        .where(TeamFiguresFile.period_start == start, TeamFiguresFile.period_end == end)
        .order_by(TeamFiguresFile.coach_name, TeamFiguresFile.id)
    )


def fits(f: TeamFile, earlier: Sequence[TeamFile], start: dt.date, end: dt.date) -> None:
    if (f.figures.start, f.figures.end) != (start, end):
        raise ValidationError.single(
            "file",
            N_(
                "This file holds figures for {file_period}, not for the period chosen "
                "({period}). Choose that period, or ask the coach for the right one."
            ),
            {
                "file_period": _period(f.figures.start, f.figures.end),
                "period": _period(start, end),
            },
        )
    for other in earlier:
        if other.file_id == f.file_id or other.sha256 == f.sha256:
            raise ValidationError.single("file", N_("This file was chosen twice."))
        if other.coach_fingerprint == f.coach_fingerprint:
            raise ValidationError.single(
                "file",
                N_("Two files from {coach} for the same period were chosen: choose one."),
                {"coach": f.coach_name},
            )


def not_imported(s: Session, f: TeamFile) -> None:
    T = TeamFiguresFile
    same = s.scalars(select(T).where(or_(T.file_id == f.file_id, T.sha256 == f.sha256))).first()
    if same is not None:
        raise ValidationError.single(
            "file",
            N_("This file was already imported on {date}."),
            {"date": format_date(same.imported_at.date())},
        )
    q = select(T).where(
        T.coach_fingerprint == f.coach_fingerprint,
        T.period_start == f.figures.start,
        T.period_end == f.figures.end,
    )
    other = s.scalars(q).first()
    if other is not None:
        raise ValidationError.single(
            "file",
            N_(
                "Figures from {coach} for this period were already imported on {date}. "
                "Remove them first if this file replaces them."
            ),
            {"coach": f.coach_name, "date": format_date(other.imported_at.date())},
        )


def _period(start: dt.date, end: dt.date) -> str:
    return period_text(start, end, "")


def source_of(row: TeamFiguresFile) -> TeamSource:
    try:
        valid = read_team_file(row.content).coach_fingerprint == row.coach_fingerprint
    except ValidationError:
        valid = False
    return TeamSource(
        id=row.id,
        coach_name=row.coach_name,
        coach_fingerprint=row.coach_fingerprint,
        organisation=row.organisation,
        programme=row.programme,
        period_start=row.period_start,
        period_end=row.period_end,
        exported_at=row.exported_at,
        imported_at=row.imported_at,
        file_id=row.file_id,
        signature_valid=valid,
    )
