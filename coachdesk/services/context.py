"""What every service shares: the session factory, the acting coach, today, change listeners."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field, replace

from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from coachdesk.vault.engine import BEGIN_MODE
from coachdesk.vault.errors import StorageError


class ChangeKind(enum.StrEnum):
    """What kind of record a mutation changed (a view refreshes only for the kinds it shows)."""

    PARTICIPANT = "participant"
    GOAL = "goal"
    MILESTONE = "milestone"
    MODULE = "module"
    ENROLMENT = "enrolment"
    MEETING = "meeting"
    AGREEMENT = "agreement"
    HANDOVER = "handover"
    CONSENT = "consent"
    AFTERCARE = "aftercare"
    ORGANISATION = "organisation"
    CONTACT = "contact"
    RESPONSIBILITY = "responsibility"
    SETTING = "setting"
    EXPORT = "export"
    SIGNING_IDENTITY = "signing_identity"
    DRAFT = "draft"
    AUDIT = "audit"
    ATTACHMENT = "attachment"
    TEAM_FIGURES = "team_figures"
    COLLEAGUE = "colleague"
    TRANSFER = "transfer"
    ESF = "esf"
    """The ESF Plus questionnaires (entry, leaving, six months after)."""
    PROGRAMME = "programme"


_origin: ContextVar[object | None] = ContextVar("coachdesk_change_origin", default=None)


@dataclass(frozen=True)
class Changes:
    """What a mutation changed, so each view refreshes only when it is concerned."""

    kinds: frozenset[ChangeKind]
    participant_ids: frozenset[int] = frozenset()
    """The participants whose files changed (empty: none in particular)."""
    origin: object | None = field(default=None, compare=False)
    """Who asked for the change (the widget that saved), when it said so with
    ``ServiceContext.caused_by``: that widget already shows the result and need not reload."""

    def concerns(self, *kinds: ChangeKind) -> bool:
        return bool(self.kinds.intersection(kinds))

    def caused_by(self, origin: object) -> bool:
        return self.origin is not None and self.origin is origin

    @classmethod
    def of(cls, kinds: Iterable[ChangeKind], participant_ids: Iterable[int | None] = ()) -> Changes:
        return cls(
            frozenset(ChangeKind(k) for k in kinds),
            frozenset(p for p in participant_ids if p is not None),
        )


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
                s.connection(execution_options={BEGIN_MODE: "IMMEDIATE"})
                yield s
        except IntegrityError:
            raise
        except DBAPIError as exc:
            raise StorageError.from_db_error(exc) from exc
        except OSError as exc:
            raise StorageError.from_os_error(exc) from exc

    @contextmanager
    def caused_by(self, origin: object) -> Iterator[None]:
        """Mark the changes published inside the block as caused by ``origin``.

        A context variable, not an attribute: a worker thread's changes keep no origin of the
        UI thread's.
        """
        token = _origin.set(origin)
        try:
            yield
        finally:
            _origin.reset(token)

    def publish(self, changes: Changes) -> None:
        origin = _origin.get()
        if origin is not None and changes.origin is None:
            changes = replace(changes, origin=origin)
        for listener in list(self.listeners):
            listener(changes)
