"""What the team report adds to the quarterly evaluation: whose files were added up."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from coachdesk.documents.layout import MARGIN, PAGE_WIDTH, TABLE_FONT, para, styles
from coachdesk.export.common import fingerprint_text
from coachdesk.i18n import N_, _, format_date
from coachdesk.reports.team_format import TeamSource

TEAM_TITLE = N_("Team quarterly evaluation")
TEAM_NOTE = N_(
    "The figures are the sum of the coaches' signed figures files listed below. Small "
    "counts are hidden after adding them up, never per coach; no coach's own figures "
    "are published."
)


def team_rows(sources: Sequence[TeamSource], lang: str) -> list[tuple[str, object]]:
    programmes = sorted({s.programme for s in sources if s.programme})
    rows: list[tuple[str, object]] = [(_("Coaches", lang), str(len(sources)))]
    if programmes:
        rows.append((_("Programme", lang), ", ".join(programmes)))
    return rows


def team_appendix(sources: Sequence[TeamSource], lang: str) -> list[Flowable]:
    st = styles()
    rows: list[list[object]] = [
        [
            para(_("Coach", lang), st.cell_bold),
            para(_("Certificate fingerprint (SHA-256)", lang), st.cell_bold),
            para(_("Exported on", lang), st.cell_bold),
        ]
    ]
    for s in sources:
        rows.append(
            [
                para(s.coach_name, st.cell),
                para(fingerprint_text(s.coach_fingerprint), st.small),
                para(format_date(s.exported_at.date(), lang), st.cell),
            ]
        )
    width = PAGE_WIDTH - 2 * MARGIN
    table = Table(rows, colWidths=[45 * mm, width - 75 * mm, 30 * mm], repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                TABLE_FONT,
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
                ("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.grey),
            ]
        )
    )
    return [
        para(_("Coaches' figures added up", lang), st.heading),
        para(_(TEAM_NOTE, lang), st.small),
        table,
    ]
