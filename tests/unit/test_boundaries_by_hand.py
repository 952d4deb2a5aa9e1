"""Boundaries by hand (issue 19, item 5): consents withdrawn, given or ending today, retention
months carried over a year end, the day a retention date comes, and settings read from the
vault rather than from their defaults. The demo data never lands on these days, so each is
placed on purpose; a comparison turned from ``<`` into ``<=`` fails here.
(Entries and exits on a quarter's first and last day: test_period_boundaries.py.)"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from coachdesk.export.consent_filter import filter_participant
from coachdesk.export.facts import WithheldReason
from coachdesk.facade import Services
from coachdesk.models.enums import DataCategory as C
from coachdesk.models.enums import ExitDestination, ParticipantStatus
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.settings import DEFAULT_RETENTION_MONTHS
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY
from tests.unit.test_export_support import Seeded, add_consent, seed

DAY = dt.timedelta(days=1)


def _covered(vault: Vault, seeded: Seeded, on: dt.date = TODAY) -> tuple[frozenset[C], dict]:  # type: ignore[type-arg]
    with vault.sessions() as s:
        f = filter_participant(s, seeded.participant_id, seeded.job_centre_id, None, "Exit", on)
    return f.covered, {w.category: w.reason for w in f.withheld}


@pytest.mark.parametrize(
    ("given_on", "valid_until", "withdrawn_on", "covers", "reason"),
    [
        (TODAY, None, None, True, None),  # given today: valid today
        (TODAY + DAY, None, None, False, WithheldReason.NO_CONSENT),  # given tomorrow
        (TODAY - 30 * DAY, TODAY, None, True, None),  # ends today: still valid today
        (TODAY - 30 * DAY, TODAY - DAY, None, False, WithheldReason.EXPIRED),  # ended yesterday
        (TODAY - 30 * DAY, None, TODAY, False, WithheldReason.WITHDRAWN),  # withdrawn today
        (TODAY - 30 * DAY, None, TODAY + DAY, True, None),  # withdrawn from tomorrow on
        (TODAY - 30 * DAY, TODAY, TODAY, False, WithheldReason.WITHDRAWN),  # both today
    ],
)
def test_a_consent_on_its_first_last_and_withdrawal_day(
    vault: Vault,
    given_on: dt.date,
    valid_until: dt.date | None,
    withdrawn_on: dt.date | None,
    covers: bool,
    reason: WithheldReason | None,
) -> None:
    seeded = seed(vault.sessions)
    add_consent(
        vault.sessions,
        seeded.participant_id,
        {C.GOALS_PROGRESS},
        organisation_id=seeded.job_centre_id,
        given_on=given_on,
        valid_until=valid_until,
        withdrawn_on=withdrawn_on,
    )
    covered, reasons = _covered(vault, seeded)
    assert (C.GOALS_PROGRESS in covered) is covers
    assert reasons.get(C.GOALS_PROGRESS) == reason
    assert reasons[C.HEALTH] == WithheldReason.NO_CONSENT  # never given: no other reason


def test_the_newest_consent_explains_why_it_no_longer_holds(vault: Vault) -> None:
    seeded = seed(vault.sessions)
    pid, jc = seeded.participant_id, seeded.job_centre_id
    # An old one withdrawn long ago, a newer one that ran out yesterday: it ran out.
    add_consent(
        vault.sessions, pid, {C.HEALTH}, organisation_id=jc, withdrawn_on=dt.date(2026, 1, 20)
    )
    add_consent(
        vault.sessions,
        pid,
        {C.HEALTH},
        organisation_id=jc,
        given_on=dt.date(2026, 2, 1),
        valid_until=TODAY - DAY,
    )
    # For another recipient only, valid today: "other recipient", not "no consent".
    add_consent(vault.sessions, pid, {C.FAMILY_CHILDCARE}, organisation_id=seeded.other_org_id)
    _covered_now, reasons = _covered(vault, seeded)
    assert reasons[C.HEALTH] == WithheldReason.EXPIRED
    assert reasons[C.FAMILY_CHILDCARE] == WithheldReason.OTHER_RECIPIENT
    # The day the newer one was given, the older one's withdrawal explains nothing any more.
    covered, reasons = _covered(vault, seeded, dt.date(2026, 2, 1))
    assert C.HEALTH in covered and C.HEALTH not in reasons


def _leaver(services: Services, name: str, exit_date: dt.date) -> int:
    draft = ParticipantDraft(
        "Frau",
        name,
        status=ParticipantStatus.EXITED,
        entry_date=dt.date(2024, 1, 1),
        exit_date=exit_date,
        exit_destination=ExitDestination.WORK,
    )
    return services.participants.create(draft).id


def _retention_until(services: Services, pid: int) -> dt.date | None:
    from coachdesk.models import Participant

    with services.ctx.read() as s:
        p = s.get(Participant, pid)
        assert p is not None
        return p.retention_until


@pytest.mark.parametrize(
    ("months", "exit_date", "until"),
    [
        (1, dt.date(2026, 12, 15), dt.date(2027, 1, 15)),  # over the year end
        (2, dt.date(2026, 11, 3), dt.date(2027, 1, 3)),
        (12, dt.date(2026, 1, 1), dt.date(2027, 1, 1)),  # a whole year: the same day
        (13, dt.date(2026, 12, 1), dt.date(2028, 1, 1)),  # more than a year, over two ends
        (24, dt.date(2025, 12, 31), dt.date(2027, 12, 28)),  # 31st: the 28th, in every month
        (36, dt.date(2026, 3, 16), dt.date(2029, 3, 16)),
        (120, dt.date(2026, 6, 30), dt.date(2036, 6, 28)),
    ],
)
def test_retention_months_are_carried_over_the_year_end(
    services: Services, months: int, exit_date: dt.date, until: dt.date
) -> None:
    services.settings.set_retention_months(months)
    pid = _leaver(services, "Jahreswechsel", exit_date)
    assert _retention_until(services, pid) == until


def test_the_retention_period_is_read_from_the_vault_not_the_default(vault_path) -> None:  # type: ignore[no-untyped-def]
    assert DEFAULT_RETENTION_MONTHS == 36
    with Vault.open(vault_path, PASSPHRASE) as vault:
        Services(vault.sessions, today=lambda: TODAY).settings.set_retention_months(6)
    # Another session of the app: the setting comes from the vault.
    with Vault.open(vault_path, PASSPHRASE) as vault:
        services = Services(vault.sessions, today=lambda: TODAY)
        assert services.settings.retention_months() == 6
        pid = _leaver(services, "Sechs", dt.date(2026, 3, 1))
        assert _retention_until(services, pid) == dt.date(2026, 9, 1)
        # Changing the exit date later uses the setting too.
        record = services.participants.get(pid)
        changed = replace(record.draft(), exit_date=dt.date(2026, 8, 10))
        services.participants.update(pid, changed)
        assert _retention_until(services, pid) == dt.date(2027, 2, 10)


def test_due_for_erasure_from_the_retention_day_on_not_the_day_before(services: Services) -> None:
    services.settings.set_retention_months(1)
    tomorrow = _leaver(services, "Morgen", dt.date(2026, 2, 17))  # -> 17 Mar (made first)
    due_day = _leaver(services, "Heute", TODAY - dt.timedelta(days=28))  # 16 Feb -> 16 Mar
    _leaver(services, "Bleibt", dt.date(2026, 3, 1))  # -> 1 Apr
    services.participants.archive(tomorrow)  # archived people are due all the same
    assert _retention_until(services, due_day) == TODAY
    assert [d.participant_id for d in services.retention.due_for_erasure()] == [due_day]
    assert [d.participant_id for d in services.retention.due_for_erasure(TODAY - DAY)] == []
    later = services.retention.due_for_erasure(TODAY + DAY)
    assert [d.participant_id for d in later] == [due_day, tomorrow]  # soonest date first
    first, second = later
    assert first.retention_until == TODAY and first.exit_date == TODAY - dt.timedelta(days=28)
    assert (first.display_name, first.archived) == ("Frau Heute", False)
    assert (second.display_name, second.archived) == ("Frau Morgen", True)
    assert second.retention_until == dt.date(2026, 3, 17)
