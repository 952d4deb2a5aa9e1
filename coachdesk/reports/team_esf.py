"""The ESF Plus indicator counts in the team figures file (version 2), merged for the lead.

A coach's file carries her raw counts per row and gender column (``esf.ROWS``,
``esf.COLUMNS``); the lead's team report adds them up and only then hides small counts
(``esf_published.protect_table``), as for the quarterly figures. A version-1 file has no
ESF counts: the team report then says so instead of showing a partial sum.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from reportlab.platypus import Flowable
from sqlalchemy.orm import Session

from coachdesk.documents.layout import para, styles
from coachdesk.i18n import N_, _
from coachdesk.reports.esf import COLUMNS, ROWS, EsfFigures, compute
from coachdesk.reports.esf_pdf import SOURCE, esf_tables
from coachdesk.reports.esf_published import TITLE, publish

Counts = dict[str, tuple[int, ...]]
MISSING = N_(
    "The ESF Plus indicators are not shown: at least one coach's figures file was made by "
    "an older CoachDesk and holds none. Ask her to export her figures again."
)


def esf_to_json(counts: Counts) -> dict[str, list[int]]:
    """Per row key, the counts of the gender columns (the total is their sum)."""
    return {key: list(counts[key][: len(COLUMNS)]) for _group, key in ROWS}


def esf_from_json(raw: Any) -> Counts:
    """The counts of a verified file; ValueError if not exactly this version's rows."""
    if not isinstance(raw, dict) or set(raw) != {key for _group, key in ROWS}:
        raise ValueError("unexpected rows")
    out: Counts = {}
    for key, values in raw.items():
        if not isinstance(values, list) or len(values) != len(COLUMNS):
            raise ValueError("not a row")
        if any(type(v) is not int or not 0 <= v < 10**9 for v in values):
            raise ValueError("not a count")
        out[key] = (*values, sum(values))
    return out


def merge_esf(parts: Sequence[Counts | None]) -> Counts | None:
    """The team's counts, or None if a file holds none (never a partial sum)."""
    if not parts or any(p is None for p in parts):
        return None
    present = [p for p in parts if p is not None]
    return {
        key: tuple(sum(p[key][i] for p in present) for i in range(len(COLUMNS) + 1))
        for _group, key in ROWS
    }


def esf_appendix(
    counts: Counts | None, start: dt.date, end: dt.date, programmes: str, lang: str
) -> list[Flowable]:
    """The team's ESF Plus tables, small counts hidden after adding up."""
    st = styles()
    heading = para(_(TITLE, lang), st.heading)
    if counts is None:
        return [heading, para(_(MISSING, lang), st.body)]
    report = publish(EsfFigures(start, end, programmes, counts), lang)
    return [heading, para(_(SOURCE, lang), st.small), *esf_tables(report, st)]


def esf_counts(s: Session, start: dt.date, end: dt.date, programme_id: int | None) -> Counts:
    """A coach's counts for her file: of the programme her figures are of, or of all her
    participants (as the file's quarterly figures)."""
    return compute(s, start, end, programme_id).counts


def programmes_of(sources: Sequence[Any]) -> str:
    return ", ".join(sorted({src.programme for src in sources if src.programme}))
