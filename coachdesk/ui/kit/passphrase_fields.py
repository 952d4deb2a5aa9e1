"""A new passphrase typed twice, with a strength bar and the reason when it is refused."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLabel, QLineEdit, QProgressBar, QWidget

from coachdesk.i18n import _
from coachdesk.vault.passphrase import check_passphrase


def _score_text(score: int) -> str:
    texts = (_("Too weak"), _("Weak"), _("Acceptable"), _("Strong"), _("Very strong"))
    return texts[max(0, min(score, 4))]


class PassphraseFields(QWidget):
    """Emits ``changed`` on every keystroke; :meth:`passphrase` is set only when both agree."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first = QLineEdit()
        self.first.setEchoMode(QLineEdit.EchoMode.Password)
        self.first.setObjectName("new_passphrase")
        self.second = QLineEdit()
        self.second.setEchoMode(QLineEdit.EchoMode.Password)
        self.second.setObjectName("repeat_passphrase")
        self.strength = QProgressBar()
        self.strength.setRange(0, 4)
        self.strength.setTextVisible(True)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setObjectName("passphrase_reason")

        self._form = QFormLayout(self)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._first_label = QLabel()
        self._second_label = QLabel()
        self._strength_label = QLabel()
        self._first_label.setBuddy(self.first)
        self._second_label.setBuddy(self.second)
        self._form.addRow(self._first_label, self.first)
        self._form.addRow(self._second_label, self.second)
        self._form.addRow(self._strength_label, self.strength)
        self._form.addRow("", self.reason)
        self._form.setRowVisible(self.reason, False)

        self.first.textChanged.connect(self._update)
        self.second.textChanged.connect(self._update)
        self.retranslate()

    def insert_row(self, label: QLabel, field: QWidget) -> None:
        """Put a field (the current passphrase, a recovery code) above, aligned with the rest."""
        label.setBuddy(field)
        self._form.insertRow(0, label, field)

    def retranslate(self) -> None:
        self._first_label.setText(_("&New passphrase:"))
        self._second_label.setText(_("&Repeat passphrase:"))
        self._strength_label.setText(_("Strength:"))
        self.first.setPlaceholderText(_("at least 12 characters"))
        self._update()

    def problem(self) -> str | None:
        """Why the passphrase cannot be used yet, or None when it can."""
        text = self.first.text()
        strength = check_passphrase(text)
        if not strength.acceptable:
            return (
                strength.reason.render() if strength.reason else _("This passphrase is too weak.")
            )
        if self.second.text() != text:
            return _("The two passphrases are not the same.")
        return None

    def passphrase(self) -> str | None:
        return self.first.text() if self.problem() is None else None

    def clear(self) -> None:
        self.first.clear()
        self.second.clear()

    def _update(self) -> None:
        text = self.first.text()
        strength = check_passphrase(text)
        self.strength.setValue(strength.score if text else 0)
        self.strength.setFormat(_score_text(strength.score) if text else "")
        if not text:
            reason = ""
        elif not strength.acceptable:
            reason = strength.reason.render() if strength.reason else ""
        elif self.second.text() and self.second.text() != text:
            reason = _("The two passphrases are not the same.")
        else:
            reason = strength.reason.render() if strength.reason else ""
        self.reason.setText(reason)
        self._form.setRowVisible(self.reason, bool(reason))
        self.changed.emit()
