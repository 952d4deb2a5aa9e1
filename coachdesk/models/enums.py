"""Closed vocabularies of the domain. Values are stored; labels are translated in ``labels``."""

from __future__ import annotations

import enum


class DataCategory(enum.StrEnum):
    """What kind of personal data a field holds; consent is given per category."""

    IDENTITY_CONTACT = "identity_contact"
    GOALS_PROGRESS = "goals_progress"
    MODULES_ATTENDANCE = "modules_attendance"
    MEETING_SUMMARIES = "meeting_summaries"
    HANDOVER_FACTS = "handover_facts"
    FAMILY_CHILDCARE = "family_childcare"
    HEALTH = "health"
    RESIDENCE_STATUS = "residence_status"
    LANGUAGES_QUALIFICATIONS = "languages_qualifications"
    PUBLICATION = "publication"
    ESF_MONITORING = "esf_monitoring"
    """The ESF Plus questionnaires' ordinary answers (entry, leaving, six months after)."""
    DISABILITY = "disability"
    """Her answer whether she lives with a disability (ESF Plus, Art. 9 GDPR: health)."""
    MINORITY = "minority"
    """Her answer whether she belongs to a minority (ESF Plus, Art. 9 GDPR: ethnic origin)."""


SPECIAL_CATEGORIES = frozenset(
    {
        DataCategory.HEALTH,
        DataCategory.RESIDENCE_STATUS,
        DataCategory.DISABILITY,
        DataCategory.MINORITY,
    }
)


class ParticipantStatus(enum.StrEnum):
    INTAKE = "intake"
    ACTIVE = "active"
    PAUSED = "paused"
    EXITED = "exited"
    AFTERCARE = "aftercare"
    ARCHIVED = "archived"


class ExitDestination(enum.StrEnum):
    WORK = "work"
    TRAINING = "training"
    EDUCATION = "education"
    OTHER_PROGRAMME = "other_programme"
    OTHER = "other"


class GoalStatus(enum.StrEnum):
    OPEN = "open"
    IN_PROGRESS = "in_progress"
    REACHED = "reached"
    DROPPED = "dropped"


class MilestoneKind(enum.StrEnum):
    """A formal milestone, or one of the small qualitative steps that count too."""

    MILESTONE = "milestone"
    LANGUAGE = "language"
    CONFIDENCE = "confidence"
    CHILDCARE_SOLVED = "childcare_solved"
    MOBILITY = "mobility"
    DIGITAL_SKILLS = "digital_skills"
    DOCUMENTS = "documents"
    NETWORK = "network"
    OTHER_STEP = "other_step"


class EnrolmentResult(enum.StrEnum):
    ONGOING = "ongoing"
    COMPLETED = "completed"
    CERTIFICATE = "certificate"
    DROPPED_OUT = "dropped_out"


class AttendanceStatus(enum.StrEnum):
    PRESENT = "present"
    EXCUSED = "excused"
    ABSENT = "absent"
    """Absent without an excuse."""
    SICK = "sick"
    """Absent because she (or her child) was ill: an excused absence."""


EXCUSED_ABSENCES = frozenset({AttendanceStatus.EXCUSED, AttendanceStatus.SICK})
"""Absences that count as excused in figures and documents."""


class MeetingKind(enum.StrEnum):
    THREE_WAY = "three_way"
    INDIVIDUAL = "individual"
    GROUP = "group"
    OTHER = "other"


class AttendeeRole(enum.StrEnum):
    PARTICIPANT = "participant"
    COACH = "coach"
    INTEGRATION_OFFICER = "integration_officer"
    INTERPRETER = "interpreter"
    DISABILITY_OFFICER = "disability_officer"
    OTHER = "other"


class HandoverKind(enum.StrEnum):
    INTAKE = "intake"
    INTERIM = "interim"
    EXIT = "exit"
    COACH_TO_COACH = "coach_to_coach"


class ConsentMethod(enum.StrEnum):
    WRITTEN = "written"
    ORAL_WITH_WITNESS = "oral_with_witness"


class LegalBasis(enum.StrEnum):
    """GDPR Art. 6(1)(a) consent; Art. 9(2)(a) explicit consent for special categories."""

    CONSENT = "gdpr_6_1_a"
    EXPLICIT_CONSENT = "gdpr_9_2_a"
    SOCIAL_CODE = "sgb_x_67b"
    OTHER = "other"


class OrganisationKind(enum.StrEnum):
    JOB_CENTRE = "job_centre"
    EMPLOYMENT_AGENCY = "employment_agency"
    BAMF = "bamf"
    MIGRATION_COUNSELLING = "migration_counselling"
    IMMIGRATION_OFFICE = "immigration_office"
    SOCIAL_WELFARE_OFFICE = "social_welfare_office"
    ADULT_EDUCATION_CENTRE = "adult_education_centre"
    MIGRANT_ORGANISATION = "migrant_organisation"
    CHILDCARE = "childcare"
    EMPLOYER = "employer"
    OTHER = "other"


class AftercareStatus(enum.StrEnum):
    PLANNED = "planned"
    DONE = "done"
    MISSED = "missed"


class GermanLevel(enum.StrEnum):
    NONE = "none"
    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    NATIVE = "native"


class Gender(enum.StrEnum):
    """Gender as the ESF Plus monitoring records it."""

    FEMALE = "female"
    MALE = "male"
    NON_BINARY = "non_binary"


class LabourStatus(enum.StrEnum):
    """Her labour-market status on the day she entered (ESF Plus EECO02 to EECO05)."""

    UNEMPLOYED = "unemployed"
    """Registered or seeking work, for less than twelve months (EECO02)."""
    LONG_TERM_UNEMPLOYED = "long_term_unemployed"
    """Unemployed for twelve months or more (EECO02 and EECO03)."""
    INACTIVE = "inactive"
    """Neither employed nor seeking work, e.g. at home with children (EECO04)."""
    EMPLOYED = "employed"
    """Employed, including self-employed (EECO05)."""
    SELF_EMPLOYED = "self_employed"
    """Self-employed (EECO05)."""


class EducationLevel(enum.StrEnum):
    """Highest completed education by ISCED 2011 (ESF Plus EECO09 to EECO11)."""

    ISCED_0_2 = "isced_0_2"
    ISCED_3_4 = "isced_3_4"
    ISCED_5_8 = "isced_5_8"


class EsfAnswer(enum.StrEnum):
    """An answer of the ESF Plus questionnaire about her situation; she may decline."""

    YES = "yes"
    NO = "no"
    NO_ANSWER = "no_answer"
