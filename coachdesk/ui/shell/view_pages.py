"""The main views a coach moves between, and loading those that other modules provide."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget

from coachdesk.i18n import N_

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
# Views imported when first shown (start-up stays short): (module, class).
LAZY_VIEWS = {
    MEETINGS: ("coachdesk.ui.meetings.view", "MeetingsView"),
    MODULES: ("coachdesk.ui.modules.view", "ModulesView"),
    CONTACTS: ("coachdesk.ui.contacts.view", "ContactsView"),
    REPORTS: ("coachdesk.ui.reports.view", "ReportsView"),
}


def load_view(
    key: str, services: Any, signals: Any, open_participant: Callable[[int], None]
) -> QWidget:
    """Build the view of ``key``; its module is imported on first show to keep start-up short."""
    module_name, class_name = LAZY_VIEWS[key]
    module = importlib.import_module(module_name)
    view: QWidget = getattr(module, class_name)(services, signals)
    # A view that can open a participant's file says so with one of these signals.
    for name in ("open_requested", "participant_requested"):
        opened = getattr(view, name, None)
        if opened is not None:
            opened.connect(open_participant)
    return view
