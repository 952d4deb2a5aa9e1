"""The demo vault: invented participants in the user's data folder, to try CoachDesk safely."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the database layer loads after the first window is on screen
    from coachdesk.vault.store import Vault

DEMO_PASSPHRASE = "Demo Müttercafé 2026!"
"""The demo vault holds only invented people, so its passphrase may be shown and shared."""
DEMO_PARTICIPANTS = 40


def demo_folder(data_dir: Path) -> Path:
    return data_dir / "demo-vault"


def create_demo_vault(folder: Path) -> Vault:
    """Create the demo vault and fill it; a half-made vault is closed again if filling fails."""
    from coachdesk.demo.generate import generate_demo
    from coachdesk.vault.store import Vault

    vault, _code = Vault.create(folder, DEMO_PASSPHRASE)
    try:
        generate_demo(vault, participants=DEMO_PARTICIPANTS, seed=1)
    except BaseException:
        vault.lock()
        raise
    return vault
