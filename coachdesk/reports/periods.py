"""Report periods: months, calendar quarters, and which periods a report can cover."""

from __future__ import annotations

import datetime as dt

from coachdesk.i18n import N_
from coachdesk.services.errors import ValidationError


def months(start: dt.date, end: dt.date) -> list[dt.date]:
    """The first day of every month the period touches."""
    out = []
    day = start.replace(day=1)
    while day <= end:
        out.append(day)
        day = (day + dt.timedelta(days=32)).replace(day=1)
    return out


def quarter_of(day: dt.date) -> tuple[dt.date, dt.date]:
    """The calendar quarter ``day`` falls in."""
    first = dt.date(day.year, 3 * ((day.month - 1) // 3) + 1, 1)
    after = (first + dt.timedelta(days=93)).replace(day=1)
    return first, after - dt.timedelta(days=1)


def previous_quarter(day: dt.date) -> tuple[dt.date, dt.date]:
    first, _last = quarter_of(day)
    return quarter_of(first - dt.timedelta(days=1))


EARLIEST, LATEST = dt.date(1900, 1, 1), dt.date(2999, 12, 31)


def check_period(start: dt.date, end: dt.date) -> None:
    """A period a report can cover: it ends after it starts and spans at most five years."""
    for name, day in (("start", start), ("end", end)):
        if not EARLIEST <= day <= LATEST:
            raise ValidationError.single(
                name, N_("Choose a date between 1900 and 2999 for the report period.")
            )
    if end < start:
        raise ValidationError.single("end", N_("The period cannot end before it starts."))
    if (end - start).days > 5 * 366:
        raise ValidationError.single("end", N_("Choose a period of at most five years."))
