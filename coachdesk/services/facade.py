"""All services of an open vault, handed to the UI and the CLI as one object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from sqlalchemy.orm import Session, sessionmaker

from coachdesk.services.audit import AuditService
from coachdesk.services.context import Changes, ServiceContext
from coachdesk.services.participants import ParticipantService
from coachdesk.services.search import SearchService
from coachdesk.services.settings import SettingsService


class Services:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        actor: str = "",
        today: Callable[[], dt.date] = dt.date.today,
    ) -> None:
        self.ctx = ServiceContext(sessions, actor, today)
        self.participants = ParticipantService(self.ctx)
        self.search = SearchService(self.ctx)
        self.settings = SettingsService(self.ctx)
        self.audit = AuditService(self.ctx)
        if not actor:
            self.ctx.actor = self.settings.coach_name()

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        """Call ``listener`` after every committed mutation."""
        self.ctx.listeners.append(listener)
