"""The "ESF Plus" tab of her file: the questions when she entered, when she left, and six
months after. Each part saves on its own; unsaved choices count as unsaved changes of the
file (leaving it asks, Ctrl+S saves them)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.services.context import ChangeKind
from coachdesk.services.errors import NotFoundError
from coachdesk.ui.esf.entry_part import EntryPart
from coachdesk.ui.esf.exit_part import ExitPart
from coachdesk.ui.esf.follow_up_part import FollowUpPart
from coachdesk.ui.esf.part import EsfPart
from coachdesk.ui.file.section import FileSection
from coachdesk.ui.shell.signals import AppSignals

PART_KEYS = ("entry", "exit", "follow_up")
"""The parts' names in a draft."""


class EsfTab(FileSection):
    """``dirty_changed(bool)`` tells the file whether any part has unsaved choices."""

    KINDS = (ChangeKind.ESF, ChangeKind.PARTICIPANT)
    dirty_changed = Signal(bool)

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        today = services.ctx.today
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.entry = EntryPart(services.esf, participant_id, today)
        self.leaving = ExitPart(services.esf, participant_id, today)
        self.follow_up = FollowUpPart(services.esf, participant_id, today)
        page = QWidget()
        column = QVBoxLayout(page)
        column.addWidget(self.intro)
        for part in self.parts:
            column.addWidget(part)
            part.dirty_changed.connect(lambda _d: self.dirty_changed.emit(self.dirty))
        column.addStretch(1)
        self.scroller = QScrollArea()
        self.scroller.setWidgetResizable(True)
        self.scroller.setWidget(page)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroller)
        self.retranslate()
        self.refresh()

    @property
    def parts(self) -> tuple[EsfPart, ...]:
        return (self.entry, self.leaving, self.follow_up)

    @property
    def dirty(self) -> bool:
        return any(part.dirty for part in self.parts)

    def retranslate(self) -> None:
        self.intro.setText(
            _(
                "The European Social Fund Plus asks these questions of every participant. "
                "Her answers stay in her file: they are counted for the funder, never "
                "passed on one by one."
            )
        )
        for part in self.parts:
            part.retranslate()

    def refresh(self) -> None:
        """Reload her answers; a part with unsaved choices keeps them."""
        try:
            file = self.services.esf.get(self.participant_id)
        except NotFoundError:
            return
        for part in self.parts:
            part.show_file(file)

    def save(self) -> bool:
        """Save every part with unsaved choices; False when one was refused (it shows why)."""
        for part in self.parts:
            if part.dirty and not part.save():
                self.scroller.ensureWidgetVisible(part)
                return False
        return True

    def draft_payload(self) -> dict[str, Any]:
        """The unsaved choices of each part, for the file's draft (empty when all is saved)."""
        keys = dict(zip(PART_KEYS, self.parts, strict=True))
        choices = {key: part.state() for key, part in keys.items() if part.dirty}
        return {"esf": choices} if choices else {}

    def restore_draft(self, draft: dict[str, Any]) -> None:
        parts = dict(zip(PART_KEYS, self.parts, strict=True))
        for key, state in draft.get("esf", {}).items():
            if key in parts:
                parts[key].restore_state(state)

    def discard(self) -> None:
        for part in self.parts:
            part.undo()

    def show_follow_up(self) -> None:
        """Bring the six-month questions into view (from the aftercare tab)."""
        self.scroller.ensureWidgetVisible(self.follow_up)
        self.follow_up.answered_on.setFocus()
