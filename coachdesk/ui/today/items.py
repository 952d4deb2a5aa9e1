"""Today's rows as data: a reminder, a section of them, and how a section's heading reads."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from coachdesk.i18n import _, format_number, ngettext
from coachdesk.services.context import ChangeKind

COUNTING = -1
"""A section's total while the entries beyond its page are still being counted."""
LOADING = -2
"""A section's total while its first page is being read (its items are empty)."""


@dataclass(frozen=True)
class TodayItem:
    """One reminder: what it is about, whose file it belongs to, and which record opens."""

    kind: ChangeKind
    """The kind of record to open: meeting, agreement, goal, consent, aftercare, participant."""
    record_id: int
    participant_id: int
    participant_name: str
    text: str
    when: dt.date | dt.datetime | None = None
    overdue: bool = False
    """Its date has passed: shown with weight (a warning sign, the date in red)."""

    @property
    def identity(self) -> tuple[ChangeKind, int]:
        """The same record in a later load of its section (selection stays on it)."""
        return (self.kind, self.record_id)

    def order(self) -> tuple[Any, int]:
        """Its place in its section: the lists are ordered by date, then by id."""
        return (self.when, self.record_id)


@dataclass(frozen=True)
class TodaySection:
    key: str
    title: str
    """Untranslated message id, translated whenever it is shown."""
    empty_text: str
    """Untranslated message id: what to do while the section is empty."""
    items: tuple[TodayItem, ...] = ()
    total: int | None = None
    """How many entries the list holds: None when ``items`` are all of them, COUNTING
    while the rest are being counted, LOADING while its page is being read."""

    @property
    def loading(self) -> bool:
        return self.total == LOADING

    @property
    def has_more(self) -> bool:
        return self.total is not None and (self.total == COUNTING or self.total > len(self.items))

    @property
    def size(self) -> int | None:
        """The number of entries, None while not known."""
        if self.total is None:
            return len(self.items)
        return None if self.total in (COUNTING, LOADING) else self.total

    def heading(self) -> str:
        title, shown = _(self.title), len(self.items)
        if self.loading:
            return _("{section}: loading…").format(section=title)
        if not self.has_more:
            return f"{title} ({shown})"
        if self.total == COUNTING:
            return _("{section}: first {shown} shown, counting the rest…").format(
                section=title, shown=format_number(shown)
            )
        return _("{section}: {shown} of {total} shown").format(
            section=title, shown=format_number(shown), total=format_number(self.total or 0)
        )

    def more_text(self, page: int) -> str:
        if self.total is None or self.total == COUNTING:
            return _("Show more…")
        count = min(page, self.total - len(self.items))
        return ngettext("Show {count} more…", "Show {count} more…", count).format(
            count=format_number(count)
        )
