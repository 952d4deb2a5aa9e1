"""She has seen it: the participant's acknowledgement of a report about her, as it is printed.

Before a report about her goes to the job centre, the coach records how she took note of
it (read it herself, had it read aloud or interpreted, by whom, in which language) and
whether she agrees, or what she objects to in her words; optionally she signs by hand on
the screen. The document states it above the coach's signature, in the document's
language; the preview shows the same sentences before the coach signs.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from coachdesk.documents.drawn_signature import DrawnSignature, SignatureDrawing
from coachdesk.documents.layout import Styles, flowing_text, gap, keep, para
from coachdesk.i18n import N_, Message, _, format_date
from coachdesk.models.acknowledgement import HowNoted
from coachdesk.services import validation
from coachdesk.services.errors import FieldError

ACKNOWLEDGEMENT_TITLE = N_("Acknowledgement by the participant")
NAME_LIMIT = 200
_LANGUAGE_CODE = re.compile(r"^[a-z]{2,3}(_[A-Za-z]{2,4})?$")

HOW_LABELS: dict[HowNoted, str] = {
    HowNoted.READ: N_("She read it herself"),
    HowNoted.READ_ALOUD: N_("It was read aloud to her"),
    HowNoted.INTERPRETED: N_("It was interpreted for her"),
}


@dataclass(frozen=True, kw_only=True)
class Acknowledgement:
    """How she took note of a document, and what she says to it."""

    how: HowNoted
    by: str = ""
    """Who read it aloud to her or interpreted it (needed when interpreted)."""
    language: str = ""
    """The language it was read or interpreted in, as a code ("ar"; needed when interpreted)."""
    agrees: bool = True
    objection: str = ""
    """What she objects to, in her words (needed, and only kept, when she does not agree)."""
    signature: DrawnSignature | None = None
    """Her signature drawn on the screen, if she chose to sign."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "how", HowNoted(self.how))
        object.__setattr__(self, "by", self.by.strip())
        object.__setattr__(self, "language", self.language.strip())
        object.__setattr__(self, "objection", self.objection.strip())


def check(problems: list[FieldError], ack: Acknowledgement) -> None:
    """What the coach must add or correct before the acknowledgement can be recorded."""
    validation.max_length(problems, "ack_by", ack.by, NAME_LIMIT)
    validation.max_length(problems, "ack_objection", ack.objection, validation.TEXT_LIMIT)
    if ack.how == HowNoted.INTERPRETED:
        validation.required(problems, "ack_by", ack.by, N_("who interpreted it"))
        validation.required(problems, "ack_language", ack.language, N_("the language"))
    if ack.language and language_name(ack.language, "en") == ack.language:
        problems.append(
            FieldError("ack_language", Message(N_("This is not a language code (e.g. “ar”).")))
        )
    if not ack.agrees:
        validation.required(problems, "ack_objection", ack.objection, N_("what she objects to"))
    elif ack.objection:
        problems.append(
            FieldError(
                "ack_objection",
                Message(N_("She agrees: her objection would not be printed. Remove it first.")),
            )
        )


def language_name(code: str, lang: str) -> str:
    """A language named in ``lang`` ("Arabisch"); the code itself when it names none."""
    if not _LANGUAGE_CODE.match(code):
        return code
    try:
        name = Locale.parse(code).get_display_name(lang)
    except (ValueError, UnknownLocaleError):
        return code
    return (name[:1].upper() + name[1:]) if name else code


def how_sentence(ack: Acknowledgement, lang: str) -> str:
    """How she took note, as one sentence of the document."""
    by, language = ack.by, language_name(ack.language, lang) if ack.language else ""
    if ack.how == HowNoted.READ:
        return _("The participant has read this document herself.", lang)
    if ack.how == HowNoted.INTERPRETED:
        text = _(
            "This document was interpreted for the participant into {language} by {name}.", lang
        )
        return text.format(language=language, name=by)
    if by and language:
        text = _("This document was read aloud to the participant in {language} by {name}.", lang)
    elif by:
        text = _("This document was read aloud to the participant by {name}.", lang)
    elif language:
        text = _("This document was read aloud to the participant in {language}.", lang)
    else:
        text = _("This document was read aloud to the participant.", lang)
    return text.format(language=language, name=by)


def statement(
    ack: Acknowledgement, lang: str, recorded_by: str, on: dt.date
) -> tuple[str, str, str]:
    """How she took note, whether she agrees, and who recorded it when: the printed sentences.

    Her objection follows the second sentence, in her words, as she said it.
    """
    agrees = (
        _("She agrees with its content.", lang)
        if ack.agrees
        else _("She does not agree with everything. What she objects to, in her words:", lang)
    )
    recorded = _("Recorded by {coach} on {date}.", lang).format(
        coach=recorded_by, date=format_date(on, lang)
    )
    return how_sentence(ack, lang), agrees, recorded


def preview_lines(
    ack: Acknowledgement, lang: str, recorded_by: str, on: dt.date, identity_shown: bool
) -> list[str]:
    """The section as the preview shows it, sentence by sentence, as the document prints it."""
    how, agrees, recorded = statement(ack, lang, recorded_by, on)
    lines = [how, agrees]
    if not ack.agrees:
        lines.append(ack.objection)
    signed = signature_line(ack, lang, identity_shown)
    return [*lines, *([signed] if signed else []), recorded]


def signature_line(ack: Acknowledgement, lang: str, identity_shown: bool) -> str:
    """The caption of her drawn signature, or why it is not shown; empty if she did not sign.

    Her drawn signature identifies her: a document that withholds her identity from its
    recipient says that she signed, and does not show the signature.
    """
    if ack.signature is None:
        return ""
    if identity_shown:
        return _("Her signature, drawn by hand on the screen", lang)
    return _(
        "She signed by hand on the screen; her signature is not shown, since this "
        "document withholds her identity.",
        lang,
    )


def section(
    ack: Acknowledgement | None,
    lang: str,
    recorded_by: str,
    on: dt.date,
    st: Styles,
    *,
    identity_shown: bool,
) -> list[Flowable]:
    """The section above the coach's signature; nothing when nothing was recorded."""
    if ack is None:
        return []
    how, agrees, recorded = statement(ack, lang, recorded_by, on)
    out: list[Flowable] = [para(_(ACKNOWLEDGEMENT_TITLE, lang), st.heading), para(how, st.body)]
    out.append(para(agrees, st.body))
    if not ack.agrees:
        quoted = ParagraphStyle("objection", parent=st.body, leftIndent=18, rightIndent=18)
        out += flowing_text(ack.objection, quoted)
    signed = signature_line(ack, lang, identity_shown)
    if ack.signature is not None and identity_shown:
        out.append(keep(gap(2), SignatureDrawing(ack.signature), para(signed, st.small)))
    elif signed:
        out.append(para(signed, st.small))
    out.append(para(recorded, st.small))
    return out
