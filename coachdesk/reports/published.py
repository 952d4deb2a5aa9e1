"""The quarterly figures as they leave the vault: labelled, in a language, small counts hidden.

The PDF, the CSV and the preview all show these tables, so they cannot disagree.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from typing import Any

from coachdesk.i18n import N_, _, format_date
from coachdesk.labels import label
from coachdesk.reports.quarterly import QuarterlyFigures
from coachdesk.reports.suppression import Cell, protect, single

SUPPRESSION_NOTE = N_(
    "Counts of 1 or 2 are shown as “< 3”. Where a total would let a reader work out "
    "such a count, the next smallest count is hidden as well (“x”); if that is not "
    "enough, the whole breakdown is hidden. Zero is shown as 0. The figures contain "
    "no names and no personal identifiers."
)


@dataclass(frozen=True)
class Breakdown:
    """One table of the report: labelled counts and, if they add up to one, a total."""

    key: str
    """Stable name of the table (CSV, tests)."""
    title: str
    labels: tuple[str, ...]
    cells: tuple[Cell, ...]
    total_label: str = ""
    total: Cell | None = None


@dataclass(frozen=True)
class ModuleRow:
    title: str
    sessions: int
    participants: Cell
    attendance_rate: str
    """Share present, e.g. "86 %"; "–" when the module has fewer than 3 participants."""


@dataclass(frozen=True)
class PublishedReport:
    lang: str
    period: str
    start: dt.date
    end: dt.date
    overview: Breakdown
    breakdowns: tuple[Breakdown, ...]
    modules: tuple[ModuleRow, ...]
    """Participants per module, without a total: people take several modules."""
    programme: str = ""
    """The programme the report is of ("" for every file)."""

    def breakdown(self, key: str) -> Breakdown:
        for b in (self.overview, *self.breakdowns):
            if b.key == key:
                return b
        raise KeyError(key)


def period_text(start: dt.date, end: dt.date, lang: str) -> str:
    return _("{start} to {end}", lang).format(
        start=format_date(start, lang), end=format_date(end, lang)
    )


def publish(f: QuarterlyFigures, lang: str) -> PublishedReport:
    entries, exits = single(f.entries), single(f.exits)
    overview_rows = (
        (N_("Participants at the start of the period"), f.participants_at_start),
        (N_("Entries in the period"), f.entries),
        (N_("Exits in the period"), f.exits),
        (N_("Currently active ({date})"), f.currently_active),
        (N_("Currently in aftercare ({date})"), f.currently_in_aftercare),
        (N_("Goals reached"), f.goals_reached),
        (N_("Milestones and small steps reached"), f.steps_reached),
        (N_("Three-way meetings held"), f.three_way_meetings),
        (
            N_("Participants with a valid consent at the end of the period"),
            f.participants_with_consent,
        ),
    )
    today = format_date(f.today, lang)
    overview = Breakdown(
        "overview",
        _("Overview", lang),
        tuple(_(text, lang).format(date=today) for text, _n in overview_rows),
        tuple(single(n) for _t, n in overview_rows),
    )
    month_labels = tuple(format_date(m, lang, "MMM yyyy") for m, _n in f.entries_by_month)
    steps = single(f.steps_reached)
    present, excused, absent = f.attendance
    attendance_total = single(present + excused + absent)
    breakdowns = (
        _breakdown(
            "entries_by_month",
            _("Entries per month", lang),
            month_labels,
            [n for _m, n in f.entries_by_month],
            _("Entries", lang),
            entries,
        ),
        _breakdown(
            "exits_by_month",
            _("Exits per month", lang),
            month_labels,
            [n for _m, n in f.exits_by_month],
            _("Exits", lang),
            exits,
        ),
        _breakdown(
            "exits_by_destination",
            _("Exits by destination", lang),
            tuple(
                label(d, lang) if d else _("Not recorded", lang) for d, _n in f.exits_by_destination
            ),
            [n for _d, n in f.exits_by_destination],
            _("Exits", lang),
            exits,
        ),
        _breakdown(
            "steps_by_kind",
            _("Milestones and small steps reached, by kind", lang),
            tuple(label(k, lang) for k, _n in f.steps_by_kind),
            [n for _k, n in f.steps_by_kind],
            _("Reached", lang),
            steps,
        ),
        _breakdown(
            "attendance",
            _("Attendance in modules", lang),
            (_("Present", lang), _("Excused", lang), _("Absent", lang)),
            [present, excused, absent],
            _("Attendance entries", lang),
            attendance_total,
        ),
        _breakdown(
            "consents_by_category",
            _("Participants with a valid consent, by data category", lang),
            tuple(label(c, lang) for c, _n in f.consents_by_category),
            [n for _c, n in f.consents_by_category],
            "",
            None,
        ),
    )
    module_cells = protect([m.participants for m in f.modules], None)
    modules = tuple(
        ModuleRow(m.title, m.sessions, cell, _rate(m.attendance_rate, m.participants, lang))
        for m, cell in zip(f.modules, module_cells, strict=True)
    )
    return PublishedReport(
        lang,
        period_text(f.start, f.end, lang),
        f.start,
        f.end,
        overview,
        breakdowns,
        modules,
        f.programme,
    )


def _breakdown(
    key: str,
    title: str,
    labels: tuple[str, ...],
    values: list[int],
    total_label: str,
    total: Cell | None,
) -> Breakdown:
    return Breakdown(key, title, labels, protect(values, total), total_label, total)


def _rate(rate: float | None, participants: int, lang: str) -> str:
    if rate is None or participants < 3:
        return "–"
    return f"{round(rate * 100)} %"


class _SafeWriter:
    def __init__(self, writer: Any) -> None:
        self.writer = writer

    def writerow(self, row: list[str]) -> None:
        self.writer.writerow([_safe(cell) for cell in row])


def to_csv(report: PublishedReport) -> bytes:
    """Section, item, value: the same figures as the PDF, hidden the same way (UTF-8 with BOM)."""
    lang = report.lang
    buf = io.StringIO()
    w = _SafeWriter(csv.writer(buf, delimiter=";", lineterminator="\r\n"))
    w.writerow([_("Section", lang), _("Item", lang), _("Value", lang)])
    w.writerow([_("Period", lang), "", report.period])
    w.writerow([_("Programme", lang), "", report.programme or _("All programmes", lang)])
    for b in (report.overview, *report.breakdowns):
        for text, cell in zip(b.labels, b.cells, strict=True):
            w.writerow([b.title, text, cell.text])
        if b.total is not None:
            w.writerow([b.title, b.total_label, b.total.text])
    modules = _("Modules held", lang)
    for m in report.modules:
        rows = (
            (_("{module}: sessions", lang), str(m.sessions)),
            (_("{module}: participants", lang), m.participants.text),
            (_("{module}: attendance rate", lang), m.attendance_rate),
        )
        for caption, value in rows:
            w.writerow([modules, caption.format(module=m.title), value])
    w.writerow(["", "", _(SUPPRESSION_NOTE, lang)])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _safe(text: str) -> str:
    """A cell a spreadsheet shows as text, never runs as a formula (module titles are typed)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
