"""Her whole file on request (GDPR Art. 15 access, Art. 20 portability): what the coach asks for.

The request names the participant, the article she asked under, the document's language and
whether the coach's internal notes go with it. That last one has no default: it is the
coach's decision each time (an internal note may hold a third person's words, or it may be
exactly what she asked to see), so the request cannot be made without it, and the audit
entry of the export records what she chose.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from coachdesk.doc_languages import document_languages
from coachdesk.i18n import N_, Message, _
from coachdesk.services.errors import FieldError, ValidationError

ACCESS_REQUEST = "access_request"
"""The export register's ``document_type`` of her whole file (not a consent-filtered document)."""
FORMAT = "coachdesk.access"
"""The ``format`` key of the JSON file (``docs/access-format.md``)."""
VERSION = 1
"""The ``version`` key of the JSON file: raised when a reader must change."""


class Article(enum.StrEnum):
    """What she asked for: a copy of her data, or her data to take elsewhere."""

    ACCESS = "gdpr_art_15"
    PORTABILITY = "gdpr_art_20"


class Notes(enum.StrEnum):
    """The coach's choice about her internal notes (never a default)."""

    INCLUDE = "included"
    WITHHOLD = "withheld"


ARTICLE_LABELS = {
    Article.ACCESS: N_("Right of access (GDPR Art. 15)"),
    Article.PORTABILITY: N_("Right to data portability (GDPR Art. 20)"),
}
NOTES_LABELS = {
    Notes.INCLUDE: N_("Internal notes included"),
    Notes.WITHHOLD: N_("Internal notes withheld"),
}
TITLE = N_("Everything stored about you")
DOCUMENT_LABEL = N_("Everything about her (access request)")
"""How the export register and her export history name the export."""
FILE_STEM = N_("Access-request")
"""The files' name before the day and her number (``Auskunft_2026-03-16_17.pdf``)."""


def article_label(article: Article, lang: str | None = None) -> str:
    return _(ARTICLE_LABELS[article], lang)


def notes_label(notes: Notes, lang: str | None = None) -> str:
    return _(NOTES_LABELS[notes], lang)


@dataclass(frozen=True, kw_only=True)
class AccessRequest:
    """Everything stored about one participant, for her."""

    participant_id: int
    """Whose file: the only participant whose data the export reads."""
    notes: Notes | None
    """Whether the coach's internal notes go with it; None (not chosen) is refused."""
    article: Article = Article.ACCESS
    """Art. 15 (a copy) or Art. 20 (to take elsewhere); both get the same three files."""
    lang: str = "de"
    """The PDF's language and that of the labels in the JSON (codes stay the same)."""

    def __post_init__(self) -> None:
        # The command line names the choices by their values ("included", "gdpr_art_20").
        problems: list[FieldError] = []
        try:
            object.__setattr__(self, "article", Article(self.article))
        except ValueError:
            problems.append(_problem("article", CHOOSE_ARTICLE))
        try:
            object.__setattr__(self, "notes", Notes(self.notes) if self.notes else None)
        except ValueError:
            object.__setattr__(self, "notes", None)
        if self.notes is None:
            problems.append(_problem("notes", CHOOSE_NOTES))
        if self.lang not in document_languages():
            problems.append(_problem("lang", N_("This language is not available for documents.")))
        if problems:
            raise ValidationError(problems)

    @property
    def include_notes(self) -> bool:
        return self.notes == Notes.INCLUDE

    @property
    def choice(self) -> Notes:
        """The coach's choice (always made: a request without one is refused when made)."""
        assert self.notes is not None
        return self.notes


CHOOSE_ARTICLE = N_("Choose Art. 15 (access) or Art. 20 (portability).")
CHOOSE_NOTES = N_("Choose whether her internal notes are included or withheld.")


def _problem(field: str, msgid: str) -> FieldError:
    return FieldError(field, Message(msgid))
