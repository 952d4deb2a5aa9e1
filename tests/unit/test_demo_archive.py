"""A big demo is a long-running programme: recent files in every status, an older archive before.

The benchmark's 50,000 participants are a Träger's ten years: the last ``recent_files``
are the mix every demo has, the rest were closed four to ten years ago and archived.
Here the same shape is made small (60 participants, 20 recent).
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from coachdesk import models as m
from coachdesk.demo.generate import ARCHIVE_DAYS, generate_demo
from coachdesk.demo.people import ARCHIVE_RETENTION_MONTHS
from coachdesk.demo.records import add_months
from coachdesk.models.enums import ParticipantStatus
from coachdesk.vault.store import Vault
from tests.conftest import TODAY

RECENT = 20
OLD = 40


@pytest.fixture
def archive(vault: Vault) -> list[m.Participant]:
    summary = generate_demo(
        vault, participants=OLD + RECENT, seed=4, today=TODAY, recent_files=RECENT
    )
    assert summary.participants == OLD + RECENT
    with vault.sessions() as s:
        return list(s.scalars(select(m.Participant).order_by(m.Participant.id)))


def test_the_older_files_are_archived_oldest_first_and_kept_ten_years(
    archive: list[m.Participant],
) -> None:
    old = archive[:OLD]
    newest, oldest = ARCHIVE_DAYS
    for p in old:
        assert p.status == ParticipantStatus.ARCHIVED and p.archived_at is not None
        assert p.exit_date is not None and p.entry_date < p.exit_date
        assert TODAY - dt.timedelta(days=oldest + 30) <= p.exit_date
        assert p.exit_date <= TODAY - dt.timedelta(days=newest)
        assert p.archived_at.date() > p.exit_date
        # Still within its retention: a ten-year archive is not a list of overdue erasures.
        assert p.retention_until == add_months(p.exit_date, ARCHIVE_RETENTION_MONTHS)
        assert p.retention_until > TODAY
    assert old[0].exit_date is not None and old[-1].exit_date is not None
    assert old[0].exit_date < old[-1].exit_date  # ids follow time, as in a real vault


def test_the_recent_files_cover_every_status(archive: list[m.Participant]) -> None:
    assert {p.status for p in archive[OLD:]} == set(ParticipantStatus)


def test_no_old_consent_runs_out_these_days(vault: Vault, archive: list[m.Participant]) -> None:
    """Only recent files remind of an expiring consent; an old one's dates are long past."""
    old_ids = {p.id for p in archive[:OLD]}
    with vault.sessions() as s:
        consents = [c for c in s.scalars(select(m.Consent)) if c.participant_id in old_ids]
    assert consents
    for c in consents:
        ended = c.withdrawn_on or c.valid_until
        assert ended is None or ended < TODAY - dt.timedelta(days=365)


def test_old_files_have_nothing_coming_up(vault: Vault, archive: list[m.Participant]) -> None:
    old_ids = {p.id for p in archive[:OLD]}
    start = dt.datetime.combine(TODAY, dt.time())
    with vault.sessions() as s:
        meetings = [x for x in s.scalars(select(m.Meeting)) if x.participant_id in old_ids]
        followups = [
            x for x in s.scalars(select(m.AftercareFollowUp)) if x.participant_id in old_ids
        ]
    assert meetings and all(x.held_at < start for x in meetings)
    assert followups == []
