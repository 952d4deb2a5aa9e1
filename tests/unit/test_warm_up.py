"""The background loading covers every view that is imported on first show."""

from __future__ import annotations

from coachdesk.ui.shell import warm_up
from coachdesk.ui.shell.view_pages import LAZY_VIEWS


def test_every_lazily_imported_view_is_loaded_in_advance() -> None:
    assert sorted(warm_up.VIEW_MODULES) == sorted(module for module, _cls in LAZY_VIEWS.values())


def test_views_come_after_what_unlocking_and_documents_need() -> None:
    assert not set(warm_up.VIEW_MODULES) & set(warm_up.WINDOW_MODULES + warm_up.DOCUMENT_MODULES)
