"""A short checklist on Today while the vault is new: the first five things a coach does."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from coachdesk.i18n import N_, _
from coachdesk.services.first_steps import FirstSteps
from coachdesk.ui.kit.icons import Icon, icon
from coachdesk.ui.shell.view_pages import CONTACTS, PARTICIPANTS, SETTINGS

# (step, text, button, view the button opens; "" = take up a new participant)
STEPS: tuple[tuple[str, str, str, str], ...] = (
    (
        "named",
        N_("Your name and organisation for the documents you sign"),
        N_("Settings"),
        SETTINGS,
    ),
    ("partner", N_("The job centre and your contact person there"), N_("Contacts"), CONTACTS),
    ("participant", N_("Your first participant"), N_("New participant…"), ""),
    ("consent", N_("Her consent: what may go to the job centre"), N_("Participants"), PARTICIPANTS),
    ("backup", N_("A backup on a USB stick, kept away from the laptop"), N_("Settings"), SETTINGS),
)
DONE_COLOUR = "#2e7d32"


class GettingStarted(QGroupBox):
    """Emits ``view_requested(key)`` or ``new_participant_requested`` from its buttons."""

    view_requested = Signal(str)
    new_participant_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("getting_started")
        grid = QGridLayout(self)
        self.marks: dict[str, QLabel] = {}
        self.texts: dict[str, QLabel] = {}
        self.buttons: dict[str, QPushButton] = {}
        for row, (step, _text, _button, view) in enumerate(STEPS):
            mark, text, button = QLabel(), QLabel(), QPushButton()
            text.setWordWrap(True)
            grid.addWidget(mark, row, 0)
            grid.addWidget(text, row, 1)
            grid.addWidget(button, row, 2)
            if view:
                button.clicked.connect(lambda _c=False, v=view: self.view_requested.emit(v))
            else:
                button.clicked.connect(self.new_participant_requested)
            self.marks[step], self.texts[step], self.buttons[step] = mark, text, button
        grid.setColumnStretch(1, 1)
        self._steps: FirstSteps | None = None
        self.setVisible(False)  # until the steps are read: no box that then goes away
        self.retranslate()

    @property
    def finished(self) -> bool:
        """Every step is done: it stays hidden and is not read again."""
        return self._steps is not None and self._steps.done

    def show_steps(self, steps: FirstSteps) -> None:
        """Tick what is done; hidden once everything is (drawn again only when it changed)."""
        if steps == self._steps:
            return
        self._steps = steps
        self.setVisible(not steps.done)
        if steps.done:
            return
        side = self.fontMetrics().height()
        for step, _text, _button, _view in STEPS:
            done = bool(getattr(steps, step))
            shown = icon(Icon.DONE, QColor(DONE_COLOUR)) if done else icon(Icon.CHECKLIST)
            self.marks[step].setPixmap(shown.pixmap(side, side))
            self.marks[step].setAccessibleName(_("done") if done else _("to do"))
            self.buttons[step].setEnabled(not done)

    def retranslate(self) -> None:
        self.setTitle(_("Getting started"))
        for step, text, button, _view in STEPS:
            self.texts[step].setText(_(text))
            self.buttons[step].setText(_(button))
        steps, self._steps = self._steps, None
        if steps is not None:
            self.show_steps(steps)
