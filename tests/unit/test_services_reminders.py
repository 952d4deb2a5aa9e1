"""The "today" overview: exactly the expected items for a hand-built situation around TODAY."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from coachdesk.facade import Services
from coachdesk.models.enums import (
    AftercareStatus,
    DataCategory,
    GoalStatus,
    OrganisationKind,
)
from coachdesk.services.aftercare import FollowUpDraft
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.goals import GoalDraft
from coachdesk.services.meetings import AgreementDraft, MeetingDraft
from coachdesk.services.participants import ParticipantDraft
from tests.conftest import TODAY


def day(offset: int) -> dt.date:
    return TODAY + dt.timedelta(days=offset)


def at(offset: int, hour: int) -> dt.datetime:
    return dt.datetime.combine(day(offset), dt.time(hour))


def _person(services: Services, first: str, last: str, exit_date: dt.date | None = None) -> int:
    pid = services.participants.create(ParticipantDraft(first, last)).id
    if exit_date is not None:
        draft = services.participants.get(pid).draft()
        services.participants.update(pid, replace(draft, exit_date=exit_date))
    return pid


def test_today_overview(services: Services) -> None:
    amal = _person(services, "Amal", "Haddad")
    berta = _person(services, "Berta", "Schütz")  # archived below: left out of every list
    cemile = _person(services, "Cemile", "Aydın", exit_date=dt.date(2023, 1, 5))
    dana = _person(services, "Dana", "Bondarenko", exit_date=dt.date(2023, 3, 10))
    _person(services, "Elif", "Kaya", exit_date=dt.date(2023, 3, 20))  # retention 2026-03-20
    meetings, goals = services.meetings, services.goals

    # Meetings: today and in 14 days count; in 15 days, past, archived do not.
    m_today = meetings.create(amal, MeetingDraft(at(0, 8), location="Müttercafé"))
    m_14 = meetings.create(amal, MeetingDraft(at(14, 17)))
    m_15 = meetings.create(amal, MeetingDraft(at(15, 9)))
    past = meetings.create(
        amal,
        MeetingDraft(
            at(-10, 10),
            agreements=(
                AgreementDraft("Amal", "Lebenslauf schicken", due_date=day(-1)),
                AgreementDraft("Coach", "Kita anrufen", due_date=day(0)),
                AgreementDraft("IFK", "Antrag prüfen", due_date=day(-5), done_on=day(-6)),
            ),
        ),
    )
    archived_meeting = meetings.create(
        amal,
        MeetingDraft(at(2, 10), agreements=(AgreementDraft("x", "y", due_date=day(2)),)),
    )
    old_archived = meetings.create(
        amal, MeetingDraft(at(-9, 10), agreements=(AgreementDraft("x", "z", due_date=day(-3)),))
    )
    meetings.archive(archived_meeting.id)
    meetings.archive(old_archived.id)
    meetings.create(
        berta, MeetingDraft(at(1, 9), agreements=(AgreementDraft("B", "b", due_date=day(1)),))
    )
    meetings.create(
        berta, MeetingDraft(at(-5, 9), agreements=(AgreementDraft("B", "c", due_date=day(-1)),))
    )

    # Goals: due within 14 days or overdue, still open or in progress.
    g_14 = goals.create(amal, GoalDraft("Minijob", target_date=day(14)))
    goals.create(amal, GoalDraft("Führerschein", target_date=day(15)))
    g_late = goals.create(
        amal, GoalDraft("B1", status=GoalStatus.IN_PROGRESS, target_date=day(-30))
    )
    goals.create(
        amal, GoalDraft("Kita", status=GoalStatus.REACHED, target_date=day(0), reached_on=day(0))
    )
    goals.create(amal, GoalDraft("Umzug", status=GoalStatus.DROPPED, target_date=day(0)))
    goals.archive(goals.create(amal, GoalDraft("Alt", target_date=day(0))).id)
    goals.create(amal, GoalDraft("Ohne Datum"))
    goals.create(berta, GoalDraft("Praktikum", target_date=day(0)))

    # Consents: last valid day from today to today + 30, not withdrawn.
    org = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Dortmund", OrganisationKind.JOB_CENTRE)
    ).id

    def consent(pid: int, given: int, until: int | None) -> int:
        draft = ConsentDraft(
            frozenset({DataCategory.GOALS_PROGRESS}),
            "Abstimmung",
            day(given),
            recipient_organisation_id=org,
            valid_until=None if until is None else day(until),
        )
        return services.consents.record(pid, draft).id

    c_30 = consent(amal, -100, 30)
    c_31 = consent(amal, -99, 31)
    c_today = consent(amal, -98, 0)
    consent(amal, -97, -1)
    services.consents.withdraw(consent(amal, -96, 5), day(-1))
    c_open = consent(amal, -95, None)
    consent(berta, -100, 3)

    # Aftercare: planned and due within 7 days or overdue.
    aftercare = services.aftercare
    f_7 = aftercare.create(amal, FollowUpDraft(day(7), contact_method="Telefon")).id
    aftercare.create(amal, FollowUpDraft(day(8)))
    f_late = aftercare.create(amal, FollowUpDraft(day(-20))).id
    aftercare.mark_done(aftercare.create(amal, FollowUpDraft(day(-2))).id, day(-1))
    aftercare.create(amal, FollowUpDraft(day(-3), status=AftercareStatus.MISSED))
    aftercare.create(berta, FollowUpDraft(day(0)))

    services.participants.archive(berta)
    services.participants.archive(cemile)  # archived, but her retention date still shows

    overview = services.reminders.today()
    assert overview.day == TODAY
    assert [(m.meeting_id, m.date, m.participant_name) for m in overview.upcoming_meetings] == [
        (m_today.id, TODAY, "Amal Haddad"),
        (m_14.id, day(14), "Amal Haddad"),
    ]
    assert overview.upcoming_meetings[0].text == "Müttercafé"
    assert [(a.agreement_id, a.text, a.date) for a in overview.overdue_agreements] == [
        (past.agreements[0].id, "Lebenslauf schicken", day(-1))
    ]
    assert [(g.goal_id, g.text) for g in overview.goals_due] == [
        (g_late.id, "B1"),
        (g_14.id, "Minijob"),
    ]
    assert [(c.consent_id, c.date, c.text) for c in overview.consents_expiring] == [
        (c_today, TODAY, "Jobcenter Dortmund"),
        (c_30, day(30), "Jobcenter Dortmund"),
    ]
    assert [(f.followup_id, f.text) for f in overview.aftercare_due] == [
        (f_late, ""),
        (f_7, "Telefon"),
    ]
    assert [(r.participant_id, r.date, r.archived) for r in overview.retention_reached] == [
        (cemile, dt.date(2026, 1, 5), True),
        (dana, dt.date(2026, 3, 10), False),
    ]
    assert {item.participant_id for item in overview.goals_due} == {amal}
    # Written consents in force and given over two weeks ago have no scan in her file.
    assert [c.consent_id for c in overview.consents_without_scan] == [c_30, c_31, c_today, c_open]
    # Dana and Elif left without a leaving questionnaire, and their six-month follow-ups
    # (scheduled when their exit dates were saved) are open; Cemile is archived (test_esf_due).
    assert sorted((d.participant_id, str(d.step)) for d in overview.esf_due) == [
        (dana, "exit"),
        (dana, "follow_up"),
        (dana + 1, "exit"),
        (dana + 1, "follow_up"),
    ]
    assert overview.count == 15 + len(overview.esf_due)
    # Another day moves the windows.
    later = services.reminders.today(day(7))
    assert [m.meeting_id for m in later.upcoming_meetings] == [m_14.id, m_15.id]
    assert [a.text for a in later.overdue_agreements] == ["Lebenslauf schicken", "Kita anrufen"]
