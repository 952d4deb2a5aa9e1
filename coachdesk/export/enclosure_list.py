"""The section "Enclosures" of a document: which papers follow it, where, and their SHA-256.

The list is part of the signed document, so what was enclosed (title, category, date on
the paper, pages and the SHA-256 of the file the coach keeps) is signed with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from coachdesk.documents.layout import Styles, cells_table, keep, para
from coachdesk.export.facts import EnclosureFacts
from coachdesk.i18n import _, format_date, ngettext
from coachdesk.labels import label


def numbered(
    enclosures: Sequence[EnclosureFacts], document_pages: int
) -> tuple[EnclosureFacts, ...]:
    """The enclosures with the page of the signed file each one begins on, after a document
    of ``document_pages`` pages."""
    out = []
    page = document_pages + 1
    for e in enclosures:
        out.append(replace(e, first_page=page))
        page += e.page_count
    return tuple(out)


def pages_text(e: EnclosureFacts, lang: str) -> str:
    """ "3 pages (pages 4–6 of this file)" in the document's language."""
    count = ngettext("{count} page", "{count} pages", e.page_count, lang).format(count=e.page_count)
    if e.first_page is None:
        return count
    last = e.first_page + e.page_count - 1
    where = (
        _("page {first} of this file", lang).format(first=e.first_page)
        if last == e.first_page
        else _("pages {first}–{last} of this file", lang).format(first=e.first_page, last=last)
    )
    return f"{count} ({where})"


def enclosure_section(
    enclosures: Sequence[EnclosureFacts], lang: str, st: Styles
) -> list[Flowable]:
    """Heading, a sentence on what the list means, and one small table per paper."""
    if not enclosures:
        return []
    title_style = ParagraphStyle("enclosure", parent=st.cell_bold, spaceBefore=6)
    opening: list[Flowable] = [
        para(_("Enclosures", lang), st.heading),
        para(
            _(
                "These papers from the participant’s file follow this document as pages of "
                "this file. The SHA-256 identifies each paper’s original file as the coach "
                "keeps it.",
                lang,
            ),
            st.small,
        ),
    ]
    blocks: list[list[Flowable]] = []
    for number, e in enumerate(enclosures, start=1):
        rows = [[para(_("Category", lang), st.cell_bold), para(label(e.category, lang), st.cell)]]
        if e.document_date is not None:
            rows.append(
                [
                    para(_("Date on the paper", lang), st.cell_bold),
                    para(format_date(e.document_date, lang), st.cell),
                ]
            )
        rows.append([para(_("Pages", lang), st.cell_bold), para(pages_text(e, lang), st.cell)])
        # One unbroken line in the small size, so it can be compared and searched as a whole.
        rows.append([para("SHA-256", st.cell_bold), para(e.sha256, st.small)])
        title = _("Enclosure {number}: {title}", lang).format(number=number, title=e.title)
        blocks.append([para(title, title_style), cells_table(rows)])
    # The heading and its sentence stay with the first paper, each paper's rows together.
    return [keep(*opening, *blocks[0]), *(keep(*block) for block in blocks[1:])]
