"""What a mutation says it changed: typed kinds, her id, and who caused it."""

from __future__ import annotations

import threading

import pytest

from coachdesk.facade import Services
from coachdesk.services.context import ChangeKind, Changes
from coachdesk.services.participants import ParticipantDraft


def test_a_kind_is_a_member_not_a_string() -> None:
    with pytest.raises(ValueError):
        Changes.of({"goals"})  # type: ignore[arg-type]
    assert Changes.of({ChangeKind.GOAL}, {3, None}) == Changes(
        frozenset({ChangeKind.GOAL}), frozenset({3})
    )


def test_the_caller_is_named_on_its_own_changes_only(services: Services) -> None:
    seen: list[Changes] = []
    services.subscribe(seen.append)
    me = object()
    with services.ctx.caused_by(me):
        created = services.participants.create(ParticipantDraft("Amina", "Haddad"))
    services.participants.archive(created.id)
    assert [c.kinds for c in seen] == [frozenset({ChangeKind.PARTICIPANT})] * 2
    assert seen[0].caused_by(me) and seen[0].participant_ids == {created.id}
    assert not seen[1].caused_by(me) and seen[1].origin is None


def test_a_worker_thread_keeps_no_origin_of_the_ui_thread(services: Services) -> None:
    seen: list[Changes] = []
    services.subscribe(seen.append)
    me = object()
    with services.ctx.caused_by(me):
        worker = threading.Thread(
            target=lambda: services.participants.create(ParticipantDraft("Olena", "Koval"))
        )
        worker.start()
        worker.join()
    assert len(seen) == 1 and seen[0].origin is None


def test_a_saved_status_comes_back_as_its_enum(services: Services) -> None:
    """Records carry enum members, not strings that merely compare equal to them."""
    from dataclasses import replace

    from coachdesk.models.enums import ParticipantStatus

    created = services.participants.create(ParticipantDraft("Amina", "Haddad"))
    assert type(created.status) is ParticipantStatus
    draft = replace(created.draft(), status=ParticipantStatus.ACTIVE)
    updated = services.participants.update(created.id, draft)
    assert type(updated.status) is ParticipantStatus
    assert type(services.participants.get(created.id).status) is ParticipantStatus
