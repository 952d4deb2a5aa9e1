"""The measured workload, runnable on the encrypted vault and on a plain SQLite copy."""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import sqlcipher3
from sqlalchemy import create_engine, select, text
from sqlalchemy.orm import Session, sessionmaker

from benchmarks.stats import Timing, measure, measure_each
from coachdesk import models as m
from coachdesk.facade import Services
from coachdesk.vault.engine import CACHE_KIB
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


def sample_ids(sessions: sessionmaker[Session], count: int, seed: int = 5) -> list[int]:
    with sessions() as s:
        ids = list(s.scalars(select(m.Participant.id)))
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
    services = Services(sessions, actor="Benchmark")
    queries = search_queries(sessions)
    search = measure_each([_bind(services.participants.list, query=q) for q in queries], warmup=5)
    ids = sample_ids(sessions, 50)
    participant_file = measure_each([_bind(open_participant_file, services, i) for i in ids])
    today = measure(services.reminders.today, runs=5)
    list_all = measure(services.participants.list, runs=5)
    writes = measure(_bind(_update_one, services, ids), runs=20)
    return WorkloadResult(search, participant_file, today, list_all, writes)


def _update_one(services: Services, ids: list[int]) -> None:
    pid = random.choice(ids)
    record = services.participants.get(pid)
    draft = record.draft()
    services.participants.update(pid, type(draft)(**{**draft.__dict__, "languages": "de, en"}))


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


def plain_sessions(path: Path) -> sessionmaker[Session]:
    """Same SQLite build, same settings as the vault, but no key: the cost of encryption."""

    def creator() -> Any:
        conn = sqlcipher3.connect(str(path), check_same_thread=False, isolation_level=None)
        for pragma in (
            "foreign_keys = ON",
            "secure_delete = ON",
            "temp_store = MEMORY",
            "journal_mode = WAL",
            "synchronous = FULL",
            f"cache_size = -{CACHE_KIB}",
        ):
            conn.execute(f"PRAGMA {pragma}")
        return conn

    engine = create_engine("sqlite://", module=sqlcipher3, creator=creator)
    with engine.connect() as conn:
        conn.execute(text("SELECT 1"))
    from sqlalchemy import event

    event.listen(engine, "begin", lambda c: c.exec_driver_sql("BEGIN"))
    return sessionmaker(engine, expire_on_commit=False)
