"""A new vault: Today shows the first steps, each a click away, until they are done."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coachdesk.models.enums import DataCategory, OrganisationKind
from coachdesk.services.consents import ConsentDraft
from coachdesk.services.directory import OrganisationDraft
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.shell.app import AppController
from coachdesk.ui.shell.view_pages import CONTACTS, TODAY
from tests.ui.shell_support import running_controller, unlock


@pytest.fixture
def controller(qapp, tmp_path: Path) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    with running_controller(tmp_path) as c:
        yield c


def test_first_steps_are_ticked_off_and_then_go(controller, vault_path, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = unlock(controller, vault_path, qtbot)
    window.show_view(TODAY)
    steps = window.today.getting_started
    assert steps.isVisible()
    assert not steps.buttons["named"].isEnabled()  # asked at first start
    assert steps.buttons["partner"].isEnabled()

    qtbot.mouseClick(steps.buttons["partner"], Qt.MouseButton.LeftButton)
    assert window.current_view() == CONTACTS

    services = controller.services
    org = services.directory.create_organisation(
        OrganisationDraft("Jobcenter Nordstadt", OrganisationKind.JOB_CENTRE)
    )
    amina = services.participants.create(ParticipantDraft("Amina", "Haddad"))
    services.consents.record(
        amina.id,
        ConsentDraft(
            frozenset({DataCategory.IDENTITY_CONTACT}),
            "Abstimmung",
            dt.date(2026, 3, 1),
            recipient_organisation_id=org.id,
        ),
    )
    window.show_view(TODAY)
    qtbot.waitUntil(lambda: not steps.buttons["consent"].isEnabled(), timeout=5000)
    assert steps.isVisible()  # the backup is still to do
    services.vault_admin.back_up(tmp_path)
    window.today.refresh()
    assert not steps.isVisible()
