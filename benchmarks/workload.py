"""The measured workload, runnable on the encrypted vault and on a plain SQLite copy."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import select
from sqlalchemy.orm import Session, aliased, sessionmaker

from benchmarks.stats import Timing, measure, measure_each
from benchmarks.vaults import DEMO_TODAY
from coachdesk import models as m
from coachdesk.facade import Services
from coachdesk.vault.engine import CONNECTION_PRAGMAS, configure, engine_from
from coachdesk.vault.store import Vault

_WORD = re.compile(r"[^\W\d_]{5,}", re.UNICODE)


def search_queries(sessions: sessionmaker[Session], count: int = 200, seed: int = 3) -> list[str]:
    """Name prefixes, surnames and words from meeting summaries, as a coach would type them."""
    rng = random.Random(seed)
    with sessions() as s:
        names = s.execute(select(m.Participant.first_name, m.Participant.last_name)).all()
        summaries = list(s.scalars(select(m.Meeting.shared_summary).limit(2000)))
    words = sorted({w for text_ in summaries for w in _WORD.findall(text_)})
    queries: list[str] = []
    while len(queries) < count:
        kind = len(queries) % 3
        first, last = rng.choice(names)
        if kind == 0:
            queries.append(first[: rng.randint(2, 4)])
        elif kind == 1:
            queries.append(last)
        else:
            queries.append(rng.choice(words) if words else last)
    return queries


def sample_ids(
    sessions: sessionmaker[Session], count: int, seed: int = 5, current: bool = False
) -> list[int]:
    """``count`` participants drawn with ``seed``; ``current``: only files not archived (the
    ones a coach edits; the archive of the 50,000 vault holds name twins, which a save of
    one of them would refuse as a duplicate)."""
    query = select(m.Participant.id)
    if current:
        twin = aliased(m.Participant)
        has_twin = (
            select(twin.id)
            .where(
                twin.id != m.Participant.id,
                twin.first_name == m.Participant.first_name,
                twin.last_name == m.Participant.last_name,
                twin.date_of_birth == m.Participant.date_of_birth,
            )
            .exists()
        )
        query = query.where(m.Participant.archived_at.is_(None), ~has_twin)
    with sessions() as s:
        ids = list(s.scalars(query))
    return random.Random(seed).sample(ids, min(count, len(ids)))


def open_participant_file(services: Services, participant_id: int) -> None:
    """Everything the participant file shows, as its tabs load it."""
    services.participants.get(participant_id)
    services.goals.list_for_participant(participant_id)
    services.modules.enrolments_for_participant(participant_id)
    services.meetings.list_for_participant(participant_id)
    services.handovers.list_for_participant(participant_id)
    services.consents.list_for_participant(participant_id)
    services.aftercare.list_for_participant(participant_id)


@dataclass(frozen=True)
class WorkloadResult:
    search: Timing
    participant_file: Timing
    today: Timing
    list_all: Timing
    writes: Timing

    def as_json(self) -> dict[str, Any]:
        return {k: getattr(self, k).as_json() for k in self.__dataclass_fields__}


def run_workload(sessions: sessionmaker[Session]) -> WorkloadResult:
    # The demo's own day: with the calendar's, Today's figures would grow week by week.
    services = Services(sessions, actor="Benchmark", today=lambda: DEMO_TODAY)
    queries = search_queries(sessions)
    search = measure_each([_bind(services.participants.list, query=q) for q in queries], warmup=5)
    ids = sample_ids(sessions, 50)
    participant_file = measure_each([_bind(open_participant_file, services, i) for i in ids])
    today = measure(services.reminders.today, runs=5)
    list_all = measure(services.participants.list, runs=5)
    written = write_sequence(sample_ids(sessions, 50, current=True))
    writes = measure_each([_bind(update_one, services, i) for i in written])
    return WorkloadResult(search, participant_file, today, list_all, writes)


def write_sequence(ids: list[int], count: int = 60, seed: int = 9) -> list[int]:
    """The participants written to, in order: the same on every copy of a vault."""
    rng = random.Random(seed)
    return [rng.choice(ids) for _ in range(count)]


def update_one(services: Services, participant_id: int) -> None:
    """Open her record and save a changed language list: one committed write with its audit row.

    The value alternates, so every call changes the row (a save that changes nothing commits
    nothing and would cost no fsync); two copies given the same ids stay identical.
    """
    record = services.participants.get(participant_id)
    draft = record.draft()
    languages = "de, fr" if draft.languages == "de, en" else "de, en"
    services.participants.update(participant_id, replace(draft, languages=languages))


def _bind(fn: Callable[..., Any], *args: Any, **kwargs: Any) -> Callable[[], Any]:
    return lambda: fn(*args, **kwargs)


def plain_copy(vault: Vault, target: Path) -> Path:
    """Export the vault's content to an unencrypted SQLite file (the peer without SQLCipher)."""
    target.unlink(missing_ok=True)
    conn = vault.engine.raw_connection()  # autocommit: ATTACH/DETACH outside a transaction
    try:
        conn.execute(f"ATTACH DATABASE '{target}' AS plaintext KEY ''")
        conn.execute("SELECT sqlcipher_export('plaintext')")
        conn.execute("DETACH DATABASE plaintext")
    finally:
        conn.close()
    return target


def plain_sessions(
    path: Path, pragmas: Sequence[str] = CONNECTION_PRAGMAS, *, lifo: bool = True
) -> sessionmaker[Session]:
    """Same SQLite build, engine and settings as the vault, but no key: the cost of encryption."""

    return sessionmaker(
        engine_from(lambda: plain_connection(path, pragmas), lifo=lifo), expire_on_commit=False
    )


def plain_connection(path: Path, pragmas: Sequence[str] = CONNECTION_PRAGMAS) -> Any:
    """A connection to the plain copy with the vault's settings (the same build, no key)."""
    conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
    configure(conn, pragmas)
    return conn
