"""A participant's consents: for which data, to whom, how long, and whether still valid."""

from __future__ import annotations

import datetime as dt

from coachdesk.i18n import N_, _, format_date
from coachdesk.labels import label
from coachdesk.services.consents import ConsentRecord
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key


def categories_text(c: ConsentRecord) -> str:
    return ", ".join(sorted(label(cat) for cat in c.categories))


def validity_text(c: ConsentRecord, today: dt.date) -> str:
    if c.withdrawn_on is not None:
        return _("withdrawn on {date}").format(date=format_date(c.withdrawn_on))
    if c.valid_until is not None and c.valid_until < today:
        return _("expired on {date}").format(date=format_date(c.valid_until))
    if c.valid_until is not None:
        return _("valid until {date}").format(date=format_date(c.valid_until))
    return _("valid until withdrawn")


class ConsentTableModel(RecordTableModel[ConsentRecord]):
    GIVEN, RECIPIENT, CATEGORIES, VALIDITY, PURPOSE = range(5)

    def __init__(self, today: dt.date, parent: object = None) -> None:
        super().__init__(parent)
        self.today = today
        self.COLUMNS = (
            Column[ConsentRecord](
                N_("Given on"), lambda c: format_date(c.given_on), lambda c: c.given_on.isoformat()
            ),
            Column[ConsentRecord](N_("Recipient"), lambda c: c.recipient_name),
            Column[ConsentRecord](N_("Data categories"), categories_text),
            Column[ConsentRecord](
                N_("Validity"),
                lambda c: validity_text(c, self.today),
                lambda c: f"{int(not c.is_valid_on(self.today))}{date_key(c.valid_until)}",
            ),
            Column[ConsentRecord](N_("Purpose"), lambda c: c.purpose),
        )

    def is_muted(self, record: ConsentRecord) -> bool:
        return not record.is_valid_on(self.today)
