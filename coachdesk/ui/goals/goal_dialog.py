"""Add or edit one goal of a participant."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.models.enums import GoalStatus
from coachdesk.services.goals import GoalDraft, GoalRecord
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.forms import EnumCombo, read_dates, text_area


class GoalDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        participant_id: int,
        goal: GoalRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.goal = goal
        self.saved: GoalRecord | None = None
        self.title = self.rows.add("title", N_("Goal"), QLineEdit())
        self.description = self.rows.add("description", N_("Description"), text_area(lines=4))
        self.status = self.rows.add("status", N_("Status"), EnumCombo(GoalStatus))
        self.target_date = self.rows.add("target_date", N_("Target date"), DateField())
        self.reached_on = self.rows.add("reached_on", N_("Reached on"), DateField())
        if goal is not None:
            self.title.setText(goal.title)
            self.description.setPlainText(goal.description)
            self.status.set_value(goal.status)
            self.target_date.set_date(goal.target_date)
            self.reached_on.set_date(goal.reached_on)
        self.retranslate()
        self.resize_within_screen(560, 420)

    def retranslate(self) -> None:
        self.setWindowTitle(_("New goal") if self.goal is None else _("Edit goal"))
        self.status.retranslate()
        self.target_date.retranslate()
        self.reached_on.retranslate()
        self.retranslate_form()

    def save(self) -> bool:
        dates = read_dates({"target_date": self.target_date, "reached_on": self.reached_on})
        draft = GoalDraft(
            self.title.text(),
            self.description.toPlainText(),
            self.status.value(),  # type: ignore[arg-type]
            dates["target_date"],
            dates["reached_on"],
        )
        if self.goal is None:
            self.saved = self.services.goals.create(self.participant_id, draft)
        else:
            self.saved = self.services.goals.update(self.goal.id, draft)
        return True
