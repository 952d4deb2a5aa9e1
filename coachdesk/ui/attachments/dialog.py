"""Add papers to her file, or change one: title, category, date on the paper, what it
belongs to.

Several files (dropped together or chosen together) are taken in turn in one dialog: she
names the first, saves, and the next one is there, "2 of 3", with "Skip this file" for one
she did not mean. A file the vault refuses (damaged, too large, not what its name says) gets
the service's sentence under the file's name; what she typed stays.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from coachdesk.facade import Services
from coachdesk.i18n import N_, _
from coachdesk.models.enums import DataCategory
from coachdesk.services.attachment_records import AttachmentDraft, AttachmentRecord
from coachdesk.services.errors import NotFoundError
from coachdesk.ui.attachments.links import (
    Link,
    LinkKind,
    link_choices,
    link_fields,
    link_of,
    suggested_category,
    suggested_title,
)
from coachdesk.ui.attachments.model import kind_text, pages_text, size_text
from coachdesk.ui.kit.date_field import DateField
from coachdesk.ui.kit.form_dialog import FormDialog, confirm_discard
from coachdesk.ui.kit.forms import EnumCombo, clear_validation_errors, read_dates
from coachdesk.ui.kit.style import message_label
from coachdesk.vault.errors import StorageError


class PaperDialog(FormDialog):
    """Adds the files at ``paths`` in turn (linked to ``link`` when given), or edits ``paper``."""

    def __init__(
        self,
        services: Services,
        participant_id: int,
        *,
        paths: Sequence[Path] = (),
        paper: AttachmentRecord | None = None,
        link: Link | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.participant_id = participant_id
        self.paths = list(paths)
        self.position = 0
        """Which of ``paths`` is being named now."""
        self.paper = paper
        self.link = link
        self.added: list[AttachmentRecord] = []
        self.progress = QLabel()
        self.progress.setWordWrap(True)
        self.file = QLabel()
        self.file.setWordWrap(True)
        self.title = QLineEdit()
        self.category = EnumCombo(DataCategory)
        self.category_hint = QLabel()
        self.category_hint.setWordWrap(True)
        self.category_hint.setStyleSheet("color: #555555;")
        category_box = QWidget()
        box = QVBoxLayout(category_box)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(self.category)
        box.addWidget(self.category_hint)
        self.document_date = DateField()
        self.belongs_to = QComboBox()
        self.belongs_to.addItem("", None)
        for choice, text in link_choices(services, participant_id):
            self.belongs_to.addItem(text, choice)
        self.saved_message = message_label()
        self.rows.layout.addRow(self.progress)
        self.rows.add("file", N_("File"), self.file)
        self.rows.add("title", N_("&Title"), self.title)
        self.rows.add("category", N_("&Category"), category_box, buddy=self.category)
        self.rows.add("document_date", N_("&Date on the paper"), self.document_date)
        self.rows.add("belongs_to", N_("&Belongs to"), self.belongs_to)
        self.rows.layout.addRow(self.saved_message)
        self.skip_button = QPushButton()
        self.buttons.addButton(self.skip_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.skip_button.clicked.connect(self.skip)
        self.skip_button.setAutoDefault(False)
        self._fill()
        self.retranslate()
        self.resize_within_screen(640, 460)

    # -- filling ------------------------------------------------------------------------------

    @property
    def current_path(self) -> Path | None:
        return self.paths[self.position] if self.position < len(self.paths) else None

    def _fill(self) -> None:
        paper, path = self.paper, self.current_path
        link = link_of(paper) if paper is not None else self.link
        # Compared in Python: Qt's findData would compare the wrapped objects by identity.
        links = [self.belongs_to.itemData(i) for i in range(self.belongs_to.count())]
        self.belongs_to.setCurrentIndex(links.index(link) if link in links else 0)
        if paper is not None:
            self.title.setText(paper.title)
            self.category.set_value(paper.category)
            self.document_date.set_date(paper.document_date)
        elif path is not None:
            self.title.setText(suggested_title(path))
            self.category.set_value(suggested_category(path, link))
            self.document_date.set_date(self._date_of(link))
        self._show_file()
        self.title.selectAll()
        self.title.setFocus()

    def _date_of(self, link: Link | None) -> dt.date | None:
        """A consent's signed sheet carries the day it was given."""
        if link is None or link.kind is not LinkKind.CONSENT:
            return None
        try:
            return self.services.consents.get(link.record_id).given_on
        except NotFoundError:
            return None  # erased meanwhile: the service says so when she saves

    def _show_file(self) -> None:
        paper, path = self.paper, self.current_path
        if paper is not None:
            parts = (kind_text(paper), pages_text(paper.page_count), size_text(paper.size))
            self.file.setText(", ".join(parts))
        else:
            self.file.setText(path.name if path is not None else "")
        many = len(self.paths) > 1
        self.progress.setVisible(many)
        self.skip_button.setVisible(many)
        self.progress.setText(
            _("File {n} of {count}").format(n=self.position + 1, count=len(self.paths))
        )

    def retranslate(self) -> None:
        if self.paper is not None:
            self.setWindowTitle(_("Paper"))
        else:
            self.setWindowTitle(_("Add paper") if len(self.paths) < 2 else _("Add papers"))
        self.category.retranslate()
        self.document_date.retranslate()
        self.category_hint.setText(
            _(
                "The category decides whether the paper may ever go out with a document: only "
                "to a recipient she consented to for this category."
            )
        )
        self.belongs_to.setItemText(0, _("— nothing in particular —"))
        self.skip_button.setText(_("S&kip this file"))
        self._show_file()
        self.retranslate_form()

    def field_widgets(self) -> dict[str, QWidget]:
        # The service names a link it refuses by its draft field: next to "Belongs to".
        links = {kind.value: self.belongs_to for kind in LinkKind}
        return {**self.rows.fields, **links}

    # -- saving -------------------------------------------------------------------------------

    def draft(self) -> AttachmentDraft:
        dates = read_dates({"document_date": self.document_date})
        link = self.belongs_to.currentData()
        return AttachmentDraft(
            self.title.text(),
            self.category.chosen(),
            dates["document_date"],
            **link_fields(link if isinstance(link, Link) else None),
        )

    def save(self) -> bool:
        """Stores this file (or the changes); True when nothing is left to name."""
        self.general_error.show_message("")
        draft = self.draft()
        try:
            if self.paper is not None:
                self.paper = self.services.attachments.update(self.paper.id, draft)
                return True
            path = self.current_path
            if path is None:
                return True
            record = self.services.attachments.add_file(self.participant_id, path, draft)
        except StorageError as err:
            self.general_error.show_message(str(err))
            return False
        self.added.append(record)
        self.saved_message.setText(_("“{title}” is in her file now.").format(title=record.title))
        return not self._next()

    def _next(self) -> bool:
        """Go on to the next file; False when there is none."""
        self.position += 1
        if self.current_path is None:
            return False
        clear_validation_errors(self.field_widgets(), self.general_error)
        self._fill()
        self.mark_clean()
        return True

    def skip(self) -> None:
        """Leave this file out (asking first if she typed something for it)."""
        if self.is_changed() and not confirm_discard(self):
            return
        self.saved_message.setText("")
        if self._next():
            return
        if self.added:
            self.accept()
        else:
            self.reject()
