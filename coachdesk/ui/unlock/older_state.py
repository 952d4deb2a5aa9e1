"""An older state of the vault was put back: she decides, knowingly, before she works in it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QMessageBox, QWidget

from coachdesk.i18n import _

if TYPE_CHECKING:  # the unlock screen shows before the database layer is loaded
    from coachdesk.vault.store import Vault


def tell_notices(parent: QWidget, vault: Vault) -> None:
    """What opening repaired or found (a damaged key slot, a key file put back from its copy)."""
    notices = [m.render() for m in vault.notices]
    if notices:
        QMessageBox.information(parent, _("Opened with a repair"), "\n\n".join(notices))


def accepted_if_older(parent: QWidget, vault: Vault) -> bool:
    """True when the vault may be shown: it is current, or she chose to go on with it.

    When she does not, the vault is locked untouched (its counter is not advanced), so the
    newer copy can still be put back in its place.
    """
    if vault.older_state is None:
        return True
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(_("An older state of this vault"))
    box.setText(
        _(
            "This vault is older than the one you last used on this computer: what you "
            "entered since then is not in it."
        )
    )
    box.setInformativeText(
        _(
            "This happens when an older copy of the vault folder was put back, for example by "
            "a sync program, from a USB stick or by hand. If you did not mean to, choose "
            "\u201cDo not open\u201d and look for the newer copy. To restore a backup, use "
            "\u201cRestore\u201d in CoachDesk: then this question does not come."
        )
    )
    go_on = box.addButton(_("Continue with this older state"), QMessageBox.ButtonRole.AcceptRole)
    stop = box.addButton(_("Do not open"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(stop)
    box.setEscapeButton(stop)
    box.exec()
    if box.clickedButton() is go_on:
        vault.accept_older_state()
        return True
    vault.lock()
    return False
