"""A participant's consents: for which data, to whom, how long, and whether still valid."""

from __future__ import annotations

import datetime as dt
from typing import Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QColor

from coachdesk.i18n import N_, _, format_date
from coachdesk.labels import label
from coachdesk.models.enums import ConsentMethod
from coachdesk.services.consent_scans import scan_due
from coachdesk.services.consents import ConsentRecord
from coachdesk.ui.kit.style import ERROR_COLOUR
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


def paper_state(c: ConsentRecord, scanned: frozenset[int]) -> tuple[int, str]:
    """Whether the signed paper of ``c`` is in her file: sort value and text."""
    if c.method != ConsentMethod.WRITTEN:
        return 2, _("given orally")
    if c.id in scanned:
        return 1, _("scanned")
    return 0, _("not scanned yet")


class ConsentTableModel(RecordTableModel[ConsentRecord]):
    GIVEN, RECIPIENT, CATEGORIES, VALIDITY, PAPER, PURPOSE = range(6)

    def __init__(self, today: dt.date, parent: object = None) -> None:
        super().__init__(parent)
        self.today = today
        self.scanned: frozenset[int] = frozenset()
        """The consents whose signed paper is linked to a paper in her file."""
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
            Column[ConsentRecord](
                N_("Signed paper"),
                lambda c: paper_state(c, self.scanned)[1],
                lambda c: paper_state(c, self.scanned)[0],
            ),
            Column[ConsentRecord](N_("Purpose"), lambda c: c.purpose),
        )

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = 0) -> Any:
        # A signed paper that should be scanned by now (Today reminds of it) stands out.
        if (
            role == Qt.ItemDataRole.ForegroundRole
            and index.isValid()
            and index.column() == self.PAPER
            and index.row() < self.rowCount()
        ):
            c = self.row_at(index.row())
            due = c.is_valid_on(self.today) and scan_due(c.given_on, self.today)
            if due and paper_state(c, self.scanned)[0] == 0:
                return QColor(ERROR_COLOUR)
        return super().data(index, role)

    def is_muted(self, record: ConsentRecord) -> bool:
        return not record.is_valid_on(self.today)
