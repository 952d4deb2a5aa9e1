"""Names across scripts: Latin spellings suggested, search and the duplicate check finding
a person whichever script or spelling is typed (issue 15), on a real vault."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy import text

from coachdesk.cli.main import main
from coachdesk.facade import Services
from coachdesk.services.errors import ValidationError
from coachdesk.services.participants import ParticipantDraft
from coachdesk.transliteration import latin_spelling, needs_latin
from coachdesk.vault.store import Vault
from tests.conftest import PASSPHRASE

# (name as typed, her other name, the suggested Latin spelling)
SUGGESTIONS = [
    # Ukrainian: the national transliteration of 2010, as in her passport.
    ("Олена", "Шевченко", "Olena"),
    ("Юлія", "", "Yuliia"),
    ("Григорій", "", "Hryhorii"),
    ("Згурська", "Ірина", "Zghurska"),
    ("Згурська", "", "Zgurska"),  # no letter only Ukrainian has: Russian rules
    ("Мар'яна", "", "Mariana"),
    ("Ганна", "Іваненко", "Hanna"),  # Ukrainian by the other name's і
    ("Ковальчук", "Ірина", "Kovalchuk"),
    # Russian: ICAO, as in Russian passports since 2013.
    ("Юлия", "", "Iuliia"),
    ("Татьяна", "", "Tatiana"),
    ("Фёдорова", "", "Fedorova"),
    ("Щукина", "", "Shchukina"),
    # Arabic and Persian: consonants as written (short vowels are not), cleaned up.
    ("فاطمة", "", "Fatma"),
    ("الحسن", "", "Al-Hsn"),
    ("عبد الله", "", "Abd Allah"),
    ("شیرین", "", "Shyryn"),
    ("رضایی", "", "Rzayy"),
    # Other scripts through ICU's Any-Latin.
    ("ኣብርሃም", "", "Abrham"),
    ("Ελένη", "", "Elene"),
    # Latin names need none, with or without diacritics.
    ("Şahin", "", ""),
    ("Müller", "", ""),
]


@pytest.mark.parametrize(("name", "other", "latin"), SUGGESTIONS)
def test_latin_spelling_suggested_by_script(name: str, other: str, latin: str) -> None:
    assert latin_spelling(name, other) == latin
    assert needs_latin(name) == bool(latin)


# (first, last, first Latin, last Latin as the coach stored them, spellings that find her)
PEOPLE = [
    ("أمل", "حداد", "", "", ["Amal", "amal haddad", "أمل", "Haddad", "Hadad"]),
    ("فاطمة", "الحسن", "Fatima", "Al-Hassan", ["Fatima", "Fatma", "Al-Hassan", "Hassan", "فاطمة"]),
    ("مریم", "رضایی", "", "", ["Maryam", "Mariam", "Rezaei", "مریم"]),
    ("شیرین", "احمدی", "Shirin", "Ahmadi", ["Shirin", "Ahmadi", "Schirin Ahmadi"]),
    ("Олена", "Шевченко", "", "", ["Olena", "Shevchenko", "Олена", "olena shev", "ШЕВЧЕНКО"]),
    ("Ганна", "Мельник", "Hanna", "Melnyk", ["Hanna", "Ganna", "Melnyk", "Melnik", "Ганна"]),
    ("Юлия", "Фёдорова", "", "", ["Iuliia", "Fedorova", "Фёдорова", "Федорова"]),
    ("Olena", "Kovalenko", "", "", ["Олена", "Коваленко", "Olena Kovalenko"]),
    ("Şükran", "Yılmaz", "", "", ["Sukran", "Şükran", "Yilmaz", "YILMAZ", "Yılmaz", "suekran"]),
    ("Ayşe", "Şahin", "", "", ["Sahin", "Şahin", "ayse", "Ayşe"]),
    ("Jördis", "Müller", "", "", ["Müller", "Muller", "Mueller", "Jordis", "Joerdis"]),
    ("Käthe", "Größer", "", "", ["Groesser", "Grosser", "Größer", "Kathe"]),
]


def _found(services: Services, query: str) -> set[str]:
    return {r.display_name for r in services.participants.list(query=query, include_archived=True)}


def test_search_finds_her_whichever_script_or_spelling_is_typed(services: Services) -> None:
    for first, last, first_latin, last_latin, _queries in PEOPLE:
        services.participants.create(ParticipantDraft(first, last, first_latin, last_latin))
    missed = [
        (query, f"{first} {last}")
        for first, last, _fl, _ll, queries in PEOPLE
        for query in queries
        if f"{first} {last}" not in _found(services, query)
    ]
    assert missed == []
    # Latin typed against Latin stays exact: no skeleton matching between Latin spellings.
    assert _found(services, "Sukran") == {"Şükran Yılmaz"}
    assert _found(services, "Amal") == {"أمل حداد"}
    assert "Şükran Yılmaz" not in _found(services, "Shirin")
    # A word from her file and a name in another script, together.
    [hit] = services.search.search("Shevchenko")
    assert hit.kind == "participant" and "Шевченко" in hit.snippet
    assert not [w for w in hit.snippet.split() if w[0] in "01"]  # no skeletons shown


def test_a_changed_latin_spelling_is_searched_and_the_old_one_is_not(services: Services) -> None:
    record = services.participants.create(ParticipantDraft("Олена", "Шевченко", "Helena", ""))
    assert _found(services, "Helena") == {"Олена Шевченко"}
    services.participants.update(record.id, replace(record.draft(), first_name_latin="Olena"))
    assert services.participants.get(record.id).first_name_latin == "Olena"
    assert _found(services, "Olena") == {"Олена Шевченко"}
    assert _found(services, "Helena") == set()


BORN = dt.date(1990, 5, 17)
# Each pair: the same woman entered twice, once in each script or spelling.
SAME_PERSON = [
    (("Олена", "Шевченко", "", ""), ("Olena", "Shevchenko", "", "")),
    (("Olena", "Shevchenko", "", ""), ("Олена", "Шевченко", "Olena", "Shevchenko")),
    (("Юлія", "Коваль", "", ""), ("Yuliia", "Koval", "", "")),
    (("Ганна", "Мельник", "", ""), ("Hanna", "Melnyk", "", "")),  # Russian and Ukrainian rules
    (("فاطمة", "الحسن", "", ""), ("Fatima", "Al-Hassan", "", "")),
    (("أمل", "حداد", "Aml", "Hdad", ""), ("Amal", "Haddad", "", "")),
    (("مریم", "کریمی", "", ""), ("Maryam", "Karimi", "", "")),
    (("Şükran", "Yılmaz", "", ""), ("Sukran", "Yilmaz", "", "")),
    (("Jördis", "Müller", "", ""), ("Joerdis", "Mueller", "", "")),
    (("Käthe", "Größer", "", ""), ("KÄTHE", "grösser", "", "")),
]


@pytest.mark.parametrize(("first", "second"), SAME_PERSON)
def test_the_duplicate_check_catches_her_entered_in_another_script(
    services: Services, first: tuple[str, ...], second: tuple[str, ...]
) -> None:
    services.participants.create(ParticipantDraft(*first[:4], date_of_birth=BORN))
    with pytest.raises(ValidationError, match="already exists"):
        services.participants.create(ParticipantDraft(*second[:4], date_of_birth=BORN))
    # Another birthday: another woman (the rule of the duplicate check is unchanged).
    services.participants.create(
        ParticipantDraft(*second[:4], date_of_birth=BORN + dt.timedelta(days=1))
    )


def test_similar_latin_names_are_different_women(services: Services) -> None:
    services.participants.create(ParticipantDraft("Amal", "Haddad", date_of_birth=BORN))
    services.participants.create(ParticipantDraft("Emil", "Hadid", date_of_birth=BORN))
    services.participants.create(ParticipantDraft("Amal", "Hadid", date_of_birth=BORN))
    services.participants.create(ParticipantDraft("Олена", "Коваль", date_of_birth=BORN))
    assert services.participants.count() == 4


def test_latin_spellings_are_identity_data_and_the_key_is_never_exported(vault: Vault) -> None:
    from coachdesk.export.consent_filter import category_of
    from coachdesk.models import Participant
    from coachdesk.models.enums import DataCategory

    for column in ("first_name_latin", "last_name_latin"):
        assert category_of(Participant, column) == DataCategory.IDENTITY_CONTACT
    assert category_of(Participant, "name_key") is None


def test_cli_lists_and_searches_with_latin_spellings(
    services: Services,
    vault: Vault,
    vault_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    olena = services.participants.create(
        ParticipantDraft("Олена", "Шевченко", "Olena", "Shevchenko")
    )
    services.participants.create(ParticipantDraft("Ayşe", "Şahin"))
    vault.lock()
    monkeypatch.setenv("COACHDESK_PASSPHRASE", PASSPHRASE)
    assert main(["participants", str(vault_path), "--search", "Олена", "--json"]) == 0
    [row] = json.loads(capsys.readouterr().out)
    assert row["id"] == olena.id
    assert (row["first_name"], row["last_name"]) == ("Олена", "Шевченко")
    assert (row["first_name_latin"], row["last_name_latin"]) == ("Olena", "Shevchenko")
    assert main(["participants", str(vault_path), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["display_name"], r["first_name_latin"]) for r in rows} == {
        ("Олена Шевченко", "Olena"),
        ("Ayşe Şahin", ""),
    }
    assert main(["participants", str(vault_path), "--search", "sahin"]) == 0
    out = capsys.readouterr().out
    assert "Ayşe Şahin" in out and "Олена" not in out
    assert main(["participants", str(vault_path), "--search", "shevchenko"]) == 0
    assert "Олена Шевченко (Olena Shevchenko)" in capsys.readouterr().out


class VaultOfSchema0010(Vault):
    """A vault as it was before Latin spellings: the schema stops at revision 0010."""

    def _migrate(self, *, target: str = "head") -> None:
        super()._migrate(target="0010")


def test_stored_names_are_folded_when_the_vault_upgrades(tmp_path: Path) -> None:
    path = tmp_path / "vault"
    old, _code = VaultOfSchema0010.create(path, PASSPHRASE)
    with old.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO participant (id, first_name, last_name, pseudonym, phone, email, "
                "address, jobcentre_customer_number, languages, qualifications, "
                "work_experience, family_situation, childcare, health_notes, residence_status, "
                "programme, status, internal_notes, created_at, updated_at) VALUES "
                "(7, 'Олена', 'Шевченко', '', '', '', '', '', '', '', '', '', '', '', '', '', "
                "'active', '', '2026-01-02 09:00:00', '2026-01-02 09:00:00')"
            )
        )
    old.lock()
    with Vault.open(path, PASSPHRASE) as vault:
        services = Services(vault.sessions)
        assert [r.id for r in services.participants.list(query="Olena Shevchenko")] == [7]
        record = services.participants.get(7)
        assert (record.first_name_latin, record.last_name_latin) == ("", "")
        with vault.engine.connect() as conn:
            key = conn.execute(text("SELECT name_key FROM participant")).scalar()
        assert "olena" in str(key).split()
