"""Colleagues in Settings, "Hand over to a colleague…" and "Open a transfer file…", driven
with the mouse and the keyboard on two real vaults.

``COACHDESK_SCREENSHOTS=folder`` keeps the page and the dialogs as pictures at 1280x720, in
German and English.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QFileDialog, QMessageBox, QWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import delete

from coachdesk import i18n
from coachdesk.documents.signing import certificate_bytes, create_identity
from coachdesk.models import Consent, Participant
from coachdesk.ui.settings.colleagues import ColleaguesGroup
from coachdesk.ui.shell.qt_translations import QtTranslations
from coachdesk.ui.transfer.colleague_import import ColleagueImportDialog
from coachdesk.ui.transfer.colleague_verify import VerifyDialog
from coachdesk.ui.transfer.open_dialog import OpenTransferDialog
from coachdesk.ui.transfer.send_dialog import HandOverDialog
from tests.ui.shell_support import type_text, when_modal_appears
from tests.unit.transfer_support import BORN, FIRST, Pair, make_pair


@pytest.fixture
def pair(qapp, template_vault: tuple[Path, str], tmp_path: Path) -> Iterator[Pair]:  # type: ignore[no-untyped-def]
    yield from make_pair(template_vault, tmp_path)


def _click(qtbot: QtBot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def _ok(dialog: QWidget) -> QWidget:
    box = dialog.findChild(QDialogButtonBox)
    assert box is not None
    accept = QDialogButtonBox.ButtonRole.AcceptRole
    return next(b for b in box.buttons() if box.buttonRole(b) == accept)


def test_import_compare_verify_and_remove_a_colleague(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    group = ColleaguesGroup(pair.anna.services)
    qtbot.addWidget(group)
    group.show()
    assert group.table.model.rowCount() == 1  # Berit, verified
    carla = create_identity("Carla Weber")
    pem = tmp_path / "carla.pem"
    pem.write_bytes(certificate_bytes(carla))
    monkeypatch.setattr(QFileDialog, "getOpenFileName", staticmethod(lambda *a: (str(pem), "")))
    seen: dict[str, str] = {}

    def import_it(dialog: QWidget) -> None:
        seen["text"] = " ".join(label.text() for label in dialog.findChildren(type(group.intro)))
        combo = dialog.organisation  # type: ignore[attr-defined]
        combo.setFocus()
        qtbot.keyClick(combo, Qt.Key.Key_Down)  # the first organisation of the directory
        _click(qtbot, _ok(dialog))

    timer = when_modal_appears(import_it)
    _click(qtbot, group.import_button)
    timer.stop()
    assert "Carla Weber" in seen["text"] and carla.fingerprint_sha256[:4].upper() in seen["text"]
    found = {c.name: c for c in pair.anna.services.colleagues.colleagues()}
    assert found["Carla Weber"].verified_at is None and found["Carla Weber"].organisation
    assert group.table.current_record().name == "Carla Weber"  # type: ignore[union-attr]
    assert "not verified" in group.details.text()
    assert carla.fingerprint_sha256[:4].upper() in group.fingerprint.text()

    def verify_it(dialog: QWidget) -> None:
        ok = _ok(dialog)
        assert not ok.isEnabled()  # not before she says every group matched
        matches = dialog.matches  # type: ignore[attr-defined]
        matches.setFocus()
        qtbot.keyClick(matches, Qt.Key.Key_Space)
        assert ok.isEnabled()
        _click(qtbot, ok)

    timer = when_modal_appears(verify_it)
    _click(qtbot, group.verify_button)
    timer.stop()
    carla_now = next(
        c for c in pair.anna.services.colleagues.colleagues() if c.name == "Carla Weber"
    )
    assert carla_now.verified_at is not None and carla_now.verified_by == "Anna Çoban"
    assert not group.verify_button.isEnabled()
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a: QMessageBox.StandardButton.Yes)
    )
    _click(qtbot, group.remove_button)
    assert [c.name for c in pair.anna.services.colleagues.colleagues()] == ["Berit Hansen"]


def test_hand_over_then_open_and_import_as_new(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = HandOverDialog(pair.anna.services, pair.participant_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "Berit Hansen" in dialog.colleague.currentText()
    text = dialog.preview.text()
    assert "Internal notes never go" in text and "1 paper" in text and "1 meeting" in text
    assert dialog.write_button.isEnabled()
    out = tmp_path / "olena.cdtransfer"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(out), "")))
    _click(qtbot, dialog.write_button)
    qtbot.waitUntil(lambda: "Written to" in dialog.outcome.text(), timeout=20000)
    assert out.exists() and dialog.archive_button.isVisible()
    _click(qtbot, dialog.archive_button)
    assert pair.anna.services.participants.get(pair.participant_id).archived_at is not None

    opened = OpenTransferDialog(pair.berit.services, out)
    qtbot.addWidget(opened)
    opened.show()
    assert FIRST in opened.rows[0].heading.text()
    assert "Anna Çoban" in opened.sender_line.text() and "verified" in opened.sender_line.text()
    assert "1 paper" in opened.rows[0].contents.text()
    assert opened.rows[0].choice.currentData() == "new" and opened.import_button.isEnabled()
    got: list[int] = []
    opened.imported.connect(got.append)
    _click(qtbot, opened.import_button)
    qtbot.waitUntil(lambda: bool(got), timeout=20000)
    assert "Imported as participant" in opened.outcome.text()
    assert pair.berit.services.participants.get(got[0]).first_name == FIRST
    assert not opened.import_button.isEnabled()
    # The same file again: shown, but refused.
    again = OpenTransferDialog(pair.berit.services, out)
    qtbot.addWidget(again)
    assert "already imported" in again.problem.text() and not again.import_button.isEnabled()


def test_without_consent_a_documented_legal_basis_is_asked_for(qtbot: QtBot, pair: Pair) -> None:
    with pair.anna.vault.sessions.begin() as s:
        s.execute(delete(Consent))
    dialog = HandOverDialog(pair.anna.services, pair.participant_id)
    qtbot.addWidget(dialog)
    dialog.show()
    assert "No valid consent" in dialog.problem.text() and not dialog.write_button.isEnabled()
    _click(qtbot, dialog.by_law)
    assert "write down the legal basis" in dialog.problem.text()
    dialog.note.setFocus()
    type_text(qtbot, dialog.note, "§ 67b SGB X, Übergabe an die Nachfolgerin")
    assert dialog.problem.text() == "" and dialog.write_button.isEnabled()
    assert "Health" in dialog.preview.text()


def test_a_person_already_here_is_offered_and_merged(
    qtbot: QtBot, pair: Pair, tmp_path: Path
) -> None:
    with pair.berit.vault.sessions.begin() as s:
        olena = Participant(first_name="Olena", last_name="Shevchenko", date_of_birth=BORN)
        s.add(olena)
        s.flush()
        olena_id = olena.id
    from coachdesk.export.transfer.plan import TransferRequest

    out = tmp_path / "p.cdtransfer"
    request = TransferRequest(
        participant_ids=(pair.participant_id,), colleague_fingerprint=pair.berit.fingerprint
    )
    pair.anna.services.transfers.send(request, out)
    opened = OpenTransferDialog(pair.berit.services, out)
    qtbot.addWidget(opened)
    opened.show()
    choice = opened.rows[0].choice
    assert choice.currentData() == olena_id  # the person found is chosen first
    assert "Olena Shevchenko" in choice.currentText()
    assert "Date of birth" not in opened.rows[0].merge_note.text()  # she has it already
    got: list[int] = []
    opened.imported.connect(got.append)
    _click(qtbot, opened.import_button)
    qtbot.waitUntil(lambda: bool(got), timeout=20000)
    assert got == [olena_id] and "added to participant" in opened.outcome.text()


def test_an_unverified_sender_cannot_be_imported(qtbot: QtBot, pair: Pair, tmp_path: Path) -> None:
    from coachdesk.export.transfer.plan import TransferRequest

    out = tmp_path / "p.cdtransfer"
    request = TransferRequest(
        participant_ids=(pair.participant_id,), colleague_fingerprint=pair.berit.fingerprint
    )
    pair.anna.services.transfers.send(request, out)
    anna = pair.berit.services.colleagues.colleagues()[0]
    pair.berit.services.colleagues.remove(anna.id)
    pair.berit.services.colleagues.import_certificate(pair.anna.certificate)
    opened = OpenTransferDialog(pair.berit.services, out)
    qtbot.addWidget(opened)
    assert "not verified" in opened.problem.text() and not opened.import_button.isEnabled()
    altered = tmp_path / "altered.cdtransfer"
    data = bytearray(out.read_bytes())
    data[len(data) // 2] ^= 1
    altered.write_bytes(bytes(data))
    broken = OpenTransferDialog(pair.berit.services, altered)
    qtbot.addWidget(broken)
    assert "altered" in broken.problem.text() and not broken.import_button.isEnabled()


def test_her_copy_can_be_erased_after_the_transfer(
    qtbot: QtBot, pair: Pair, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    dialog = HandOverDialog(pair.anna.services, pair.participant_id)
    qtbot.addWidget(dialog)
    out = tmp_path / "p.cdtransfer"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(lambda *a: (str(out), "")))
    _click(qtbot, dialog.write_button)
    qtbot.waitUntil(lambda: "Written to" in dialog.outcome.text(), timeout=20000)

    def confirm(confirmation: QWidget) -> None:
        word = confirmation.word  # type: ignore[attr-defined]
        type_text(qtbot, word, "ERASE")
        _click(qtbot, confirmation.ok)  # type: ignore[attr-defined]

    timer = when_modal_appears(confirm)
    _click(qtbot, dialog.erase_button)
    timer.stop()
    qtbot.waitUntil(lambda: "file is erased" in dialog.outcome.text(), timeout=20000)
    assert pair.anna.services.participants.count() == 0


def test_pictures(qtbot: QtBot, pair: Pair, tmp_path: Path) -> None:
    """The page and the dialogs lay out at 1280x720 in both languages (kept on request)."""
    folder = Path(os.environ.get("COACHDESK_SCREENSHOTS", tmp_path))
    from coachdesk.export.transfer.plan import TransferRequest

    out = tmp_path / "p.cdtransfer"
    request = TransferRequest(
        participant_ids=(pair.participant_id,), colleague_fingerprint=pair.berit.fingerprint
    )
    pair.anna.services.transfers.send(request, out)
    widgets: dict[str, QWidget] = {
        "settings-colleagues": ColleaguesGroup(pair.anna.services),
        "transfer-hand-over": HandOverDialog(pair.anna.services, pair.participant_id),
        "transfer-open": OpenTransferDialog(pair.berit.services, out),
        "colleague-verify": VerifyDialog(
            pair.anna.services, pair.anna.services.colleagues.colleagues()[0]
        ),
    }
    group = widgets["settings-colleagues"]
    assert isinstance(group, ColleaguesGroup)
    group.table.select_where(lambda c: True)
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


def test_every_input_has_a_spoken_name(qtbot: QtBot, pair: Pair) -> None:
    from tests.ui.test_every_dialog import inputs_of, spoken_name

    colleague = pair.anna.services.colleagues.colleagues()[0]
    peeked = pair.anna.services.colleagues.peek(certificate_bytes(create_identity("Dora")))
    dialogs = [
        HandOverDialog(pair.anna.services, pair.participant_id),
        VerifyDialog(pair.anna.services, colleague),
        ColleagueImportDialog(pair.anna.services, b"", peeked),
    ]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        _click(qtbot, getattr(dialog, "by_law", dialog))  # the legal basis fields enabled
        unnamed = [type(w).__name__ for w in inputs_of(dialog) if not spoken_name(w).strip()]
        assert unnamed == [], type(dialog).__name__
