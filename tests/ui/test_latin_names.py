"""The Latin spelling rows of the participant form, typed as a coach types (issue 15)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.file.participant_file import ParticipantFile, draft_key
from coachdesk.ui.participants.new_dialog import NewParticipantDialog
from coachdesk.ui.shell.signals import AppSignals
from tests.ui.shell_support import type_text


@pytest.fixture
def signals(services):  # type: ignore[no-untyped-def]
    hub = AppSignals()
    services.subscribe(hub.publish)
    return hub


def _new_dialog(qtbot, services) -> NewParticipantDialog:  # type: ignore[no-untyped-def]
    dialog = NewParticipantDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _latin_rows_shown(dialog) -> tuple[bool, bool]:  # type: ignore[no-untyped-def]
    rows = dialog.form.latin.rows
    return rows.is_row_visible("first_name_latin"), rows.is_row_visible("last_name_latin")


def test_cyrillic_name_gets_a_latin_spelling_she_can_correct_and_it_is_stored(
    qtbot, services, signals
) -> None:  # type: ignore[no-untyped-def]
    dialog = _new_dialog(qtbot, services)
    fields = dialog.form.fields
    assert _latin_rows_shown(dialog) == (False, False)

    fields["first_name"].setFocus()
    type_text(qtbot, fields["first_name"], "Олена")
    assert _latin_rows_shown(dialog) == (True, False)
    assert fields["first_name_latin"].text() == "Olena"
    qtbot.keyClick(fields["first_name"], Qt.Key.Key_Tab)  # to her Latin first name
    qtbot.keyClick(fields["first_name_latin"], Qt.Key.Key_Tab)  # on to the last name
    assert dialog.focusWidget() is fields["last_name"]
    type_text(qtbot, fields["last_name"], "Ковальчук")
    assert fields["last_name_latin"].text() == "Kovalchuk"

    # Her passport spells it otherwise: her spelling wins, the name no longer changes it.
    latin = fields["last_name_latin"]
    latin.setFocus()
    qtbot.keyClick(latin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(latin, "Kowaltschuk")
    type_text(qtbot, fields["last_name"], "а")  # Ковальчука: a typo, later taken back
    qtbot.keyClick(fields["last_name"], Qt.Key.Key_Backspace)
    assert latin.text() == "Kowaltschuk"
    type_text(qtbot, fields["first_name"], "на")  # Оленана: the first still follows
    assert fields["first_name_latin"].text() == "Olenana"
    for _ in range(2):
        qtbot.keyClick(fields["first_name"], Qt.Key.Key_Backspace)
    assert fields["first_name_latin"].text() == "Olena"

    dialog.buttons.button(QDialogButtonBox.StandardButton.Save).click()
    assert dialog.participant_id is not None
    stored = services.participants.get(dialog.participant_id)
    assert (stored.first_name, stored.last_name) == ("Олена", "Ковальчук")
    assert (stored.first_name_latin, stored.last_name_latin) == ("Olena", "Kowaltschuk")

    # Reopened: both rows shown with what she stored, and now the stored spelling is hers.
    file = ParticipantFile(services, signals, dialog.participant_id)
    qtbot.addWidget(file)
    file.show()
    form = file.overview.form
    assert form.latin.rows.is_row_visible("first_name_latin")
    assert form.fields["last_name_latin"].text() == "Kowaltschuk"
    type_text(qtbot, form.fields["first_name"], "а")
    assert form.fields["first_name_latin"].text() == "Olena"
    assert file.has_unsaved_changes()


def test_a_latin_name_shows_no_latin_rows_and_arabic_script_a_hint(qtbot, services) -> None:  # type: ignore[no-untyped-def]
    dialog = _new_dialog(qtbot, services)
    fields = dialog.form.fields
    type_text(qtbot, fields["first_name"], "Ayşe")
    type_text(qtbot, fields["last_name"], "Şahin")
    assert _latin_rows_shown(dialog) == (False, False)
    assert not dialog.form.latin.hint.isVisible()

    for _ in range(5):
        qtbot.keyClick(fields["last_name"], Qt.Key.Key_Backspace)
    type_text(qtbot, fields["last_name"], "حداد")
    assert _latin_rows_shown(dialog) == (False, True)
    assert fields["last_name_latin"].text() == "Hdad"
    assert dialog.form.latin.hint.isVisible()
    assert "short vowels" in dialog.form.latin.hint.text()

    # Emptying her own spelling hands the field back to the suggestion.
    latin = fields["last_name_latin"]
    latin.setFocus()
    qtbot.keyClick(latin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(latin, "Haddad")
    qtbot.keyClick(latin, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(latin, Qt.Key.Key_Delete)
    type_text(qtbot, fields["last_name"], "ي")
    assert latin.text() == "Hdady"


def test_a_draft_keeps_which_latin_spelling_she_typed(qtbot, services, signals) -> None:  # type: ignore[no-untyped-def]
    pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    file = ParticipantFile(services, signals, pid)
    qtbot.addWidget(file)
    form = file.overview.form
    first, last = form.fields["first_name"], form.fields["last_name"]
    first.selectAll()
    type_text(qtbot, first, "Юлія")
    last.selectAll()
    type_text(qtbot, last, "Мельник")
    latin = form.fields["last_name_latin"]
    latin.selectAll()
    qtbot.keyClicks(latin, "Melnik")
    file.save_draft()
    file.close()

    reopened = ParticipantFile(services, signals, pid)
    qtbot.addWidget(reopened)
    reopened.restore_draft()
    form = reopened.overview.form
    assert form.fields["first_name_latin"].text() == "Yuliia"
    type_text(qtbot, form.fields["last_name"], "а")
    assert form.fields["last_name_latin"].text() == "Melnik"  # hers, kept
    type_text(qtbot, form.fields["first_name"], "н")
    assert form.fields["first_name_latin"].text() == "Yuliian"  # the suggestion, following
    assert reopened.save()
    assert services.drafts.load(draft_key(pid)) is None
    stored = services.participants.get(pid)
    assert (stored.first_name_latin, stored.last_name_latin) == ("Yuliian", "Melnik")
