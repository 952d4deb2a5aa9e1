"""The main views a coach moves between, and loading those that other modules provide."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Protocol, runtime_checkable

from PySide6.QtCore import SignalInstance
from PySide6.QtWidgets import QWidget

from coachdesk.facade import Services
from coachdesk.i18n import N_
from coachdesk.ui.shell import warm_up
from coachdesk.ui.shell.signals import AppSignals

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


@runtime_checkable
class View(Protocol):
    """What the main window asks of each of its views."""

    def retranslate(self) -> None:
        """Show every text in the current language."""

    def refresh(self) -> None:
        """Load again from the services."""

    def clear(self) -> None:
        """Forget every row on screen and anything typed (the vault is being locked)."""


@runtime_checkable
class OpensFiles(Protocol):
    """A view that asks the main window to open a participant's file."""

    open_requested: SignalInstance


def load_view(
    key: str, services: Services, signals: AppSignals, open_participant: Callable[[int], None]
) -> QWidget:
    """Build the view of ``key``; its module is imported on first show to keep start-up short."""
    module_name, class_name = LAZY_VIEWS[key]
    warm_up.wait()  # never import beside the background loading (see ui.shell.warm_up)
    module = importlib.import_module(module_name)
    view = getattr(module, class_name)(services, signals)
    assert isinstance(view, QWidget) and isinstance(view, View), class_name
    if isinstance(view, OpensFiles):
        view.open_requested.connect(open_participant)
    return view
