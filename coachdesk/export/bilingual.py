"""Texts printed in German (binding) and her language, paragraph by paragraph.

Each text comes first in the form's first language (German, the binding one), then in every
further language beneath it, in the same size and a colour of its own so the pairs read as
pairs; right to left where her language is written so (``documents.rtl``). In a right-to-left
language the values put into a sentence (a name, an organisation) are isolated (FSI ... PDI),
so "Frauen in Arbeit e.V." keeps its full stop where it belongs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Table, TableStyle

from coachdesk.doc_languages import (
    BINDING,
    NOT_CHECKED,
    is_checked,
    is_rtl,
)
from coachdesk.documents.layout import MARGIN, PAGE_WIDTH, TABLE_FONT, Styles, para
from coachdesk.documents.rtl import RtlText
from coachdesk.i18n import _

HERS = colors.HexColor("#1f3a5f")
"""Her language's texts: dark blue beside the black German ones."""
FSI, PDI = "\u2068", "\u2069"


@cache
def hers(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` for the texts in her language: close under the German text it translates."""
    space = min(style.spaceBefore, 2)
    return ParagraphStyle(f"{style.name}-hers", parent=style, textColor=HERS, spaceBefore=space)


@cache
def _kept(style: ParagraphStyle) -> ParagraphStyle:
    """``style`` kept on the page of the paragraph that follows it."""
    return ParagraphStyle(f"{style.name}-kept", parent=style, keepWithNext=1)


@dataclass(frozen=True)
class Bilingual:
    """The languages of one document, the binding one first, and its styles."""

    langs: tuple[str, ...]
    st: Styles

    def text(self, msgid: str, lang: str, **params: object) -> str:
        if is_rtl(lang):
            params = {k: f"{FSI}{v}{PDI}" for k, v in params.items()}
        return _(msgid, lang).format(**params)

    def texts(self, msgid: str, **params: object) -> list[tuple[str, str]]:
        return [(lang, self.text(msgid, lang, **params)) for lang in self.langs]

    def para(self, text: object, lang: str, style: ParagraphStyle, first: bool) -> Flowable:
        """One text in ``lang``: right to left where the language is written so."""
        shown = style if first else hers(style)
        return RtlText(text, shown) if is_rtl(lang) else para(text, shown)

    def block(self, msgid: str, style: ParagraphStyle, **params: object) -> list[Flowable]:
        """A text in every language, one paragraph each, the binding one first, on one page.

        Each but the last keeps with the next, as a heading does: ReportLab joins such a chain
        to a heading before it (a ``KeepTogether`` it would not join, and the heading would
        stay behind alone at the foot of a page)."""
        texts = self.texts(msgid, **params)
        last = len(texts) - 1
        return [
            self.para(text, lang, style if n == last else _kept(style), n == 0)
            for n, (lang, text) in enumerate(texts)
        ]

    def values(self, values: Sequence[str]) -> list[tuple[str, str]]:
        """A value per language, each shown once (a name is the same in every language)."""
        shown: list[tuple[str, str]] = []
        for lang, value in zip(self.langs, values, strict=True):
            if all(value != v for _lang, v in shown):
                shown.append((lang, value))
        return shown

    def needs_notice(self, msgids: Sequence[str]) -> bool:
        """A language with one of these texts not yet checked, or not translated, says so.

        Only the document's own texts count: a catalog whose consent form is checked prints
        the form without the notice while the texts of another document still wait."""
        return not all(is_checked(lang, tuple(msgids)) for lang in self.langs)

    def notice(self) -> Table:
        """ "Translation not yet checked; the German text applies", in a box, in each language."""
        langs = (BINDING, *(lang for lang in self.langs if lang != BINDING))
        cell = [
            self.para(_(NOT_CHECKED, lang), lang, self.st.cell_bold, n == 0)
            for n, lang in enumerate(langs)
        ]
        table = Table([[cell]], colWidths=[PAGE_WIDTH - 2 * MARGIN])
        table.setStyle(
            TableStyle(
                [
                    TABLE_FONT,
                    ("BOX", (0, 0), (-1, -1), 0.75, colors.HexColor("#b35c00")),
                    ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor("#fff4e5")),
                    ("TOPPADDING", (0, 0), (-1, -1), 2 * mm),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2 * mm),
                ]
            )
        )
        return table
