"""The lead's list of imported team figures files: coach, period, signature, fingerprint."""

from __future__ import annotations

from coachdesk.i18n import N_, _, format_date
from coachdesk.reports.team_format import TeamSource
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key


def short_fingerprint(hex_digest: str) -> str:
    """The first 8 bytes in groups, as she reads them aloud to compare (the PDF has all 32)."""
    pairs = [hex_digest[i : i + 2].upper() for i in range(0, 16, 2)]
    return ":".join(pairs) + " …"


def signature_text(source: TeamSource) -> str:
    return _("Valid") if source.signature_valid else _("Not valid: the file was changed")


class TeamSourceTableModel(RecordTableModel[TeamSource]):
    COACH, PROGRAMME, PERIOD, EXPORTED, SIGNATURE, FINGERPRINT = range(6)
    COLUMNS = (
        Column[TeamSource](N_("Coach"), lambda s: s.coach_name),
        Column[TeamSource](N_("Programme"), lambda s: s.programme),
        Column[TeamSource](
            N_("Period"),
            lambda s: f"{format_date(s.period_start)} – {format_date(s.period_end)}",
            lambda s: date_key(s.period_start),
        ),
        Column[TeamSource](
            N_("Exported on"),
            lambda s: format_date(s.exported_at.date()),
            lambda s: date_key(s.exported_at),
        ),
        Column[TeamSource](N_("Signature"), signature_text),
        Column[TeamSource](
            N_("Certificate fingerprint"), lambda s: short_fingerprint(s.coach_fingerprint)
        ),
    )
