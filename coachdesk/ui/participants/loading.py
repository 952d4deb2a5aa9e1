"""The participant list read in two steps: its first page at once, the rest off the UI thread.

The first page is read in name order from an index (a few milliseconds at 50,000
participants) and shown with the count of the whole list; the whole list follows from the
thread pool and takes the first page's place without a reset, so her selection and scroll
position stay. Changes saved while it is read are applied again once it has arrived.
When the stored name order does not fit (another ICU, a language with rules of its own)
or the list is sorted by another column, the whole list is read and sorted at once.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, Signal

from coachdesk.facade import Services
from coachdesk.services.participants import ListFilter, ParticipantRow
from coachdesk.ui.participants.table_model import BATCH, ParticipantTableModel
from coachdesk.ui.today.loading import PageLoader


class ListLoading(QObject):
    """Fills ``model``; emits ``completed(changed_ids)`` when the whole list has arrived
    after its first page, with the participants changed meanwhile."""

    completed = Signal(object)

    def __init__(
        self, services: Services, model: ParticipantTableModel, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self.services = services
        self.model = model
        self._total = 0
        self._changed: set[int] = set()
        self._loader = PageLoader(self)
        self._loader.page_read.connect(self._rest_read)
        self._loader.failed.connect(self._failed)

    @property
    def loading(self) -> bool:
        """The rest of the list is being read (a test waits for this, as she would)."""
        return self._loader.loading

    def total(self) -> int:
        """Participants in the list, including those still being read."""
        return self._total if self.loading else self.model.total()

    def load(self, where: ListFilter) -> None:
        """Show the list for ``where``: its first page now, the rest when it is read."""
        self._loader.forget()
        self._changed.clear()
        participants = self.services.participants
        page = None
        if self.model.sorts_by_name():
            page = participants.first_page(where, BATCH, descending=self.model.descending())
        if page is None:
            self.model.set_rows(self._read_all(where)())
            return
        self.model.set_rows(page.rows, in_name_order=True)
        if page.total > len(page.rows):
            self._total = page.total
            self._loader.start([self._read_all(where)])

    def note_changed(self, participant_ids: frozenset[int]) -> None:
        """Participants whose rows are to be read again once the whole list has arrived."""
        if self.loading:
            self._changed |= participant_ids

    def forget(self) -> None:
        """Drop the list being read (the vault is being locked) and wait until it stops."""
        self._loader.forget()
        self._loader.wait()

    def _read_all(self, where: ListFilter) -> Callable[[], list[ParticipantRow]]:
        participants = self.services.participants

        def read() -> list[ParticipantRow]:
            return participants.list(
                query=where.query,
                status=where.status,
                programme_id=where.programme_id,
                include_archived=where.include_archived,
            )

        return read

    def _rest_read(self, rows: object) -> None:
        assert isinstance(rows, list)
        self.model.complete(rows)
        changed, self._changed = frozenset(self._changed), set()
        self.completed.emit(changed)

    def _failed(self, exc: object) -> None:
        if self.services.is_locked:
            return  # cut off by locking the vault: nothing to show
        raise exc if isinstance(exc, Exception) else RuntimeError(exc)
