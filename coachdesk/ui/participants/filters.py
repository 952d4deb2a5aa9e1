"""The filter boxes beside the participant search, and what the list says when it is empty."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QPushButton, QVBoxLayout, QWidget

from coachdesk.i18n import _
from coachdesk.labels import label
from coachdesk.models.enums import ParticipantStatus
from coachdesk.ui.kit.style import wrapping_label


def fill_status_filter(box: QComboBox) -> None:
    """Every status but archived (a tick box of its own), keeping the current choice."""
    current = box.currentData()
    box.blockSignals(True)
    box.clear()
    box.addItem(_("All statuses"), None)
    for status in ParticipantStatus:
        if status != ParticipantStatus.ARCHIVED:
            box.addItem(label(status), status)
    box.setCurrentIndex(max(0, box.findData(current)))
    box.blockSignals(False)


def empty_text(filtered: bool, vault_empty: Callable[[], bool]) -> str:
    """Why the list is empty, and what to do about it."""
    if filtered:
        return _(
            "No participant matches your search and filters. Check the spelling, "
            "or clear the search and filters."
        )
    if vault_empty():
        return _('No participants yet. Press "New participant…" (Ctrl+N) to take up the first one.')
    return _('Every participant is archived. Tick "Show archived" to see them.')


def empty_page(clear_button: QPushButton) -> tuple[QLabel, QWidget]:
    """What the list shows when it has no rows: a label saying why (its text is set when
    the list is empty), and the button that clears the filters."""
    text = wrapping_label()
    text.setObjectName("empty_state")
    text.setAlignment(Qt.AlignmentFlag.AlignCenter)
    page = QWidget()
    box = QVBoxLayout(page)
    box.addStretch(1)
    box.addWidget(text)
    box.addWidget(clear_button, 0, Qt.AlignmentFlag.AlignHCenter)
    box.addStretch(2)
    return text, page
