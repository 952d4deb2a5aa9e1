"""Turn the reminder service's overview into the sections the Today view shows."""

from __future__ import annotations

from coachdesk.i18n import N_, _
from coachdesk.labels import label
from coachdesk.services.context import ChangeKind
from coachdesk.services.reminders import TodayOverview
from coachdesk.ui.today.model import TodayItem, TodaySection

MEETINGS, AGREEMENTS, GOALS, CONSENTS, CONSENT_SCANS, AFTERCARE, RETENTION = (
    "meetings",
    "agreements",
    "goals",
    "consents",
    "consent_scans",
    "aftercare",
    "retention",
)


def _joined(*parts: str) -> str:
    return " - ".join(p for p in parts if p)


def _goal_text(title: str, passed: bool) -> str:
    return _("{goal} (target date passed)").format(goal=title) if passed else title


def build_sections(overview: TodayOverview) -> list[TodaySection]:
    """Texts are translated now; the view rebuilds the sections when the language changes."""
    meetings = tuple(
        TodayItem(
            ChangeKind.MEETING,
            m.meeting_id,
            m.participant_id,
            m.participant_name,
            _joined(label(m.kind), m.text),
            m.held_at,
        )
        for m in overview.upcoming_meetings
    )
    agreements = tuple(
        TodayItem(
            ChangeKind.AGREEMENT,
            a.agreement_id,
            a.participant_id,
            a.participant_name,
            _("{who}: {what}").format(who=a.who, what=a.text) if a.who else a.text,
            a.date,
            overdue=True,
        )
        for a in overview.overdue_agreements
    )
    goals = tuple(
        TodayItem(
            ChangeKind.GOAL,
            g.goal_id,
            g.participant_id,
            g.participant_name,
            _("{goal} (target date passed)").format(goal=g.text)
            if g.date < overview.day
            else g.text,
            g.date,
            overdue=g.date < overview.day,
        )
        for g in overview.goals_due
    )
    consents = tuple(
        TodayItem(
            ChangeKind.CONSENT,
            c.consent_id,
            c.participant_id,
            c.participant_name,
            _("Consent for {recipient} ends").format(recipient=c.text or _("a recipient")),
            c.date,
        )
        for c in overview.consents_expiring
    )
    # Opens her file at the consents, where "Attach signed paper…" is one click away.
    scans = tuple(
        TodayItem(
            ChangeKind.CONSENT,
            c.consent_id,
            c.participant_id,
            c.participant_name,
            _("Scan the signed consent for {recipient} into her file").format(
                recipient=c.text or _("a recipient")
            ),
            c.date,
            overdue=True,
        )
        for c in overview.consents_without_scan
    )
    aftercare = tuple(
        TodayItem(
            ChangeKind.AFTERCARE,
            f.followup_id,
            f.participant_id,
            f.participant_name,
            _joined(_("Aftercare contact"), f.text),
            f.date,
        )
        for f in overview.aftercare_due
    )
    retention = tuple(
        TodayItem(
            ChangeKind.PARTICIPANT,
            r.participant_id,
            r.participant_id,
            r.participant_name,
            _joined(_("Erase the file or record why it is kept"), r.text),
            r.date,
        )
        for r in overview.retention_reached
    )
    return [
        TodaySection(
            MEETINGS,
            N_("Meetings in the next two weeks"),
            N_("No meetings planned. Plan one in a participant's file under Meetings."),
            meetings,
        ),
        TodaySection(
            AGREEMENTS,
            N_("Overdue agreements"),
            N_("Nothing overdue. Agreements made in meetings appear here once their date passes."),
            agreements,
        ),
        TodaySection(
            GOALS,
            N_("Goals due"),
            N_("No goal is due in the next two weeks. Give goals a target date to see them here."),
            goals,
        ),
        TodaySection(
            CONSENTS,
            N_("Consents ending soon"),
            N_("No consent ends in the next 30 days."),
            consents,
        ),
        TodaySection(
            CONSENT_SCANS,
            N_("Signed consents not scanned"),
            N_(
                "Every written consent older than two weeks has its signed paper in the file. "
                "Attach it in her file under Consents."
            ),
            scans,
        ),
        TodaySection(
            AFTERCARE,
            N_("Aftercare due"),
            N_("No aftercare contact is due this week. Plan them after a participant exits."),
            aftercare,
        ),
        TodaySection(
            RETENTION,
            N_("Retention date reached"),
            N_("No file has reached its retention date."),
            retention,
        ),
    ]
