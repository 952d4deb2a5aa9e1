"""The viewer's buttons: pages and zoom above the pages; save a copy, print, close below."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from coachdesk.i18n import _
from coachdesk.ui.kit.icons import Icon, icon


class ViewerToolbar(QWidget):
    """Buttons only: the viewer connects them and tells the row what to show.

    The row above the pages is the widget itself; ``action_row`` is the row for below them,
    where every CoachDesk dialog has its buttons (and the window can be narrow).
    """

    def __init__(
        self, can_save_copy: bool, return_focus: Callable[[], None], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.return_focus = return_focus
        self.previous_button = self._button()
        self.next_button = self._button()
        self.page_label = QLabel()
        self.zoom_out_button = self._button()
        self.zoom_label = QLabel()
        self.zoom_in_button = self._button()
        self.fit_width_button = self._button(checkable=True)
        self.fit_page_button = self._button(checkable=True)
        self.save_copy_button = self._button()
        self.save_copy_button.setVisible(can_save_copy)
        self.print_button = self._button()
        self.print_button.setIcon(icon(Icon.PRINT))
        self.close_button = self._button()
        for button in (self.zoom_out_button, self.zoom_in_button):
            # A sign, not a word: as wide as it is high, as in a web browser.
            button.setFixedWidth(button.sizeHint().height() + 8)
        self.page_widgets: tuple[QWidget, ...] = (
            self.previous_button,
            self.next_button,
            self.page_label,
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
            self.print_button,
        )
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        for widget in (self.previous_button, self.next_button, self.page_label):
            layout.addWidget(widget)
        layout.addSpacing(16)
        for widget in (
            self.zoom_out_button,
            self.zoom_label,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
        ):
            layout.addWidget(widget)
        layout.addStretch(1)
        self.action_row = QWidget()
        actions = QHBoxLayout(self.action_row)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addStretch(1)
        for widget in (self.save_copy_button, self.print_button, self.close_button):
            actions.addWidget(widget)
        self._state: tuple[int, int, float | None, str | None] = (0, 0, None, None)

    def _button(self, checkable: bool = False) -> QPushButton:
        button = QPushButton()
        # Enter in the page area never presses a button she did not choose.
        button.setAutoDefault(False)
        # Reached with Tab, but a click leaves the keys (PgDown, Ctrl++) with the pages.
        button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        button.setCheckable(checkable)
        return button

    def retranslate(self) -> None:
        self.previous_button.setText(_("Previous page"))
        self.next_button.setText(_("Next page"))
        self.zoom_out_button.setText("−")
        self.zoom_in_button.setText("+")
        self.fit_width_button.setText(_("Fit width"))
        self.fit_page_button.setText(_("Whole page"))
        self.save_copy_button.setText(_("Save a copy as…"))
        self.print_button.setText(_("Print…"))
        self.close_button.setText(_("Close"))
        tips = (
            (self.previous_button, _("Previous page"), "PgUp"),
            (self.next_button, _("Next page"), "PgDown"),
            (self.zoom_out_button, _("Smaller"), "Ctrl+-"),
            (self.zoom_in_button, _("Larger"), "Ctrl++"),
            (self.fit_width_button, _("Fit width"), "Ctrl+2"),
            (self.fit_page_button, _("Whole page"), "Ctrl+0"),
            (self.print_button, _("Print…"), "Ctrl+P"),
            (self.close_button, _("Close"), "Esc"),
        )
        for button, name, key in tips:
            # In her keyboard's words: "Strg" and "Bild↓" in German (Qt's own translations).
            keys = QKeySequence(key).toString(QKeySequence.SequenceFormat.NativeText)
            button.setToolTip(f"{name} ({keys})")
            button.setAccessibleName(name)
        self.show_state(*self._state)

    def show_state(self, current: int, count: int, zoom: float | None, fit: str | None) -> None:
        self._state = (current, count, zoom, fit)
        has_pages = count > 0
        for widget in self.page_widgets:
            widget.setVisible(has_pages)  # a document that cannot be shown keeps Close only
        page_text = _("Page {page} of {count}")
        self.page_label.setText(page_text.format(page=current + 1, count=count))
        self.zoom_label.setText(_("{percent}%").format(percent=round((zoom or 1) * 100)))
        # Room for the widest text, so that the buttons stay put while she pages and zooms.
        metrics = self.page_label.fontMetrics()
        widest_page = page_text.format(page=count, count=count)
        self.page_label.setMinimumWidth(metrics.horizontalAdvance(widest_page))
        widest_zoom = _("{percent}%").format(percent=400)
        self.zoom_label.setMinimumWidth(metrics.horizontalAdvance(widest_zoom))
        self._enable(self.previous_button, has_pages and current > 0)
        self._enable(self.next_button, has_pages and current < count - 1)
        for button in (
            self.zoom_out_button,
            self.zoom_in_button,
            self.fit_width_button,
            self.fit_page_button,
            self.print_button,
        ):
            self._enable(button, has_pages)
        self.fit_width_button.setChecked(fit == "width")
        self.fit_page_button.setChecked(fit == "page")

    def _enable(self, button: QPushButton, enabled: bool) -> None:
        if not enabled and button.hasFocus():
            # Paging to the last page with the button leaves the keyboard on the pages,
            # not on whichever button comes next.
            self.return_focus()
        button.setEnabled(enabled)
