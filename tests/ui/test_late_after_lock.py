"""Work that arrives after the vault was locked: a draft timer, a late service call.

The window locks the vault and then deletes its windows; a timer that fires in between
must neither write nor report a locked vault as a damaged one.
"""

from __future__ import annotations

import pytest

from coachdesk.services.participants import ParticipantDraft
from coachdesk.ui.file.participant_file import ParticipantFile
from coachdesk.ui.shell.signals import AppSignals
from coachdesk.vault.errors import DamagedVaultError, VaultLockedError


def test_a_draft_timer_after_locking_does_nothing(qtbot, services, vault) -> None:  # type: ignore[no-untyped-def]
    signals = AppSignals()
    services.subscribe(signals.publish)
    pid = services.participants.create(ParticipantDraft("Amina", "Haddad")).id
    file = ParticipantFile(services, signals, pid)
    qtbot.addWidget(file)
    file.show()
    phone = file.overview.form.fields["phone"]
    phone.setFocus()
    qtbot.keyClicks(phone, "0171 555")
    assert file.has_unsaved_changes()
    vault.lock()
    file.draft_timer.setInterval(5)
    file.draft_timer.start()
    # An exception in the timer's slot would fail this test (pytest-qt reports it).
    qtbot.waitUntil(lambda: not file.draft_timer.isActive(), timeout=2000)


def test_a_service_call_after_locking_says_locked_not_damaged(services, vault) -> None:  # type: ignore[no-untyped-def]
    vault.lock()
    with pytest.raises(VaultLockedError) as raised:
        services.participants.create(ParticipantDraft("Late", "Call"))
    assert not isinstance(raised.value, DamagedVaultError)
