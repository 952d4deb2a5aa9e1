"""The Latin spelling rows of the participant form, kept in step with her names.

A row shows only when her name holds letters that are not Latin (or a Latin spelling is
already there). As the coach types the name, the row is filled with the suggested spelling
(``coachdesk.transliteration``) until she edits it herself: then hers wins (the spelling
in the passport) and the name no longer changes it. Emptying it hands it back to the
suggestion. A name in Arabic script brings a hint: the script leaves out short vowels, so
the suggestion needs checking against the passport.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QLineEdit

from coachdesk.i18n import _
from coachdesk.transliteration import latin_spelling, needs_latin
from coachdesk.transliteration.latin import is_abjad
from coachdesk.ui.kit.form_rows import FormRows

# (her name, its Latin spelling, her other name: it tells Ukrainian from Russian)
PAIRS = (
    ("first_name", "first_name_latin", "last_name"),
    ("last_name", "last_name_latin", "first_name"),
)
LATIN_FIELDS = tuple(latin for _name, latin, _other in PAIRS)


class LatinNames:
    """Wires the name and Latin spelling fields of ``rows`` (which holds all four)."""

    def __init__(self, rows: FormRows) -> None:
        self.rows = rows
        self.line: dict[str, QLineEdit] = {}
        for name in (*(n for n, _l, _o in PAIRS), *LATIN_FIELDS):
            widget = rows.fields[name]
            assert isinstance(widget, QLineEdit)
            self.line[name] = widget
        self.own: dict[str, bool] = dict.fromkeys(LATIN_FIELDS, False)
        """Per Latin field: she typed it herself (the name no longer changes it)."""
        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.hint.setObjectName("latin_hint")
        # Beneath the last Latin row (FormRows adds one layout row per field, in order).
        rows.layout.insertRow(list(rows.fields).index(LATIN_FIELDS[-1]) + 1, "", self.hint)
        for name, _latin, _other in PAIRS:
            self.line[name].textEdited.connect(self._name_edited)
        for latin in LATIN_FIELDS:
            self.line[latin].textEdited.connect(lambda text, f=latin: self._latin_edited(f, text))
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.hint.setText(
            _(
                "Arabic script leaves out short vowels: please check the Latin spelling "
                "against her passport."
            )
        )
        for latin in LATIN_FIELDS:
            self.line[latin].setToolTip(
                _("Suggested from the name as you type; change it to the spelling in her passport.")
            )

    def loaded(self, own: list[str] | None = None) -> None:
        """After the form was filled: a stored spelling is hers (``own``: as a draft kept it)."""
        for latin in LATIN_FIELDS:
            self.own[latin] = latin in own if own is not None else bool(self.line[latin].text())
        self.refresh()

    def own_fields(self) -> list[str]:
        return [latin for latin, own in self.own.items() if own]

    def _name_edited(self) -> None:
        for name, latin, other in PAIRS:
            if not self.own[latin]:
                self.line[latin].setText(
                    latin_spelling(self.line[name].text(), self.line[other].text())
                )
        self.refresh()

    def _latin_edited(self, latin: str, text: str) -> None:
        self.own[latin] = bool(text.strip())
        self.refresh()

    def refresh(self) -> None:
        for name, latin, other in PAIRS:
            text = self.line[name].text()
            visible = needs_latin(text) or bool(self.line[latin].text())
            self.rows.set_row_visible(latin, visible)
            self.line[latin].setPlaceholderText(latin_spelling(text, self.line[other].text()))
        abjad = any(is_abjad(self.line[name].text()) for name, _l, _o in PAIRS)
        self.rows.layout.setRowVisible(self.hint, abjad)
