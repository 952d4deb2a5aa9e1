"""Which rows of the export dialog a document takes."""

from __future__ import annotations

from coachdesk.export.acknowledgement_log import takes_acknowledgement
from coachdesk.export.preview import DocumentType

HER_DOCUMENTS = (DocumentType.CONSENT_FORM, DocumentType.MY_PLAN)
"""Documents for her, printed in German and beneath each text in her language."""


def visible_rows(doc: DocumentType) -> dict[str, bool]:
    """Row key: shown. Her plan goes to her: it has no recipient and no purpose to ask."""
    to_third_party = doc != DocumentType.MY_PLAN
    return {
        "her_language": doc in HER_DOCUMENTS,
        "meeting_id": doc == DocumentType.MEETING_SUMMARY,
        "organisation_id": to_third_party,
        "contact_id": to_third_party,
        "purpose": to_third_party,
        "acknowledgement": takes_acknowledgement(doc),
    }
