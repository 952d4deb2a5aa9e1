"""The words of "My plan": every text she reads on it, in plain language.

Kept in one place so the page and the check that a document language translates all of
them (``Bilingual.needs_notice``) name the same texts.
"""

from __future__ import annotations

from coachdesk.doc_languages import NOT_CHECKED
from coachdesk.i18n import N_
from coachdesk.labels import LABELS, _key
from coachdesk.models.enums import MeetingKind, MilestoneKind

TITLE = N_("My plan")
MADE_FOR = N_("For {name}. Made on {date} with {coach}.")
INTRO = N_(
    "This plan is for you. You, your coach and the job centre work with the same plan. "
    "Please keep it and bring it to your next appointment."
)
GOALS_HEADING = N_("My goals and my next steps")
NO_GOALS = N_("No goals are written down yet.")
BY_DATE = N_("by {date}")
DONE_ON = N_("done on {date}")
REACHED_ON = N_("Goal reached on {date}")
AGREEMENTS_HEADING = N_("Agreements: who does what by when")
COLUMNS = (N_("Who"), N_("What"), N_("By when"))
APPOINTMENT_COLUMNS = (N_("Date and time"), N_("Appointment"), N_("Place"))
CONTACT_COLUMNS = (N_("Contact person"), N_("Role"), N_("Phone and email"))
NO_AGREEMENTS = N_("There are no open agreements.")
APPOINTMENTS_HEADING = N_("My next appointments")
NO_APPOINTMENTS = N_("No appointments are planned yet.")
CONTACTS_HEADING = N_("My contact persons")
YOUR_COACH = N_("Your coach")
PREPARED_BY = N_("Plan prepared and signed digitally by {signer}.")

CHANGES_HEADING = N_("What is new since your last plan of {date}")
FIRST_PLAN = N_("This is your first plan.")
NO_CHANGES = N_("Nothing has changed since then.")
NEW_GOAL = N_("New goal: {title}")
GOAL_REACHED = N_("Goal reached: {title}")
GOAL_GONE = N_("No longer in your plan: {title}")
NEW_STEP = N_("New step: {title}")
STEP_DONE = N_("Step done: {title}")
NEW_AGREEMENT = N_("New agreement: {who} – {what}")
AGREEMENT_DONE = N_("Agreement done: {who} – {what}")
AGREEMENT_GONE = N_("Agreement no longer open: {who} – {what}")
NEW_APPOINTMENT = N_("New appointment: {when}")
APPOINTMENT_GONE = N_("Appointment cancelled or moved: {when}")

CHANGE_TEXTS = (
    NEW_GOAL,
    GOAL_REACHED,
    GOAL_GONE,
    NEW_STEP,
    STEP_DONE,
    NEW_AGREEMENT,
    AGREEMENT_DONE,
    AGREEMENT_GONE,
    NEW_APPOINTMENT,
    APPOINTMENT_GONE,
)
KIND_TEXTS = tuple(LABELS[_key(k)] for k in (*MilestoneKind, *MeetingKind))

ALL_TEXTS: tuple[str, ...] = (
    TITLE,
    NOT_CHECKED,
    MADE_FOR,
    INTRO,
    GOALS_HEADING,
    NO_GOALS,
    BY_DATE,
    DONE_ON,
    REACHED_ON,
    AGREEMENTS_HEADING,
    *COLUMNS,
    *APPOINTMENT_COLUMNS,
    *CONTACT_COLUMNS,
    NO_AGREEMENTS,
    APPOINTMENTS_HEADING,
    NO_APPOINTMENTS,
    CONTACTS_HEADING,
    YOUR_COACH,
    PREPARED_BY,
    CHANGES_HEADING,
    FIRST_PLAN,
    NO_CHANGES,
    *CHANGE_TEXTS,
    *KIND_TEXTS,
)
"""Every text of the plan: a document language translates all of them."""
