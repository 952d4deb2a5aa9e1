"""The full-text index, one document per participant, kept in step by triggers (0009)."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest
from sqlalchemy import text

from coachdesk.demo.generate import generate_demo
from coachdesk.facade import Services
from coachdesk.models.enums import ParticipantStatus
from coachdesk.services.goals import GoalDraft
from coachdesk.services.meetings import MeetingDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.vault.search_index import bulk_write
from coachdesk.vault.store import Vault

HELD = dt.datetime(2026, 3, 10, 9, 30)


def _ids(services: Services, query: str, archived: bool = False) -> list[int]:
    return [r.id for r in services.participants.list(query=query, include_archived=archived)]


def test_words_of_her_name_goals_and_meetings_find_her_together(services: Services) -> None:
    amal = services.participants.create(ParticipantDraft("Amal", "Haddad")).id
    oksana = services.participants.create(ParticipantDraft("Oksana", "Kovalenko")).id
    services.goals.create(amal, GoalDraft("Ausbildung Pflegefachfrau"))
    services.meetings.create(oksana, MeetingDraft(HELD, shared_summary="Praktikum in der Pflege"))
    assert _ids(services, "pflege") == [amal, oksana]
    # Words from different parts of one file: a coach types a name and a topic.
    assert _ids(services, "Amal Ausbildung") == [amal]
    assert _ids(services, "Oksana Praktikum") == [oksana]
    assert _ids(services, "Amal Praktikum") == []
    assert [(h.kind, h.participant_id) for h in services.search.search("praktikum")] == [
        ("meeting", oksana)
    ]


def test_an_edited_or_deleted_text_leaves_the_index(services: Services, vault: Vault) -> None:
    pid = services.participants.create(ParticipantDraft("Leyla", "Demir")).id
    meeting = services.meetings.create(pid, MeetingDraft(HELD, shared_summary="Kita-Platz gesucht"))
    goal = services.goals.create(pid, GoalDraft("Führerschein"))
    assert _ids(services, "Kita") == [pid]
    services.meetings.update(meeting.id, replace(meeting.draft(), shared_summary="Sprachkurs B2"))
    assert _ids(services, "Kita") == []
    assert _ids(services, "Sprachkurs") == [pid]
    services.goals.update(goal.id, replace(goal.draft(), title="Bewerbung Lager"))
    assert _ids(services, "Führerschein") == []
    assert _ids(services, "Lager") == [pid]
    draft = services.participants.get(pid).draft()
    services.participants.update(pid, replace(draft, last_name="Yılmaz"))
    assert _ids(services, "Demir") == []
    assert _ids(services, "Yilmaz") == _ids(services, "Yılmaz") == [pid]
    with vault.engine.connect() as conn:
        documents = conn.exec_driver_sql("SELECT rowid FROM search_index").scalars().all()
    assert documents == [pid]


def _index_pages(vault: Vault) -> list[tuple[int, bytes]]:
    with vault.engine.connect() as conn:
        rows = conn.exec_driver_sql("SELECT id, block FROM search_index_data ORDER BY id")
        return [(int(r[0]), bytes(r[1])) for r in rows]


def test_a_status_change_leaves_her_document_alone(services: Services, vault: Vault) -> None:
    pid = services.participants.create(ParticipantDraft("Mariam", "Ahmadi")).id
    before = _index_pages(vault)
    draft = services.participants.get(pid).draft()
    services.participants.update(pid, replace(draft, status=ParticipantStatus.ACTIVE))
    assert services.participants.get(pid).status is ParticipantStatus.ACTIVE
    assert _index_pages(vault) == before
    services.participants.update(pid, replace(draft, first_name="Maryam"))
    assert _index_pages(vault) != before
    assert _ids(services, "Maryam") == [pid]


def test_the_list_leaves_out_archived_files_unless_asked(services: Services) -> None:
    kept = services.participants.create(ParticipantDraft("Nadia", "Karimi")).id
    gone = services.participants.create(ParticipantDraft("Nadia", "Rahimi")).id
    services.participants.archive(gone)
    assert _ids(services, "Nadia") == [kept]
    assert _ids(services, "Nadia", archived=True) == [kept, gone]
    # "current" and "archived" are the index's own words, not something she can search.
    assert _ids(services, "current") == _ids(services, "archived", archived=True) == []


def test_a_meeting_moved_to_another_file_moves_its_words(services: Services, vault: Vault) -> None:
    first = services.participants.create(ParticipantDraft("Hana", "Tesfaye")).id
    second = services.participants.create(ParticipantDraft("Selam", "Gebre")).id
    meeting = services.meetings.create(first, MeetingDraft(HELD, shared_summary="Hauswirtschaft"))
    with vault.engine.begin() as conn:
        conn.execute(
            text("UPDATE meeting SET participant_id = :p WHERE id = :m"),
            {"p": second, "m": meeting.id},
        )
    assert _ids(services, "Hauswirtschaft") == [second]


def _index(vault: Vault) -> list[tuple[object, ...]]:
    with vault.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT rowid, scope, person, goals, meetings FROM search_index ORDER BY rowid"
            )
        ]


def _documents(vault: Vault) -> list[tuple[object, ...]]:
    with vault.engine.connect() as conn:
        return [
            tuple(r)
            for r in conn.exec_driver_sql(
                "SELECT id, scope, person, goals, meetings FROM search_document ORDER BY id"
            )
        ]


def test_a_bulk_write_leaves_the_index_as_the_triggers_would(vault: Vault) -> None:
    summary = generate_demo(vault, participants=30, seed=4, today=dt.date(2026, 11, 1))
    assert summary.meetings > 30 and summary.goals > 30
    assert len(_index(vault)) == 30
    assert _index(vault) == _documents(vault)
    services = Services(vault.sessions, actor="Test Coach")
    # After the bulk write the triggers write again.
    first = services.participants.list()[0]
    services.goals.create(first.id, GoalDraft("Staplerschein"))
    assert _ids(services, "Staplerschein") == [first.id]
    assert _index(vault) == _documents(vault)


def test_a_bulk_write_cut_off_leaves_the_triggers_writing(vault: Vault) -> None:
    services = Services(vault.sessions, actor="Test Coach")
    pid = services.participants.create(ParticipantDraft("Hawa", "Diallo")).id
    with pytest.raises(RuntimeError), vault.sessions.begin() as s, bulk_write(s, [pid]):
        s.execute(text("UPDATE participant SET last_name = 'Barry' WHERE id = :p"), {"p": pid})
        raise RuntimeError("the disk is full")
    services.goals.create(pid, GoalDraft("Altenpflege"))
    assert _ids(services, "Altenpflege") == _ids(services, "Diallo") == [pid]
    assert _index(vault) == _documents(vault)


def test_the_names_migration_goes_down_and_up_with_the_index_in_step(vault: Vault) -> None:
    from alembic import command

    from coachdesk.vault.schema import alembic_config

    services = Services(vault.sessions, actor="Test Coach")
    pid = services.participants.create(ParticipantDraft("Олена", "Ковальчук")).id
    services.goals.create(pid, GoalDraft("Pflegeassistenz"))
    cfg = alembic_config()
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0010")
    assert _index(vault) == _documents(vault)
    with vault.engine.begin() as conn:  # the code of 0010 would have no Latin columns to read
        found = conn.exec_driver_sql(
            "SELECT rowid FROM search_index WHERE search_index MATCH 'Ковальчук'"
        ).scalars()
        assert list(found) == [pid]
        conn.exec_driver_sql("UPDATE participant SET last_name = 'Шевченко' WHERE id = ?", (pid,))
    with vault.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    assert _index(vault) == _documents(vault)
    assert _ids(services, "Shevchenko") == _ids(services, "Pflegeassistenz") == [pid]
