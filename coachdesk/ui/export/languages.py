"""The languages a document is printed in, as the export dialogs offer them."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from coachdesk.doc_languages import document_languages, is_checked, language_label, language_of
from coachdesk.export.consent_texts import ALL_TEXTS
from coachdesk.facade import Services
from coachdesk.i18n import _, current_language

LANGUAGE_NAMES = {"de": "Deutsch", "en": "English"}
"""The languages of documents for the job centre (the window's languages)."""


def her_language_combo(services: Services, participant_id: int) -> QComboBox:
    """The consent form's second language: hers, as her file names it, if there is a catalog."""
    combo = QComboBox()
    combo.addItem("", None)  # no second language
    choices = document_languages()
    for lang in choices[1:]:
        combo.addItem("", lang)
    recorded = language_of(services.participants.get(participant_id).languages, choices)
    combo.setCurrentIndex(max(0, combo.findData(recorded)))
    retranslate_her_languages(combo)
    return combo


def retranslate_her_languages(combo: QComboBox) -> None:
    """Each language named in the window's language and in itself: "Arabic – العربية", and
    said to be unchecked while the form's texts in it are (the form says so too)."""
    combo.setItemText(0, _("(none: in the document's language only)"))
    for index in range(1, combo.count()):
        lang = combo.itemData(index)
        name = language_label(lang, current_language())
        if not is_checked(lang, ALL_TEXTS):
            name = _("{language} (translation not yet checked)").format(language=name)
        combo.setItemText(index, name)
