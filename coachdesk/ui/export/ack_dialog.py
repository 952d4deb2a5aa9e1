"""She has seen it: how she took note of the document, whether she agrees, her signature.

The coach fills it in with her before the document is signed and sent; every field is
reached by Tab, and the signature is hers to give or to decline.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.doc_languages import language_label
from coachdesk.documents.drawn_signature import DrawnSignature
from coachdesk.export.acknowledgement import HOW_LABELS, Acknowledgement, check
from coachdesk.i18n import N_, _, current_language
from coachdesk.models.acknowledgement import HowNoted
from coachdesk.services.errors import FieldError, ValidationError
from coachdesk.ui.export.signature_pad import SignatureDialog, SignaturePad
from coachdesk.ui.kit.form_rows import FormRows
from coachdesk.ui.kit.forms import clear_validation_errors, show_validation_errors

SPOKEN_LANGUAGES = (
    "ar", "fa", "ckb", "ku", "tr", "uk", "ru", "ti", "ps", "so", "am", "ur",
    "sq", "sr", "ro", "bg", "pl", "fr", "es", "en", "de",
)  # fmt: skip
"""The languages she may have had it read or interpreted in (named as Unicode names them)."""


class AcknowledgementDialog(QDialog):
    """Records her acknowledgement; ``value`` is what was recorded once it is accepted."""

    def __init__(
        self,
        given: Acknowledgement | None = None,
        her_language: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.value: Acknowledgement | None = given
        self.how = QComboBox()
        for how in HowNoted:
            self.how.addItem("", how)
        self.by = QLineEdit()
        self.by.setMaxLength(200)
        self.language = QComboBox()
        self.language.addItem("", "")
        for code in SPOKEN_LANGUAGES:
            self.language.addItem("", code)
        self.agrees = QComboBox()
        self.agrees.addItems(["", ""])
        self.objection = QPlainTextEdit()
        self.objection.setTabChangesFocus(True)
        self.objection.setFixedHeight(90)
        self.sign_button = QPushButton()
        self.sign_button.clicked.connect(self.let_her_sign)
        self.remove_signature = QPushButton()
        self.remove_signature.clicked.connect(lambda: self._show_signature(None))
        self.drawn = SignaturePad(read_only=True)
        self.drawn.setFixedSize(240, 80)
        self.signature_state = QLabel()
        signature_row = QWidget()
        row = QHBoxLayout(signature_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.sign_button)
        row.addWidget(self.remove_signature)
        row.addWidget(self.signature_state)
        row.addWidget(self.drawn)
        row.addStretch(1)
        self.rows = FormRows()
        self.rows.add("how", N_("How she took note"), self.how)
        self.rows.add("ack_by", N_("Read aloud or interpreted by"), self.by)
        self.rows.add("ack_language", N_("In which language"), self.language)
        self.rows.add("agrees", N_("Does she agree?"), self.agrees)
        self.rows.add("ack_objection", N_("What she objects to, in her words"), self.objection)
        self.rows.add(
            "signature", N_("Her signature (optional)"), signature_row, buddy=self.sign_button
        )
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(self.rows.layout)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.agrees.currentIndexChanged.connect(self._agreement_changed)
        self._signature: DrawnSignature | None = None
        self._fill(given, her_language)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(_("She has seen it"))
        self.intro.setText(
            _(
                "Before the document is sent, record with her how she took note of it and "
                "whether she agrees. The document states it above your signature."
            )
        )
        self.rows.retranslate()
        for index, how in enumerate(HowNoted):
            self.how.setItemText(index, _(HOW_LABELS[how]))
        self.language.setItemText(0, _("(the document's language)"))
        for index in range(1, self.language.count()):
            code = self.language.itemData(index)
            self.language.setItemText(index, language_label(code, current_language()))
        self.agrees.setItemText(0, _("Yes, she agrees with its content"))
        self.agrees.setItemText(1, _("No, she objects to something"))
        self.remove_signature.setText(_("Remove signature"))
        self._show_signature(self._signature)
        button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        button.setText(_("Record"))

    def _fill(self, given: Acknowledgement | None, her_language: str | None) -> None:
        language = given.language if given is not None else (her_language or "")
        self.language.setCurrentIndex(max(0, self.language.findData(language)))
        if given is not None:
            self.how.setCurrentIndex(self.how.findData(given.how))
            self.by.setText(given.by)
            self.agrees.setCurrentIndex(0 if given.agrees else 1)
            self.objection.setPlainText(given.objection)
        self._agreement_changed()
        self._show_signature(given.signature if given is not None else None)

    def _agreement_changed(self) -> None:
        self.objection.setEnabled(self.agrees.currentIndex() == 1)

    def _show_signature(self, signature: DrawnSignature | None) -> None:
        self._signature = signature
        self.drawn.set_signature(signature)
        self.drawn.setVisible(signature is not None)
        self.remove_signature.setVisible(signature is not None)
        self.sign_button.setText(_("Sign again…") if signature else _("Let her sign…"))
        self.signature_state.setText("" if signature else _("Not signed"))

    def let_her_sign(self) -> None:
        pad = SignatureDialog(self)
        pad.resize(720, 360)
        if pad.exec() == QDialog.DialogCode.Accepted and pad.signature() is not None:
            self._show_signature(pad.signature())
        self.sign_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def acknowledgement(self) -> Acknowledgement:
        """What the form says now (checked by ``accept``)."""
        agrees = self.agrees.currentIndex() == 0
        return Acknowledgement(
            how=HowNoted(self.how.currentData()),
            by=self.by.text(),
            language=self.language.currentData() or "",
            agrees=agrees,
            objection="" if agrees else self.objection.toPlainText(),
            signature=self._signature,
        )

    def accept(self) -> None:
        value = self.acknowledgement()
        problems: list[FieldError] = []
        check(problems, value)
        if problems:
            show_validation_errors(self.rows.fields, ValidationError(problems))
            return
        clear_validation_errors(self.rows.fields)
        self.value = value
        super().accept()
