"""Helpers for tests of the Reports view."""

from __future__ import annotations

from PySide6.QtCore import Qt

from coachdesk.ui.reports.story_page import SuccessStoryPage
from coachdesk.ui.reports.view import ReportsView


def open_story(qtbot, view: ReportsView) -> SuccessStoryPage:  # type: ignore[no-untyped-def]
    """Click the "Success story" tab, as she does (the page reads the names when shown)."""
    view.show()
    bar = view.tabs.tabBar()
    qtbot.mouseClick(bar, Qt.MouseButton.LeftButton, pos=bar.tabRect(3).center())
    assert view.tabs.currentWidget() is view.story
    return view.story
