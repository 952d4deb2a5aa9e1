"""Goals and milestones of one participant: add, order, tick off, including small steps."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPushButton, QSplitter, QVBoxLayout, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import _
from coachdesk.models.enums import GoalStatus
from coachdesk.services.context import ChangeKind
from coachdesk.services.goals import GoalRecord, MilestoneRecord
from coachdesk.ui.file.section import FileSection, button_row, guarded
from coachdesk.ui.goals.goal_dialog import GoalDialog
from coachdesk.ui.goals.goal_model import GoalTableModel
from coachdesk.ui.goals.milestone_dialog import MilestoneDialog
from coachdesk.ui.goals.milestone_model import MilestoneTableModel
from coachdesk.ui.kit.record_table import RecordTable
from coachdesk.ui.shell.signals import AppSignals


class GoalsTab(FileSection):
    KINDS = (ChangeKind.GOAL,)

    def __init__(
        self,
        services: Services,
        signals: AppSignals,
        participant_id: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(services, signals, participant_id, parent)
        self.goals = RecordTable(GoalTableModel(self))
        self.milestones = RecordTable(MilestoneTableModel(self))
        self.milestones_caption = QLabel()
        self.milestones_caption.setWordWrap(True)
        self.new_goal_button = QPushButton()
        self.edit_goal_button = QPushButton()
        self.goal_up_button = QPushButton()
        self.goal_down_button = QPushButton()
        self.goal_reached_button = QPushButton()
        self.archive_goal_button = QPushButton()
        self.new_step_button = QPushButton()
        self.edit_step_button = QPushButton()
        self.step_up_button = QPushButton()
        self.step_down_button = QPushButton()
        self.step_reached_button = QPushButton()
        self.remove_step_button = QPushButton()
        self.new_goal_button.clicked.connect(lambda: self.open_goal(None))
        self.edit_goal_button.clicked.connect(lambda: self.open_goal(self.current_goal()))
        self.goal_up_button.clicked.connect(lambda: self.move_goal(-1))
        self.goal_down_button.clicked.connect(lambda: self.move_goal(1))
        self.goal_reached_button.clicked.connect(self.mark_goal_reached)
        self.archive_goal_button.clicked.connect(self.archive_goal)
        self.new_step_button.clicked.connect(lambda: self.open_milestone(None))
        self.edit_step_button.clicked.connect(lambda: self.open_milestone(self.current_step()))
        self.step_up_button.clicked.connect(lambda: self.move_step(-1))
        self.step_down_button.clicked.connect(lambda: self.move_step(1))
        self.step_reached_button.clicked.connect(self.toggle_step_reached)
        self.remove_step_button.clicked.connect(self.remove_step)
        self.goals.activated.connect(self.open_goal)
        self.milestones.activated.connect(self.open_milestone)
        self.goals.selection_changed.connect(self._show_milestones)
        self.milestones.selection_changed.connect(self._update_buttons)

        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.addLayout(
            button_row(
                self.new_goal_button,
                self.edit_goal_button,
                self.goal_up_button,
                self.goal_down_button,
                self.goal_reached_button,
                self.archive_goal_button,
            )
        )
        top_layout.addWidget(self.goals)
        bottom = QWidget()
        bottom_layout = QVBoxLayout(bottom)
        bottom_layout.addWidget(self.milestones_caption)
        bottom_layout.addLayout(
            button_row(
                self.new_step_button,
                self.edit_step_button,
                self.step_up_button,
                self.step_down_button,
                self.step_reached_button,
                self.remove_step_button,
            )
        )
        bottom_layout.addWidget(self.milestones)
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        splitter.addWidget(top)
        splitter.addWidget(bottom)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.new_goal_button.setText(_("New goal…"))
        self.edit_goal_button.setText(_("Edit…"))
        self.goal_up_button.setText(_("Move up"))
        self.goal_down_button.setText(_("Move down"))
        self.goal_reached_button.setText(_("Mark reached"))
        self.archive_goal_button.setText(_("Archive"))
        self.new_step_button.setText(_("Add milestone or small step…"))
        self.edit_step_button.setText(_("Edit…"))
        self.step_up_button.setText(_("Move up"))
        self.step_down_button.setText(_("Move down"))
        self.step_reached_button.setText(_("Reached / not yet"))
        self.remove_step_button.setText(_("Remove"))
        self.goals.set_empty_text(
            _("No goals yet. Agree on a first goal with her and add it with “New goal…”.")
        )
        self.milestones.set_empty_text(
            _(
                "No milestones yet. Add the milestones on the way, and the small steps "
                "that count too (language, confidence, childcare, …)."
            )
        )
        self.goals.retranslate()
        self.milestones.retranslate()
        self._show_milestones()

    # -- data --------------------------------------------------------------------------------

    def refresh(self) -> None:
        rows = self.services.goals.list_for_participant(self.participant_id)
        self.goals.set_rows(rows)
        if self.current_goal() is None and rows:
            self.goals.view.selectRow(0)
        self._show_milestones()

    def current_goal(self) -> GoalRecord | None:
        return self.goals.current_record()

    def current_step(self) -> MilestoneRecord | None:
        return self.milestones.current_record()

    def _show_milestones(self) -> None:
        goal = self.current_goal()
        self.milestones.set_rows(list(goal.milestones) if goal else [])
        if goal is None:
            self.milestones_caption.setText(_("Select a goal to see its milestones."))
        else:
            self.milestones_caption.setText(
                _("Milestones and small steps of “{goal}”").format(goal=goal.title)
            )
        self._update_buttons()

    def _update_buttons(self) -> None:
        has_goal = self.current_goal() is not None
        has_step = self.current_step() is not None
        for button in (
            self.edit_goal_button,
            self.goal_up_button,
            self.goal_down_button,
            self.goal_reached_button,
            self.archive_goal_button,
            self.new_step_button,
        ):
            button.setEnabled(has_goal)
        for button in (
            self.edit_step_button,
            self.step_up_button,
            self.step_down_button,
            self.step_reached_button,
            self.remove_step_button,
        ):
            button.setEnabled(has_step)

    # -- actions -----------------------------------------------------------------------------

    def open_goal(self, goal: GoalRecord | None) -> GoalDialog:
        dialog = GoalDialog(self.services, self.participant_id, goal, self)
        dialog.accepted.connect(lambda: self._select_goal(dialog.saved))
        dialog.open()
        return dialog

    def open_milestone(self, milestone: MilestoneRecord | None) -> MilestoneDialog | None:
        goal = self.current_goal()
        if goal is None:
            return None
        dialog = MilestoneDialog(self.services, goal.id, milestone, self)
        dialog.open()
        return dialog

    def _select_goal(self, goal: GoalRecord | None) -> None:
        if goal is not None:
            self.goals.select_where(lambda g: g.id == goal.id)

    def move_goal(self, step: int) -> None:
        goal = self.current_goal()
        if goal is None:
            return
        ids = [g.id for g in sorted(self.goals.model.rows(), key=lambda g: g.position)]
        index = ids.index(goal.id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        self.goals.view.sortByColumn(GoalTableModel.POSITION, Qt.SortOrder.AscendingOrder)
        guarded(self, lambda: self.services.goals.reorder(self.participant_id, ids))
        self._select_goal(goal)

    def move_step(self, step: int) -> None:
        goal, current = self.current_goal(), self.current_step()
        if goal is None or current is None:
            return
        ids = [m.id for m in sorted(goal.milestones, key=lambda m: m.position)]
        index = ids.index(current.id)
        target = index + step
        if not 0 <= target < len(ids):
            return
        ids[index], ids[target] = ids[target], ids[index]
        self.milestones.view.sortByColumn(MilestoneTableModel.POSITION, Qt.SortOrder.AscendingOrder)
        guarded(self, lambda: self.services.goals.reorder_milestones(goal.id, ids))
        self.milestones.select_where(lambda m: m.id == current.id)

    def mark_goal_reached(self) -> None:
        goal = self.current_goal()
        if goal is not None and goal.status != GoalStatus.REACHED:
            guarded(self, lambda: self.services.goals.mark_reached(goal.id, self.today()))
            self._select_goal(goal)

    def archive_goal(self) -> None:
        goal = self.current_goal()
        if goal is None:
            return
        answer = QMessageBox.question(
            self,
            _("Archive goal"),
            _("Archive the goal “{goal}”? It disappears from the list; nothing is erased.").format(
                goal=goal.title
            ),
        )
        if answer == QMessageBox.StandardButton.Yes:
            guarded(self, lambda: self.services.goals.archive(goal.id))

    def toggle_step_reached(self) -> None:
        step = self.current_step()
        if step is None:
            return
        on = None if step.reached_on is not None else self.today()
        guarded(self, lambda: self.services.goals.mark_milestone_reached(step.id, on))
        self.milestones.select_where(lambda m: m.id == step.id)

    def remove_step(self) -> None:
        step = self.current_step()
        if step is not None:
            guarded(self, lambda: self.services.goals.remove_milestone(step.id))
