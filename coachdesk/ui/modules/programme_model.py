"""The vault's programmes: name, funder, funding period and note."""

from __future__ import annotations

from coachdesk.i18n import N_, _, format_date
from coachdesk.services.programmes import ProgrammeRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key


def funding_period(p: ProgrammeRecord) -> str:
    if p.funded_from and p.funded_until:
        return _("{start} to {end}").format(
            start=format_date(p.funded_from), end=format_date(p.funded_until)
        )
    if p.funded_from:
        return _("from {start}").format(start=format_date(p.funded_from))
    if p.funded_until:
        return _("until {end}").format(end=format_date(p.funded_until))
    return ""


class ProgrammeTableModel(RecordTableModel[ProgrammeRecord]):
    NAME, FUNDER, PERIOD, NOTE = range(4)
    COLUMNS = (
        Column[ProgrammeRecord](N_("Programme"), lambda p: p.name),
        Column[ProgrammeRecord](N_("Funder"), lambda p: p.funder),
        Column[ProgrammeRecord](
            N_("Funding period"), funding_period, lambda p: date_key(p.funded_from)
        ),
        Column[ProgrammeRecord](N_("Note"), lambda p: p.note.replace("\n", " ")),
    )

    def is_muted(self, record: ProgrammeRecord) -> bool:
        return record.archived
