"""The main views a coach moves between, and loading those that other modules provide."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWidget

from coachdesk.i18n import N_, _

TODAY, PARTICIPANTS, MEETINGS, MODULES, CONTACTS, REPORTS, SETTINGS = (
    "today",
    "participants",
    "meetings",
    "modules",
    "contacts",
    "reports",
    "settings",
)
VIEWS: tuple[tuple[str, str], ...] = (
    (TODAY, N_("Today")),
    (PARTICIPANTS, N_("Participants")),
    (MEETINGS, N_("Meetings")),
    (MODULES, N_("Modules")),
    (CONTACTS, N_("Contacts")),
    (REPORTS, N_("Reports")),
    (SETTINGS, N_("Settings")),
)
# Views written elsewhere in ui/, imported when first shown: (module, class).
LAZY_VIEWS = {
    MEETINGS: ("coachdesk.ui.meetings_view", "MeetingsView"),
    MODULES: ("coachdesk.ui.modules_view", "ModulesView"),
    CONTACTS: ("coachdesk.ui.contacts_view", "ContactsView"),
    REPORTS: ("coachdesk.ui.reports_view", "ReportsView"),
}


class MissingView(QLabel):
    """Shown in place of a view whose module is not part of this build."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.title = title
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.retranslate()

    def retranslate(self) -> None:
        self.setText(
            _('"{view}" is not available in this version of CoachDesk.').format(view=_(self.title))
        )


def load_view(
    key: str, services: Any, signals: Any, open_participant: Callable[[int], None]
) -> QWidget:
    """Build the view of ``key`` from its module, or a clear note when the module is missing."""
    module_name, class_name = LAZY_VIEWS[key]
    title = dict(VIEWS)[key]
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name != module_name:
            raise
        return MissingView(title)
    view: QWidget = getattr(module, class_name)(services, signals)
    # A view that can open a participant's file says so with one of these signals.
    for name in ("open_requested", "participant_requested"):
        opened = getattr(view, name, None)
        if opened is not None:
            opened.connect(open_participant)
    return view
