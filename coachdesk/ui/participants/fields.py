"""Which participant fields the form shows, in which data-category group, with which caption."""

from __future__ import annotations

from coachdesk.i18n import N_
from coachdesk.models.enums import DataCategory

# (category or None for internal, [(field, label msgid)]) in the order the form shows them.
GROUPS: list[tuple[DataCategory | None, list[tuple[str, str]]]] = [
    (
        DataCategory.IDENTITY_CONTACT,
        [
            ("first_name", N_("First name")),
            ("first_name_latin", N_("First name in Latin letters")),
            ("last_name", N_("Last name")),
            ("last_name_latin", N_("Last name in Latin letters")),
            ("date_of_birth", N_("Date of birth")),
            ("phone", N_("Phone")),
            ("email", N_("E-mail")),
            ("address", N_("Address")),
            ("jobcentre_customer_number", N_("Job-centre customer number")),
        ],
    ),
    (
        DataCategory.GOALS_PROGRESS,
        [
            ("programme_id", N_("Programme")),
            ("status", N_("Status")),
            ("entry_date", N_("Entry date")),
            ("exit_date", N_("Exit date")),
            ("exit_destination", N_("Went on to")),
            ("integration_officer_id", N_("Integration officer")),
        ],
    ),
    (
        DataCategory.LANGUAGES_QUALIFICATIONS,
        [
            ("languages", N_("Languages")),
            ("german_level", N_("German level")),
            ("qualifications", N_("Qualifications")),
            ("work_experience", N_("Work experience")),
        ],
    ),
    (
        DataCategory.FAMILY_CHILDCARE,
        [
            ("family_situation", N_("Family situation")),
            ("children_count", N_("Number of children")),
            ("childcare", N_("Childcare")),
        ],
    ),
    (DataCategory.HEALTH, [("health_notes", N_("Health notes"))]),
    (
        DataCategory.RESIDENCE_STATUS,
        [
            ("residence_status", N_("Residence status")),
            ("residence_valid_until", N_("Residence permit valid until")),
        ],
    ),
    (DataCategory.PUBLICATION, [("pseudonym", N_("Pseudonym for success stories"))]),
    (None, [("internal_notes", N_("Internal notes"))]),
]
LONG_TEXT = {
    "address",
    "qualifications",
    "work_experience",
    "family_situation",
    "childcare",
    "health_notes",
    "internal_notes",
}
DATES = {"date_of_birth", "entry_date", "exit_date", "residence_valid_until"}
