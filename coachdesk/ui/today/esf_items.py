"""Today's ESF Plus rows: which questionnaire of hers is missing, and by when it is due."""

from __future__ import annotations

import datetime as dt

from coachdesk.i18n import N_, _, format_date, ngettext
from coachdesk.services.context import ChangeKind
from coachdesk.services.esf_due import EsfDue, EsfStep, Urgency
from coachdesk.services.reminder_lists import ESF_ENTRY, ESF_EXIT, ESF_FOLLOW_UP
from coachdesk.ui.today.items import TodayItem

ESF_TEXTS = {
    ESF_ENTRY: (
        N_("ESF entry questionnaires"),
        N_("Every participant with an entry date has complete ESF Plus entry data."),
    ),
    ESF_EXIT: (
        N_("ESF leaving questionnaires"),
        N_("Every participant with an exit date has answered the leaving questionnaire."),
    ),
    ESF_FOLLOW_UP: (
        N_("ESF six-month follow-ups"),
        N_(
            "No follow-up is due in the next two weeks. One is scheduled six months after "
            "a participant exits."
        ),
    ),
}
"""Section title and what the empty section says (source texts, translated when shown)."""


def _questionnaire(e: EsfDue) -> str:
    if e.step is EsfStep.FOLLOW_UP:
        return _("Six-month follow-up")
    if e.step is EsfStep.ENTRY:
        if not e.exists:
            text = _("Entry questionnaire missing")
        elif e.open_answers:
            text = ngettext(
                "Entry questionnaire incomplete: {count} answer open",
                "Entry questionnaire incomplete: {count} answers open",
                e.open_answers,
            ).format(count=e.open_answers)
        else:
            return _("Date of birth missing for the ESF entry data")
        if e.birth_date_missing:
            text = _("{questionnaire}; date of birth missing").format(questionnaire=text)
        return text
    if not e.exists:
        return _("Leaving questionnaire missing")
    return ngettext(
        "Leaving questionnaire incomplete: {count} answer open",
        "Leaving questionnaire incomplete: {count} answers open",
        e.open_answers,
    ).format(count=e.open_answers)


def esf_text(e: EsfDue, day: dt.date) -> str:
    """A whole sentence: what is missing, and when it is (or was) due."""
    what, urgency = _questionnaire(e), e.urgency(day)
    if urgency is Urgency.OVERDUE:
        return _("{what} — was due by {date}").format(
            what=what, date=format_date(e.deadline, fmt="long")
        )
    if urgency is Urgency.COMING_UP:
        return _("{what} — comes up on {date}").format(
            what=what, date=format_date(e.date, fmt="long")
        )
    if e.step is EsfStep.FOLLOW_UP:
        return _("{what} — due now, reach her by {date}").format(
            what=what, date=format_date(e.deadline, fmt="long")
        )
    return _("{what} — due by {date}").format(what=what, date=format_date(e.deadline, fmt="long"))


def esf_item(e: EsfDue, day: dt.date) -> TodayItem:
    """Opens her file at the ESF questionnaires (SECTION_OF_KIND[ChangeKind.ESF])."""
    # The row's date is what its list is ordered by: the deadline of entry and leaving
    # (four weeks after her date), the due day of a follow-up.
    when = e.date if e.step is EsfStep.FOLLOW_UP else e.deadline
    overdue = e.urgency(day) is Urgency.OVERDUE
    return TodayItem(
        ChangeKind.ESF,
        e.record_id,
        e.participant_id,
        e.participant_name,
        esf_text(e, day),
        when,
        overdue,
    )
