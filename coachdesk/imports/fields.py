"""The participant fields a column can fill, and which headings name them without asking.

A heading matches when it equals, folded (case, spaces, hyphens and dots ignored), the
field's caption in English or German or one of the usual spellings of German and
English lists ("Vorname", "Geb.-Datum", "E-Mail-Adresse", "First name", "DOB").
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from coachdesk.i18n import N_, _


@dataclass(frozen=True)
class ImportField:
    name: str
    """The ParticipantDraft attribute it fills."""
    label: str
    """Its caption (message id), as the participant form shows it."""
    aliases: tuple[str, ...] = ()
    """Further headings that mean it, in German and English."""


FIELDS: tuple[ImportField, ...] = (
    ImportField(
        "first_name",
        N_("First name"),
        ("vorname", "rufname", "given name", "forename", "firstname"),
    ),
    ImportField(
        "last_name",
        N_("Last name"),
        ("nachname", "familienname", "name", "surname", "family name", "lastname"),
    ),
    ImportField(
        "first_name_latin",
        N_("First name in Latin letters"),
        ("vorname lateinisch", "vorname latein", "first name latin"),
    ),
    ImportField(
        "last_name_latin",
        N_("Last name in Latin letters"),
        ("nachname lateinisch", "nachname latein", "last name latin"),
    ),
    ImportField(
        "date_of_birth",
        N_("Date of birth"),
        (
            "geburtsdatum",
            "geboren",
            "geboren am",
            "geb",
            "geb datum",
            "geburtstag",
            "birth date",
            "birthday",
            "dob",
            "born",
        ),
    ),
    ImportField(
        "phone",
        N_("Phone"),
        (
            "telefon",
            "telefonnummer",
            "tel",
            "handy",
            "mobil",
            "mobilnummer",
            "phone number",
            "telephone",
            "mobile",
        ),
    ),
    ImportField(
        "email", N_("E-mail"), ("email", "e-mail-adresse", "emailadresse", "mail", "email address")
    ),
    ImportField("address", N_("Address"), ("adresse", "anschrift", "wohnort")),
    ImportField(
        "jobcentre_customer_number",
        N_("Job-centre customer number"),
        ("kundennummer", "kunden nr", "kundennr", "customer number", "jobcentre customer number"),
    ),
    ImportField("pseudonym", N_("Pseudonym"), ()),
    ImportField(
        "programme", N_("Programme"), ("programm", "projekt", "maßnahme", "program", "project")
    ),
    ImportField("status", N_("Status"), ()),
    ImportField(
        "entry_date",
        N_("Entry date"),
        (
            "eintritt",
            "eintrittsdatum",
            "eintritt am",
            "beginn",
            "aufnahme",
            "entry",
            "start date",
            "programme entry",
        ),
    ),
    ImportField(
        "exit_date",
        N_("Exit date"),
        ("austritt", "austrittsdatum", "austritt am", "ende", "exit", "end date", "programme exit"),
    ),
    ImportField(
        "exit_destination", N_("Went on to"), ("verbleib", "destination after exit", "destination")
    ),
    ImportField("languages", N_("Languages"), ("sprachen", "sprache")),
    ImportField(
        "german_level",
        N_("German level"),
        ("deutschkenntnisse", "deutschniveau", "sprachniveau", "deutsch"),
    ),
    ImportField(
        "qualifications",
        N_("Qualifications"),
        ("qualifikation", "abschluss", "abschlüsse", "schulabschluss"),
    ),
    ImportField("work_experience", N_("Work experience"), ("berufserfahrung",)),
    ImportField("family_situation", N_("Family situation"), ("familienstand", "familie")),
    ImportField(
        "children_count", N_("Number of children"), ("kinder", "anzahl kinder", "children")
    ),
    ImportField("childcare", N_("Childcare"), ("kinderbetreuung", "betreuung")),
    ImportField("health_notes", N_("Health notes"), ("gesundheit", "health")),
    ImportField(
        "residence_status",
        N_("Residence status"),
        ("aufenthaltsstatus", "aufenthaltstitel", "aufenthalt"),
    ),
    ImportField(
        "residence_valid_until",
        N_("Residence permit valid until"),
        ("aufenthalt gültig bis", "gültig bis", "valid until"),
    ),
    ImportField(
        "internal_notes",
        N_("Internal notes"),
        ("notizen", "bemerkungen", "anmerkungen", "notes", "remarks", "internal notes"),
    ),
)
BY_NAME: dict[str, ImportField] = {f.name: f for f in FIELDS}
REQUIRED = ("first_name", "last_name")

Mapping_ = dict[int, str]
"""Column index (from 0) to the field it fills; a column not in it is left out."""


def fold(heading: str) -> str:
    """A heading as compared: case-folded, accents kept (ä is not a), no punctuation."""
    text = unicodedata.normalize("NFC", heading).casefold()
    return "".join(ch for ch in text if ch.isalnum())


def _spellings() -> dict[str, str]:
    table: dict[str, str] = {}
    for field in FIELDS:
        for spelling in (
            field.name,
            field.label,
            _(field.label, "de"),
            _(field.label, "en"),
            *field.aliases,
        ):
            table.setdefault(fold(spelling), field.name)
    return table


def field_for(heading: str) -> str | None:
    """The field a heading names by itself, or None."""
    return _spellings().get(fold(heading))


def auto_mapping(headers: Sequence[str]) -> Mapping_:
    """The columns whose headings name a field; a field named twice goes to the first."""
    mapping: Mapping_ = {}
    for index, heading in enumerate(headers):
        name = field_for(heading)
        if name is not None and name not in mapping.values():
            mapping[index] = name
    return mapping


def header_key(headers: Sequence[str]) -> str:
    """The key a remembered mapping is stored under: a digest of the folded headings, so the
    same list next month finds it (the headings themselves stay out of the key)."""
    folded = json.dumps([fold(h) for h in headers], ensure_ascii=False)
    return "import_mapping." + hashlib.sha256(folded.encode("utf-8")).hexdigest()[:32]


def field_label(name: str) -> str:
    return _(BY_NAME[name].label)
