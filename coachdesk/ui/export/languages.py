"""The languages a document is printed in, as the export dialogs offer them."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from coachdesk.doc_languages import document_languages, language_name, language_of
from coachdesk.facade import Services

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
"""The languages of documents for the job centre (the window's languages)."""


def her_language_combo(services: Services, participant_id: int) -> QComboBox:
    """The consent form's second language: hers, as her file names it, if there is a catalog."""
    combo = QComboBox()
    combo.addItem("", None)  # German only; its text is set by ``retranslate``
    choices = document_languages()
    for lang in choices[1:]:
        combo.addItem(language_name(lang), lang)
    recorded = language_of(services.participants.get(participant_id).languages, choices)
    combo.setCurrentIndex(max(0, combo.findData(recorded)))
    return combo
