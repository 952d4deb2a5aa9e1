"""The demo's ESF Plus questionnaires: entry for everyone, exit and follow-up for leavers.

Drawn from a random stream of their own (seeded from the demo's seed), so adding them
changed none of the demo's other records. Some are incomplete on purpose: a few questions
left open, "no answer" on disability and minority, exits and follow-ups not yet answered.
"""

from __future__ import annotations

import datetime as dt
import random

from coachdesk import models as m
from coachdesk.demo.records import IdAllocator, Rows
from coachdesk.models.enums import (
    EducationLevel,
    EsfAnswer,
    ExitDestination,
    Gender,
    LabourStatus,
)
from coachdesk.reports.esf import EMPLOYED_AT_ENTRY, add_months

GENDERS = (Gender.FEMALE, Gender.NON_BINARY, Gender.MALE)
GENDER_WEIGHTS = (95, 3, 2)
LABOUR = tuple(LabourStatus)
LABOUR_WEIGHTS = (35, 30, 25, 7, 3)
EDUCATION = tuple(EducationLevel)
EDUCATION_WEIGHTS = (45, 40, 15)
OPEN_QUESTION = 0.04
"""Share of answers left open (not asked yet) in an entry questionnaire answered."""


class EsfDemo:
    def __init__(self, seed: int, today: dt.date, ids: IdAllocator) -> None:
        self.rng = random.Random(f"esf-{seed}")
        self.today = today
        self.ids = ids

    def _yes(self, share: float) -> EsfAnswer:
        return EsfAnswer.YES if self.rng.random() < share else EsfAnswer.NO

    def _sensitive(self, share: float, declined: float) -> EsfAnswer:
        roll = self.rng.random()
        if roll < declined:
            return EsfAnswer.NO_ANSWER
        return EsfAnswer.YES if roll < declined + share else EsfAnswer.NO

    def _open(self, answer: object) -> object:
        return None if self.rng.random() < OPEN_QUESTION else answer

    def add(
        self,
        rows: Rows,
        pid: int,
        *,
        foreign: bool,
        entry: dt.date,
        exit_date: dt.date | None,
        destination: ExitDestination | None,
    ) -> None:
        rng = self.rng
        answered: dt.date | None = entry + dt.timedelta(days=rng.randint(0, 20))
        if answered is not None and answered > self.today:
            answered = None  # she came in the last days: not asked yet
        labour = rng.choices(LABOUR, weights=LABOUR_WEIGHTS)[0]
        answers: dict[str, object] = {
            "gender": rng.choices(GENDERS, weights=GENDER_WEIGHTS)[0],
            "labour_status": labour,
            "education": rng.choices(EDUCATION, weights=EDUCATION_WEIGHTS)[0],
            "third_country_national": self._yes(0.8 if foreign else 0.0),
            "foreign_background": self._yes(0.95 if foreign else 0.1),
            "homeless": self._yes(0.04),
            "rural": self._yes(0.1),
            "disability": self._sensitive(0.08, 0.06),
            "minority": self._sensitive(0.05, 0.08),
        }
        if answered is None:
            answers = {key: None for key in answers}
        else:
            answers = {key: self._open(value) for key, value in answers.items()}
        rows.add(
            m.EsfEntry,
            id=self.ids.next(m.EsfEntry),
            participant_id=pid,
            answered_on=answered,
            **answers,
        )
        if exit_date is not None:
            employed = self._exit(rows, pid, exit_date, destination)
            self._follow_up(rows, pid, exit_date, employed, answers["labour_status"])

    def _exit(
        self, rows: Rows, pid: int, left: dt.date, destination: ExitDestination | None
    ) -> bool:
        rng = self.rng
        answered: dt.date | None = left + dt.timedelta(days=rng.randint(0, 25))
        employed = destination == ExitDestination.WORK
        answers: dict[str, object] = {
            "job_searching": not employed and rng.random() < 0.6,
            "in_education": destination in (ExitDestination.TRAINING, ExitDestination.EDUCATION),
            "qualification": rng.random() < 0.3,
            "employed": employed,
        }
        if answered is not None and answered > self.today:
            answered, answers = None, {key: None for key in answers}
        else:
            answers = {key: self._open(value) for key, value in answers.items()}
        rows.add(
            m.EsfExit,
            id=self.ids.next(m.EsfExit),
            participant_id=pid,
            answered_on=answered,
            **answers,
        )
        return employed

    def _follow_up(
        self, rows: Rows, pid: int, left: dt.date, employed: bool, labour: object
    ) -> None:
        rng = self.rng
        due = add_months(left, 6)
        answered: dt.date | None = due + dt.timedelta(days=rng.randint(0, 20))
        not_reached = rng.random() < 0.1
        values: dict[str, object] = {
            "employed": rng.random() < (0.85 if employed else 0.35),
            "improved_situation": rng.random() < 0.5 if labour in EMPLOYED_AT_ENTRY else None,
        }
        if answered is not None and answered > self.today:
            answered, not_reached = None, False
            values = {key: None for key in values}
        elif not_reached:
            values = {key: None for key in values}
        rows.add(
            m.EsfFollowUp,
            id=self.ids.next(m.EsfFollowUp),
            participant_id=pid,
            due_on=due,
            answered_on=answered,
            not_reached=not_reached,
            **values,
        )


FUNDERS = {
    "MY TURN": "Bundesministerium für Arbeit und Soziales, Europäischer Sozialfonds Plus",
    "Stark im Beruf": "Bundesministerium für Familie, Senioren, Frauen und Jugend, ESF Plus",
}
