"""The participant list's columns: what each shows and what it sorts by."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from coachdesk.collation import name_key, sort_key
from coachdesk.i18n import N_, _, format_date, ngettext
from coachdesk.labels import label
from coachdesk.services.esf_due import ENTRY_MANDATORY
from coachdesk.services.participant_rows import ParticipantRow

NAME = 0
STATUS = 1
PROGRAMME = 2
ENTRY_DATE = 3
CUSTOMER_NUMBER = 4
ESF_ENTRY = 5
COLUMN_COUNT = 6

SORT_ROLE = Qt.ItemDataRole.UserRole + 1
"""The value a column sorts by (names case-folded, dates as day numbers, missing dates first)."""
ID_ROLE = Qt.ItemDataRole.UserRole + 2
"""The participant's id."""

HEADERS = {
    NAME: N_("Name"),
    STATUS: N_("Status"),
    PROGRAMME: N_("Programme"),
    ENTRY_DATE: N_("Entry date"),
    CUSTOMER_NUMBER: N_("Customer number"),
    ESF_ENTRY: N_("ESF entry data"),
}


def display(row: ParticipantRow, column: int) -> str:
    if column == NAME:
        name = f"{row.last_name}, {row.first_name}" if row.first_name else row.last_name
        return f"{name} ({_('archived')})" if row.archived else name
    if column == STATUS:
        return label(row.status)
    if column == PROGRAMME:
        return row.programme
    if column == ENTRY_DATE:
        return format_date(row.entry_date)
    if column == CUSTOMER_NUMBER:
        return row.jobcentre_customer_number
    if column == ESF_ENTRY and row.esf_entry_open:
        count = row.esf_entry_open
        return ngettext("{count} answer missing", "{count} answers missing", count).format(
            count=count
        )
    return ""


def esf_tooltip(row: ParticipantRow) -> str | None:
    """Why her row is marked, and where to fill it in."""
    if not row.esf_entry_open:
        return None
    return ngettext(
        "Her ESF Plus entry data is incomplete: {count} of {total} mandatory answers is "
        "missing (the entry questionnaire and her date of birth). Fill it in her file.",
        "Her ESF Plus entry data is incomplete: {count} of {total} mandatory answers are "
        "missing (the entry questionnaire and her date of birth). Fill them in her file.",
        row.esf_entry_open,
    ).format(count=row.esf_entry_open, total=ENTRY_MANDATORY)


def sort_value(row: ParticipantRow, column: int) -> Any:
    if column == NAME:
        return name_key(row.last_name, row.first_name, row.id)
    if column == STATUS:
        return sort_key(label(row.status))
    if column == PROGRAMME:
        return sort_key(row.programme)
    if column == ENTRY_DATE:
        # Ordinals compare natively in the proxy; missing dates sort first.
        return row.entry_date.toordinal() if row.entry_date else 0
    if column == CUSTOMER_NUMBER:
        return row.jobcentre_customer_number
    if column == ESF_ENTRY:
        return row.esf_entry_open
    return None
