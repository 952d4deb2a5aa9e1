"""What changed between two printed plans, as sentences she can read.

Each change is a text of ``plan_texts`` with its values: the page prints it in every
language of the plan. Items are matched by their id in the vault, so a goal renamed is the
same goal; a step or an agreement done is told once, in the plan after it was done.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from coachdesk.export import plan_texts as T
from coachdesk.export.plan_facts import NEXT_APPOINTMENTS, PlanFacts
from coachdesk.models.enums import GoalStatus


@dataclass(frozen=True)
class PlanChange:
    msgid: str
    """One of ``plan_texts.CHANGE_TEXTS``."""
    values: tuple[tuple[str, str], ...]
    """The values put into it (title, who, what, when), the same in every language."""

    @property
    def params(self) -> dict[str, str]:
        return dict(self.values)


def when_text(at: dt.datetime) -> str:
    """A time as digits, read alike in every language of the plan: 12.01.2027 10:30."""
    return at.strftime("%d.%m.%Y %H:%M")


def day_text(day: dt.date) -> str:
    return day.strftime("%d.%m.%Y")


def changes(before: PlanFacts, now: PlanFacts, on: dt.date) -> tuple[PlanChange, ...]:
    """From the plan printed ``before`` to the one printed ``now`` on ``on``."""
    out: list[PlanChange] = []
    steps: list[PlanChange] = []
    old_goals = {g.id: g for g in before.goals}
    new_goals = {g.id: g for g in now.goals}
    for g in now.goals:
        old = old_goals.get(g.id)
        if old is None:
            out.append(PlanChange(T.NEW_GOAL, (("title", g.title),)))
        elif g.status == GoalStatus.REACHED and old.status != GoalStatus.REACHED:
            out.append(PlanChange(T.GOAL_REACHED, (("title", g.title),)))
        old_steps = {x.id: x for x in old.steps} if old is not None else {}
        for step in g.steps:
            was = old_steps.get(step.id)
            if was is None and old is not None:
                steps.append(PlanChange(T.NEW_STEP, (("title", step.title),)))
            if step.done is not None and (was is None or was.done is None):
                steps.append(PlanChange(T.STEP_DONE, (("title", step.title),)))
    out += [
        PlanChange(T.GOAL_GONE, (("title", g.title),))
        for g in before.goals
        if g.id not in new_goals
    ]
    out += steps
    out += _agreements(before, now)
    out += _appointments(before, now, on)
    return tuple(out)


def _agreements(before: PlanFacts, now: PlanFacts) -> list[PlanChange]:
    out = []
    was_open = {a.id for a in before.open_agreements}
    current = {a.id: a for a in now.agreements}
    for a in now.agreements:
        pair = (("who", a.who), ("what", a.what))
        if a.done is None and a.id not in was_open:
            out.append(PlanChange(T.NEW_AGREEMENT, pair))
        elif a.done is not None and a.id in was_open:
            out.append(PlanChange(T.AGREEMENT_DONE, pair))
    for a in before.open_agreements:
        if a.id not in current:
            out.append(PlanChange(T.AGREEMENT_GONE, (("who", a.who), ("what", a.what))))
    return out


def _appointments(before: PlanFacts, now: PlanFacts, on: dt.date) -> list[PlanChange]:
    old = {a.id: a for a in before.appointments}
    new = {a.id: a for a in now.appointments}
    out = []
    for a in now.appointments:
        was = old.get(a.id)
        if was is None or was.at != a.at:
            out.append(PlanChange(T.NEW_APPOINTMENT, (("when", when_text(a.at)),)))
    start = dt.datetime.combine(on, dt.time())
    # The plan shows the next few: one beyond the last it shows is still planned.
    full = len(now.appointments) >= NEXT_APPOINTMENTS
    last = now.appointments[-1].at if now.appointments else None
    for a in before.appointments:
        moved = a.id in new and new[a.id].at != a.at
        beyond = full and last is not None and a.at > last and a.id not in new
        # One held since is no change to tell; one no longer there, or at another time, is.
        if a.at >= start and not beyond and (a.id not in new or moved):
            out.append(PlanChange(T.APPOINTMENT_GONE, (("when", when_text(a.at)),)))
    return out
