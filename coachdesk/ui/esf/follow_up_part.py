"""Six months after she left: her answers, or that she could not be reached."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox

from coachdesk.i18n import N_, _, format_date
from coachdesk.services.esf import EsfFile
from coachdesk.services.esf_rules import FollowUpAnswers
from coachdesk.ui.esf.choices import YesNoCombo
from coachdesk.ui.esf.exit_part import EMPLOYED
from coachdesk.ui.esf.part import EsfPart
from coachdesk.ui.kit.forms import read_dates

IMPROVED = N_(
    "Is your work better than when you started here? (More hours, a permanent contract, "
    "work that asks more of your skills, or a promotion)"
)


class FollowUpPart(EsfPart):
    TITLE = N_("Six months after she left")
    SAVE = N_("Save the six-month questions")

    def add_questions(self) -> None:
        self.not_reached = self.rows.add("not_reached", N_("Not reached"), QCheckBox())
        self.employed = self.rows.add("employed", EMPLOYED, YesNoCombo())
        self.improved_situation = self.rows.add("improved_situation", IMPROVED, YesNoCombo())
        self.not_reached.toggled.connect(self._reached_changed)

    def retranslate(self) -> None:
        self.not_reached.setText(_("She could not be reached"))
        super().retranslate()

    def _reached_changed(self, not_reached: bool) -> None:
        if not_reached:  # closed without answers: the boxes say so
            self.employed.set_value(None)
            self.improved_situation.set_value(None)
        self._enable_answers()

    def _enable_answers(self) -> None:
        employed_at_entry = self.file is not None and self.file.employed_at_entry
        reached = not self.not_reached.isChecked()
        self.employed.setEnabled(reached)
        self.improved_situation.setEnabled(reached and employed_at_entry)

    def show_state(self, file: EsfFile) -> None:
        follow_up = file.follow_up
        self.body.setEnabled(follow_up is not None)
        if follow_up is None:
            self.hint.setText(
                _("Planned by itself: six months after her exit date, once it is entered.")
            )
        else:
            lines = [
                _("Due on {date}. Ask her these questions from that day on.").format(
                    date=format_date(follow_up.due_on)
                )
            ]
            if not file.employed_at_entry:
                lines.append(
                    _(
                        "The question about better work is only for women who had work when "
                        "they entered."
                    )
                )
            self.hint.setText("\n".join(lines))
        self._enable_answers()

    def load(self, file: EsfFile) -> None:
        answers = file.follow_up.answers() if file.follow_up else FollowUpAnswers()
        self.answered_on.set_date(answers.answered_on)
        blocked = self.not_reached.blockSignals(True)  # shown, not typed: nothing unsaved
        self.not_reached.setChecked(answers.not_reached)
        self.not_reached.blockSignals(blocked)
        self.employed.set_value(answers.employed)
        self.improved_situation.set_value(answers.improved_situation)

    def store(self) -> EsfFile:
        answered_on = read_dates({"answered_on": self.answered_on})["answered_on"]
        answers = FollowUpAnswers(
            answered_on=answered_on,
            employed=self.employed.value(),
            improved_situation=self.improved_situation.value(),
            not_reached=self.not_reached.isChecked(),
        )
        return self.esf.save_follow_up(self.participant_id, answers)
