"""The ESF Plus indicators as they leave the vault: labelled, small counts hidden, as CSV.

Suppression is the quarterly report's rule (``coachdesk.reports.suppression``), applied to
every line that adds up to a published total: each indicator's gender cells to its total,
and, per gender column, the rows of one question that add up to EECO01 (``PARTITIONS``).
A cell hidden for one line counts as hidden in the others; the lines are checked again
until nothing changes. The PDF, the CSV and the preview all show these cells.
"""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass

from coachdesk.i18n import N_, _
from coachdesk.labels import label
from coachdesk.reports.esf import COLUMNS, FOLLOW_UPS, LEAVERS, PARTITIONS, ROWS, EsfFigures
from coachdesk.reports.published import SUPPRESSION_NOTE, period_text
from coachdesk.reports.suppression import THRESHOLD, Cell, CellState, single

TITLE = N_("ESF Plus indicators")
NO_ANSWER = N_("of whom “no answer”")
NOT_RECORDED = N_("of whom not recorded yet")

LABELS: dict[str, str] = {
    "EECO01": N_("Total number of participants"),
    "EECO02": N_("Unemployed, including long-term unemployed"),
    "EECO03": N_("Long-term unemployed"),
    "EECO04": N_("Inactive"),
    "EECO05": N_("Employed, including self-employed"),
    "EECO02-05_NR": N_("Labour-market status not recorded"),
    "EECO06": N_("Below 18 years of age"),
    "EECO07": N_("18 to 29 years of age"),
    "EECO08": N_("55 years of age and above"),
    "EECO06-08_NR": N_("Date of birth not recorded"),
    "EECO09": N_("With lower secondary education or less (ISCED 0 to 2)"),
    "EECO10": N_("With upper secondary or post-secondary education (ISCED 3 and 4)"),
    "EECO11": N_("With tertiary education (ISCED 5 to 8)"),
    "EECO09-11_NR": N_("Education not recorded"),
    "EECO12": N_("Participants with disabilities"),
    "EECO13": N_("Third-country nationals"),
    "EECO14": N_("Participants with a foreign background"),
    "EECO15": N_("Minorities (including marginalised communities such as the Roma)"),
    "EECO16": N_("Homeless or affected by housing exclusion"),
    "EECO17": N_("Participants from rural areas"),
    "LEAVERS": N_("Participants who left in the period"),
    "EECR01": N_("Participants searching for a job upon leaving"),
    "EECR02": N_("Participants in education or training upon leaving"),
    "EECR03": N_("Participants gaining a qualification upon leaving"),
    "EECR04": N_("Participants in employment, including self-employment, upon leaving"),
    "FOLLOWED_UP": N_("Participants whose day six months after leaving falls in the period"),
    "EECR05": N_("Participants in employment, including self-employment, six months after leaving"),
    "EECR06": N_("Participants with an improved labour market situation six months after leaving"),
    "NOT_REACHED": N_("Could not be reached six months after leaving"),
}
SECTIONS: dict[str, str] = {
    "entries": N_("Participants who entered in the period (common output indicators)"),
    LEAVERS: N_("Participants who left in the period (common immediate result indicators)"),
    FOLLOW_UPS: N_("Six months after leaving (common longer-term result indicators)"),
}


def code_of(key: str) -> str:
    """The indicator code a row shows ("" for rows that are no indicator of their own)."""
    return key if key[:4] in ("EECO", "EECR") and "_" not in key else ""


def row_label(key: str, lang: str) -> str:
    if key in LABELS:
        return _(LABELS[key], lang)
    return _(NO_ANSWER if key.endswith("_NA") else NOT_RECORDED, lang)


@dataclass(frozen=True)
class EsfRow:
    key: str
    """Row key (``esf.ROWS``): the CSV's column names."""
    group: str
    code: str
    label: str
    cells: tuple[Cell, ...]
    """Per gender column, then the total."""


@dataclass(frozen=True)
class PublishedEsf:
    lang: str
    period: str
    programme: str
    """The programme's name, or "All programmes" in the report's language."""
    columns: tuple[str, ...]
    rows: tuple[EsfRow, ...]

    def row(self, key: str) -> EsfRow:
        return next(r for r in self.rows if r.key == key)


def column_titles(lang: str) -> tuple[str, ...]:
    genders = tuple(label(g, lang) if g else _("Gender not recorded", lang) for g in COLUMNS)
    return (*genders, _("Total", lang))


def publish(f: EsfFigures, lang: str) -> PublishedEsf:
    states = protect_table(f.counts)
    rows = tuple(
        EsfRow(
            key,
            group,
            code_of(key),
            row_label(key, lang),
            tuple(Cell(v, s) for v, s in zip(f.counts[key], states[key], strict=True)),
        )
        for group, key in ROWS
    )
    programme = f.programme or _("All programmes", lang)
    return PublishedEsf(
        lang, period_text(f.start, f.end, lang), programme, column_titles(lang), rows
    )


