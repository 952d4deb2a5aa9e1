"""The participant list's stored order by name: the same order as ICU, kept in step with
her names, made anew when the collation changes, and never a change of her file."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select, text, update

from coachdesk.collation import STORED_ORDER, name_key, stored_order_version
from coachdesk.facade import Services
from coachdesk.models import Participant, VaultSetting
from coachdesk.services.participants import ListFilter, ParticipantDraft
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE

NAMES = [
    ("Ayşe", "Şahin"),
    ("Anna", "Bäcker"),
    ("Lea", "Botan"),
    ("Zozan", "Zêbarî"),
    ("Олена", "Ковальчук"),
    ("أمل", "حسن"),
    ("Anna", "Bäcker"),  # the same name twice: the id decides
    ("Ömür", "Özdemir"),
    ("Eva", "Ozdemir"),
    ("Bola", "Adebayo-Ökten"),
]


def _add(services: Services) -> list[int]:
    return [services.participants.create(ParticipantDraft(f, last)).id for f, last in NAMES]


def _icu_order(services: Services) -> list[int]:
    rows = services.participants.list()
    return [r.id for r in sorted(rows, key=lambda r: name_key(r.last_name, r.first_name, r.id))]


def test_the_first_page_is_in_the_order_of_icu(services: Services) -> None:
    _add(services)
    expected = _icu_order(services)
    page = services.participants.first_page(ListFilter(), 4)
    assert page is not None
    assert [r.id for r in page.rows] == expected[:4]
    assert page.total == len(NAMES)
    last = services.participants.first_page(ListFilter(), 3, descending=True)
    assert last is not None
    assert [r.id for r in last.rows] == expected[-3:]  # given ascending
    whole = services.participants.first_page(ListFilter(), 50)
    assert whole is not None and [r.id for r in whole.rows] == expected
    assert whole.total == len(NAMES)
    assert [r.id for r in services.participants.list()] == expected


def test_the_first_page_follows_filters_and_renames(services: Services) -> None:
    ids = _add(services)
    services.participants.archive(ids[1])
    page = services.participants.first_page(ListFilter(), 50)
    assert page is not None and ids[1] not in [r.id for r in page.rows]
    archived = services.participants.first_page(ListFilter(include_archived=True), 50)
    assert archived is not None and archived.total == len(NAMES)
    found = services.participants.first_page(ListFilter(query="Şahin"), 50)
    assert found is not None and [r.id for r in found.rows] == [ids[0]]
    services.participants.update(ids[0], ParticipantDraft("Ayşe", "Aaberg"))
    page = services.participants.first_page(ListFilter(), 1)
    assert page is not None and [r.id for r in page.rows] == [ids[0]]
    assert [r.id for r in page.rows] == _icu_order(services)[:1]


def _stored(vault: Vault) -> tuple[str | None, dict[int, tuple[bytes, object]]]:
    with vault.sessions() as s:
        version = s.scalar(select(VaultSetting.value).where(VaultSetting.key == STORED_ORDER))
        rows = s.execute(select(Participant.id, Participant.name_order, Participant.updated_at))
        return version, {pid: (key, changed) for pid, key, changed in rows}


def test_keys_of_another_collation_are_made_anew_on_opening(vault_path: Path) -> None:
    vault = Vault.open(vault_path, PASSPHRASE)
    services = Services(vault.sessions, actor="Test")
    _add(services)
    expected = _icu_order(services)
    version, before = _stored(vault)
    assert version == stored_order_version()
    with vault.sessions.begin() as s:  # as if written by another ICU: wrong keys
        s.execute(text("UPDATE participant SET name_order = x'01'"))
        s.execute(
            update(VaultSetting).where(VaultSetting.key == STORED_ORDER).values(value="icu-1")
        )
    # Until the keys are made anew, the list cannot be read in their order.
    assert services.participants.first_page(ListFilter(), 3) is None
    vault.lock()
    vault = Vault.open(vault_path, PASSPHRASE)
    try:
        version, after = _stored(vault)
        assert version == stored_order_version()
        assert after == before  # the same keys again, and no file marked as changed
        page = Services(vault.sessions, actor="Test").participants.first_page(ListFilter(), 50)
        assert page is not None and [r.id for r in page.rows] == expected
    finally:
        vault.lock()


def test_a_language_with_rules_of_its_own_sorts_in_python(services: Services) -> None:
    from coachdesk import i18n
    from coachdesk.collation import stored_order_fits

    assert stored_order_fits("de") and stored_order_fits("en")
    assert not stored_order_fits("tr")  # ı and i: Turkish has rules of its own
    _add(services)
    i18n.set_language("de")
    assert services.participants.first_page(ListFilter(), 3) is not None
