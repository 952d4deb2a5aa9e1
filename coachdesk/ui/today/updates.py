"""What a change means for Today: which sections it concerns, their rows read again (only
the rows of the participants it names, when it names some), and counts off the UI thread."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable

from PySide6.QtCore import QObject, Signal

from coachdesk.facade import Services
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.ui.export.worker import RunningWork, ServiceJob
from coachdesk.ui.today.items import COUNTING, TodaySection
from coachdesk.ui.today.model import PAGE, TodayModel
from coachdesk.ui.today.sections import (
    AFTERCARE,
    AGREEMENTS,
    CONSENT_SCANS,
    CONSENTS,
    ESF_ENTRY,
    ESF_EXIT,
    ESF_FOLLOW_UP,
    GOALS,
    MEETINGS,
    RETENTION,
    items_of,
    section_of,
)

K = ChangeKind
# Every list shows names and leaves archived files out: a participant change concerns all.
SECTION_KINDS: dict[str, frozenset[ChangeKind]] = {
    MEETINGS: frozenset({K.MEETING, K.PARTICIPANT}),
    AGREEMENTS: frozenset({K.MEETING, K.AGREEMENT, K.PARTICIPANT}),
    GOALS: frozenset({K.GOAL, K.PARTICIPANT}),
    CONSENTS: frozenset({K.CONSENT, K.PARTICIPANT, K.ORGANISATION, K.CONTACT}),
    CONSENT_SCANS: frozenset({K.CONSENT, K.ATTACHMENT, K.PARTICIPANT, K.ORGANISATION, K.CONTACT}),
    AFTERCARE: frozenset({K.AFTERCARE, K.PARTICIPANT}),
    # Entry and exit dates, her date of birth and archiving are in her file (PARTICIPANT).
    ESF_ENTRY: frozenset({K.ESF, K.PARTICIPANT}),
    ESF_EXIT: frozenset({K.ESF, K.PARTICIPANT}),
    ESF_FOLLOW_UP: frozenset({K.ESF, K.PARTICIPANT}),
    RETENTION: frozenset({K.PARTICIPANT}),
}
FIRST_STEP_KINDS = frozenset({K.SETTING, K.ORGANISATION, K.PARTICIPANT, K.CONSENT, K.AUDIT})


def concerns_today(changes: Changes) -> bool:
    return changes.concerns(*FIRST_STEP_KINDS) or any(
        changes.concerns(*kinds) for kinds in SECTION_KINDS.values()
    )


def reload_plan(queued: Iterable[Changes]) -> dict[str, frozenset[int] | None]:
    """For each section a set of changes concerns: the participants whose rows to read
    again, or None to read its page again (a change naming no one in particular)."""
    plan: dict[str, frozenset[int] | None] = {}
    for changes in queued:
        for key, kinds in SECTION_KINDS.items():
            if not changes.concerns(*kinds):
                continue
            before = plan.get(key, frozenset())
            if not changes.participant_ids or before is None:
                plan[key] = None
            else:
                plan[key] = before | changes.participant_ids
    return plan


def reloaded(services: Services, section: TodaySection, day: dt.date, page: int) -> TodaySection:
    """The section's entries read again, as many as she has in view (at least a page)."""
    limit = max(page, len(section.items))
    entries = services.reminders.entries(section.key, day, limit=limit)
    total = (section.total if section.has_more else COUNTING) if len(entries) >= limit else None
    return section_of(section.key, entries, day, total)


def updated(
    services: Services, section: TodaySection, day: dt.date, ids: frozenset[int]
) -> TodaySection:
    """The section after a change to the files of ``ids``: only their entries are read.

    The other entries in view are as they were; theirs are merged in up to the last entry
    in view, and if that leaves fewer entries than she had, the next ones fill up.
    """
    key = section.key
    theirs = items_of(
        key, services.reminders.entries(key, day, limit=None, participant_ids=ids), day
    )
    if section.has_more and section.items:
        bound = section.items[-1].order()
        theirs = tuple(i for i in theirs if i.order() <= bound)
    items = sorted(
        [i for i in section.items if i.participant_id not in ids] + list(theirs),
        key=lambda i: i.order(),
    )
    if section.has_more and len(items) < len(section.items):
        more = services.reminders.entries(
            key, day, offset=len(items), limit=len(section.items) - len(items)
        )
        items += items_of(key, more, day)
    # The total beyond the view is counted again off the UI thread; the old one shows meanwhile.
    total = section.total if section.has_more else None
    return TodaySection(key, section.title, section.empty_text, tuple(items), total)


def apply_changes(
    services: Services, model: TodayModel, day: dt.date, queued: Iterable[Changes]
) -> list[str]:
    """Read again what the changes concern, into the model; the keys of the sections to
    count again."""
    plan = reload_plan(queued)
    for key, ids in plan.items():
        section = model.section(key)
        if section is None:
            continue
        if ids is None:
            section = reloaded(services, section, day, PAGE)
        else:
            section = updated(services, section, day, ids)
        model.replace_section(section)
    return list(plan)


class Counter(QObject):
    """Counts the lists (SQL COUNT) in the thread pool; ``counted`` brings
    ``{key: total}`` of the latest count of each list to the UI thread."""

    counted = Signal(object)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._latest: dict[str, int] = {}
        self._jobs: dict[int, ServiceJob] = {}
        self._serials = itertools.count()
        self._running = RunningWork()

    def start(self, count: Callable[[], dict[str, int]], keys: Iterable[str]) -> None:
        keys = list(keys)
        if not keys:
            return
        tickets = {key: self._latest.get(key, 0) + 1 for key in keys}
        self._latest.update(tickets)
        serial = next(self._serials)

        def work() -> tuple[int, dict[str, int], dict[str, int] | None]:
            try:
                return serial, tickets, count()
            except Exception:  # a count cut off by locking the vault: nothing to show
                return serial, tickets, None
            finally:
                self._running.ended()

        job = ServiceJob(work)
        job.signals.finished.connect(self._finished)
        self._jobs[serial] = job
        self._running.started()
        job.start()

    def wait(self, seconds: float = 10.0) -> bool:
        """Until no count runs (before the vault closes)."""
        return self._running.wait(seconds)

    def forget(self) -> None:
        """Results of counts running now are dropped."""
        self._latest = {key: n + 1 for key, n in self._latest.items()}

    def _finished(self, result: tuple[int, dict[str, int], dict[str, int] | None]) -> None:
        serial, tickets, totals = result
        self._jobs.pop(serial, None)
        current = {k: v for k, v in (totals or {}).items() if self._latest.get(k) == tickets[k]}
        if current:
            self.counted.emit(current)
