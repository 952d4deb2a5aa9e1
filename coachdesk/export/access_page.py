"""The page of her whole file in one language, left to right or right to left.

Her file in Arabic or Farsi reads from the right: headings and labels are right-to-left
paragraphs (``documents.rtl``), a label stands right of its value, and a table's first
column is its rightmost. What the coach wrote (a goal, a summary, mostly German) keeps its
own direction inside its cell; a value in Arabic script alone is drawn right to left.
Dates are digits (16.03.2026), which read alike in every language.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, Spacer, Table, TableStyle

from coachdesk.doc_languages import is_rtl
from coachdesk.documents.fonts import markup
from coachdesk.documents.layout import (
    LABEL_WIDTH,
    LONG_VALUE,
    MARGIN,
    PAGE_WIDTH,
    TABLE_FONT,
    Styles,
    para,
    rows_table,
    styles,
)
from coachdesk.documents.rtl import RtlText
from coachdesk.export.bilingual import FSI, PDI
from coachdesk.i18n import _, format_date, format_time

TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile("[A-Za-z\u00c0-\u024f\u0400-\u04ff]")


@dataclass(frozen=True)
class Page:
    """One document language and its direction."""

    lang: str
    st: Styles

    @classmethod
    def of(cls, lang: str) -> Page:
        return cls(lang, styles())

    @property
    def sub(self) -> ParagraphStyle:
        """A record's or a group's title: bold, kept on the page of what it names."""
        return _kept(self.st.cell_bold)

    @property
    def rtl(self) -> bool:
        return is_rtl(self.lang)

    def t(self, msgid: str, **params: object) -> str:
        """A text in the page's language; right to left, what is put into it is isolated
        (FSI ... PDI), so a file name "Auskunft_2026-03-16_17.json" stays in one piece."""
        if not params:
            return _(msgid, self.lang)
        if self.rtl:
            params = {k: self.isolated(v) for k, v in params.items()}
        return _(msgid, self.lang).format(**params)

    def isolated(self, value: object) -> str:
        """``value`` kept in its own direction inside a right-to-left line."""
        return f"{FSI}{value}{PDI}" if self.rtl else str(value)

    def text(self, text: str, style: ParagraphStyle) -> Flowable:
        """A text of the document's own language, in its direction."""
        return RtlText(text, style) if self.rtl else para(text, style)

    def value(self, text: object, style: ParagraphStyle) -> Flowable:
        """What was recorded or a label of a code. In a right-to-left document anything with
        Arabic script is right to left (a label "موافقة صريحة (GDPR Art. 9)"); in another only
        a text in Arabic script alone. Otherwise as written, against the right margin in a
        right-to-left document, where its reader looks for it."""
        shown = "" if text is None else str(text)
        arabic = bool(_ARABIC.search(shown))
        if arabic and (self.rtl or not _LATIN.search(shown)):
            return RtlText(shown, style)
        return para(shown, _right(style) if self.rtl else style)

    def day(self, value: dt.date) -> str:
        return value.strftime("%d.%m.%Y") if self.rtl else format_date(value, self.lang)

    def time(self, value: dt.datetime, *, utc: bool = True) -> str:
        """A time stored in UTC shown in the computer's time zone; a wall-clock time as is."""
        if utc:
            value = value.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
        if self.rtl:
            return value.strftime("%d.%m.%Y %H:%M")
        return f"{format_date(value.date(), self.lang)}, {format_time(value, self.lang)}"

    def rows(self, rows: Sequence[tuple[str, str]]) -> list[Flowable]:
        """Label and value pairs; the label right of its value in a right-to-left document."""
        if not rows:
            return []
        if not self.rtl:
            return rows_table(rows, self.st)
        out: list[Flowable] = []
        short: list[list[Flowable]] = []
        for label, value in rows:
            if len(markup(value)) > LONG_VALUE:  # a table row cannot break across pages
                if short:
                    out.append(self._pairs(short))
                    short = []
                out += [
                    Spacer(1, 3),
                    self.text(label, self.st.cell_bold),
                    para(value, self.st.cell),
                ]
            else:
                short.append([self.value(value, self.st.cell), self.text(label, self.st.cell_bold)])
        if short:
            out.append(self._pairs(short))
        return out

    def _pairs(self, data: list[list[Flowable]]) -> Table:
        table = Table(data, colWidths=[TEXT_WIDTH - LABEL_WIDTH, LABEL_WIDTH])
        table.setStyle(grid())
        return table

    def table(
        self, heads: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[float]
    ) -> Table:
        """A table with its heads repeated on a next page; mirrored right to left."""
        head = [self.text(h, self.st.cell_bold) for h in heads]
        body = [[self.value(v, self.st.cell) for v in row] for row in rows]
        total = sum(widths)
        cols = [TEXT_WIDTH * w / total for w in widths]
        data = [head, *body]
        if self.rtl:
            data, cols = [list(reversed(r)) for r in data], list(reversed(cols))
        table = Table(data, colWidths=cols, repeatRows=1)
        table.setStyle(grid(("LINEBELOW", (0, 0), (-1, 0), 0.75, colors.grey)))
        return table


@cache
def _kept(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-kept", parent=style, keepWithNext=1, spaceBefore=4)


@cache
def _right(style: ParagraphStyle) -> ParagraphStyle:
    return ParagraphStyle(f"{style.name}-right", parent=style, alignment=TA_RIGHT)


def grid(*extra: tuple[object, ...]) -> TableStyle:
    return TableStyle(
        [
            TABLE_FONT,
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.25, colors.lightgrey),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            *extra,
        ]
    )
