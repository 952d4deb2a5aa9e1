"""The audit log as an auditor reads it, and erasure as she would check it (issue 19).

Written against mutants that survived the older tests: entries filtered by the wrong
field or in the wrong order, a draft of another participant erased because her id is
part of its number, a pseudonymous id an auditor cannot recompute from the vault's salt.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac

import pytest
from sqlalchemy import update

from coachdesk.facade import Services
from coachdesk.models import Draft, VaultSetting
from coachdesk.services import audit
from coachdesk.services.errors import NotFoundError
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.retention import ERASURE_SALT


def _log(services: Services, action: str, pid: int | None, details: dict[str, object]) -> None:
    with services.ctx.write() as s:
        audit.record(s, services.ctx, action, "participant", pid, pid, details)


def test_entries_newest_first_filtered_by_participant_and_action(services: Services) -> None:
    _log(services, "view", 1, {"b": 2, "a": dt.date(2026, 3, 1)})
    _log(services, "export", 2, {})
    _log(services, "export", 1, {"doc": "handover"})
    everything = services.audit.entries()
    assert [(e.action, e.participant_id) for e in everything] == [
        ("export", 1),
        ("export", 2),
        ("view", 1),
    ]
    assert [e.id for e in everything] == sorted((e.id for e in everything), reverse=True)
    first = everything[-1]
    assert first.actor == "Test Coach" and first.entity == "participant" and first.entity_id == 1
    assert first.details == {"a": "2026-03-01", "b": 2}  # values JSON can hold, dates as text
    assert isinstance(first.at, dt.datetime)
    assert [e.action for e in services.audit.entries(participant_id=1)] == ["export", "view"]
    assert [e.participant_id for e in services.audit.entries(action="export")] == [1, 2]
    both = services.audit.entries(participant_id=1, action="export")
    assert [(e.action, e.details) for e in both] == [("export", {"doc": "handover"})]
    assert len(services.audit.entries(limit=2)) == 2
    assert services.audit.entries(participant_id=3) == []


def _person(services: Services, name: str) -> int:
    return services.participants.create(ParticipantDraft("Frau", name)).id


def test_erasure_takes_her_drafts_and_entries_and_leaves_everyone_elses(services: Services) -> None:
    her = _person(services, "Gelöscht")
    others = [_person(services, f"Bleibt{n}") for n in range(12)]
    # A participant whose id has hers as a part ("1" in "11"): nothing of hers is hers.
    near = next(o for o in others if str(her) in str(o) and o != her)
    services.drafts.save(f"participant-file:{her}", {"note": "hers"})
    services.drafts.save("meeting-new", {"participant_id": her, "note": "hers too"})
    services.drafts.save(f"participant-file:{near}", {"note": "not hers"})
    services.drafts.save("meeting-other", {"participant_id": near})
    services.drafts.save("id-as-text", {"participant_id": str(her)})
    with services.ctx.write() as s:  # a draft cut short (a crash while saving): not JSON
        s.add_all(
            [
                Draft(key="cut-short", payload='{"participant_id": '),
                Draft(key="list", payload="[1]"),
            ]
        )
    _log(services, "export", her, {})
    _log(services, "export", near, {})
    with services.ctx.write() as s:  # entries naming her one way or the other, and one not
        audit.record(s, services.ctx, "create", "meeting", 5, her)
        audit.record(s, services.ctx, "create", "participant", her, None)
        audit.record(s, services.ctx, "create", "goal", her, near)  # a goal with her number
    services.retention.erase(her)
    assert services.drafts.load(f"participant-file:{her}") is None
    assert services.drafts.load("meeting-new") is None
    assert services.drafts.load(f"participant-file:{near}") == {"note": "not hers"}
    assert services.drafts.load("meeting-other") == {"participant_id": near}
    assert services.drafts.load("id-as-text") == {"participant_id": str(her)}
    assert services.drafts.load("list") == [1]
    assert "cut-short" in services.drafts.keys(prefix="cut")
    entries = services.audit.entries()
    assert any(e.participant_id == near for e in entries)
    assert not any(
        e.participant_id == her or (e.entity, e.entity_id) == ("participant", her) for e in entries
    )
    near_entries = {(e.action, e.entity, e.entity_id) for e in entries if e.participant_id == near}
    assert near_entries == {
        ("create", "goal", her),
        ("create", "participant", near),
        ("export", "participant", near),
    }
    assert entries[0].action == "erasure"
    assert (entries[0].entity, entries[0].entity_id, entries[0].participant_id) == (
        "participant",
        None,
        None,
    )


def test_the_pseudonymous_id_can_be_recomputed_from_the_vaults_salt(services: Services) -> None:
    first, second = _person(services, "Eins"), _person(services, "Zwei")
    one = services.retention.erase(first)
    two = services.retention.erase(second)
    with services.ctx.read() as s:
        salt = s.get(VaultSetting, ERASURE_SALT)
        assert salt is not None and len(bytes.fromhex(salt.value)) == 16
        key = bytes.fromhex(salt.value)
    for pid, erasure in ((first, one), (second, two)):
        expected = hmac.new(key, str(pid).encode(), hashlib.sha256).hexdigest()[:16]
        assert erasure.pseudonymous_id == expected  # one salt for the vault, kept
    assert one.pseudonymous_id != two.pseudonymous_id
    logged = [e.details["id"] for e in services.audit.entries(action="erasure")]
    assert logged == [two.pseudonymous_id, one.pseudonymous_id]
    assert isinstance(one.erased_at, dt.datetime) and one.erased_at <= two.erased_at


def test_erasing_someone_not_there_changes_nothing(services: Services) -> None:
    pid = _person(services, "Da")
    before = services.audit.entries()
    with pytest.raises(NotFoundError):
        services.retention.erase(pid + 1)
    assert services.audit.entries() == before
    assert services.participants.get(pid).last_name == "Da"


def test_stored_details_are_sorted_json_and_the_log_shows_the_newest_500(
    services: Services,
) -> None:
    from coachdesk.models import AuditEntry

    _log(services, "view", 1, {"b": 2, "a": dt.date(2026, 3, 1)})
    with services.ctx.write() as s:
        s.add_all(AuditEntry(actor="x", action="old", entity="e", details=None) for _ in range(3))
        for n in range(500):
            audit.record(s, services.ctx, "view", "participant", n, n)
    with services.ctx.read() as s:
        first = s.query(AuditEntry).order_by(AuditEntry.id).first()
        assert first is not None and first.details == '{"a": "2026-03-01", "b": 2}'
    shown = services.audit.entries()
    assert len(shown) == 500 and shown[-1].entity_id == 0 and shown[0].entity_id == 499
    with services.ctx.write() as s:  # written by hand, or by an older version: no details
        s.execute(update(AuditEntry).where(AuditEntry.action == "old").values(details=""))
    older = services.audit.entries(action="old")
    assert [e.details for e in older] == [{}, {}, {}]  # an entry without details reads as none


def test_an_erasure_tells_every_open_view_whose_file_went(services: Services) -> None:
    from coachdesk.services.context import ChangeKind
    from coachdesk.services.retention import ERASED_KINDS

    pid = _person(services, "Weg")
    heard: list[object] = []
    services.ctx.listeners.append(heard.append)
    services.retention.erase(pid)
    (changes,) = heard
    assert changes.participant_ids == {pid}  # type: ignore[attr-defined]
    assert changes.kinds == ERASED_KINDS  # type: ignore[attr-defined]
    assert ChangeKind.PARTICIPANT in ERASED_KINDS and ChangeKind.SETTING not in ERASED_KINDS
