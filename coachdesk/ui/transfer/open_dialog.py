"""Open a transfer file: who is inside, from whom, whether it may be imported, and where to.

Everything shown comes from the package's manifest; the records stay encrypted until she
clicks Import. When someone in her vault may be the same person (her name in any script,
the same date of birth), the records can be attached to her instead of a new file.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import _, format_date
from coachdesk.services.errors import NotFoundError, ValidationError
from coachdesk.ui.kit.style import heading_label, message_label, wrapping_label
from coachdesk.ui.shell.busy import BackgroundCall, BusyNote
from coachdesk.vault.errors import StorageError


class OpenTransferDialog(QDialog):
    """Emits ``imported(participant_id)`` once the records are in her vault."""

    imported = Signal(int)

    def __init__(self, services: Services, path: str | Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("open_transfer_dialog")
        self.services = services
        self.path = Path(path)
        self.data = b""
        self.arrival: Any = None
        self.title = heading_label(1.3)
        self.sender_line = wrapping_label()
        self.sender_line.setObjectName("transfer_sender")
        self.fingerprint = QLabel()
        self.fingerprint.setFont(QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont))
        self.contents = wrapping_label()
        self.contents.setObjectName("transfer_contents")
        self.problem = message_label(error=True)
        self.problem.setObjectName("transfer_problem")
        self.choices = QVBoxLayout()
        self.as_new = QRadioButton()
        self.as_new.setObjectName("import_as_new")
        self.targets = QButtonGroup(self)
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
        for widget in (self.title, self.sender_line, self.fingerprint, self.contents):
            box.addWidget(widget)
        box.addLayout(self.choices)
        box.addStretch(1)
        box.addWidget(self.problem)
        box.addWidget(self.outcome)
        box.addWidget(self.busy)
        box.addLayout(buttons)
        self.call = BackgroundCall(self, (self.import_button,), self.busy)
        self.import_button.clicked.connect(self.import_records)
        self.close_button.clicked.connect(self.reject)
        self.setMinimumWidth(50 * self.fontMetrics().horizontalAdvance("M"))
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
        self.targets.addButton(self.as_new)
        for match in self.arrival.matches:
            choice = QRadioButton()
            choice.setProperty("participant_id", match.participant_id)
            self.targets.addButton(choice)
            self.choices.addWidget(choice)
        self.choices.addWidget(self.as_new)
        first = self.targets.buttons()[1] if self.arrival.matches else self.as_new
        first.setChecked(True)
        self.import_button.setEnabled(self.arrival.can_import)

    def retranslate(self) -> None:
        from coachdesk.export.transfer.describe import (
            basis_text,
            category_list,
            count_lines,
            sender_text,
        )

        self.setWindowTitle(_("Open a transfer file"))
        self.import_button.setText(_("Import"))
        self.close_button.setText(_("Close"))
        a = self.arrival
        if a is None:
            self.title.setText(_("This transfer file cannot be opened"))
            return
        born = a.person.get("date_of_birth")
        self.title.setText(
            _("{name}, born {date}").format(
                name=a.person_name, date=format_date(_date(born)) if born else "–"
            )
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
        lines = [
            _("The signature is intact: the file is as she wrote it."),
            _("What it holds: {categories}.").format(categories=category_list(a.categories)),
            *("• " + line for line in count_lines(a.counts)),
            basis_text(a.basis),
        ]
        self.contents.setText("\n".join(lines))
        self.problem.setText(a.problem.render() if a.problem is not None else "")
        self.as_new.setText(_("Import as a new participant"))
        for button in self.targets.buttons():
            pid = button.property("participant_id")
            match = next((m for m in a.matches if m.participant_id == pid), None)
            if match is not None:
                button.setText(
                    _("Add the records to {name} (no. {id}), already in your vault").format(
                        name=match.name, id=match.participant_id
                    )
                )

    def target(self) -> int | None:
        chosen = self.targets.checkedButton()
        pid = chosen.property("participant_id") if chosen is not None else None
        return int(pid) if pid is not None else None

    def import_records(self) -> None:
        if self.arrival is None or not self.arrival.can_import:
            return
        transfers, data, into = self.services.transfers, self.data, self.target()
        self.call.start(
            lambda: transfers.receive(data, into=into),
            _("Importing…"),
            self._imported,
            self._failed,
        )

    def _failed(self, exc: Exception) -> None:
        if not isinstance(exc, ValidationError | NotFoundError | StorageError):
            raise exc
        self.problem.setText(str(exc))

    def _imported(self, got: Any) -> None:
        text = (
            _("The records were added to participant no. {id}.")
            if got.merged
            else _("Imported as participant no. {id}.")
        )
        self.outcome.setText(text.format(id=got.participant_id))
        self.import_button.setEnabled(False)
        self.imported.emit(got.participant_id)


def _date(text: str) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(text)
