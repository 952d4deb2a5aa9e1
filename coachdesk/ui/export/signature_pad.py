"""Where she signs by hand: a pad for a finger, a pen or the mouse, and the dialog around it.

The strokes stay in memory until the export stores them in the vault (as vector strokes,
``documents.drawn_signature``): never a picture in a temp file.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPointF, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QColor,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPen,
    QTabletEvent,
    QTouchEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from coachdesk.documents.drawn_signature import MAX_POINTS, MAX_STROKES, DrawnSignature, drawn
from coachdesk.i18n import _

INK = QColor("#1B3A8C")
PAD_SIZE = QSize(600, 200)
_TOUCH = (QEvent.Type.TouchBegin, QEvent.Type.TouchUpdate, QEvent.Type.TouchEnd)


class SignaturePad(QWidget):
    """Records strokes from the mouse, a tablet pen or a touch screen, and paints them.

    ``read_only`` shows a signature already drawn (scaled to the widget) and takes no input.
    """

    changed = Signal()

    def __init__(self, parent: QWidget | None = None, *, read_only: bool = False) -> None:
        super().__init__(parent)
        self.read_only = read_only
        self._strokes: list[list[QPointF]] = []
        self._size = QSize(PAD_SIZE)
        """The pad's size the strokes were drawn on (this widget's, while she draws)."""
        self._drawing = False
        self.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents, not read_only)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(QSize(120, 40) if read_only else QSize(360, 120))
        self.setCursor(Qt.CursorShape.ArrowCursor if read_only else Qt.CursorShape.CrossCursor)

    def sizeHint(self) -> QSize:
        return QSize(240, 80) if self.read_only else PAD_SIZE

    # -- what was drawn ------------------------------------------------------------------------

    def is_empty(self) -> bool:
        return not any(self._strokes)

    def signature(self) -> DrawnSignature | None:
        if self.is_empty():
            return None
        strokes = [[(p.x(), p.y()) for p in s] for s in self._strokes]
        return drawn(self._size.width(), self._size.height(), strokes)

    def set_signature(self, signature: DrawnSignature | None) -> None:
        self._strokes = []
        if signature is not None:
            self._size = QSize(signature.width, signature.height)
            self._strokes = [[QPointF(x, y) for x, y in s] for s in signature.strokes]
        self.update()
        self.changed.emit()

    def clear(self) -> None:
        self._strokes = []
        self._drawing = False
        self.update()
        self.changed.emit()

    # -- input ---------------------------------------------------------------------------------

    def _full(self) -> bool:
        """As much as a signature is kept: more scribbling is not recorded (nor refused)."""
        return sum(len(s) for s in self._strokes) >= MAX_POINTS

    def _begin(self, at: QPointF) -> None:
        if self.read_only or len(self._strokes) >= MAX_STROKES or self._full():
            return
        if self.is_empty():
            self._size = QSize(self.size())
        self._drawing = True
        self._strokes.append([at])
        self.update()

    def _extend(self, at: QPointF) -> None:
        if not self._drawing or not self._strokes or self._full():
            return
        last = self._strokes[-1][-1]
        if abs(at.x() - last.x()) + abs(at.y() - last.y()) >= 1.5:  # a pen reports every pixel
            self._strokes[-1].append(at)
            self.update()

    def _end(self) -> None:
        if self._drawing:
            self._drawing = False
            self.changed.emit()

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._begin(event.position())

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        if event.buttons() & Qt.MouseButton.LeftButton:
            self._extend(event.position())

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._end()

    def tabletEvent(self, event: QTabletEvent) -> None:
        kind = event.type()
        if kind == QEvent.Type.TabletPress:
            self._begin(event.position())
        elif kind == QEvent.Type.TabletMove:
            self._extend(event.position())
        elif kind == QEvent.Type.TabletRelease:
            self._end()
        event.accept()  # handled here: Qt makes no mouse events of it

    def event(self, event: QEvent) -> bool:
        if event.type() in _TOUCH and isinstance(event, QTouchEvent) and not self.read_only:
            points = event.points()
            if points:
                at = points[0].position()
                if event.type() == QEvent.Type.TouchBegin:
                    self._begin(at)
                elif event.type() == QEvent.Type.TouchUpdate:
                    self._extend(at)
            if event.type() == QEvent.Type.TouchEnd:
                self._end()
            event.accept()
            return True
        return super().event(event)

    # -- painting ------------------------------------------------------------------------------

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor("white"))
        painter.setPen(QPen(QColor("#9a9a9a"), 1))
        painter.drawRect(QRectF(self.rect()).adjusted(0.5, 0.5, -0.5, -0.5))
        base = self.height() * 0.75
        painter.drawLine(QPointF(12, base), QPointF(self.width() - 12, base))
        if not self.read_only:
            painter.setPen(QColor("#6a6a6a"))
            painter.drawText(QPointF(14, base - 6), "×")
            if self.is_empty():
                painter.drawText(
                    QRectF(0, base + 4, self.width(), self.height() - base - 4),
                    Qt.AlignmentFlag.AlignCenter,
                    _("Sign above the line with a finger, a pen or the mouse"),
                )
        scale = min(self.width() / self._size.width(), self.height() / self._size.height())
        pen = QPen(INK, 2.5, Qt.PenStyle.SolidLine, Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        for stroke in self._strokes:
            path = QPainterPath(stroke[0] * scale)
            for point in stroke[1:]:
                path.lineTo(point * scale)
            if len(stroke) == 1:
                painter.drawPoint(stroke[0] * scale)
            else:
                painter.drawPath(path)
        painter.end()


class SignatureDialog(QDialog):
    """She signs, or declines: Clear, Done, and "She does not sign" (Esc)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.pad = SignaturePad()
        self.buttons = QDialogButtonBox()
        self.done_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.clear_button = QPushButton()
        self.buttons.addButton(self.clear_button, QDialogButtonBox.ButtonRole.ResetRole)
        self.decline_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.done_button.setDefault(True)
        self.clear_button.clicked.connect(self.pad.clear)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.pad.changed.connect(self._enable)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.pad, 1)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._enable()

    def retranslate(self) -> None:
        self.setWindowTitle(_("Her signature"))
        self.hint.setText(
            _(
                "She may sign here with a finger, a pen or the mouse. Signing is her choice: "
                "the document is sent without it if she does not want to sign."
            )
        )
        self.pad.setAccessibleName(_("Signature area"))
        self.pad.setAccessibleDescription(
            _("Draw the signature with a finger, a pen or the mouse.")
        )
        self.done_button.setText(_("Done"))
        self.clear_button.setText(_("Clear"))
        self.decline_button.setText(_("She does not sign"))

    def _enable(self) -> None:
        self.done_button.setEnabled(not self.pad.is_empty())
        self.clear_button.setEnabled(not self.pad.is_empty())

    def signature(self) -> DrawnSignature | None:
        return self.pad.signature()
