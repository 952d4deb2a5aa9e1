"""'Papers to enclose' in the export dialog: tick papers of her file to send with the document.

Nothing is ticked to begin with. Papers her consent does not cover for this recipient are
listed too, greyed, with the reason written out, so the coach sees why a certificate
cannot go (and what consent it would need). Keyboard: Tab into the list, arrows to move,
Space to tick. The export checks the ticked papers again; this list only offers them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QVBoxLayout, QWidget

from coachdesk.export.enclosures import EnclosureCandidate
from coachdesk.i18n import _
from coachdesk.ui.export.enclosure_model import EnclosureModel
from coachdesk.ui.kit.style import wrapping_label

MOST_LINES = 6
"""Lines the list grows to before it scrolls (a paper with a reason takes two)."""


class EnclosureList(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        self.hint = wrapping_label()
        self.model = EnclosureModel(self)
        self.view = QListView()
        self.view.setObjectName("enclosures")
        self.view.setModel(self.model)
        self.view.setWordWrap(True)
        self.view.setAlternatingRowColors(True)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.title.setBuddy(self.view)
        self.empty = wrapping_label()
        self.empty.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.view)
        layout.addWidget(self.empty)
        self.retranslate()

    def retranslate(self) -> None:
        self.title.setText(_("&Papers to enclose:"))
        self.hint.setText(
            _(
                "A ticked paper is added to the document as pages after its last page and "
                "listed on it. Only papers her consent for this recipient covers can be ticked."
            )
        )
        self.empty.setText(_("She has no papers in her file, so there is nothing to enclose."))
        self.view.setAccessibleName(_("Papers to enclose"))
        self.model.retranslate()

    def show_candidates(self, papers: Sequence[EnclosureCandidate] | None) -> None:
        """Her papers for the document chosen now (None: not known, the preview failed)."""
        self.model.set_rows(papers or ())
        none = papers is not None and not papers
        self.view.setVisible(not none)
        self.hint.setVisible(not none)
        self.empty.setVisible(none)
        self._fit()

    def _fit(self) -> None:
        """As high as her papers need, up to ``MOST_LINES``: the preview above keeps its room."""
        line = self.view.fontMetrics().lineSpacing()
        rows = sum(self.view.sizeHintForRow(r) for r in range(self.model.rowCount()))
        inner = min(max(rows, 2 * line), MOST_LINES * line)
        self.view.setFixedHeight(inner + 2 * self.view.frameWidth() + 4)

    def ticked_ids(self) -> tuple[int, ...]:
        return self.model.ticked_ids()
