"""Quarterly figures as plain JSON values, and the team's figures as the sum of its coaches'.

Only counts travel: months, destinations, kinds and categories are the program's own
codes; module titles are the coaches' catalogue titles (the one typed text, see
``docs/team-figures-format.md`` on what could still point to a person).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from coachdesk.models.enums import DataCategory, ExitDestination, MilestoneKind
from coachdesk.reports.quarterly import ModuleFigures, QuarterlyFigures, months

K = TypeVar("K")
MODULE_COUNTS = ("sessions", "participants", "present", "excused", "absent")


def figures_to_json(f: QuarterlyFigures) -> dict[str, Any]:
    return {
        "period_start": f.start.isoformat(),
        "period_end": f.end.isoformat(),
        "status_date": f.today.isoformat(),
        "participants_at_start": f.participants_at_start,
        "entries_by_month": [[m.isoformat(), n] for m, n in f.entries_by_month],
        "exits_by_month": [[m.isoformat(), n] for m, n in f.exits_by_month],
        "exits_by_destination": [[d and str(d), n] for d, n in f.exits_by_destination],
        "currently_active": f.currently_active,
        "currently_in_aftercare": f.currently_in_aftercare,
        "modules": [
            {"title": m.title, **{k: getattr(m, k) for k in MODULE_COUNTS}} for m in f.modules
        ],
        "goals_reached": f.goals_reached,
        "steps_by_kind": [[str(k), n] for k, n in f.steps_by_kind],
        "three_way_meetings": f.three_way_meetings,
        "participants_with_consent": f.participants_with_consent,
        "consents_by_category": [[str(c), n] for c, n in f.consents_by_category],
    }


def _count(value: object) -> int:
    if type(value) is not int or not 0 <= value < 10**9:
        raise ValueError("not a count")
    return value


def _pairs(
    raw: object, key: Callable[[Any], K], expected: Sequence[K]
) -> tuple[tuple[K, int], ...]:
    """Pairs of (code, count) in exactly the order this version of CoachDesk counts them."""
    if not isinstance(raw, list):
        raise ValueError("not a list")
    pairs = []
    for item in raw:
        if not isinstance(item, list) or len(item) != 2:
            raise ValueError("not a pair")
        pairs.append((key(item[0]), _count(item[1])))
    if [k for k, _n in pairs] != list(expected):
        raise ValueError("unexpected keys")
    return tuple(pairs)


def figures_from_json(raw: Any) -> QuarterlyFigures:
    """The figures of a verified file; ValueError (or KeyError, TypeError) if malformed."""
    start = dt.date.fromisoformat(raw["period_start"])
    end = dt.date.fromisoformat(raw["period_end"])
    if end < start or (end - start).days > 5 * 366:
        raise ValueError("not a period")
    month_list = months(start, end)
    modules = []
    for m in raw["modules"]:
        if not isinstance(m["title"], str) or len(m["title"]) > 500:
            raise ValueError("not a title")
        modules.append(ModuleFigures(m["title"], *(_count(m[k]) for k in MODULE_COUNTS)))
    destinations: list[ExitDestination | None] = [*ExitDestination, None]
    return QuarterlyFigures(
        start=start,
        end=end,
        today=dt.date.fromisoformat(raw["status_date"]),
        participants_at_start=_count(raw["participants_at_start"]),
        entries_by_month=_pairs(raw["entries_by_month"], dt.date.fromisoformat, month_list),
        exits_by_month=_pairs(raw["exits_by_month"], dt.date.fromisoformat, month_list),
        exits_by_destination=_pairs(
            raw["exits_by_destination"], lambda d: ExitDestination(d) if d else None, destinations
        ),
        currently_active=_count(raw["currently_active"]),
        currently_in_aftercare=_count(raw["currently_in_aftercare"]),
        modules=tuple(modules),
        goals_reached=_count(raw["goals_reached"]),
        steps_by_kind=_pairs(raw["steps_by_kind"], MilestoneKind, list(MilestoneKind)),
        three_way_meetings=_count(raw["three_way_meetings"]),
        participants_with_consent=_count(raw["participants_with_consent"]),
        consents_by_category=_pairs(raw["consents_by_category"], DataCategory, list(DataCategory)),
    )


def _sum_pairs(parts: Sequence[tuple[tuple[K, int], ...]]) -> tuple[tuple[K, int], ...]:
    keys = [k for k, _n in parts[0]]
    return tuple((k, sum(dict(p)[k] for p in parts)) for k in keys)


def merge_modules(modules: Sequence[ModuleFigures]) -> tuple[ModuleFigures, ...]:
    """Modules of the same title added up (several coaches may hold the same offer)."""
    by_title: dict[str, list[int]] = {}
    for m in modules:
        counts = by_title.setdefault(m.title, [0] * len(MODULE_COUNTS))
        for i, k in enumerate(MODULE_COUNTS):
            counts[i] += getattr(m, k)
    return tuple(ModuleFigures(t, *by_title[t]) for t in sorted(by_title))


def merge(parts: Sequence[QuarterlyFigures]) -> QuarterlyFigures:
    """The team's raw counts: every count is the sum of the coaches' counts.

    All parts cover the same period (the import refuses others). "Currently active" and
    "in aftercare" are each coach's status on her export day; the team's status date is
    the latest of them.
    """
    if not parts:
        raise ValueError("nothing to merge")
    first = parts[0]
    if any((p.start, p.end) != (first.start, first.end) for p in parts):
        raise ValueError("figures of different periods")

    def total(name: str) -> int:
        return sum(int(getattr(p, name)) for p in parts)

    return QuarterlyFigures(
        start=first.start,
        end=first.end,
        today=max(p.today for p in parts),
        participants_at_start=total("participants_at_start"),
        entries_by_month=_sum_pairs([p.entries_by_month for p in parts]),
        exits_by_month=_sum_pairs([p.exits_by_month for p in parts]),
        exits_by_destination=_sum_pairs([p.exits_by_destination for p in parts]),
        currently_active=total("currently_active"),
        currently_in_aftercare=total("currently_in_aftercare"),
        modules=merge_modules([m for p in parts for m in p.modules]),
        goals_reached=total("goals_reached"),
        steps_by_kind=_sum_pairs([p.steps_by_kind for p in parts]),
        three_way_meetings=total("three_way_meetings"),
        participants_with_consent=total("participants_with_consent"),
        consents_by_category=_sum_pairs([p.consents_by_category for p in parts]),
    )
