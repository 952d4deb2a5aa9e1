"""What the export dialog's UI tests share: a participant whose file names Arabic as her
language, with a consent for the job centre, and the dialog's pictures in both languages."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from coachdesk import i18n
from coachdesk.facade import Services
from coachdesk.models import Participant
from coachdesk.models.enums import DataCategory as C
from coachdesk.ui.export.dialog import ExportDialog
from coachdesk.ui.shell.qt_translations import QtTranslations
from tests.unit.test_export_support import Seeded, add_consent, seed

COACH = "Miriam Löwe"
ARABIC_FIRST = "Arabisch (Muttersprache), Deutsch A2"


def speaks_arabic(services: Services, participant_id: int) -> None:
    """Her file names Arabic as her language; the coach has a name and a signing key."""
    services.settings.set_coach_name(COACH)
    with services.ctx.sessions.begin() as s:
        participant = s.get(Participant, participant_id)
        assert participant is not None
        participant.languages = ARABIC_FIRST
    services.exports.create_identity(COACH)


def arabic_speaker(services: Services) -> Seeded:
    """Amal Haddad, Arabic first, with a consent for the job centre (identity, progress)."""
    seeded = seed(services.ctx.sessions, "Amal", "Haddad")
    speaks_arabic(services, seeded.participant_id)
    add_consent(
        services.ctx.sessions,
        seeded.participant_id,
        {C.IDENTITY_CONTACT, C.GOALS_PROGRESS},
        organisation_id=seeded.job_centre_id,
    )
    return seeded


def dialog_pictures(qtbot: QtBot, dialog: ExportDialog, folder: Path, name: str) -> None:
    """The dialog at 1280x720 in German and English, Qt's own buttons translated as in the
    app; English again afterwards."""
    app = QApplication.instance()
    assert app is not None
    qt_texts = QtTranslations(app)
    try:
        dialog.resize(1280, 720)
        for lang in ("de", "en"):
            i18n.set_language(lang)
            dialog.retranslate()
            qtbot.wait(50)  # the layout follows the new texts on the next turn of the loop
            dialog.grab().save(str(folder / f"{name}-{lang}.png"))
    finally:
        i18n.off_language_changed(qt_texts.apply)
        qt_texts.apply("en")
        i18n.set_language("en")
        dialog.retranslate()
