"""Programmes as records: the service's rules, her file's programme, the list's filter and
the search by a programme's name."""

from __future__ import annotations

import datetime as dt

import pytest

from coachdesk.facade import Services
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.errors import ValidationError
from coachdesk.services.participant_rows import ListFilter, in_name_order, row_query
from coachdesk.services.participants import ParticipantDraft
from coachdesk.services.programmes import ProgrammeDraft


def problems(err: pytest.ExceptionInfo[ValidationError]) -> dict[str | None, str]:
    return {e.field: e.message.render() for e in err.value.errors}


def test_a_programme_is_made_kept_tidy_audited_and_announced(services: Services) -> None:
    seen: list[Changes] = []
    services.ctx.listeners.append(seen.append)
    made = services.programmes.create(
        ProgrammeDraft(
            "  MY   TURN ",
            funder="ESF Plus",
            funded_from=dt.date(2024, 1, 1),
            funded_until=dt.date(2027, 12, 31),
            note="Frauen mit Migrationserfahrung",
        )
    )
    assert made.name == "MY TURN" and made.funder == "ESF Plus" and not made.archived
    assert services.programmes.get(made.id) == made
    assert [p.name for p in services.programmes.list()] == ["MY TURN"]
    assert seen and seen[-1].concerns(ChangeKind.PROGRAMME)
    created = [e for e in services.audit.entries(action="create") if e.entity == "programme"]
    assert [e.entity_id for e in created] == [made.id]


@pytest.mark.parametrize("same", ["my turn", "MYTURN", " My  Turn ", "my\tturn"])
def test_a_name_is_unique_whatever_its_case_and_spaces(services: Services, same: str) -> None:
    services.programmes.create(ProgrammeDraft("MY TURN"))
    with pytest.raises(ValidationError) as err:
        services.programmes.create(ProgrammeDraft(same))
    assert "There is already a programme of this name: MY TURN." in problems(err)["name"]
    assert services.programmes.find(same) is not None
    assert len(services.programmes.list(include_archived=True)) == 1


def test_a_name_is_required_and_the_funding_cannot_end_before_it_begins(
    services: Services,
) -> None:
    with pytest.raises(ValidationError) as err:
        services.programmes.create(
            ProgrammeDraft(
                "   ", funded_from=dt.date(2026, 1, 1), funded_until=dt.date(2025, 12, 31)
            )
        )
    found = problems(err)
    assert "name" in found
    assert found["funded_until"] == "The funding cannot end before it begins."
    # The same day is a period of one day.
    day = dt.date(2026, 1, 1)
    assert services.programmes.create(ProgrammeDraft("Kurz", funded_from=day, funded_until=day))


def test_renaming_keeps_her_own_name_free_and_refuses_another_programmes(
    services: Services,
) -> None:
    turn = services.programmes.create(ProgrammeDraft("MY TURN"))
    stark = services.programmes.create(ProgrammeDraft("Stark im Beruf"))
    assert services.programmes.update(turn.id, ProgrammeDraft("My Turn", funder="ESF")).name == (
        "My Turn"
    )
    with pytest.raises(ValidationError):
        services.programmes.update(stark.id, ProgrammeDraft("MY TURN"))
    updated = [e for e in services.audit.entries(action="update") if e.entity == "programme"]
    assert updated[0].details == {"fields": ["funder", "name"]}


def test_an_archived_programme_leaves_the_offer_but_keeps_its_files(services: Services) -> None:
    turn = services.programmes.create(ProgrammeDraft("MY TURN"))
    her = services.participants.create(ParticipantDraft("Ayşe", "Yılmaz", programme_id=turn.id))
    services.programmes.archive(turn.id)
    assert services.programmes.list() == []
    assert [p.archived for p in services.programmes.list(include_archived=True)] == [True]
    assert services.participants.get(her.id).programme_id == turn.id
    # The name stays taken while archived.
    with pytest.raises(ValidationError):
        services.programmes.create(ProgrammeDraft("my turn"))
    services.programmes.unarchive(turn.id)
    assert [p.name for p in services.programmes.list()] == ["MY TURN"]
    actions = [e.action for e in services.audit.entries() if e.entity == "programme"]
    assert actions[:2] == ["unarchive", "archive"]


def test_her_programme_must_exist(services: Services) -> None:
    with pytest.raises(ValidationError) as err:
        services.participants.create(ParticipantDraft("Ayşe", "Yılmaz", programme_id=999))
    assert problems(err)["programme_id"] == "This programme no longer exists."


def _two_programmes(services: Services) -> tuple[int, int, list[int], list[int]]:
    turn = services.programmes.create(ProgrammeDraft("MY TURN")).id
    stark = services.programmes.create(ProgrammeDraft("Stark im Beruf")).id
    ids: dict[int, list[int]] = {turn: [], stark: []}
    for n, (first, last) in enumerate(
        [("Ayşe", "Yılmaz"), ("Olena", "Kovalenko"), ("Amal", "Haddad"), ("Maria", "Schmidt")]
    ):
        pid = turn if n % 2 == 0 else stark
        ids[pid].append(
            services.participants.create(ParticipantDraft(first, last, programme_id=pid)).id
        )
    services.participants.create(ParticipantDraft("Nadia", "Ohne"))
    return turn, stark, ids[turn], ids[stark]


def test_the_list_filters_by_programme_and_names_hers(services: Services) -> None:
    turn, stark, of_turn, of_stark = _two_programmes(services)
    assert sorted(r.id for r in services.participants.list(programme_id=turn)) == of_turn
    assert sorted(r.id for r in services.participants.list(programme_id=stark)) == of_stark
    everyone = services.participants.list()
    assert len(everyone) == 5
    assert {r.programme for r in everyone} == {"MY TURN", "Stark im Beruf", ""}
    page = services.participants.first_page(ListFilter(programme_id=stark), 10)
    if page is not None:  # the stored order fits this ICU
        assert sorted(r.id for r in page.rows) == of_stark and page.total == 2


def test_the_programme_filter_reads_from_an_index(services: Services) -> None:
    turn, _stark, _a, _b = _two_programmes(services)
    with services.ctx.read() as s:
        conn = s.connection()
        for archived in (False, True):
            q = in_name_order(row_query(ListFilter(programme_id=turn, include_archived=archived)))
            sql = str(q.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
            plan = " ".join(r[3] for r in conn.exec_driver_sql("EXPLAIN QUERY PLAN " + sql))
            assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
            assert "SCAN participant" not in plan, plan
        # Every file of the programme, archived ones too: read from its own index.
        assert "ix_participant_programme_id" in plan


def test_the_search_finds_her_by_her_programmes_name_even_after_a_rename(
    services: Services,
) -> None:
    turn, _stark, of_turn, _of_stark = _two_programmes(services)
    assert sorted(r.id for r in services.participants.list(query="turn")) == of_turn
    services.programmes.update(turn, ProgrammeDraft("Wende"))
    assert sorted(r.id for r in services.participants.list(query="wende")) == of_turn
    assert services.participants.list(query="turn") == []
