"""Fuzzing the file readers: whatever the bytes, a clear VaultError or a result, never a crash."""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import hashlib
import json
import struct
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coachdesk.vault import backup_format as fmt
from coachdesk.vault.errors import VaultError
from coachdesk.vault.keyslots import KeySlots
from tests.conftest import FAST_KDF

VALID_SLOTS = KeySlots.create(
    "Kaffee im Müttercafé 2026!", "ABCD-EFGH-JKMN-PQRS-TVWX-YZ01-2345-6789", bytes(32), FAST_KDF
).to_bytes()
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["argon2id", "passphrase", "recovery", "AAAA", "coachdesk-keyslots"]),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=12), inner),
    max_leaves=12,
)


def paths_of(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    if isinstance(value, dict):
        for key, item in value.items():
            found += paths_of(item, (*prefix, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found += paths_of(item, (*prefix, i))
    return found


def replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    result = copy.deepcopy(value)
    target = result
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = new
    return result


def parse_slots(raw: bytes) -> None:
    with contextlib.suppress(VaultError):
        KeySlots.from_bytes(raw)


@FUZZ
@given(st.binary(max_size=400))
def test_keyslots_from_any_bytes(raw: bytes) -> None:
    parse_slots(raw)
    parse_slots(VALID_SLOTS[: len(raw)] + raw)


@FUZZ
@given(st.data(), json_values)
def test_keyslots_with_any_field_replaced(data: st.DataObject, new: Any) -> None:
    original = json.loads(VALID_SLOTS)
    path = data.draw(st.sampled_from(paths_of(original)))
    parse_slots(json.dumps(replaced(original, path, new)).encode())


@given(st.sampled_from(["Infinity", "-Infinity", "NaN", "1e999", "[" * 5000 + "]" * 5000]))
def test_keyslots_with_odd_numbers_and_nesting(token: str) -> None:
    original = json.loads(VALID_SLOTS)
    text = json.dumps(original).replace(str(FAST_KDF.memory_kib), token, 1)
    parse_slots(text.encode())
    parse_slots(token.encode())


def container(header: bytes, version: int = fmt.CONTAINER_VERSION) -> bytes:
    head = struct.pack(">8sHI", fmt.MAGIC, version, len(header)) + header
    return head + hashlib.sha256(head).digest()


def parse_backup(head: bytes, size: int) -> None:
    with contextlib.suppress(VaultError):
        fmt.parse_header(head, size)


@FUZZ
@given(st.binary(max_size=300), st.integers(min_value=0, max_value=10**12))
def test_backup_header_from_any_bytes(raw: bytes, size: int) -> None:
    parse_backup(raw, size)
    parse_backup(fmt.MAGIC + raw, size)


@FUZZ
@given(
    st.dictionaries(
        st.sampled_from(
            ["format", "created_at", "schema_revision", "db_size", "db_sha256", "keyslots", "x"]
        ),
        json_values,
    ),
    st.integers(min_value=0, max_value=2**16 - 1),
    st.integers(min_value=0, max_value=10**9),
)
def test_backup_header_with_any_json(fields: dict[str, Any], version: int, extra: int) -> None:
    header = dict({"format": fmt.FORMAT}, **fields)
    raw = container(json.dumps(header).encode(), version)
    parse_backup(raw, len(raw) + extra)


@FUZZ
@given(st.integers(min_value=0, max_value=400), st.integers(min_value=1, max_value=255))
def test_backup_header_with_one_byte_changed(offset: int, flip: int) -> None:
    header = fmt.encode_header(
        dt.datetime(2026, 3, 16, 9, 30), "0003", 4096, "00" * 32, VALID_SLOTS
    )
    damaged = bytearray(header)
    damaged[offset % len(damaged)] ^= flip
    parse_backup(bytes(damaged), len(header) + 4096)
