"""Add or edit a milestone or one of the small qualitative steps that count too."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit, QWidget

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.models.enums import MilestoneKind
from coachdesk.services.goals import MilestoneDraft, MilestoneRecord
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_dialog import FormDialog
from coachdesk.ui.kit.forms import EnumCombo, read_dates, text_area
from coachdesk.ui.kit.style import wrapping_label


class MilestoneDialog(FormDialog):
    def __init__(
        self,
        services: Services,
        goal_id: int,
        milestone: MilestoneRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.goal_id = goal_id
        self.milestone = milestone
        self.saved: MilestoneRecord | None = None
        self.hint = wrapping_label()
        self.rows.layout.addRow(self.hint)
        self.title = self.rows.add("title", N_("What"), QLineEdit())
        self.kind = self.rows.add("kind", N_("Kind"), EnumCombo(MilestoneKind))
        self.due_date = self.rows.add("due_date", N_("Due"), DateField())
        self.reached_on = self.rows.add("reached_on", N_("Reached on"), DateField())
        self.note = self.rows.add("note", N_("Note"), text_area(lines=3))
        if milestone is not None:
            self.title.setText(milestone.title)
            self.kind.set_value(milestone.kind)
            self.due_date.set_date(milestone.due_date)
            self.reached_on.set_date(milestone.reached_on)
            self.note.setPlainText(milestone.note)
        self.retranslate()
        self.resize_within_screen(560, 420)

    def retranslate(self) -> None:
        new = self.milestone is None
        self.setWindowTitle(_("New milestone or small step") if new else _("Edit milestone"))
        self.hint.setText(
            _(
                "Small steps count: a first phone call in German, childcare arranged, "
                "a bus route learned. Choose the kind that fits."
            )
        )
        self.kind.retranslate()
        self.due_date.retranslate()
        self.reached_on.retranslate()
        self.retranslate_form()

    def save(self) -> bool:
        dates = read_dates({"due_date": self.due_date, "reached_on": self.reached_on})
        draft = MilestoneDraft(
            self.title.text(),
            self.kind.value(),  # type: ignore[arg-type]
            dates["due_date"],
            dates["reached_on"],
            self.note.toPlainText(),
        )
        if self.milestone is None:
            self.saved = self.services.goals.add_milestone(self.goal_id, draft)
        else:
            self.saved = self.services.goals.update_milestone(self.milestone.id, draft)
        return True
