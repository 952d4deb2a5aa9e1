"""Translatable labels for the domain's closed vocabularies (UI and documents share them)."""

from __future__ import annotations

import enum

from coachdesk.i18n import N_, _
from coachdesk.models.enums import (
    AftercareStatus,
    AttendanceStatus,
    AttendeeRole,
    ConsentMethod,
    DataCategory,
    EducationLevel,
    EnrolmentResult,
    EsfAnswer,
    ExitDestination,
    Gender,
    GermanLevel,
    GoalStatus,
    HandoverKind,
    LabourStatus,
    LegalBasis,
    MeetingKind,
    MilestoneKind,
    OrganisationKind,
    ParticipantStatus,
)

# StrEnum members equal their string values (HandoverKind.INTAKE == ParticipantStatus.INTAKE),
# so the table is keyed by (enum class, value), never by the member alone.
_PAIRS: tuple[tuple[enum.StrEnum, str], ...] = (
    (DataCategory.IDENTITY_CONTACT, N_("Identity and contact")),
    (DataCategory.GOALS_PROGRESS, N_("Goals and progress")),
    (DataCategory.MODULES_ATTENDANCE, N_("Modules and attendance")),
    (DataCategory.MEETING_SUMMARIES, N_("Meeting summaries")),
    (DataCategory.HANDOVER_FACTS, N_("Handover facts")),
    (DataCategory.FAMILY_CHILDCARE, N_("Family and childcare")),
    (DataCategory.HEALTH, N_("Health")),
    (DataCategory.RESIDENCE_STATUS, N_("Residence status")),
    (DataCategory.LANGUAGES_QUALIFICATIONS, N_("Languages and qualifications")),
    (DataCategory.PUBLICATION, N_("Publication (success story)")),
    (DataCategory.ESF_MONITORING, N_("ESF Plus monitoring")),
    (DataCategory.DISABILITY, N_("Disability (ESF Plus)")),
    (DataCategory.MINORITY, N_("Belonging to a minority (ESF Plus)")),
    (Gender.FEMALE, N_("Female")),
    (Gender.MALE, N_("Male")),
    (Gender.NON_BINARY, N_("Non-binary")),
    (LabourStatus.UNEMPLOYED, N_("Unemployed (less than 12 months)")),
    (LabourStatus.LONG_TERM_UNEMPLOYED, N_("Long-term unemployed (12 months or more)")),
    (LabourStatus.INACTIVE, N_("Not working and not looking for work")),
    (LabourStatus.EMPLOYED, N_("Employed")),
    (LabourStatus.SELF_EMPLOYED, N_("Self-employed")),
    (EducationLevel.ISCED_0_2, N_("At most lower secondary school (ISCED 0–2)")),
    (EducationLevel.ISCED_3_4, N_("Upper secondary or vocational training (ISCED 3–4)")),
    (EducationLevel.ISCED_5_8, N_("University or higher vocational degree (ISCED 5–8)")),
    (EsfAnswer.YES, N_("Yes")),
    (EsfAnswer.NO, N_("No")),
    (EsfAnswer.NO_ANSWER, N_("No answer")),
    (ParticipantStatus.INTAKE, N_("Intake")),
    (ParticipantStatus.ACTIVE, N_("Active")),
    (ParticipantStatus.PAUSED, N_("Paused")),
    (ParticipantStatus.EXITED, N_("Exited")),
    (ParticipantStatus.AFTERCARE, N_("Aftercare")),
    (ParticipantStatus.ARCHIVED, N_("Archived")),
    (ExitDestination.WORK, N_("Work")),
    (ExitDestination.TRAINING, N_("Vocational training")),
    (ExitDestination.EDUCATION, N_("School or university")),
    (ExitDestination.OTHER_PROGRAMME, N_("Other programme")),
    (ExitDestination.OTHER, N_("Other")),
    (GoalStatus.OPEN, N_("Open")),
    (GoalStatus.IN_PROGRESS, N_("In progress")),
    (GoalStatus.REACHED, N_("Reached")),
    (GoalStatus.DROPPED, N_("Dropped")),
    (MilestoneKind.MILESTONE, N_("Milestone")),
    (MilestoneKind.LANGUAGE, N_("Small step: language")),
    (MilestoneKind.CONFIDENCE, N_("Small step: self-confidence")),
    (MilestoneKind.CHILDCARE_SOLVED, N_("Small step: childcare arranged")),
    (MilestoneKind.MOBILITY, N_("Small step: mobility")),
    (MilestoneKind.DIGITAL_SKILLS, N_("Small step: digital skills")),
    (MilestoneKind.DOCUMENTS, N_("Small step: documents and offices")),
    (MilestoneKind.NETWORK, N_("Small step: network and contacts")),
    (MilestoneKind.OTHER_STEP, N_("Small step: other")),
    (EnrolmentResult.ONGOING, N_("Ongoing")),
    (EnrolmentResult.COMPLETED, N_("Completed")),
    (EnrolmentResult.CERTIFICATE, N_("Completed with certificate")),
    (EnrolmentResult.DROPPED_OUT, N_("Dropped out")),
    (AttendanceStatus.PRESENT, N_("Present")),
    (AttendanceStatus.EXCUSED, N_("Excused")),
    (AttendanceStatus.ABSENT, N_("Absent")),
    (AttendanceStatus.SICK, N_("Sick")),
    (MeetingKind.THREE_WAY, N_("Three-way meeting")),
    (MeetingKind.INDIVIDUAL, N_("Individual coaching")),
    (MeetingKind.GROUP, N_("Group session")),
    (MeetingKind.OTHER, N_("Other meeting")),
    (AttendeeRole.PARTICIPANT, N_("Participant")),
    (AttendeeRole.COACH, N_("Coach")),
    (AttendeeRole.INTEGRATION_OFFICER, N_("Integration officer")),
    (AttendeeRole.INTERPRETER, N_("Interpreter")),
    (AttendeeRole.DISABILITY_OFFICER, N_("Disability officer")),
    (AttendeeRole.OTHER, N_("Other")),
    (HandoverKind.INTAKE, N_("Intake handover")),
    (HandoverKind.INTERIM, N_("Interim feedback")),
    (HandoverKind.EXIT, N_("Exit handover")),
    (HandoverKind.COACH_TO_COACH, N_("Coach-to-coach handover")),
    (ConsentMethod.WRITTEN, N_("Written, signed on paper")),
    (ConsentMethod.ORAL_WITH_WITNESS, N_("Oral, with a witness")),
    (LegalBasis.CONSENT, N_("Consent (GDPR Art. 6(1)(a))")),
    (LegalBasis.EXPLICIT_CONSENT, N_("Explicit consent (GDPR Art. 9(2)(a))")),
    (LegalBasis.SOCIAL_CODE, N_("Social Code (SGB X § 67b)")),
    (LegalBasis.OTHER, N_("Other legal basis")),
    (OrganisationKind.JOB_CENTRE, N_("Job centre")),
    (OrganisationKind.EMPLOYMENT_AGENCY, N_("Employment agency")),
    (OrganisationKind.BAMF, N_("Federal Office for Migration and Refugees (BAMF)")),
    (OrganisationKind.MIGRATION_COUNSELLING, N_("Migration counselling")),
    (OrganisationKind.IMMIGRATION_OFFICE, N_("Immigration office")),
    (OrganisationKind.SOCIAL_WELFARE_OFFICE, N_("Social welfare office")),
    (OrganisationKind.ADULT_EDUCATION_CENTRE, N_("Adult-education centre")),
    (OrganisationKind.MIGRANT_ORGANISATION, N_("Migrant organisation")),
    (OrganisationKind.CHILDCARE, N_("Childcare")),
    (OrganisationKind.EMPLOYER, N_("Employer")),
    (OrganisationKind.OTHER, N_("Other organisation")),
    (AftercareStatus.PLANNED, N_("Planned")),
    (AftercareStatus.DONE, N_("Done")),
    (AftercareStatus.MISSED, N_("Missed")),
    (GermanLevel.NONE, N_("No German yet")),
    (GermanLevel.A1, "A1"),
    (GermanLevel.A2, "A2"),
    (GermanLevel.B1, "B1"),
    (GermanLevel.B2, "B2"),
    (GermanLevel.C1, "C1"),
    (GermanLevel.C2, "C2"),
    (GermanLevel.NATIVE, N_("Native speaker")),
)


def _key(value: enum.StrEnum) -> tuple[type, str]:
    return (type(value), str(value.value))


LABELS: dict[tuple[type, str], str] = {_key(member): text for member, text in _PAIRS}


def label(value: enum.StrEnum | None, lang: str | None = None) -> str:
    """The translated label of an enum value ("" for None)."""
    if value is None:
        return ""
    return _(LABELS[_key(value)], lang)


def has_label(value: enum.StrEnum) -> bool:
    return _key(value) in LABELS
