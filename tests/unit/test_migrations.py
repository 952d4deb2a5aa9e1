"""Alembic migrations: head equals the models, and an old vault upgrades with its data."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import ForeignKeyConstraint, text

from coachdesk.models import Base, Goal, Meeting, Participant, Programme
from coachdesk.services.search import participant_ids_matching
from coachdesk.vault.generations import older_copies
from coachdesk.vault.store import PRE_MIGRATION_DIR, Vault, head_revision
from tests.conftest import PASSPHRASE


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """As in migrations/env.py: the FTS5 index and its shadow tables are managed by hand."""
    return not (type_ == "table" and name is not None and name.startswith("search_index"))


def _fk_signature(fk: ForeignKeyConstraint) -> tuple[str, tuple[str, ...], str]:
    return (fk.table.name, tuple(c.name for c in fk.columns), fk.referred_table.name)


def without_unnamed_twins(diffs: list[Any]) -> list[Any]:
    """A reference added in place with its column (ALTER TABLE ADD COLUMN ... CONSTRAINT name
    REFERENCES, migration 0017) is reflected without its name: SQLite's reflection reads
    names of table constraints only. Such a pair (the same columns and target) is no
    difference; any other added or missing reference still is."""
    unnamed = {_fk_signature(d[1]) for d in diffs if d[0] == "remove_fk" and d[1].name is None}
    named = {_fk_signature(d[1]) for d in diffs if d[0] == "add_fk"}
    twins = unnamed & named
    return [
        d for d in diffs if not (d[0] in ("remove_fk", "add_fk") and _fk_signature(d[1]) in twins)
    ]


def test_upgrade_head_on_an_empty_vault_equals_the_models(vault: Vault) -> None:
    assert vault.schema_revision() == head_revision()
    with vault.engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"include_object": include_object, "compare_type": True}
        )
        diffs = compare_metadata(context, Base.metadata)
    assert without_unnamed_twins(diffs) == []
    with vault.engine.connect() as conn:
        module_sql = conn.exec_driver_sql(
            "SELECT sql FROM sqlite_master WHERE name = 'module'"
        ).scalar_one()
    assert "CONSTRAINT fk_module_programme_id_programme REFERENCES programme" in module_sql


class VaultOfSchema0001(Vault):
    """A vault as the first release created it: the schema stops at revision 0001."""

    def _migrate(self, *, target: str = "head") -> None:
        super()._migrate(target="0001")


# Plain SQL in the columns of schema 0001, so later model changes cannot leak into the old vault.
OLD_ROWS = [
    "INSERT INTO participant (id, first_name, last_name, pseudonym, phone, email, address, "
    "jobcentre_customer_number, languages, qualifications, work_experience, family_situation, "
    "childcare, health_notes, residence_status, programme, status, internal_notes, "
    "created_at, updated_at) VALUES "
    "(1, 'Ayşe', 'Yılmaz', 'A.', '', '', '', '123D456789', 'tr, de', '', '', '', '', '', '', "
    "'MY TURN', 'active', 'Bringt Kind mit', '2025-01-02 09:00:00', '2025-01-02 09:00:00'), "
    "(2, 'Olena', 'Kovalenko', '', '', '', '', '', 'uk', '', '', '', '', '', '', "
    "'Stark im Beruf', 'intake', '', '2025-01-03 09:00:00', '2025-01-03 09:00:00')",
    "INSERT INTO goal (id, participant_id, title, description, status, position, "
    "created_at, updated_at) VALUES (1, 1, 'Pflegehelferin Ausbildung', 'Praktikum suchen', "
    "'open', 0, '2025-01-02 09:00:00', '2025-01-02 09:00:00')",
    "INSERT INTO meeting (id, participant_id, kind, held_at, location, agenda, shared_summary, "
    "internal_notes, created_at, updated_at) VALUES (1, 2, 'three_way', '2025-02-01 10:00:00', "
    "'Müttercafé', 'Sprachkurs', 'Kinderbetreuung geklärt, Anmeldung Integrationskurs', '', "
    "'2025-02-01 10:00:00', '2025-02-01 10:00:00')",
]


def make_old_vault(path: Path) -> None:
    old, _code = VaultOfSchema0001.create(path, PASSPHRASE)
    try:
        assert old.schema_revision() == "0001"
        with old.engine.begin() as conn:
            tables = {r[0] for r in conn.execute(text("SELECT name FROM sqlite_master"))}
            assert "search_index" not in tables
            for statement in OLD_ROWS:
                conn.execute(text(statement))
    finally:
        old.lock()


def test_vault_of_schema_0001_upgrades_with_its_data(tmp_path: Path) -> None:
    path = tmp_path / "old"
    make_old_vault(path)
    assert not (path / PRE_MIGRATION_DIR).exists()

    with Vault.open(path, PASSPHRASE) as vault:
        assert vault.schema_revision() == head_revision()
        with vault.sessions() as s:
            people = {p.id: (p.first_name, p.last_name, p.status) for p in s.query(Participant)}
            assert people == {1: ("Ayşe", "Yılmaz", "active"), 2: ("Olena", "Kovalenko", "intake")}
            goal = s.get(Goal, 1)
            assert goal is not None and goal.title == "Pflegehelferin Ausbildung"
            meeting = s.get(Meeting, 1)
            assert meeting is not None and meeting.location == "Müttercafé"
            # Written before the full-text index existed, found through it now.
            assert participant_ids_matching(s, "yilmaz") == [1]
            assert participant_ids_matching(s, "pflegehelf") == [1]
            assert participant_ids_matching(s, "integrationskurs") == [2]
            # Each programme typed in a file became a record the file points to (0017).
            programmes = {p.id: p.name for p in s.query(Programme)}
            assert sorted(programmes.values()) == ["MY TURN", "Stark im Beruf"]
            assert {p.id: programmes[p.programme_id or 0] for p in s.query(Participant)} == {
                1: "MY TURN",
                2: "Stark im Beruf",
            }
            # The typed name is gone (0018); the search finds her by her programme's record.
            assert participant_ids_matching(s, "stark") == [2]
            schema = {r[0]: r[1] for r in s.execute(text("SELECT name, sql FROM sqlite_master"))}
            assert "programme VARCHAR" not in schema["participant"]
            assert "ix_participant_programme" not in schema
            assert "programme_search_au" in schema and "participant_search_ad" in schema
        assert vault.integrity_check().ok

    copies = list((path / PRE_MIGRATION_DIR).iterdir())
    assert len(copies) == 1 and copies[0].name.endswith("schema-0001")
    assert older_copies(path) == copies
    copy_db = copies[0] / "vault.db"
    assert not copy_db.read_bytes().startswith(b"SQLite format 3")
    with Vault.open(copies[0], PASSPHRASE, migrate=False) as before:
        assert before.schema_revision() == "0001"
        with before.engine.connect() as conn:
            assert conn.execute(text("SELECT count(*) FROM participant")).scalar() == 2


def test_backup_of_an_old_vault_restores_and_upgrades(tmp_path: Path) -> None:
    from coachdesk.vault.backup import backup
    from coachdesk.vault.restore import restore

    path = tmp_path / "old"
    make_old_vault(path)
    with Vault.open(path, PASSPHRASE, migrate=False) as old:
        saved = backup(old, tmp_path / "old.cdbackup")
    assert saved.schema_revision == "0001" and saved.counts["participant"] == 2
    restore(saved.path, tmp_path / "restored", PASSPHRASE)
    with Vault.open(tmp_path / "restored", PASSPHRASE) as vault:
        assert vault.schema_revision() == head_revision()
        with vault.sessions() as s:
            assert participant_ids_matching(s, "kovalenko") == [2]


def test_0018_down_and_up_again_keeps_her_programme_and_its_search(vault: Vault) -> None:
    """Down to 0017 the typed name comes back from the record; up again it goes, the record
    stays, and the search finds her by its name (and by a new name after a rename)."""
    from alembic import command

    from coachdesk.vault.schema import alembic_config

    with vault.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO programme (id, name, funder, note, created_at, updated_at) "
                "VALUES (5, 'MY TURN', '', '', '2026-01-01', '2026-01-01')"
            )
        )
        conn.execute(
            text(
                "INSERT INTO participant (id, first_name, last_name, first_name_latin, "
                "last_name_latin, name_key, name_order, pseudonym, phone, email, address, "
                "jobcentre_customer_number, languages, qualifications, work_experience, "
                "family_situation, childcare, health_notes, residence_status, status, "
                "internal_notes, programme_id, created_at, updated_at) VALUES (1, 'Amal', "
                "'Haddad', '', '', 'amal haddad', x'', '', '', '', '', '', '', '', '', '', '', "
                "'', '', 'active', '', 5, '2026-01-01', '2026-01-01')"
            )
        )
    cfg = alembic_config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0019")
        assert conn.execute(text("SELECT programme FROM participant")).scalar() == "MY TURN"
        command.upgrade(cfg, "head")
        conn.execute(text("UPDATE programme SET name = 'Wende' WHERE id = 5"))
    with vault.sessions() as s:
        assert participant_ids_matching(s, "wende") == [1]
        assert participant_ids_matching(s, "turn") == []
        assert s.query(Participant).one().programme_id == 5
