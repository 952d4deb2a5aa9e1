"""The people due for erasure as a list, and what to tell her about copies that remain."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from coachdesk.i18n import N_, _, format_date
from coachdesk.services.retention import DueForErasure
from coachdesk.ui.kit.table_model import Column, RecordTableModel, date_key


class DueTableModel(RecordTableModel[DueForErasure]):
    NAME, EXIT, RETENTION, ARCHIVED = range(4)
    COLUMNS = (
        Column[DueForErasure](N_("Participant"), lambda p: p.display_name),
        Column[DueForErasure](
            N_("Exit"), lambda p: format_date(p.exit_date), lambda p: date_key(p.exit_date)
        ),
        Column[DueForErasure](
            N_("Keep until"),
            lambda p: format_date(p.retention_until),
            lambda p: date_key(p.retention_until),
        ),
        Column[DueForErasure](
            N_("Archived"), lambda p: _("yes") if p.archived else _("no"), lambda p: p.archived
        ),
    )


def leftover_text(automatic: Sequence[Path], by_hand: Sequence[Path]) -> str:
    """Which backups may still hold the erased person (paths only; they name no one)."""
    lines = [_("Erased. Nothing of her is left in the vault.")]
    if automatic:
        lines.append(
            _(
                "These automatic backups and kept vault copies were made before and still "
                "hold her data until they are deleted (automatic backups age out by themselves):"
            )
        )
        lines.extend(f"  {p}" for p in automatic)
    if by_hand:
        lines.append(
            _("Backups you made yourself may still contain her data: delete them yourself:")
        )
        lines.extend(f"  {p}" for p in by_hand)
    if not automatic and not by_hand:
        lines.append(_("No backup known to CoachDesk was made before the erasure."))
    return "\n".join(lines)
