"""Several participants in one transfer file, by keyboard and mouse on two real vaults:
check them in the hand-over dialog, read who goes and who cannot, write the file; open it,
choose per person (merge, new, skip), import.

``COACHDESK_SCREENSHOTS=folder`` keeps both dialogs as pictures at 1280x720 (de, en).
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget
from pytestqt.qtbot import QtBot

from coachdesk import i18n
from coachdesk.export.transfer.plan import TransferRequest
from coachdesk.models import Goal, Participant
from coachdesk.models.enums import DataCategory
from coachdesk.ui.shell.qt_translations import QtTranslations
from coachdesk.ui.transfer.open_dialog import OpenTransferDialog
from coachdesk.ui.transfer.send_dialog import HandOverDialog
from tests.ui.shell_support import type_text
from tests.unit.test_export_support import add_consent
from tests.unit.transfer_support import BORN, FIRST, Pair, make_pair


@pytest.fixture
def pair(qapp, template_vault: tuple[Path, str], tmp_path: Path) -> Iterator[Pair]:  # type: ignore[no-untyped-def]
    yield from make_pair(template_vault, tmp_path)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _add(pair: Pair, first: str, last: str, *, consent: bool) -> int:
    with pair.anna.vault.sessions.begin() as s:
        p = Participant(first_name=first, last_name=last, date_of_birth=dt.date(1988, 3, 4))
        s.add(p)
        s.flush()
        s.add(Goal(participant_id=p.id, title="B1 course", position=1))
        pid = p.id
    if consent:
        organisation = pair.berit_org_in_anna
        add_consent(pair.anna.vault.sessions, pid, set(DataCategory), organisation_id=organisation)
    return pid


def _olena_at_berit(pair: Pair) -> int:
    with pair.berit.vault.sessions.begin() as s:
        olena = Participant(first_name="Olena", last_name="Shevchenko", date_of_birth=BORN)
        s.add(olena)
        s.flush()
        return olena.id


def _check(qtbot: QtBot, dialog: HandOverDialog, name: str) -> None:
    """Find her by name, go down to her line and check it with the space bar."""
    picker = dialog.picker
    picker.search.setFocus()
    picker.search.selectAll()
    type_text(qtbot, picker.search, name)
    picker.people.setFocus()
    row = next(i for i in range(picker.people.count()) if name in picker.people.item(i).text())
    picker.people.setCurrentRow(0)
    for _ in range(row):
        qtbot.keyClick(picker.people, Qt.Key.Key_Down)
    qtbot.keyClick(picker.people, Qt.Key.Key_Space)


def test_check_several_send_then_choose_per_person_and_import(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ivana = _add(pair, "Ivana", "Horvat", consent=True)
    amina = _add(pair, "Amina", "Haddad", consent=False)
    dialog = HandOverDialog(pair.anna.services, pair.participant_id)
    qtbot.addWidget(dialog)
    dialog.show()
    _check(qtbot, dialog, "Ivana")
    _check(qtbot, dialog, "Amina")
    assert dialog.picker.ids() == (pair.participant_id, ivana, amina)
    text = dialog.preview.text()
    assert "Ivana Horvat: goes" in text and f"{FIRST}" in text
    assert "Amina Haddad cannot go: No valid consent" in text
    assert "3 participants" in dialog.title.text() and dialog.write_button.isEnabled()
    out = tmp_path / "two.cdtransfer"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(out), "")))
    _click(qtbot, dialog.write_button)
    qtbot.waitUntil(lambda: "Written to" in dialog.outcome.text(), timeout=20000)
    assert not dialog.erase_button.isVisible()  # erasing is for one person at a time
    _click(qtbot, dialog.archive_button)
    assert "Their files are archived" in dialog.outcome.text()
    assert pair.anna.services.participants.get(ivana).archived_at is not None
    assert pair.anna.services.participants.get(amina).archived_at is None  # she stayed

    olena_id = _olena_at_berit(pair)
    opened = OpenTransferDialog(pair.berit.services, out)
    qtbot.addWidget(opened)
    opened.show()
    assert "2 people" in opened.title.text() and len(opened.rows) == 2
    first, second = opened.rows
    assert first.choice.currentData() == olena_id  # the person found is offered first
    assert "Job centre customer number" in first.merge_note.text()
    assert "Different in the file, hers kept: First name" in first.merge_note.text()
    assert second.choice.currentData() == "new"
    second.choice.setFocus()
    qtbot.keyClick(second.choice, Qt.Key.Key_Down)  # skip her
    assert second.choice.currentData() == "skip"
    got: list[int] = []
    opened.imported.connect(got.append)
    _click(qtbot, opened.import_button)
    qtbot.waitUntil(lambda: bool(got), timeout=20000)
    assert got == [olena_id]
    assert "added to participant no." in opened.outcome.text()
    assert "1 person skipped" in opened.outcome.text()
    assert [p.first_name for p in pair.berit.services.participants.list()] == ["Olena"]


def test_everyone_skipped_cannot_be_imported(qtbot: QtBot, pair: Pair, tmp_path: Path) -> None:
    out = tmp_path / "p.cdtransfer"
    request = TransferRequest(
        participant_ids=(pair.participant_id,), colleague_fingerprint=pair.berit.fingerprint
    )
    pair.anna.services.transfers.send(request, out)
    opened = OpenTransferDialog(pair.berit.services, out)
    qtbot.addWidget(opened)
    opened.show()
    choice = opened.rows[0].choice
    choice.setFocus()
    qtbot.keyClick(choice, Qt.Key.Key_Down)
    assert choice.currentData() == "skip" and not opened.import_button.isEnabled()


def test_pictures_of_several(qtbot: QtBot, pair: Pair, tmp_path: Path) -> None:
    folder = Path(os.environ.get("COACHDESK_SCREENSHOTS", tmp_path))
    ivana = _add(pair, "Ivana", "Horvat", consent=True)
    amina = _add(pair, "Amina", "Haddad", consent=False)
    _olena_at_berit(pair)
    out = tmp_path / "p.cdtransfer"
    ids = (pair.participant_id, ivana, amina)
    request = TransferRequest(participant_ids=ids, colleague_fingerprint=pair.berit.fingerprint)
    pair.anna.services.transfers.send(request, out)
    send = HandOverDialog(pair.anna.services, pair.participant_id)
    send.picker.chosen.update({ivana: "Ivana Horvat", amina: "Amina Haddad"})
    send.picker.refill()
    send.update_preview()
    widgets: dict[str, QWidget] = {
        "transfer-several-hand-over": send,
        "transfer-several-open": OpenTransferDialog(pair.berit.services, out),
    }
    app = QApplication.instance()
    assert app is not None
    qt_texts = QtTranslations(app)
    try:
        for name, widget in widgets.items():
            qtbot.addWidget(widget)
            widget.resize(1280, 720)
            widget.show()
            for lang in ("de", "en"):
                i18n.set_language(lang)
                widget.retranslate()  # type: ignore[attr-defined]
                qtbot.wait(50)
                picture = widget.grab()
                assert picture.width() == 1280
                picture.save(str(folder / f"{name}-{lang}.png"))
    finally:
        i18n.off_language_changed(qt_texts.apply)
        qt_texts.apply("en")
        i18n.set_language("en")
