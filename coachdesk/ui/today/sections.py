"""Turn the reminder service's entries into the sections and rows the Today view shows."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from coachdesk.i18n import N_, _, format_number
from coachdesk.labels import label
from coachdesk.services.context import ChangeKind
from coachdesk.services.esf_due import EsfDue, EsfStep
from coachdesk.services.reminder_lists import (
    AFTERCARE,
    AGREEMENTS,
    CONSENT_SCANS,
    CONSENTS,
    ESF_ENTRY,
    ESF_EXIT,
    ESF_FOLLOW_UP,
    GOALS,
    KEYS,
    MEETINGS,
    RETENTION,
)
from coachdesk.services.reminders import TodayOverview, TodayPages
from coachdesk.ui.today.esf_items import ESF_TEXTS, esf_item
from coachdesk.ui.today.items import COUNTING, LOADING, TodayItem, TodaySection

__all__ = [
    "AFTERCARE",
    "AGREEMENTS",
    "CONSENTS",
    "CONSENT_SCANS",
    "ESF_ENTRY",
    "ESF_EXIT",
    "ESF_FOLLOW_UP",
    "GOALS",
    "KEYS",
    "MEETINGS",
    "RETENTION",
    "build_sections",
    "item_of",
    "loading_sections",
    "section_of",
    "sections_of",
    "summary_text",
]

_TEXTS = {
    MEETINGS: (
        N_("Meetings in the next two weeks"),
        N_("No meetings planned. Plan one in a participant's file under Meetings."),
    ),
    AGREEMENTS: (
        N_("Overdue agreements"),
        N_("Nothing overdue. Agreements made in meetings appear here once their date passes."),
    ),
    GOALS: (
        N_("Goals due"),
        N_("No goal is due in the next two weeks. Give goals a target date to see them here."),
    ),
    CONSENTS: (N_("Consents ending soon"), N_("No consent ends in the next 30 days.")),
    CONSENT_SCANS: (
        N_("Signed consents not scanned"),
        N_(
            "Every written consent older than two weeks has its signed paper in the file. "
            "Attach it in her file under Consents."
        ),
    ),
    AFTERCARE: (
        N_("Aftercare due"),
        N_("No aftercare contact is due this week. Plan them after a participant exits."),
    ),
    RETENTION: (
        N_("Retention date reached"),
        N_("No file has reached its retention date."),
    ),
    **ESF_TEXTS,
}


def _joined(*parts: str) -> str:
    return " - ".join(p for p in parts if p)


def item_of(key: str, e: Any, day: dt.date) -> TodayItem:
    """One entry of the list ``key`` as a row (texts translated now)."""
    pid, name = e.participant_id, e.participant_name
    if isinstance(e, EsfDue):
        return esf_item(e, day)
    if key == MEETINGS:
        return TodayItem(
            ChangeKind.MEETING, e.meeting_id, pid, name, _joined(label(e.kind), e.text), e.held_at
        )
    if key == AGREEMENTS:
        text = _("{who}: {what}").format(who=e.who, what=e.text) if e.who else e.text
        return TodayItem(ChangeKind.AGREEMENT, e.agreement_id, pid, name, text, e.date, True)
    if key == GOALS:
        passed = e.date < day
        text = _("{goal} (target date passed)").format(goal=e.text) if passed else e.text
        return TodayItem(ChangeKind.GOAL, e.goal_id, pid, name, text, e.date, passed)
    recipient = getattr(e, "text", "") or _("a recipient")
    if key == CONSENTS:
        text = _("Consent for {recipient} ends").format(recipient=recipient)
        return TodayItem(ChangeKind.CONSENT, e.consent_id, pid, name, text, e.date)
    if key == CONSENT_SCANS:
        # Opens her file at the consents, where "Attach signed paper…" is one click away.
        text = _("Scan the signed consent for {recipient} into her file").format(
            recipient=recipient
        )
        return TodayItem(ChangeKind.CONSENT, e.consent_id, pid, name, text, e.date, True)
    if key == AFTERCARE:
        text = _joined(_("Aftercare contact"), e.text)
        return TodayItem(ChangeKind.AFTERCARE, e.followup_id, pid, name, text, e.date)
    text = _joined(_("Erase the file or record why it is kept"), e.text)
    return TodayItem(ChangeKind.PARTICIPANT, pid, pid, name, text, e.date)


def items_of(key: str, entries: Iterable[Any], day: dt.date) -> tuple[TodayItem, ...]:
    return tuple(item_of(key, e, day) for e in entries)


def section_of(
    key: str, entries: Iterable[Any], day: dt.date, total: int | None = None
) -> TodaySection:
    """``total`` None: ``entries`` are all of the list; COUNTING: more, not counted yet."""
    title, empty = _TEXTS[key]
    items = items_of(key, entries, day)
    if total is not None and total != COUNTING and total <= len(items):
        total = None
    return TodaySection(key, title, empty, items, total)


def sections_of(pages: TodayPages) -> list[TodaySection]:
    """The first page of each list, with how many entries it holds (-1: being counted)."""
    return [
        section_of(key, page.entries, pages.day, COUNTING if page.total < 0 else page.total)
        for key, page in pages.pages.items()
    ]


def loading_sections() -> list[TodaySection]:
    """Every section while its first page is being read."""
    return [TodaySection(key, *_TEXTS[key], (), LOADING) for key in KEYS]


def summary_text(sections: list[TodaySection]) -> str:
    """At a glance, before scrolling: how many entries each section holds."""
    if not any(s.items for s in sections) and any(s.loading for s in sections):
        return _("Looking for what is due…")
    if not any(s.items for s in sections):
        return _(
            "Nothing is due today. Plan meetings and agreements in a participant's "
            "file; they appear here when they are due."
        )
    counts = " · ".join(
        f"{_(s.title)}: {format_number(s.size) if s.size is not None else '…'}" for s in sections
    )
    return counts + "\n" + _("Double-click an entry or press Enter to open the participant's file.")


def build_sections(overview: TodayOverview) -> list[TodaySection]:
    """Every entry of every list (texts translated now)."""
    every = {
        MEETINGS: overview.upcoming_meetings,
        AGREEMENTS: overview.overdue_agreements,
        GOALS: overview.goals_due,
        CONSENTS: overview.consents_expiring,
        CONSENT_SCANS: overview.consents_without_scan,
        AFTERCARE: overview.aftercare_due,
        RETENTION: overview.retention_reached,
        **{key: _of_step(overview.esf_due, step) for key, step in _ESF_STEPS.items()},
    }
    return [section_of(key, every[key], overview.day) for key in KEYS]


_ESF_STEPS = {ESF_ENTRY: EsfStep.ENTRY, ESF_EXIT: EsfStep.EXIT, ESF_FOLLOW_UP: EsfStep.FOLLOW_UP}


def _of_step(entries: tuple[EsfDue, ...], step: EsfStep) -> tuple[EsfDue, ...]:
    return tuple(e for e in entries if e.step is step)
