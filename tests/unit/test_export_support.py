"""Test data for the export tests: a participant whose every category holds a marker value."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from coachdesk.models import (
    Agreement,
    Attendance,
    Consent,
    ConsentCategory,
    ContactPerson,
    Enrolment,
    EsfEntry,
    Goal,
    Handover,
    Meeting,
    MeetingAttendee,
    Milestone,
    Module,
    Organisation,
    Participant,
    Programme,
)
from coachdesk.models.enums import (
    AttendanceStatus,
    AttendeeRole,
    DataCategory,
    EnrolmentResult,
    EsfAnswer,
    Gender,
    HandoverKind,
    LabourStatus,
    OrganisationKind,
    ParticipantStatus,
)

# One marker per category: present in the PDF exactly when the category is covered and shown.
MARKERS: dict[DataCategory, str] = {
    DataCategory.IDENTITY_CONTACT: "Idmkcustomer",
    DataCategory.GOALS_PROGRESS: "Gpmkgoal",
    DataCategory.MODULES_ATTENDANCE: "Mamkresult",
    DataCategory.MEETING_SUMMARIES: "Msmksummary",
    DataCategory.HANDOVER_FACTS: "Hfmkrecommend",
    DataCategory.FAMILY_CHILDCARE: "Fammkchildcare",
    DataCategory.HEALTH: "Hlthmknote",
    DataCategory.RESIDENCE_STATUS: "Resmkstatus",
    DataCategory.LANGUAGES_QUALIFICATIONS: "Lqmkqualification",
    DataCategory.PUBLICATION: "Pubmkpseudonym",
    # The ESF Plus answers are choices, no text: a leak would show an answer's label, or a
    # question's name beside "Yes" (seeded below: long-term unemployed, disability, minority).
    DataCategory.ESF_MONITORING: "Long-term unemployed",
    DataCategory.DISABILITY: "Lives with a disability",
    DataCategory.MINORITY: "Belongs to a minority",
}
INTERNAL_MARKERS = ("Intmkparticipant", "Intmkmeeting", "Intmkhandover")
# Agreements are meeting data too; progress documents show them without the summary.
AGREEMENT_MARKER = "Msmkagreement"


@dataclass(frozen=True)
class Seeded:
    participant_id: int
    job_centre_id: int
    officer_id: int
    other_org_id: int


def programme_named(s: Session, name: str) -> int:
    """The programme of this name, made if the vault has none yet."""
    found = s.scalar(select(Programme.id).where(Programme.name == name))
    if found is None:
        p = Programme(name=name)
        s.add(p)
        s.flush()
        found = p.id
    return found


def seed(
    sessions: sessionmaker[Session],
    first_name: str = "Fatima",
    last_name: str = "Yılmaz",
) -> Seeded:
    """A participant with data in every category, a job centre with an officer, another org."""
    m = MARKERS
    with sessions.begin() as s:
        jc = Organisation(name="Jobcenter Musterstadt", kind=OrganisationKind.JOB_CENTRE)
        other = Organisation(name="Volkshochschule", kind=OrganisationKind.ADULT_EDUCATION_CENTRE)
        s.add_all([jc, other])
        s.flush()
        officer = ContactPerson(organisation_id=jc.id, name="Petra Schulz", role_title="IFK")
        s.add(officer)
        p = Participant(
            first_name=first_name,
            last_name=last_name,
            pseudonym=m[DataCategory.PUBLICATION],
            jobcentre_customer_number=m[DataCategory.IDENTITY_CONTACT],
            qualifications=m[DataCategory.LANGUAGES_QUALIFICATIONS],
            childcare=m[DataCategory.FAMILY_CHILDCARE],
            health_notes=m[DataCategory.HEALTH],
            residence_status=m[DataCategory.RESIDENCE_STATUS],
            programme_id=programme_named(s, "MY TURN"),
            entry_date=dt.date(2025, 9, 1),
            # She has left, with an exit handover: the export dialog has nothing to caution.
            status=ParticipantStatus.EXITED,
            internal_notes=INTERNAL_MARKERS[0],
        )
        s.add(p)
        s.flush()
        goal = Goal(participant_id=p.id, title=m[DataCategory.GOALS_PROGRESS])
        goal.milestones.append(Milestone(title="CV written", reached_on=dt.date(2025, 11, 3)))
        s.add(goal)
        module = Module(title="Application training")
        s.add(module)
        s.flush()
        enrol = Enrolment(
            participant_id=p.id,
            module_id=module.id,
            enrolled_on=dt.date(2025, 10, 1),
            result=EnrolmentResult.COMPLETED,
            completed_on=dt.date(2025, 12, 1),
            result_note=m[DataCategory.MODULES_ATTENDANCE],
        )
        enrol.attendance.append(
            Attendance(session_date=dt.date(2025, 10, 8), status=AttendanceStatus.PRESENT)
        )
        s.add(enrol)
        meeting = Meeting(
            participant_id=p.id,
            held_at=dt.datetime(2026, 2, 10, 10, 0),
            location="Community room",
            shared_summary=m[DataCategory.MEETING_SUMMARIES],
            internal_notes=INTERNAL_MARKERS[1],
        )
        meeting.attendees.append(MeetingAttendee(name="Petra Schulz", role=AttendeeRole.COACH))
        meeting.attendees.append(
            MeetingAttendee(name=f"{first_name} {last_name}", role=AttendeeRole.PARTICIPANT)
        )
        meeting.agreements.append(
            Agreement(
                who="Participant",
                what=f"Send two applications {AGREEMENT_MARKER}",
                due_date=TODAY_PLUS,
            )
        )
        s.add(meeting)
        s.add(
            EsfEntry(
                participant_id=p.id,
                answered_on=dt.date(2025, 9, 8),
                gender=Gender.FEMALE,
                labour_status=LabourStatus.LONG_TERM_UNEMPLOYED,
                disability=EsfAnswer.YES,
                minority=EsfAnswer.YES,
            )
        )
        s.add(
            Handover(
                participant_id=p.id,
                kind=HandoverKind.EXIT,
                handover_date=dt.date(2026, 3, 1),
                recommendation=m[DataCategory.HANDOVER_FACTS],
                internal_notes=INTERNAL_MARKERS[2],
            )
        )
        s.flush()
        return Seeded(p.id, jc.id, officer.id, other.id)


TODAY_PLUS = dt.date(2026, 4, 1)


def add_consent(
    sessions: sessionmaker[Session],
    participant_id: int,
    categories: set[DataCategory] | frozenset[DataCategory],
    *,
    organisation_id: int | None = None,
    contact_id: int | None = None,
    given_on: dt.date = dt.date(2026, 1, 5),
    valid_until: dt.date | None = None,
    withdrawn_on: dt.date | None = None,
) -> int:
    with sessions.begin() as s:
        c = Consent(
            participant_id=participant_id,
            recipient_organisation_id=organisation_id,
            recipient_contact_id=contact_id,
            purpose="Cooperation in the programme",
            given_on=given_on,
            valid_until=valid_until,
            withdrawn_on=withdrawn_on,
            notice_version="2026-01",
        )
        c.category_rows = [ConsentCategory(category=cat) for cat in categories]
        s.add(c)
        s.flush()
        return c.id


def ready_to_export(services):  # type: ignore[no-untyped-def]
    """A seeded participant with consent for the job centre and a signing identity: the
    export service and what was seeded (a coach exports her exit handover with these)."""
    from coachdesk.export.service import ExportService
    from coachdesk.models.enums import DataCategory

    services.settings.set_coach_name("Anna Çoban")
    seeded = seed(services.ctx.sessions)
    add_consent(
        services.ctx.sessions,
        seeded.participant_id,
        {DataCategory.IDENTITY_CONTACT, DataCategory.GOALS_PROGRESS},
        organisation_id=seeded.job_centre_id,
    )
    exports = ExportService(services.ctx)
    exports.create_identity()
    return exports, seeded
