"""The words of the consent form and its information sheet: every text she reads on them.

Kept in one place so the form, the sheet and the check that a document language's catalog
translates all of them (``doc_languages.untranslated``) name the same texts.
"""

from __future__ import annotations

from coachdesk.doc_languages import NOT_CHECKED
from coachdesk.i18n import N_
from coachdesk.labels import LABELS, _key
from coachdesk.models.enums import DataCategory, LegalBasis

CONSENT_FORM_TITLE = N_("Consent to share personal data")
AGREE = N_(
    "I agree that {organisation} may pass the data about me named below to "
    "{recipient} for the purpose stated here."
)
UNTIL_WITHDRAWN = N_("until withdrawn")
ROWS = (
    N_("Participant"),
    N_("Date of birth"),
    N_("Recipient"),
    N_("Purpose"),
    N_("Legal basis"),
    N_("Valid until"),
    N_("Notice version"),
    N_("Consent no."),
)
CATEGORIES_HEADING = N_("Data categories covered")
NOT_TICKED = N_(
    "Categories that are not ticked are not shared. Internal notes of the coach are never shared."
)
VOLUNTARY = N_(
    "Giving this consent is voluntary. I can withdraw it at any time with effect for "
    "the future, without giving reasons; refusing or withdrawing it has no "
    "disadvantage for me. Nothing is passed on before this form is signed."
)
SIGNATURE_LINES = (
    N_("Place, date"),
    N_("Signature of the participant"),
    N_("Interpreter (if any)"),
    N_("Signature of the coach"),
)
PREPARED_BY = N_("Form prepared and signed digitally by {signer}.")

SHEET_TITLE = N_("Information about your data")
SHEET_INTRO = N_(
    "This sheet belongs to the consent form (information under Article 13 GDPR). Please keep it."
)
SHEET_SECTIONS = (
    (
        N_("Who is responsible"),
        N_("{organisation} is responsible for your data. Your coach is {coach}."),
    ),
    (
        N_("What your data is used for"),
        N_(
            "Your data is used to support you on your way to work: for counselling, for the "
            "programme and for working together with the offices that support you."
        ),
    ),
    (
        N_("What is passed on"),
        N_(
            "Only the categories ticked on the form are passed on, only to {recipient} and "
            "only for the purpose stated there. Notes your coach writes for her own work are "
            "never passed on."
        ),
    ),
    (
        N_("How your data is kept"),
        N_(
            "Your data is kept encrypted on your coach's computer. It is deleted when it is "
            "no longer needed for the programme, at the latest when the retention period ends."
        ),
    ),
    (
        N_("Your rights"),
        N_(
            "You can ask which data about you is stored and receive a copy. You can have it "
            "corrected or deleted, and limit its use. You can withdraw your consent at any "
            "time; what was passed on before stays lawful. You can complain to a data "
            "protection authority."
        ),
    ),
)

CATEGORY_TEXTS = tuple(LABELS[_key(c)] for c in DataCategory)
LEGAL_BASIS_TEXTS = tuple(LABELS[_key(b)] for b in LegalBasis)

ALL_TEXTS: tuple[str, ...] = (
    CONSENT_FORM_TITLE,
    NOT_CHECKED,
    AGREE,
    UNTIL_WITHDRAWN,
    *ROWS,
    CATEGORIES_HEADING,
    NOT_TICKED,
    VOLUNTARY,
    *SIGNATURE_LINES,
    PREPARED_BY,
    SHEET_TITLE,
    SHEET_INTRO,
    *(text for section in SHEET_SECTIONS for text in section),
    *CATEGORY_TEXTS,
    *LEGAL_BASIS_TEXTS,
)
"""Every text of the form and the sheet: a document language translates all of them."""
