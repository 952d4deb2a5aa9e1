"""The import dialog as a coach uses it: from the participant list, choose her file, fix a
column the dialog could not guess, see the row with a problem, leave it out, import."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from coachdesk.i18n import set_language
from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.importing.dialog import ImportDialog
from coachdesk.ui.importing.preview_model import PROBLEMS
from coachdesk.ui.participants.view import ParticipantsView
from coachdesk.ui.shell.signals import AppSignals
from tests.ui.shell_support import when_modal_appears
from tests.unit.import_support import GERMAN_HEADINGS, people, write_csv
from tests.unit.sheet_files import write_xlsx


@pytest.fixture
def signals(services):  # type: ignore[no-untyped-def]
    hub = AppSignals()
    services.subscribe(hub.publish)
    return hub


def _list_file(tmp_path: Path) -> Path:
    return write_xlsx(
        tmp_path / "Teilnehmerinnen.xlsx",
        [
            ["Vorn.", "Nachname", "Geburtsdatum", "Status", "Notiz"],
            ["Amal", "Haddad", dt.date(1988, 7, 9), "Aktiv", "kommt montags"],
            ["Olena", "Koval", "31.02.1990", "Pausiert", ""],
            ["Zoë", "Weiß", "01.03.1985", "Aufnahme", ""],
        ],
    )


def _dialog(qtbot, services) -> ImportDialog:  # type: ignore[no-untyped-def]
    dialog = ImportDialog(services)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _choose(qtbot, dialog: ImportDialog, path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.jobs.running and dialog.preview is not None, timeout=20000)


def _cell(dialog: ImportDialog, row: int, column: int) -> str:
    return str(dialog.model.index(row, column).data())


def test_map_a_column_leave_out_a_broken_row_and_import(
    qtbot, services, signals, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    view = ParticipantsView(services, signals)
    qtbot.addWidget(view)
    view.show()
    dialog = _dialog(qtbot, services)
    assert not dialog.import_button.isEnabled()
    _choose(qtbot, dialog, _list_file(tmp_path), monkeypatch)

    assert dialog.file_label.text() == "Teilnehmerinnen.xlsx"
    combos = dialog.mapping.combos
    assert [c.currentText() for c in combos] == [
        "(do not import)",
        "Last name",
        "Date of birth",
        "Status",
        "(do not import)",
    ]
    assert "Please choose a column for: First name." in dialog.summary.text()
    assert not dialog.import_button.isEnabled()

    # She picks the field of column A with the keyboard.
    combos[0].setFocus()
    qtbot.keyClicks(combos[0], "First name")
    assert combos[0].currentText() == "First name"
    qtbot.waitUntil(lambda: not dialog.jobs.running and not dialog.preview.missing, timeout=20000)
    assert dialog.summary.text() == "3 rows: 2 ready to import, 1 with problems."
    assert _cell(dialog, 1, PROBLEMS).startswith("Date of birth: 31.02.1990 is not a date")
    assert _cell(dialog, 0, PROBLEMS) == "Ready"
    assert not dialog.import_button.isEnabled()  # all or nothing, until she leaves it out

    dialog.skip.setFocus()
    qtbot.keyClick(dialog.skip, Qt.Key.Key_Space)
    assert dialog.skip.isChecked() and dialog.import_button.isEnabled()

    def confirm(box) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(box, QMessageBox)
        assert box.text() == "Imported 2 participants."
        box.button(QMessageBox.StandardButton.Ok).click()

    timer = when_modal_appears(confirm)
    qtbot.mouseClick(dialog.import_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=20000)
    timer.stop()
    assert dialog.outcome is not None and dialog.outcome.imported == 2
    names = sorted(r.display_name for r in services.participants.list())
    assert names == ["Amal Haddad", "Zoë Weiß"]
    assert view.model.total() == 2  # the list heard of them

    # Next time the same headings come mapped as she chose.
    again = _dialog(qtbot, services)
    _choose(qtbot, again, _list_file(tmp_path), monkeypatch)
    assert again.mapping.combos[0].currentText() == "First name"
    assert "already exists" in _cell(again, 0, PROBLEMS)


def test_the_list_opens_the_dialog_and_esc_closes_it(qtbot, services, signals) -> None:  # type: ignore[no-untyped-def]
    view = ParticipantsView(services, signals)
    qtbot.addWidget(view)
    view.show()
    button = view.findChild(QPushButton, "import_spreadsheet")
    assert button is not None and button.text() == "Import from spreadsheet…"
    seen: list[str] = []

    def close(dialog) -> None:  # type: ignore[no-untyped-def]
        seen.append(dialog.windowTitle())
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)

    timer = when_modal_appears(close)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    timer.stop()
    assert seen == ["Import from spreadsheet"]
    set_language("de")
    assert button.text() == "Aus Tabelle importieren…"


@pytest.mark.parametrize(
    ("content", "said"),
    [
        (b"", "The file is empty."),
        (b"PK\x03\x04" + b"\x00" * 64, "may be damaged"),
    ],
)
def test_a_hostile_file_gets_a_sentence(
    qtbot, services, tmp_path, monkeypatch, content, said
) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "liste.xlsx"
    path.write_bytes(content)
    dialog = _dialog(qtbot, services)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(path), ""))
    qtbot.mouseClick(dialog.choose_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not dialog.jobs.running and bool(dialog.message.text()), timeout=20000)
    assert said in dialog.message.text()
    assert not dialog.import_button.isEnabled() and dialog.choose_button.isEnabled()


@pytest.mark.slow
def test_twenty_thousand_rows_are_read_off_the_ui_thread(qtbot, services, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = write_csv(tmp_path / "gross.csv", [GERMAN_HEADINGS, *people(20_000)], "cp1252")
    dialog = _dialog(qtbot, services)
    ticks: list[int] = []
    steps: list[int] = []
    dialog.progress.valueChanged.connect(steps.append)
    timer = QTimer()
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(5)
    dialog.open_file(path)
    assert dialog.jobs.running  # open_file returned while the file is still being read
    assert dialog.progress.isVisible() and not dialog.choose_button.isEnabled()
    qtbot.waitUntil(lambda: not dialog.jobs.running, timeout=120000)
    timer.stop()
    assert ticks and len(set(steps)) > 2  # the event loop ran and progress was shown meanwhile
    assert dialog.summary.text() == "20,000 rows: 20,000 ready to import, 0 with problems."
    assert "Windows-1252" in dialog.message.text()


def test_dialog_in_german(qtbot, services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    services.participants.create(
        ParticipantDraft("Amal", "Haddad", date_of_birth=dt.date(1988, 7, 9))
    )
    set_language("de")
    dialog = _dialog(qtbot, services)
    assert dialog.windowTitle() == "Aus Tabelle importieren"
    _choose(qtbot, dialog, _list_file(tmp_path), monkeypatch)
    assert dialog.mapping.combos[1].currentText() == "Nachname"
    assert "Bitte wählen Sie eine Spalte für: Vorname." in dialog.summary.text()


def test_pictures_at_1280x720_in_german_and_english(qtbot, services, tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The dialog with a file read, a problem shown and the skip choice, in both languages
    (COACHDESK_SHOTS=folder keeps the pictures to look at)."""
    import os

    from PySide6.QtWidgets import QApplication

    from coachdesk import i18n
    from coachdesk.ui.shell.qt_translations import QtTranslations

    services.participants.create(
        ParticipantDraft("Amal", "Haddad", date_of_birth=dt.date(1988, 7, 9))
    )
    folder = Path(os.environ.get("COACHDESK_SHOTS", tmp_path))
    dialog = _dialog(qtbot, services)
    _choose(qtbot, dialog, _list_file(tmp_path), monkeypatch)
    dialog.mapping.combos[0].setFocus()
    qtbot.keyClicks(dialog.mapping.combos[0], "First name")
    qtbot.waitUntil(lambda: not dialog.jobs.running and not dialog.preview.missing, timeout=20000)
    app = QApplication.instance()
    assert app is not None
    qt_texts = QtTranslations(app)
    try:
        dialog.resize(1280, 720)
        for lang in ("de", "en"):
            i18n.set_language(lang)
            dialog.retranslate()
            qtbot.wait(50)
            picture = dialog.grab()
            assert (picture.width(), picture.height()) == (1280, 720)
            assert picture.save(str(folder / f"import-{lang}.png"))
            assert dialog.skip.isVisible() and dialog.rows.isVisible()
    finally:
        i18n.off_language_changed(qt_texts.apply)
        qt_texts.apply("en")
        i18n.set_language("en")
