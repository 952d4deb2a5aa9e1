"""A document inside CoachDesk: page through it, zoom, print it; never a copy on the disk.

Attachments from the vault and documents just exported open here, so a coach without a
PDF program (or on a shared laptop whose PDF program keeps a list of recent files) can
still read and print them.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Literal

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeySequence, QShortcut, QShowEvent
from PySide6.QtWidgets import QDialog, QLabel, QVBoxLayout, QWidget

from coachdesk.i18n import off_language_changed, on_language_changed
from coachdesk.ui.viewer.canvas import GAP, PageCanvas, PageScrollArea
from coachdesk.ui.viewer.pages import DocumentPages, Kind, UnreadableDocumentError
from coachdesk.ui.viewer.print_flow import PrintFlow
from coachdesk.ui.viewer.toolbar import ViewerToolbar

ZOOM_STEPS = (0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1.0, 1.1, 1.25, 1.5, 1.75, 2.0, 2.5, 3.0, 4.0)
MIN_ZOOM, MAX_ZOOM = ZOOM_STEPS[0], ZOOM_STEPS[-1]

Fit = Literal["width", "page"]


class DocumentViewer(QDialog):
    """Shows a PDF or an image given as bytes; prints it through the system's print dialog.

    ``on_save_copy``, when given, is offered as "Save a copy as…": the owner decides what a
    copy out of CoachDesk means (for an attachment, an export recorded in the audit log).
    Bytes that cannot be shown give a message in the window, never an exception.
    """

    def __init__(
        self,
        data: bytes,
        kind: Kind,
        title: str,
        parent: QWidget | None = None,
        *,
        on_save_copy: Callable[[], None] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowFlag(Qt.WindowType.WindowMaximizeButtonHint, True)
        self.title = title
        self.current = 0
        """The page she is on (from 0): chosen with the keys or buttons, or scrolled to."""
        self.fit: Fit | None = "width"
        self.problem: UnreadableDocumentError | None = None
        self.pages: DocumentPages | None = None
        try:
            self.pages = DocumentPages(data, kind)
        except UnreadableDocumentError as err:
            self.problem = err
        self.page_area = PageScrollArea(self.go_by, self.zoom_by)
        self.bar = ViewerToolbar(on_save_copy is not None, self.page_area.setFocus, self)
        self.canvas: PageCanvas | None = None
        self.problem_label = QLabel()
        self.problem_label.setWordWrap(True)
        self.problem_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.problem_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        font = self.problem_label.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)  # the only thing in the window to read
        self.problem_label.setFont(font)
        layout = QVBoxLayout(self)
        layout.addWidget(self.bar)
        layout.addWidget(self.page_area, 1)
        layout.addWidget(self.problem_label, 1)
        layout.addWidget(self.bar.action_row)
        self.printing = PrintFlow(self)
        if self.pages is not None:
            # Also when the window goes with its owner, without being closed first.
            self.destroyed.connect(self.pages.close)
            self.canvas = PageCanvas(self.pages)
            self.page_area.setWidget(self.canvas)
            self.problem_label.hide()
        else:
            self.page_area.hide()
        self._moving = False
        self._connect(on_save_copy)
        self._listener = self._language_changed
        on_language_changed(self._listener)
        self.destroyed.connect(partial(off_language_changed, self._listener))
        self.retranslate()
        self._initial_size()

    def _connect(self, on_save_copy: Callable[[], None] | None) -> None:
        bar = self.bar
        bar.previous_button.clicked.connect(partial(self.go_by, -1))
        bar.next_button.clicked.connect(partial(self.go_by, 1))
        bar.zoom_in_button.clicked.connect(partial(self.zoom_by, 1))
        bar.zoom_out_button.clicked.connect(partial(self.zoom_by, -1))
        bar.fit_width_button.clicked.connect(partial(self.set_fit, "width"))
        bar.fit_page_button.clicked.connect(partial(self.set_fit, "page"))
        bar.print_button.clicked.connect(self.print_document)
        bar.close_button.clicked.connect(self.reject)
        if on_save_copy is not None:
            bar.save_copy_button.clicked.connect(on_save_copy)
        self.page_area.verticalScrollBar().valueChanged.connect(self._scrolled)
        self.page_area.viewport().installEventFilter(self)
        keys: list[tuple[QKeySequence | QKeySequence.StandardKey | str, Callable[[], None]]] = [
            (QKeySequence.StandardKey.ZoomIn, partial(self.zoom_by, 1)),
            ("Ctrl+=", partial(self.zoom_by, 1)),
            (QKeySequence.StandardKey.ZoomOut, partial(self.zoom_by, -1)),
            ("Ctrl+0", partial(self.set_fit, "page")),
            ("Ctrl+2", partial(self.set_fit, "width")),
            (QKeySequence.StandardKey.Print, self.print_document),
            (QKeySequence.StandardKey.Close, self.reject),
        ]
        for key, slot in keys:
            QShortcut(QKeySequence(key), self, slot)

    def retranslate(self) -> None:
        self.setWindowTitle(self.title)
        self.bar.retranslate()
        self.problem_label.setText(str(self.problem) if self.problem else "")
        self._show_state()

    def _language_changed(self, _lang: str) -> None:
        self.retranslate()

    def _initial_size(self) -> None:
        screen = self.screen().availableGeometry()
        owner = self.parentWidget()
        window = None if owner is None else owner.window()
        width, height = (1000, 800) if window is None else (window.width(), window.height())
        self.resize(min(max(width, 800), screen.width()), min(max(height, 600), screen.height()))

    # -- pages -------------------------------------------------------------------------------

    @property
    def page_count(self) -> int:
        return 0 if self.pages is None else self.pages.page_count

    def go_by(self, step: int) -> None:
        self.go_to(self.current + step)

    def go_to(self, index: int) -> None:
        if self.canvas is None:
            return
        self.current = max(0, min(self.page_count - 1, index))
        self._moving = True  # the scroll that follows says nothing about the page she is on
        self.page_area.verticalScrollBar().setValue(self.canvas.page_rect(self.current).top() - GAP)
        self._moving = False
        self._show_state()

    def _scrolled(self, _value: int) -> None:
        if self._moving or self.canvas is None:
            return
        self.current = self._most_visible_page()
        self._show_state()

    def _most_visible_page(self) -> int:
        assert self.canvas is not None
        top = self.page_area.verticalScrollBar().value()
        bottom = top + self.page_area.viewport().height()
        best, best_seen = self.canvas.page_at(top), -1
        for index in range(best, self.page_count):
            rect = self.canvas.page_rect(index)
            if rect.top() > bottom:
                break
            seen = min(rect.bottom(), bottom) - max(rect.top(), top)
            if seen > best_seen:
                best, best_seen = index, seen
        return best

    # -- zoom --------------------------------------------------------------------------------

    def zoom_by(self, step: int) -> None:
        if self.canvas is None:
            return
        zoom = self.canvas.zoom
        if step > 0:
            wanted = next((z for z in ZOOM_STEPS if z > zoom * 1.001), MAX_ZOOM)
        else:
            wanted = next((z for z in reversed(ZOOM_STEPS) if z < zoom * 0.999), MIN_ZOOM)
        self.fit = None
        self._set_zoom(wanted)

    def set_fit(self, fit: Fit) -> None:
        self.fit = fit
        self._apply_fit()

    def _apply_fit(self) -> None:
        if self.canvas is None or self.fit is None:
            self._show_state()
            return
        viewport = self.page_area.viewport().size()
        room_w, room_h = viewport.width() - 2 * GAP, viewport.height() - 2 * GAP
        if room_w < 50 or room_h < 50:
            return  # not laid out yet
        if self.fit == "width":
            widest = max(self.canvas.page_size(i, 1.0).width() for i in range(self.page_count))
            zoom = room_w / widest
        else:
            page = self.canvas.page_size(self.current, 1.0)
            zoom = min(room_w / page.width(), room_h / page.height())
        self._set_zoom(zoom)

    def _set_zoom(self, zoom: float) -> None:
        assert self.canvas is not None
        zoom = max(MIN_ZOOM / 2, min(MAX_ZOOM, zoom))
        bar = self.page_area.verticalScrollBar()
        old = self.canvas.page_rect(self.current)
        # Keep her place: the same point of the same page stays at the top of the view.
        within = (bar.value() - old.top()) / max(1, old.height())
        self.canvas.set_zoom(zoom)
        new = self.canvas.page_rect(self.current)
        self._moving = True
        bar.setValue(new.top() + round(within * new.height()))
        self._moving = False
        self._show_state()

    def _show_state(self) -> None:
        zoom = None if self.canvas is None else self.canvas.zoom
        self.bar.show_state(self.current, self.page_count, zoom, self.fit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.page_area.viewport() and event.type() == QEvent.Type.Resize:
            self._apply_fit()
        return super().eventFilter(watched, event)

    # -- printing, opening and closing ------------------------------------------------------

    def print_document(self) -> None:
        if self.pages is not None:
            self.printing.run(self.pages, self.current)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._apply_fit()
        (self.page_area if self.canvas is not None else self.bar.close_button).setFocus()

    def done(self, result: int) -> None:
        super().done(result)
        off_language_changed(self._listener)
        self.printing.when_idle(self._release)

    def _release(self) -> None:
        """The pages leave memory with the window (a locked vault leaves nothing on screen)."""
        if self.canvas is not None:
            self.page_area.takeWidget()
            self.canvas.deleteLater()
            self.canvas = None
        if self.pages is not None:
            self.pages.close()
            self.pages = None
