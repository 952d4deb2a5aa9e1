"""The questions when she entered, as the coach reads them aloud: short and plain."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from coachdesk.i18n import N_, _
from coachdesk.models.enums import EducationLevel, EsfAnswer, Gender, LabourStatus
from coachdesk.services.esf import EntryDraft, EsfFile
from coachdesk.ui.esf.choices import QuestionCombo
from coachdesk.ui.esf.part import EsfPart
from coachdesk.ui.kit.forms import read_dates

QUESTIONS: tuple[tuple[str, str], ...] = (
    ("third_country_national", N_("Are you a citizen only of countries outside the EU?")),
    ("foreign_background", N_("Were you or one of your parents born in another country?")),
    ("homeless", N_("Are you homeless, or without a flat of your own?")),
    ("rural", N_("Do you live in the countryside, in a village?")),
    ("disability", N_("Do you live with a disability? You do not have to answer.")),
    (
        "minority",
        N_("Do you belong to a minority, for example the Roma? You do not have to answer."),
    ),
)
"""The situation questions, answered yes, no or "no answer"."""


class EntryPart(EsfPart):
    TITLE = N_("When she entered")
    SAVE = N_("Save the entry questions")

    def add_questions(self) -> None:
        self.age = QLabel()
        self.age.setWordWrap(True)
        self.column.insertWidget(1, self.age)
        self.gender = self.rows.add(
            "gender", N_("Are you a woman, a man or non-binary?"), QuestionCombo(Gender)
        )
        self.labour_status = self.rows.add(
            "labour_status",
            N_("When you started here: did you have work? Were you looking for work?"),
            QuestionCombo(LabourStatus),
        )
        self.education = self.rows.add(
            "education",
            N_("What is the highest school or training you finished?"),
            QuestionCombo(EducationLevel),
        )
        self.answers = {
            name: self.rows.add(name, caption, QuestionCombo(EsfAnswer))
            for name, caption in QUESTIONS
        }

    def retranslate(self) -> None:
        self.hint.setText(
            _(
                "Ask her these questions in the first four weeks. Read each question aloud. "
                "She may say she does not want to answer."
            )
        )
        super().retranslate()

    def show_state(self, file: EsfFile) -> None:
        age = file.age_at_entry
        if file.date_of_birth is None:
            text = _("Her age: her date of birth is missing. Please enter it in the overview.")
        elif age is None:
            text = _("Her age: her entry date is missing. Please enter it in the overview.")
        else:
            text = _("Her age when she entered: {age} years.").format(age=age)
        self.age.setText(text)

    def load(self, file: EsfFile) -> None:
        entry = file.entry
        self.answered_on.set_date(entry.answered_on)
        self.gender.set_value(entry.gender)
        self.labour_status.set_value(entry.labour_status)
        self.education.set_value(entry.education)
        for name, box in self.answers.items():
            box.set_value(getattr(entry, name))

    def store(self) -> EsfFile:
        answered_on = read_dates({"answered_on": self.answered_on})["answered_on"]
        draft = EntryDraft(
            answered_on=answered_on,
            gender=self.gender.value(),
            labour_status=self.labour_status.value(),
            education=self.education.value(),
            **{name: box.value() for name, box in self.answers.items()},
        )
        return self.esf.save_entry(self.participant_id, draft)
