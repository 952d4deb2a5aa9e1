"""Open a transfer file: who is inside, from whom, whether it may be imported, and where to.

Everything shown comes from the package's manifest; the records stay encrypted until she
clicks Import (a merge's preview reads them in memory and stores nothing). For each person
she chooses: import as new, add to someone in her vault who may be the same person (her
name in any script, the same date of birth), or skip. A merge fills only her empty fields;
the preview names them and the fields that differ (hers are kept).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date, ngettext
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.kit.style import heading_label, message_label, wrapping_label
from coachdesk.ui.shell.busy import BackgroundCall, BusyNote
from coachdesk.vault.errors import StorageError

NEW, SKIP = "new", "skip"


class PersonRow(QFrame):
    """One person of the file: who she is, what of hers is inside, and what to do with her."""

    def __init__(self, person: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.person = person
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.heading = heading_label(1.1)
        self.contents = wrapping_label()
        self.contents.setObjectName(f"transfer_contents_{person.index}")
        self.choice = QComboBox()
        self.choice.setObjectName(f"transfer_choice_{person.index}")
        self.choice_label = QLabel()
        self.choice_label.setBuddy(self.choice)
        self.merge_note = wrapping_label()
        self.merge_note.setObjectName(f"transfer_merge_{person.index}")
        self.fields: tuple[list[str], list[str]] | None = None
        """Of a chosen merge: her fields it fills, and those that differ."""
        for match in person.matches:
            self.choice.addItem("", match.participant_id)
        self.choice.addItem("", NEW)
        self.choice.addItem("", SKIP)
        row = QHBoxLayout()
        row.addWidget(self.choice_label)
        row.addWidget(self.choice, 1)
        box = QVBoxLayout(self)
        box.addWidget(self.heading)
        box.addWidget(self.contents)
        box.addLayout(row)
        box.addWidget(self.merge_note)

    def retranslate(self) -> None:
        from coachdesk.export.transfer.describe import basis_text, category_list, count_lines

        p = self.person
        born = p.person.get("date_of_birth")
        self.heading.setText(
            _("{n}. {name}, born {date}").format(
                n=p.index + 1, name=p.name, date=format_date(_date(born)) if born else "–"
            )
        )
        lines = [
            _("What it holds: {categories}.").format(categories=category_list(p.categories)),
            *("• " + line for line in count_lines(p.counts)),
            basis_text(p.basis),
        ]
        self.contents.setText("\n".join(lines))
        self.choice_label.setText(_("&Import:"))
        self.choice.setAccessibleName(_("What to do with {name}").format(name=p.name))
        names = {m.participant_id: m.name for m in p.matches}
        for i in range(self.choice.count()):
            value = self.choice.itemData(i)
            if value == NEW:
                text = _("As a new participant")
            elif value == SKIP:
                text = _("Skip: do not import her")
            else:
                text = _("Add to {name} (no. {id}), already in your vault").format(
                    name=names[value], id=value
                )
            self.choice.setItemText(i, text)

    def chosen(self) -> Any:
        from coachdesk.export.transfer.receiving import Take

        value = self.choice.currentData()
        return Take(value) if value in (NEW, SKIP) else int(value)

    def show_merge(self) -> None:
        from coachdesk.export.transfer.describe import field_list

        self.merge_note.setVisible(self.fields is not None)
        if self.fields is None:
            self.merge_note.setText("")
            return
        filled, conflicts = self.fields
        lines = [
            _("Her fields here stay; empty ones are filled: {fields}.").format(
                fields=field_list(filled)
            )
            if filled
            else _("Her fields here stay; none of them is empty and filled from the file.")
        ]
        if conflicts:
            lines.append(
                _("Different in the file, hers kept: {fields}.").format(
                    fields=field_list(conflicts)
                )
            )
        lines.append(_("Records she already has are not added twice."))
        self.merge_note.setText("\n".join(lines))


class OpenTransferDialog(QDialog):
    """Emits ``imported(participant_id)`` (the first imported) once the records are in."""

    imported = Signal(int)

    def __init__(self, services: Services, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("open_transfer_dialog")
        self.services = services
        self.path = Path(path)
        self.data = b""
        self.arrival: Any = None
        self.rows: list[PersonRow] = []
        self.title = heading_label(1.3)
        self.sender_line = wrapping_label()
        self.sender_line.setObjectName("transfer_sender")
        self.fingerprint = QLabel()
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.signature = wrapping_label()
        self.problem = message_label(error=True)
        self.problem.setObjectName("transfer_problem")
        self.people = QVBoxLayout()
        holder = QWidget()
        holder.setLayout(self.people)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setWidget(holder)
        self.outcome = wrapping_label()
        self.outcome.setObjectName("transfer_result")
        self.import_button = QPushButton()
        self.import_button.setObjectName("import_transfer")
        self.close_button = QPushButton()
        self.busy = BusyNote()
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.close_button)
        box = QVBoxLayout(self)
        for widget in (self.title, self.sender_line, self.fingerprint, self.signature):
            box.addWidget(widget)
        box.addWidget(scroll, 1)
        box.addWidget(self.problem)
        box.addWidget(self.outcome)
        box.addWidget(self.busy)
        box.addLayout(buttons)
        self.call = BackgroundCall(self, (self.import_button,), self.busy)
        self.import_button.clicked.connect(self.import_records)
        self.close_button.clicked.connect(self.reject)
        self.setMinimumWidth(60 * self.fontMetrics().horizontalAdvance("M"))
        self._read()
        self.retranslate()

    def _read(self) -> None:
        try:
            self.data = self.path.read_bytes()
            self.arrival = self.services.transfers.open(self.data)
        except OSError as exc:
            self.problem.setText(str(StorageError.from_read_error(exc)))
        except (ValidationError, NotFoundError) as err:
            self.problem.setText(str(err))
        if self.arrival is None:
            self.import_button.setEnabled(False)
            return
        for person in self.arrival.people:
            row = PersonRow(person)
            row.choice.currentIndexChanged.connect(lambda _i, r=row: self._chosen(r))
            self.rows.append(row)
            self.people.addWidget(row)
        self.people.addStretch(1)
        self.import_button.setEnabled(self.arrival.can_import)
        for row in self.rows:
            self._chosen(row)

    def _chosen(self, row: PersonRow) -> None:
        """A merge shows which of her fields it fills (read from the file, nothing stored)."""
        choice = row.choice.currentData()
        row.fields = None
        if choice not in (NEW, SKIP) and self.arrival.can_import:
            try:
                row.fields = self.services.transfers.merge_preview(
                    self.data, row.person.index, int(choice)
                )
            except (ValidationError, NotFoundError) as err:
                self.problem.setText(str(err))
        row.show_merge()
        everyone_skipped = all(r.choice.currentData() == SKIP for r in self.rows)
        self.import_button.setEnabled(self.arrival.can_import and not everyone_skipped)

    def retranslate(self) -> None:
        from coachdesk.export.transfer.describe import sender_text

        self.setWindowTitle(_("Open a transfer file"))
        self.import_button.setText(_("Import"))
        self.close_button.setText(_("Close"))
        a = self.arrival
        if a is None:
            self.title.setText(_("This transfer file cannot be opened"))
            return
        n = len(a.people)
        self.title.setText(
            ngettext(
                "This transfer file holds {n} person",
                "This transfer file holds {n} people",
                n,
            ).format(n=n)
        )
        self.sender_line.setText(
            _("From {name} ({organisation}), {state}. Her fingerprint:").format(
                name=a.sender_name,
                organisation=a.sender_organisation,
                state=sender_text(a.sender_state),
            )
        )
        from coachdesk.ui.settings.colleagues import fingerprint_block

        self.fingerprint.setText(fingerprint_block(a.sender_fingerprint))
        self.signature.setText(_("The signature is intact: the file is as she wrote it."))
        self.problem.setText(a.problem.render() if a.problem is not None else "")
        for row in self.rows:
            row.retranslate()
            row.show_merge()

    def choices(self) -> list[Any]:
        return [row.chosen() for row in self.rows]

    def import_records(self) -> None:
        if self.arrival is None or not self.arrival.can_import:
            return
        transfers, data, choices = self.services.transfers, self.data, self.choices()
        self.call.start(
            lambda: transfers.receive(data, choices),
            _("Importing…"),
            self._imported,
            self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, ValidationError | NotFoundError | StorageError):
            raise exc
        self.problem.setText(str(exc))

    def _imported(self, got: Any) -> None:
        lines = []
        for taken in got.people:
            text = (
                _("The records were added to participant no. {id}.")
                if taken.merged
                else _("Imported as participant no. {id}.")
            )
            lines.append(text.format(id=taken.participant_id))
        if got.skipped:
            skipped = ngettext("{n} person skipped.", "{n} people skipped.", got.skipped)
            lines.append(skipped.format(n=got.skipped))
        self.outcome.setText("\n".join(lines))
        self.import_button.setEnabled(False)
        for row in self.rows:
            row.choice.setEnabled(False)
        self.imported.emit(got.participant_id)


def _date(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)
