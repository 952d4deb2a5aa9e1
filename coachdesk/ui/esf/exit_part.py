"""The questions when she left: usable once her exit date is in her file."""

from __future__ import annotations

from coachdesk.i18n import N_, _, format_date
from coachdesk.services.esf import EsfFile, ExitDraft
from coachdesk.ui.esf.choices import YesNoCombo
from coachdesk.ui.esf.part import EsfPart
from coachdesk.ui.kit.forms import read_dates

EMPLOYED = N_("Do you have work now? (Employed or self-employed)")
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("job_searching", N_("Are you looking for work now?")),
    ("in_education", N_("Are you in school, a course or a training now?")),
    ("qualification", N_("Did you get a certificate or qualification with us?")),
    ("employed", EMPLOYED),
)


class ExitPart(EsfPart):
    TITLE = N_("When she left")
    SAVE = N_("Save the leaving questions")

    def add_questions(self) -> None:
        self.answers = {
            name: self.rows.add(name, caption, YesNoCombo()) for name, caption in QUESTIONS
        }

    def show_state(self, file: EsfFile) -> None:
        self.body.setEnabled(file.can_leave)
        if file.exit_date is None:
            self.hint.setText(
                _(
                    "These questions come when she leaves. Enter her exit date in the "
                    "overview first."
                )
            )
        else:
            self.hint.setText(
                _("She left on {date}. Ask her these questions within four weeks.").format(
                    date=format_date(file.exit_date)
                )
            )

    def load(self, file: EsfFile) -> None:
        self.answered_on.set_date(file.exit.answered_on)
        for name, box in self.answers.items():
            box.set_value(getattr(file.exit, name))

    def store(self) -> EsfFile:
        answered_on = read_dates({"answered_on": self.answered_on})["answered_on"]
        draft = ExitDraft(
            answered_on=answered_on, **{name: box.value() for name, box in self.answers.items()}
        )
        return self.esf.save_exit(self.participant_id, draft)
