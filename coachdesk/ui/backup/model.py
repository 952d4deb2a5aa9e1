"""Backups as a list: when each was made (local time), automatic or by hand, and its size."""

from __future__ import annotations

import datetime as dt

from coachdesk.i18n import N_, _, format_datetime, format_number
from coachdesk.ui.kit.table_model import Column, RecordTableModel
from coachdesk.vault.generations import BackupFile


def local_time(utc: dt.datetime) -> dt.datetime:
    """A backup's time (UTC, naive) as the clock on her laptop shows it."""
    return utc.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)


def backup_when(backup: BackupFile) -> str:
    return format_datetime(local_time(backup.created_at), fmt="short")


def size_text(size_bytes: int) -> str:
    if size_bytes < 1024 * 1024:
        return _("{size} KB").format(size=format_number(max(1, round(size_bytes / 1024))))
    return _("{size} MB").format(size=format_number(round(size_bytes / (1024 * 1024), 1)))


class BackupTableModel(RecordTableModel[BackupFile]):
    WHEN, KIND, SIZE = range(3)
    COLUMNS = (
        Column[BackupFile](N_("Made on"), backup_when, lambda b: b.created_at.isoformat()),
        Column[BackupFile](
            N_("Kind"), lambda b: _("automatic") if b.automatic else _("by hand"), None
        ),
        Column[BackupFile](N_("Size"), lambda b: size_text(b.size_bytes), lambda b: b.size_bytes),
    )
