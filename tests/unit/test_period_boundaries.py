"""Boundaries by hand: people entering or leaving on a quarter's first and last day count in
that quarter and in no other; the day before and the day after do not (toward issue 19,
item 5). The demo data never puts anyone on a boundary day, so these are placed on purpose."""

from __future__ import annotations

import datetime as dt

from coachdesk.facade import Services
from coachdesk.models.enums import ExitDestination, ParticipantStatus
from coachdesk.services.participants import ParticipantDraft

Q1 = (dt.date(2026, 1, 1), dt.date(2026, 3, 31))
Q2 = (dt.date(2026, 4, 1), dt.date(2026, 6, 30))
DAY = dt.timedelta(days=1)


def person(services: Services, name: str, entry: dt.date, exit_: dt.date | None = None) -> None:
    services.participants.create(
        ParticipantDraft(
            "Frau",
            name,
            status=ParticipantStatus.EXITED if exit_ else ParticipantStatus.ACTIVE,
            entry_date=entry,
            exit_date=exit_,
            exit_destination=ExitDestination.WORK if exit_ else None,
        )
    )


def test_entries_and_exits_on_the_first_and_last_day(services: Services) -> None:
    start, end = Q1
    person(services, "ErsterTag", start)
    person(services, "LetzterTag", end)
    person(services, "TagDavor", start - DAY)
    person(services, "TagDanach", end + DAY)
    person(services, "GehtAmErsten", dt.date(2025, 6, 1), start)
    person(services, "GehtAmLetzten", dt.date(2025, 6, 1), end)
    person(services, "GingDavor", dt.date(2025, 6, 1), start - DAY)

    q1 = services.reports.quarterly_figures(*Q1)
    q2 = services.reports.quarterly_figures(*Q2)
    assert q1.entries == 2  # the first and the last day, not the day before or after
    assert q1.exits == 2
    months = dict(q1.entries_by_month)
    assert months[dt.date(2026, 1, 1)] == 1 and months[dt.date(2026, 3, 1)] == 1
    assert dict(q1.exits_by_month)[dt.date(2026, 3, 1)] == 1
    # In at the start: entered before the first day and not gone before it; leaving on the
    # first day still counts as there at its start (TagDavor, GehtAmErsten, GehtAmLetzten).
    assert q1.participants_at_start == 3
    assert q2.entries == 1 and q2.exits == 0  # only TagDanach, on the first of April
    assert q2.participants_at_start == 3  # ErsterTag, LetzterTag, TagDavor
