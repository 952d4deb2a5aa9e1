"""Which rows of the export dialog a document takes, and the choice of her meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from PySide6.QtWidgets import QComboBox

from coachdesk.export.acknowledgement_log import takes_acknowledgement
from coachdesk.export.preview import DocumentType
from coachdesk.i18n import _, format_datetime
from coachdesk.labels import label
from coachdesk.services.meetings import MeetingRecord

HER_DOCUMENTS = (DocumentType.CONSENT_FORM, DocumentType.MY_PLAN)
"""Documents for her, printed in German and beneath each text in her language."""


def visible_rows(doc: DocumentType) -> dict[str, bool]:
    """Row key: shown. Her plan goes to her: it has no recipient and no purpose to ask."""
    to_third_party = doc != DocumentType.MY_PLAN
    return {
        "her_language": doc in HER_DOCUMENTS,
        "meeting_id": doc == DocumentType.MEETING_SUMMARY,
        "month": doc == DocumentType.ABSENCE_SHEET,
        "organisation_id": to_third_party,
        "contact_id": to_third_party,
        "purpose": to_third_party,
        "acknowledgement": takes_acknowledgement(doc),
    }


def fill_meetings(combo: QComboBox, meetings: Sequence[MeetingRecord], today: dt.date) -> None:
    """Her meetings, newest first; the latest one already held is chosen."""
    chosen = combo.currentData()
    combo.blockSignals(True)
    combo.clear()
    for m in meetings:
        combo.addItem(f"{format_datetime(m.held_at, fmt='short')} – {label(m.kind)}", m.id)
    if chosen is None:
        held = [m.id for m in meetings if m.held_at.date() <= today]
        chosen = held[0] if held else None
    combo.setCurrentIndex(max(0, combo.findData(chosen)))
    if not meetings:
        combo.addItem(_("(no meeting recorded)"), None)
    combo.blockSignals(False)
