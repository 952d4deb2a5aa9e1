"""The ESF Plus questionnaire from Today to her file and back, in the real window: the
entry questionnaire a woman's file lacks is on Today, Enter opens her file at the ESF tab,
her answers saved there take the item off Today."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.shell.app import AppController
from coachdesk.ui.shell.main_window import TODAY as TODAY_VIEW
from coachdesk.ui.today.model import ITEM_ROLE, SECTION_ROLE
from coachdesk.ui.today.sections import ESF_ENTRY
from tests.conftest import TODAY
from tests.ui.shell_support import running_controller, unlock, visible_texts


@pytest.fixture
def controller(qapp, tmp_path: Path) -> Iterator[AppController]:  # type: ignore[no-untyped-def]
    with running_controller(tmp_path) as c:
        yield c


def test_today_opens_her_missing_questionnaire_and_her_answers_clear_it(  # type: ignore[no-untyped-def]
    controller, vault_path, qtbot
) -> None:
    window = unlock(controller, vault_path, qtbot)
    entered = TODAY - dt.timedelta(days=40)
    amina = controller.services.participants.create(
        ParticipantDraft("Amina", "Haddad", date_of_birth=dt.date(1990, 9, 2), entry_date=entered)
    )
    window.show_view(TODAY_VIEW)
    model, tree = window.today.model, window.today.tree

    def entry_section():  # type: ignore[no-untyped-def]
        return next(
            (
                model.index(r, 0)
                for r in range(model.rowCount())
                if model.index(r, 0).data(SECTION_ROLE) == ESF_ENTRY
            ),
            None,
        )

    def first_item():  # type: ignore[no-untyped-def]
        section = entry_section()
        return None if section is None else model.index(0, 0, section)

    qtbot.waitUntil(lambda: (i := first_item()) is not None and i.data(ITEM_ROLE), timeout=3000)
    qtbot.waitUntil(lambda: not window.today.loading, timeout=3000)
    item = first_item()
    assert item.data(ITEM_ROLE).participant_id == amina.id
    assert any("Entry questionnaire" in t for t in visible_texts())
    tree.setCurrentIndex(item)
    with qtbot.waitSignal(window.today.open_requested):
        qtbot.keyClick(tree, Qt.Key.Key_Return)

    file = window.files[amina.id].file
    assert file.tabs.currentWidget() is file.esf
    entry = file.esf.entry
    qtbot.keyClicks(entry.gender, "Female")
    qtbot.keyClicks(entry.labour_status, "Unemployed")
    qtbot.keyClicks(entry.education, "At most")
    for key in ("third_country_national", "foreign_background", "homeless", "rural"):
        qtbot.keyClicks(entry.answers[key], "No")
    for key in ("disability", "minority"):
        qtbot.keyClick(entry.answers[key], Qt.Key.Key_End)  # "No answer"
    qtbot.mouseClick(entry.save_button, Qt.MouseButton.LeftButton)
    assert not file.has_unsaved_changes()
    assert services_entry_complete(controller, amina.id)
    qtbot.waitUntil(lambda: not window.today.loading, timeout=3000)
    qtbot.waitUntil(lambda: (i := first_item()) is None or i.data(ITEM_ROLE) is None, timeout=3000)
    assert not any("Entry questionnaire" in t for t in visible_texts())


def services_entry_complete(controller: AppController, pid: int) -> bool:
    entry = controller.services.esf.get(pid).entry
    return entry is not None and None not in (
        entry.gender,
        entry.labour_status,
        entry.education,
        entry.disability,
        entry.minority,
    )
