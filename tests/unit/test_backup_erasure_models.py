"""The backup list and the erasure list as Qt models, without a window."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt

from coachdesk.services.retention import DueForErasure
from coachdesk.ui.backup.model import BackupTableModel, local_time, size_text
from coachdesk.ui.kit.table_model import SORT_ROLE
from coachdesk.ui.settings.erasure_model import DueTableModel, leftover_text
from coachdesk.vault.generations import BackupFile


def test_backup_rows_show_local_time_kind_and_size(qapp) -> None:  # type: ignore[no-untyped-def]
    made = dt.datetime(2026, 3, 16, 8, 30)
    rows = [
        BackupFile(Path("/b/coachdesk-auto-1.cdbackup"), made, True, 300 * 1024),
        BackupFile(Path("/b/coachdesk-backup-2.cdbackup"), made, False, 5 * 1024 * 1024 + 1),
    ]
    model = BackupTableModel()
    model.set_rows(rows)
    assert model.rowCount() == 2 and model.columnCount() == 3
    assert model.headerData(0, Qt.Orientation.Horizontal) == "Made on"
    shown = local_time(made)
    assert str(shown.minute) in model.index(0, model.WHEN).data()
    assert model.index(0, model.KIND).data() == "automatic"
    assert model.index(1, model.KIND).data() == "by hand"
    assert model.index(0, model.SIZE).data() == "300 KB"
    assert model.index(1, model.SIZE).data() == "5 MB"
    assert model.index(1, model.SIZE).data(SORT_ROLE) == 5 * 1024 * 1024 + 1
    assert size_text(10) == "1 KB"


def test_due_rows_and_what_to_say_about_backups(qapp) -> None:  # type: ignore[no-untyped-def]
    model = DueTableModel()
    model.set_rows(
        [DueForErasure(3, "Ayşe Yılmaz", dt.date(2022, 1, 10), dt.date(2025, 1, 10), True)]
    )
    assert model.index(0, model.NAME).data() == "Ayşe Yılmaz"
    assert model.index(0, model.EXIT).data() == "Jan 10, 2022"
    assert model.index(0, model.RETENTION).data() == "Jan 10, 2025"
    assert model.index(0, model.ARCHIVED).data() == "yes"

    none = leftover_text([], [])
    assert none.endswith("No backup known to CoachDesk was made before the erasure.")
    both = leftover_text([Path("/a/auto.cdbackup")], [Path("/usb/mine.cdbackup")])
    assert "/a/auto.cdbackup" in both
    assert "delete them yourself:\n  /usb/mine.cdbackup" in both
    assert "No backup known" not in both
