"""What every service shares: the session factory, the acting coach, today, change listeners."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from coachdesk.vault.errors import StorageError


@dataclass(frozen=True)
class Changes:
    """What a mutation changed, so each view refreshes only when it is concerned.

    ``kinds`` are entity names ("participant", "goal", "meeting", ...);
    ``participant_ids`` the participants whose files changed.
    """

    kinds: frozenset[str]
    participant_ids: frozenset[int] = frozenset()

    def concerns(self, *kinds: str) -> bool:
        return bool(self.kinds.intersection(kinds))

    @classmethod
    def of(cls, kinds: Iterable[str], participant_ids: Iterable[int | None] = ()) -> Changes:
        return cls(frozenset(kinds), frozenset(p for p in participant_ids if p is not None))


@dataclass
class ServiceContext:
    sessions: sessionmaker[Session]
    actor: str = ""
    today: Callable[[], dt.date] = dt.date.today
    listeners: list[Callable[[Changes], None]] = field(default_factory=list)

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A read-only unit of work."""
        with self.sessions() as s:
            try:
                yield s
            finally:
                s.rollback()

    @contextmanager
    def write(self) -> Iterator[Session]:
        """One user action: one transaction, rolled back whole if anything fails."""
        try:
            with self.sessions.begin() as s:
                yield s
        except IntegrityError:
            raise
        except DBAPIError as exc:
            raise StorageError.from_db_error(exc) from exc
        except OSError as exc:
            raise StorageError.from_os_error(exc) from exc

    def publish(self, changes: Changes) -> None:
        for listener in list(self.listeners):
            listener(changes)
