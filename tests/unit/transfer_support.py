"""Two real vaults for transfer tests: Anna (sender) and Berit (her colleague), and a third.

Each vault is a copy of the session's template with its own signing identity; each has the
other's certificate imported and verified, linked to the other's organisation, and Anna's
participant (seeded with a marker in every category, a follow-up and a paper) has a consent
for Berit's organisation covering every category.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from coachdesk.facade import Services
from coachdesk.models import AftercareFollowUp, Organisation, Participant
from coachdesk.models.enums import DataCategory, OrganisationKind
from coachdesk.services.attachment_records import AttachmentDraft
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE, TODAY, _template_kdf
from tests.unit.attachment_files import pdf_bytes
from tests.unit.test_export_support import add_consent, seed

PAPER_MARKER = "Papmkcertificate"
AFTERCARE_MARKER = "Afmkemployed"
FIRST, LAST = "Олена", "Шевченко"
BORN = dt.date(1990, 4, 12)


@dataclass
class Coach:
    vault: Vault
    services: Services
    fingerprint: str
    certificate: bytes


def open_coach(template: Path | None, folder: Path, name: str) -> Coach:
    """A coach's vault: a copy of ``template``, or (None) a vault of her own, as on another
    laptop (copies of one template look like one vault's older states to each other)."""
    if template is None:
        vault, _code = Vault.create(folder, PASSPHRASE, **_template_kdf())
    else:
        shutil.copytree(template, folder)
        vault = Vault.open(folder, PASSPHRASE)
    services = Services(vault.sessions, actor=name, today=lambda: TODAY, vault=vault)
    services.settings.set_coach_name(name)
    info = services.exports.create_identity()
    return Coach(vault, services, info.fingerprint_sha256, services.exports.export_certificate())


def introduce(me: Coach, colleague: Coach, organisation: str) -> int:
    """``colleague``'s certificate in ``me``'s vault, linked to ``organisation``, verified."""
    with me.vault.sessions.begin() as s:
        org = Organisation(name=organisation, kind=OrganisationKind.MIGRANT_ORGANISATION)
        s.add(org)
        s.flush()
        org_id = org.id
    info = me.services.colleagues.import_certificate(colleague.certificate, organisation_id=org_id)
    me.services.colleagues.verify(info.id, "by phone")
    return org_id


@dataclass
class Pair:
    anna: Coach
    berit: Coach
    participant_id: int
    berit_org_in_anna: int


def make_pair(template_vault: tuple[Path, str], tmp_path: Path) -> Iterator[Pair]:
    """The two coaches, for a test module's ``pair`` fixture (``yield from make_pair(...)``)."""
    anna = open_coach(template_vault[0], tmp_path / "anna", "Anna Çoban")
    berit = open_coach(None, tmp_path / "berit", "Berit Hansen")
    try:
        org = introduce(anna, berit, "Frauen in Arbeit Köln")
        introduce(berit, anna, "Frauen in Arbeit e. V.")
        seeded = seed(anna.vault.sessions, FIRST, LAST)
        pid = seeded.participant_id
        with anna.vault.sessions.begin() as s:
            person = s.get(Participant, pid)
            assert person is not None
            person.date_of_birth = BORN
            s.add(
                AftercareFollowUp(
                    participant_id=pid,
                    due_on=dt.date(2026, 6, 1),
                    employment_status=AFTERCARE_MARKER,
                )
            )
        anna.services.attachments.add(
            pid,
            pdf_bytes(PAPER_MARKER),
            AttachmentDraft("Certificate", DataCategory.LANGUAGES_QUALIFICATIONS),
        )
        add_consent(anna.vault.sessions, pid, set(DataCategory), organisation_id=org)
        yield Pair(anna, berit, pid, org)
    finally:
        anna.vault.lock()
        berit.vault.lock()
