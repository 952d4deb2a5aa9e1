"""Small counts are hidden after the coaches' figures are added up, never per coach.

Per-coach suppression would not protect: a reader holding the team report and each
coach's published report subtracts the others from the total and finds a small count.
The team report publishes only the merged figures, and a brute-force reader cannot pin
any count below 3 from them.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from coachdesk.models.enums import DataCategory, ExitDestination, MilestoneKind
from coachdesk.reports.published import PublishedReport, publish
from coachdesk.reports.quarterly import QuarterlyFigures, months
from coachdesk.reports.suppression import HIDDEN_TEXT, SMALL_TEXT
from coachdesk.reports.team_figures import merge
from tests.unit.test_reports_suppression import reader_candidates

START, END = dt.date(2026, 1, 1), dt.date(2026, 3, 31)
MONTHS = months(START, END)
DESTINATIONS: list[ExitDestination | None] = [*ExitDestination, None]


def figures(
    entries: list[int], goals: int, destinations: list[int] | None = None
) -> QuarterlyFigures:
    exits = destinations or [0] * len(DESTINATIONS)
    return QuarterlyFigures(
        start=START,
        end=END,
        today=END,
        participants_at_start=10,
        entries_by_month=tuple(zip(MONTHS, entries, strict=True)),
        exits_by_month=((MONTHS[0], sum(exits)), (MONTHS[1], 0), (MONTHS[2], 0)),
        exits_by_destination=tuple(zip(DESTINATIONS, exits, strict=True)),
        currently_active=10,
        currently_in_aftercare=0,
        modules=(),
        goals_reached=goals,
        steps_by_kind=tuple((k, 0) for k in MilestoneKind),
        three_way_meetings=0,
        participants_with_consent=10,
        consents_by_category=tuple((c, 0) for c in DataCategory),
    )


def shown(report: PublishedReport, key: str) -> list[str]:
    return [c.text for c in report.breakdown(key).cells]


def test_per_coach_suppression_would_reveal_what_merged_suppression_hides() -> None:
    # Coach A took in one woman in January and reached one goal; coach B had more.
    a = figures([1, 0, 0], goals=1)
    b = figures([3, 4, 0], goals=7)
    per_coach = [publish(a, "en"), publish(b, "en")]
    team = publish(merge([a, b]), "en")
    # Each coach's own report hides her small counts ...
    assert shown(per_coach[0], "entries_by_month")[0] == SMALL_TEXT
    assert per_coach[0].overview.cells[5].text == SMALL_TEXT  # goals reached
    # ... and the team report shows no small count at all: 4, 4, 0 and 8 goals.
    assert shown(team, "entries_by_month") == ["4", "4", "0"]
    assert team.overview.cells[5].text == "8"
    # A reader with the team report and coach B's report subtracts: coach A's January
    # entry and her goal come out exactly, though her own report said "< 3".
    january = int(shown(team, "entries_by_month")[0]) - int(
        shown(per_coach[1], "entries_by_month")[0]
    )
    goals = int(team.overview.cells[5].text) - int(per_coach[1].overview.cells[5].text)
    assert (january, goals) == (1, 1)
    # Published once, after merging, nothing points to coach A: the team's 4 is all a
    # reader has, and it is not small.


def test_a_small_merged_count_stays_hidden_from_a_brute_force_reader() -> None:
    exits_a = [0] * len(DESTINATIONS)
    exits_b = [0] * len(DESTINATIONS)
    exits_a[0], exits_b[0], exits_b[1] = 4, 5, 1  # one woman in total went to training
    team = publish(merge([figures([0, 0, 0], 0, exits_a), figures([0, 0, 0], 0, exits_b)]), "en")
    texts = shown(team, "exits_by_destination")
    assert texts[1] == SMALL_TEXT
    options = reader_candidates(texts, int(team.breakdown("exits_by_destination").total.text))  # type: ignore[union-attr]
    assert len(options[1]) >= 2


def random_coach(rng: random.Random) -> QuarterlyFigures:
    exits = [rng.choice([0, 0, 0, 1, 1, 2, 3, 5]) for _ in DESTINATIONS]
    f = figures([rng.choice([0, 1, 2, 3, 4]) for _ in MONTHS], rng.choice([0, 1, 2, 5]), exits)
    steps = tuple((k, rng.choice([0, 1, 2, 4])) for k in MilestoneKind)
    return dataclasses.replace(f, steps_by_kind=steps)


def test_no_count_below_3_can_be_derived_from_the_merged_totals() -> None:
    """Like the quarterly report's check: every combination a reader could try."""
    rng = random.Random(18)
    checked = 0
    for _ in range(300):
        parts = [random_coach(rng) for _ in range(rng.randint(2, 4))]
        merged = merge(parts)
        report = publish(merged, "en")
        for b in report.breakdowns:
            values = [c.value for c in b.cells]
            texts = [c.text for c in b.cells]
            for value, text in zip(values, texts, strict=True):
                if 0 < value < 3:
                    assert text in (SMALL_TEXT, HIDDEN_TEXT), (b.key, values, texts)
            if b.total is None or not b.total.shown:
                continue
            candidates = reader_candidates(texts, b.total.value)
            for value, possible in zip(values, candidates, strict=True):
                assert value in possible
                if 0 < value < 3:
                    checked += 1
                    assert len(possible) >= 2, (b.key, values, texts, possible)
    assert checked > 100
