"""A participant with one of everything, made through the services as a coach makes it.

Every text she or the coach typed is a marker of its own (``{tag}{record}{field}``), so a
test can ask which of her records reached a file and that no marker of another woman did.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from coachdesk.export.acknowledgement import Acknowledgement, HowNoted
from coachdesk.export.preview import DocumentType
from coachdesk.export.request import ExportRequest
from coachdesk.facade import Services
from coachdesk.models import EsfExit, EsfFollowUp, TransferRecord
from coachdesk.models.enums import (
    AftercareStatus,
    AttendanceStatus,
    AttendeeRole,
    ConsentMethod,
    DataCategory,
    EducationLevel,
    EnrolmentResult,
    EsfAnswer,
    Gender,
    GermanLevel,
    HandoverKind,
    LabourStatus,
    LegalBasis,
    MeetingKind,
    MilestoneKind,
    OrganisationKind,
    ParticipantStatus,
)
from coachdesk.services.aftercare import FollowUpDraft
from coachdesk.services.attachment_records import AttachmentDraft
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import ContactDraft, OrganisationDraft
from coachdesk.services.esf import EntryDraft
from coachdesk.services.goals import GoalDraft, MilestoneDraft
from coachdesk.services.handovers import HandoverDraft
from coachdesk.services.meeting_records import AgreementDraft, AttendeeDraft, MeetingDraft
from coachdesk.services.modules import ModuleDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.programmes import ProgrammeDraft
from tests.unit.attachment_files import jpeg_bytes, pdf_bytes

DAY = dt.date(2026, 2, 10)


@dataclass
class Built:
    participant_id: int
    markers: dict[str, str] = field(default_factory=dict)
    """Every marker by the place it was typed (``goal.title``)."""
    internal: set[str] = field(default_factory=set)
    """The places that are internal notes."""

    def mark(self, tag: str, place: str) -> str:
        value = f"{tag}{place.replace('.', '').replace('_', '')}"
        self.markers[place] = value
        return value

    @property
    def shared(self) -> list[str]:
        return [m for p, m in self.markers.items() if p not in self.internal]

    @property
    def notes(self) -> list[str]:
        return [m for p, m in self.markers.items() if p in self.internal]


def organisations(services: Services) -> tuple[int, int]:
    """A job centre and one of its integration officers (made once, shared by every file)."""
    for org in services.directory.list_organisations():
        if org.name == "Jobcenter Musterstadt":
            return org.id, services.directory.list_contacts(org.id)[0].id
    jc = services.directory.create_organisation(
        OrganisationDraft(name="Jobcenter Musterstadt", kind=OrganisationKind.JOB_CENTRE)
    )
    officer = services.directory.create_contact(
        ContactDraft(organisation_id=jc.id, name="Petra Schulz", role_title="IFK")
    )
    return jc.id, officer.id


def programme_of(services: Services, name: str) -> int:
    """The programme of this name, made if the vault has none yet."""
    found = services.programmes.find(name)
    return (found or services.programmes.create(ProgrammeDraft(name))).id


def full_file(services: Services, tag: str, first: str, last: str) -> Built:
    """Her file with a record of every kind, each text a marker starting with ``tag``."""
    if services.exports.current_identity() is None:
        services.exports.create_identity("Test Coach")
    jc_id, officer_id = organisations(services)
    b = Built(0)
    m = b.mark
    p = services.participants.create(
        ParticipantDraft(
            first_name=first,
            last_name=last,
            pseudonym=m(tag, "participant.pseudonym"),
            date_of_birth=dt.date(1990, 5, 17),
            phone="0421 555 0101",
            email=f"{m(tag, 'participant.email')}@example.org",
            address=m(tag, "participant.address"),
            jobcentre_customer_number=f"123A{sum(map(ord, tag)):06d}",
            languages="Arabisch, Deutsch",
            german_level=GermanLevel.A2,
            qualifications=m(tag, "participant.qualifications"),
            work_experience=m(tag, "participant.work_experience"),
            family_situation=m(tag, "participant.family_situation"),
            children_count=2,
            childcare=m(tag, "participant.childcare"),
            health_notes=m(tag, "participant.health_notes"),
            residence_status=m(tag, "participant.residence_status"),
            programme_id=programme_of(services, "MY TURN"),
            status=ParticipantStatus.ACTIVE,
            entry_date=dt.date(2025, 9, 1),
            integration_officer_id=officer_id,
            internal_notes=m(tag, "participant.internal_notes"),
        )
    )
    b.participant_id = pid = p.id
    b.markers["participant.email"] += "@example.org"
    goal = services.goals.create(
        pid,
        GoalDraft(title=m(tag, "goal.title"), description=m(tag, "goal.description")),
    )
    services.goals.add_milestone(
        goal.id,
        MilestoneDraft(
            title=m(tag, "milestone.title"),
            kind=MilestoneKind.CONFIDENCE,
            due_date=dt.date(2026, 4, 1),
            note=m(tag, "milestone.note"),
        ),
    )
    meeting = services.meetings.create(
        pid,
        MeetingDraft(
            held_at=dt.datetime(2026, 2, 10, 10, 0),
            kind=MeetingKind.THREE_WAY,
            location=m(tag, "meeting.location"),
            agenda=m(tag, "meeting.agenda"),
            shared_summary=m(tag, "meeting.shared_summary"),
            internal_notes=m(tag, "meeting.internal_notes"),
            attendees=(
                AttendeeDraft(name=f"{first} {last}", role=AttendeeRole.PARTICIPANT),
                AttendeeDraft(
                    name=m(tag, "attendee.name"),
                    role=AttendeeRole.INTERPRETER,
                ),
            ),
            agreements=(
                AgreementDraft(
                    who=m(tag, "agreement.who"),
                    what=m(tag, "agreement.what"),
                    due_date=dt.date(2026, 3, 31),
                ),
            ),
        ),
    )
    offered = [x for x in services.modules.list() if x.title == "Bewerbungstraining"]
    module = offered[0] if offered else services.modules.create(ModuleDraft("Bewerbungstraining"))
    enrolment = services.modules.enrol(pid, module.id, dt.date(2025, 10, 1))
    services.modules.set_result(
        enrolment.id, EnrolmentResult.COMPLETED, dt.date(2025, 12, 1), m(tag, "enrolment.note")
    )
    services.modules.record_attendance(
        enrolment.id, dt.date(2025, 10, 8), AttendanceStatus.SICK, m(tag, "attendance.note")
    )
    consent = services.consents.record(
        pid,
        ConsentDraft(
            categories=frozenset(DataCategory) - {DataCategory.PUBLICATION},
            purpose=m(tag, "consent.purpose"),
            given_on=dt.date(2025, 9, 1),
            recipient_organisation_id=jc_id,
            method=ConsentMethod.WRITTEN,
            legal_basis=LegalBasis.EXPLICIT_CONSENT,
            interpreter=m(tag, "consent.interpreter"),
            notice_version=m(tag, "consent.notice_version"),
            paper_reference=m(tag, "consent.paper_reference"),
            recorded_by=m(tag, "consent.recorded_by"),
        ),
    )
    handover = services.handovers.create(
        pid,
        HandoverDraft(
            kind=HandoverKind.INTAKE,
            handover_date=dt.date(2025, 9, 1),
            author=m(tag, "handover.author"),
            organisation_id=jc_id,
            contact_person_id=officer_id,
            **{
                f: m(tag, f"handover.{f}")
                for f in (
                    "reason",
                    "situation",
                    "expectations",
                    "strengths",
                    "obstacles",
                    "next_steps",
                    "recommendation",
                    "internal_notes",
                )
            },
        ),
    )
    services.aftercare.create(
        pid,
        FollowUpDraft(
            due_on=dt.date(2026, 1, 15),
            done_on=dt.date(2026, 1, 15),
            status=AftercareStatus.DONE,
            contact_method=m(tag, "aftercare.contact_method"),
            employment_status=m(tag, "aftercare.employment_status"),
            note=m(tag, "aftercare.note"),
        ),
    )
    scan = m(tag, "attachment.title")
    services.attachments.add(
        pid,
        pdf_bytes(f"{tag}paperbytes consent scan"),
        AttachmentDraft(
            title=scan,
            category=DataCategory.IDENTITY_CONTACT,
            document_date=dt.date(2025, 9, 1),
            consent_id=consent.id,
        ),
    )
    services.attachments.add(
        pid,
        jpeg_bytes(f"{tag}photobytes"),
        AttachmentDraft(
            title=m(tag, "attachment2.title"),
            category=DataCategory.LANGUAGES_QUALIFICATIONS,
            handover_id=handover.id,
            meeting_id=meeting.id,
        ),
    )
    services.exports.export(ExportRequest(participant_id=pid, document=DocumentType.MY_PLAN))
    services.exports.export(
        ExportRequest(
            participant_id=pid,
            document=DocumentType.INTERIM_FEEDBACK,
            organisation_id=jc_id,
            purpose=m(tag, "export.purpose"),
            acknowledgement=Acknowledgement(
                how=HowNoted.INTERPRETED,
                by=m(tag, "acknowledgement.helper_name"),
                language="ar",
                agrees=False,
                objection=m(tag, "acknowledgement.objection"),
            ),
        )
    )
    with services.ctx.sessions.begin() as s:  # as a hand-over to a colleague records it
        s.add(
            TransferRecord(
                package_id=f"{tag}-package",
                direction="sent",
                participant_id=pid,
                colleague_fingerprint="ab" * 32,
                sha256="cd" * 32,
                categories="identity_contact,goals_progress",
                legal_basis="sgb_x_67b",
                basis_note=m(tag, "transfer_record.basis_note"),
            )
        )
    services.esf.save_entry(
        pid,
        EntryDraft(
            answered_on=dt.date(2025, 9, 8),
            gender=Gender.FEMALE,
            labour_status=LabourStatus.INACTIVE,
            education=EducationLevel.ISCED_0_2,
            third_country_national=EsfAnswer.YES,
            foreign_background=EsfAnswer.YES,
            homeless=EsfAnswer.NO,
            rural=EsfAnswer.NO,
            disability=EsfAnswer.NO_ANSWER,
            minority=EsfAnswer.YES,
        ),
    )
    with services.ctx.sessions.begin() as s:  # as if she had left and come back since
        s.add(EsfExit(participant_id=pid, answered_on=DAY, job_searching=True, employed=False))
        s.add(
            EsfFollowUp(
                participant_id=pid,
                due_on=DAY,
                answered_on=DAY,
                employed=True,
                improved_situation=None,
                not_reached=False,
            )
        )
    b.internal = {"participant.internal_notes", "meeting.internal_notes", "handover.internal_notes"}
    return b
