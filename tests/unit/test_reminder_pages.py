"""Today's lists in pages: a page, the next pages and the count agree with every entry."""

from __future__ import annotations

import datetime as dt

from coachdesk.services.esf_due import EsfStep
from coachdesk.services.goals import GoalDraft
from coachdesk.services.meetings import AgreementDraft, MeetingDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.reminder_lists import AGREEMENTS, GOALS, KEYS
from tests.conftest import TODAY


def _day(n: int) -> dt.date:
    return TODAY + dt.timedelta(days=n)


def test_pages_and_counts_agree_with_every_entry(services) -> None:  # type: ignore[no-untyped-def]
    ayse = services.participants.create(ParticipantDraft("Ayşe", "Yılmaz")).id
    olena = services.participants.create(ParticipantDraft("Olena", "Kovalenko")).id
    for who, days in ((ayse, (1, 3, 5, 7)), (olena, (2, 4, 6))):
        services.meetings.create(
            who,
            MeetingDraft(
                held_at=dt.datetime.combine(_day(-30), dt.time(10, 0)),
                agreements=tuple(AgreementDraft("Sie", f"due {n}", _day(-n)) for n in days),
            ),
        )
    services.goals.create(olena, GoalDraft("B1", target_date=_day(3)))
    archived = services.participants.create(ParticipantDraft("Cemile", "Arslan")).id
    services.goals.create(archived, GoalDraft("Kita", target_date=_day(1)))
    services.participants.archive(archived)

    every = services.reminders.today()
    pages = services.reminders.first_page(limit=3)
    esf = [len([e for e in every.esf_due if e.step is step]) for step in EsfStep]
    assert [p.total for p in pages.pages.values()] == [
        len(entries)
        for entries in (
            every.upcoming_meetings,
            every.overdue_agreements,
            every.goals_due,
            every.consents_expiring,
            every.consents_without_scan,
            every.aftercare_due,
        )
    ] + [*esf, len(every.retention_reached)]
    agreements = pages.pages[AGREEMENTS]
    assert agreements.total == 7
    # The longest overdue first; the next pages continue where the first ended.
    assert [a.text for a in agreements.entries] == ["due 7", "due 6", "due 5"]
    rest = services.reminders.entries(AGREEMENTS, offset=3, limit=3) + services.reminders.entries(
        AGREEMENTS, offset=6, limit=3
    )
    assert agreements.entries + rest == every.overdue_agreements
    assert services.reminders.counts() == {key: p.total for key, p in pages.pages.items()}
    assert set(services.reminders.counts(keys=[GOALS])) == {GOALS}
    # Hers only, in the same order; an archived file's goal is in no list.
    theirs = services.reminders.entries(AGREEMENTS, limit=None, participant_ids=[olena])
    assert [a.text for a in theirs] == ["due 6", "due 4", "due 2"]
    assert [g.text for g in services.reminders.entries(GOALS)] == ["B1"]
    unknown = services.reminders.first_page(limit=3, count=False)
    assert unknown.pages[AGREEMENTS].total == -1 and set(unknown.pages) == set(KEYS)