Cell_ = tuple[str, int]
Line = list[Cell_]
"""Cells (row key, column index) that add up to the last one."""


def lines() -> list[Line]:
    total = len(COLUMNS)
    out: list[Line] = [[(key, c) for c in range(total + 1)] for _group, key in ROWS]
    for part in PARTITIONS:
        for c in range(total + 1):
            out.append([*((key, c) for key in part), ("EECO01", c)])
    return out


States = dict[str, list[CellState]]
Counts = dict[str, tuple[int, ...]]


def protect_table(counts: Counts) -> States:
    """The quarterly rule on every line, again until no line changes (docs/esf-indicators.md)."""
    states = {key: [single(v).state for v in row] for key, row in counts.items()}
    all_lines = lines()
    changed = True
    while changed:
        changed = False
        for line in all_lines:
            if _protect_line(line, counts, states, all_lines):
                changed = True
    return states


def reader_bounds(
    cell: Cell_, counts: Counts, states: States, all_lines: list[Line]
) -> tuple[float, float]:
    """What a reader knows of a cell: a shown count exactly, "< 3" is 1 or 2, "x" hidden for
    a total is at least 3 and at most the smallest count still shown in one of its lines
    (the smallest is hidden first), and an "x" in a line of nothing but "x" (withheld) is
    anything."""
    key, c = cell
    state = states[key][c]
    if state == CellState.SHOWN:
        return float(counts[key][c]), float(counts[key][c])
    if state == CellState.SMALL:
        return 1.0, float(THRESHOLD - 1)
    mine = [line for line in all_lines if cell in line[:-1]]
    if state == CellState.WITHHELD or any(_all_hidden(line, states) for line in mine):
        return 0.0, math.inf
    return float(THRESHOLD), max(_ceiling(line, counts, states) for line in mine)


def _all_hidden(line: Line, states: States) -> bool:
    return all(states[k][c] in (CellState.HIDDEN, CellState.WITHHELD) for k, c in line[:-1])


def _ceiling(line: Line, counts: Counts, states: States) -> float:
    shown = [counts[k][c] for k, c in line[:-1] if states[k][c] == CellState.SHOWN]
    return float(min([v for v in shown if v > 0], default=math.inf))


def _protect_line(line: Line, counts: Counts, states: States, all_lines: list[Line]) -> bool:
    """Hide the smallest shown cell while a small one is pinned by the line's total;
    withhold the line if none is left. True if anything changed."""
    *parts, (tkey, tcol) = line
    if states[tkey][tcol] != CellState.SHOWN:
        return False  # only a published total lets a reader subtract
    total = counts[tkey][tcol]
    changed = False
    while _pinned(parts, total, counts, states, all_lines):
        shown = [(k, c) for k, c in parts if states[k][c] == CellState.SHOWN and counts[k][c] > 0]
        if not shown:
            for k, c in parts:
                states[k][c] = CellState.WITHHELD
            return True
        k, c = min(shown, key=lambda cell: (counts[cell[0]][cell[1]], parts.index(cell)))
        states[k][c] = CellState.HIDDEN
        changed = True
    return changed


def _pinned(
    parts: list[Cell_], total: int, counts: Counts, states: States, all_lines: list[Line]
) -> bool:
    bounds = [reader_bounds(cell, counts, states, all_lines) for cell in parts]
    for i, ((k, c), (lo, hi)) in enumerate(zip(parts, bounds, strict=True)):
        if states[k][c] == CellState.SHOWN or not 0 < counts[k][c] < THRESHOLD:
            continue
        others = [b for j, b in enumerate(bounds) if j != i]
        low = max(lo, total - sum(h for _l, h in others))
        high = min(hi, total - sum(lo_ for lo_, _h in others))
        if low == high:
            return True
    return False


def to_csv(report: PublishedEsf, start: str, end: str) -> bytes:
    """One row per gender column, one column per indicator (its code), as the PDF hides them."""
    lang = report.lang
    buf = io.StringIO()
    w = csv.writer(buf, delimiter=";", lineterminator="\r\n")
    head = [_("Period start", lang), _("Period end", lang), _("Programme", lang), _("Gender", lang)]
    w.writerow([*head, *(r.key for r in report.rows)])
    for c, column in enumerate(report.columns):
        w.writerow(
            [start, end, _safe(report.programme), column, *(r.cells[c].text for r in report.rows)]
        )
    w.writerow(["", "", "", _(SUPPRESSION_NOTE, lang)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _safe(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (programme names are typed)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
