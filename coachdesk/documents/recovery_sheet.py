"""The recovery sheet: the recovery code on one A4 page, to print and keep away from the laptop.

The same document comes from the window (after creating a vault) and from
``coachdesk init --recovery-sheet``. It holds no participant data; the code is large,
centred and split in two lines of four groups so it can be read and typed without error.
"""

from __future__ import annotations

import datetime as dt
import io

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import ListFlowable, ListItem, SimpleDocTemplate, Table, TableStyle

from coachdesk.documents.fonts import SANS_BOLD
from coachdesk.documents.layout import gap, para, rows_table, styles
from coachdesk.i18n import _, format_date

CODE_POINTS = 22
"""Height of the code's letters: readable from arm's length, and two lines fit across A4."""


def code_lines(recovery_code: str) -> tuple[str, str]:
    """The code's groups in two lines (first half, second half)."""
    groups = recovery_code.split("-")
    half = (len(groups) + 1) // 2
    return "-".join(groups[:half]), "-".join(groups[half:])


def render_recovery_sheet(
    recovery_code: str, *, vault_name: str, created_on: dt.date, lang: str
) -> bytes:
    """The sheet as PDF bytes, in ``lang`` (the language of the coach's window)."""
    st = styles()
    code_style = ParagraphStyle(
        "code",
        parent=st.body,
        fontName=SANS_BOLD,
        fontSize=CODE_POINTS,
        leading=CODE_POINTS * 1.5,
        alignment=TA_CENTER,
        spaceAfter=0,
    )
    label_style = ParagraphStyle("code_label", parent=st.body, alignment=TA_CENTER)
    first, second = code_lines(recovery_code)
    code_box = Table(
        [[para(_("Recovery code", lang), label_style)], [para(first, code_style)]]
        + ([[para(second, code_style)]] if second else []),
        colWidths=[170 * mm],
    )
    code_box.setStyle(
        TableStyle(
            [
                ("BOX", (0, 0), (-1, -1), 1.5, colors.black),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 8),
            ]
        )
    )
    advice = [
        _("Keep this sheet in a locked place, away from the laptop.", lang),
        _("Anyone who has this code and the vault folder can read all records.", lang),
        _("Do not keep this sheet as a file on the laptop: print it, then delete the file.", lang),
        _("If the laptop is lost or stolen, the code alone opens nothing.", lang),
    ]
    flow = [
        para(_("CoachDesk recovery sheet", lang), st.title),
        gap(2),
        *rows_table(
            [
                (_("Vault", lang), vault_name),
                (_("Created on", lang), format_date(created_on, lang, fmt="long")),
            ],
            st,
        ),
        gap(6),
        para(
            _(
                "With this code you can open the vault if you forget your passphrase. "
                "You will then choose a new passphrase.",
                lang,
            ),
            st.body,
        ),
        gap(4),
        code_box,
        gap(8),
        para(_("What to do with this sheet", lang), st.heading),
        ListFlowable(
            [ListItem(para(text, st.body), leftIndent=12) for text in advice],
            bulletType="bullet",
            start="•",
            leftIndent=12,
        ),
        gap(10),
        para(_("Kept at: ______________________________________", lang), st.body),
    ]
    out = io.BytesIO()
    doc = SimpleDocTemplate(
        out,
        pagesize=A4,
        leftMargin=20 * mm,
        rightMargin=20 * mm,
        topMargin=20 * mm,
        bottomMargin=20 * mm,
        title=_("CoachDesk recovery sheet", lang),
        creator="CoachDesk",
        lang=lang,
    )
    doc.build(flow)
    return out.getvalue()
