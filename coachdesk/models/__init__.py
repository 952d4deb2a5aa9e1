"""The domain model: SQLAlchemy entities, no Qt, no I/O beyond the session."""

from __future__ import annotations

from coachdesk.models.acknowledgement import DocumentAcknowledgement
from coachdesk.models.aftercare import AftercareFollowUp
from coachdesk.models.attachment import Attachment, AttachmentChunk, AttachmentContent
from coachdesk.models.audit import AuditEntry, VaultSetting
from coachdesk.models.base import Base, utcnow
from coachdesk.models.colleague import ColleagueCertificate, ReceivedPackage, TransferRecord
from coachdesk.models.consent import Consent, ConsentCategory
from coachdesk.models.directory import ContactPerson, Organisation, Responsibility
from coachdesk.models.esf import EsfEntry, EsfExit, EsfFollowUp, Programme
from coachdesk.models.export import Draft, ExportRecord, SigningIdentity
from coachdesk.models.goal import Goal, Milestone
from coachdesk.models.handover import Handover
from coachdesk.models.meeting import Agreement, Meeting, MeetingAttendee
from coachdesk.models.module import Attendance, Enrolment, Module
from coachdesk.models.participant import Participant
from coachdesk.models.plan import PlanVersion
from coachdesk.models.team import TeamFiguresFile

__all__ = [
    "AftercareFollowUp",
    "Agreement",
    "Attachment",
    "AttachmentChunk",
    "AttachmentContent",
    "Attendance",
    "AuditEntry",
    "Base",
    "ColleagueCertificate",
    "Consent",
    "ConsentCategory",
    "ContactPerson",
    "DocumentAcknowledgement",
    "Draft",
    "Enrolment",
    "EsfEntry",
    "EsfExit",
    "EsfFollowUp",
    "ExportRecord",
    "Goal",
    "Handover",
    "Meeting",
    "MeetingAttendee",
    "Milestone",
    "Module",
    "Organisation",
    "Participant",
    "PlanVersion",
    "Programme",
    "ReceivedPackage",
    "Responsibility",
    "SigningIdentity",
    "TeamFiguresFile",
    "TransferRecord",
    "VaultSetting",
    "utcnow",
]
