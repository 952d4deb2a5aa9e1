"""All services of an open vault, handed to the UI and the CLI as one object.

It sits above export/ and reports/ (it hands out their services too), below ui/ and cli/.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session, sessionmaker

from coachdesk.services.aftercare import AftercareService
from coachdesk.services.attachments import AttachmentService
from coachdesk.services.audit import AuditService
from coachdesk.services.colleagues import ColleagueService
from coachdesk.services.consents import ConsentService
from coachdesk.services.context import Changes, ServiceContext
from coachdesk.services.directory import DirectoryService
from coachdesk.services.drafts import DraftService
from coachdesk.services.esf import EsfService
from coachdesk.services.first_steps import FirstStepsService
from coachdesk.services.goals import GoalService
from coachdesk.services.handovers import HandoverService
from coachdesk.services.meetings import MeetingService
from coachdesk.services.modules import ModuleService
from coachdesk.services.participants import ParticipantService
from coachdesk.services.programmes import ProgrammeService
from coachdesk.services.reminders import ReminderService
from coachdesk.services.retention import RetentionService
from coachdesk.services.search import SearchService
from coachdesk.services.settings import SettingsService
from coachdesk.services.vault_admin import VaultAdminService
from coachdesk.vault.store import Vault

if TYPE_CHECKING:
    from coachdesk.export.service import ExportService
    from coachdesk.export.transfer.service import TransferService
    from coachdesk.imports.service import ImportService
    from coachdesk.reports.service import ReportService


class Services:
    def __init__(
        self,
        sessions: sessionmaker[Session],
        *,
        actor: str = "",
        today: Callable[[], dt.date] = dt.date.today,
        vault: Vault | None = None,
    ) -> None:
        self.ctx = ServiceContext(sessions, actor, today)
        self._vault = vault
        self.participants = ParticipantService(self.ctx)
        self.search = SearchService(self.ctx)
        self.settings = SettingsService(self.ctx)
        self.audit = AuditService(self.ctx)
        self.goals = GoalService(self.ctx)
        self.modules = ModuleService(self.ctx)
        self.meetings = MeetingService(self.ctx)
        self.handovers = HandoverService(self.ctx)
        self.consents = ConsentService(self.ctx)
        self.directory = DirectoryService(self.ctx)
        self.aftercare = AftercareService(self.ctx)
        self.reminders = ReminderService(self.ctx)
        self.drafts = DraftService(self.ctx)
        self.retention = RetentionService(self.ctx)
        self.first_steps = FirstStepsService(self.ctx)
        self.attachments = AttachmentService(self.ctx)
        self.colleagues = ColleagueService(self.ctx)
        self.programmes = ProgrammeService(self.ctx)
        self.esf = EsfService(self.ctx)
        if not actor:
            self.ctx.actor = self.settings.coach_name()

    # Documents pull in ReportLab and pyHanko (a third of a second to import): loaded when
    # first used, not at unlock.
    @functools.cached_property
    def exports(self) -> ExportService:
        from coachdesk.export.service import ExportService

        return ExportService(self.ctx)

    @functools.cached_property
    def reports(self) -> ReportService:
        from coachdesk.reports.service import ReportService

        return ReportService(self.ctx)

    @functools.cached_property
    def imports(self) -> ImportService:
        from coachdesk.imports.service import ImportService

        return ImportService(self.ctx)

    @functools.cached_property
    def transfers(self) -> TransferService:
        from coachdesk.export.transfer.service import TransferService

        return TransferService(self.ctx)

    @functools.cached_property
    def vault_admin(self) -> VaultAdminService:
        """Backups, restore, passphrase and recovery code of the vault these services work on."""
        if self._vault is None:
            raise RuntimeError("Services made without their vault cannot administer it")
        return VaultAdminService(self.ctx, self._vault)

    @property
    def is_locked(self) -> bool:
        """Whether the vault these services work on was locked (a late signal must not read)."""
        return self._vault is not None and self._vault.is_locked

    def subscribe(self, listener: Callable[[Changes], None]) -> None:
        """Call ``listener`` after every committed mutation."""
        self.ctx.listeners.append(listener)
