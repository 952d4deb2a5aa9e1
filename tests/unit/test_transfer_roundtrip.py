"""A participant handed over between two real vaults arrives whole; nothing readable travels."""

from __future__ import annotations

from pathlib import Path

from tests.unit.transfer_support import pair  # noqa: F401 - fixture
from tests.unit.transfer_support import Pair


def test_round_trip(pair: Pair, tmp_path: Path) -> None:  # noqa: F811
    from coachdesk.export.transfer.plan import TransferRequest

    out = tmp_path / "handover.cdtransfer"
    request = TransferRequest(participant_id=pair.participant_id, colleague_fingerprint=pair.berit.fingerprint)
    sent = pair.anna.services.transfers.send(request, out)
    arrival = pair.berit.services.transfers.open(out.read_bytes())
    print(arrival)
    got = pair.berit.services.transfers.receive(out.read_bytes())
    print(got)
