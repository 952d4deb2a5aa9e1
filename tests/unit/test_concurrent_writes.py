"""Two writers at once (the window saving while a worker stores her signing key): both land.

A deferred transaction that has read and then writes fails with "database is locked" when
another connection committed in between, whatever the busy timeout; write transactions take
the write lock at their start and wait for each other instead.
"""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from coachdesk.facade import Services
from coachdesk.models import Participant
from coachdesk.services.participants import ParticipantDraft


def test_a_write_that_read_first_survives_another_writer(services: Services) -> None:
    ctx = services.ctx
    inside = threading.Event()
    other_done = threading.Event()
    errors: list[BaseException] = []

    def first() -> None:
        try:
            with ctx.write() as s:
                s.scalar(select(func.count()).select_from(Participant))  # reads first
                inside.set()
                other_done.wait(timeout=1.0)  # the other writer tries meanwhile
                s.add(Participant(first_name="Amina", last_name="Haddad"))
        except BaseException as exc:
            errors.append(exc)

    def second() -> None:
        inside.wait(timeout=5.0)
        try:
            services.participants.create(ParticipantDraft("Olena", "Koval"))
        except BaseException as exc:
            errors.append(exc)
        finally:
            other_done.set()

    threads = [threading.Thread(target=first), threading.Thread(target=second)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=20)
    assert errors == []
    names = sorted(p.last_name for p in services.participants.list())
    assert names == ["Haddad", "Koval"]
