"""How strong a passphrase is, with a reason a coach understands when it is refused."""

from __future__ import annotations

import itertools
import math
from dataclasses import dataclass

from coachdesk.i18n import N_, Message

MIN_LENGTH = 12

# A few of the passwords people try first; a full list would not fit the idea of an
# offline app without data files, and the length rule already stops the rest.
_COMMON = frozenset(
    {
        "passwort1234",
        "password1234",
        "123456789012",
        "qwertzuiopü",
        "qwertyuiop12",
        "hallohallo12",
        "jobcenter2024",
        "jobcenter2025",
        "jobcenter2026",
        "coachdesk123",
        "sommer2026!!",
        "geheimgeheim",
    }
)


@dataclass(frozen=True)
class Strength:
    """Score 0 (refused) to 4 (very strong); ``reason`` explains a refusal or a weak score."""

    score: int
    acceptable: bool
    reason: Message | None


def _estimated_bits(text: str) -> float:
    pools = 0
    if any(c.islower() for c in text):
        pools += 26
    if any(c.isupper() for c in text):
        pools += 26
    if any(c.isdigit() for c in text):
        pools += 10
    if any(not c.isalnum() for c in text):
        pools += 33
    if any(ord(c) > 127 for c in text):
        pools += 30
    distinct = len(set(text))
    return len(text) * math.log2(max(pools, 2)) * min(1.0, distinct / max(len(text) * 0.6, 1))


def _is_sequence(text: str) -> bool:
    lowered = text.lower()
    steps = {ord(b) - ord(a) for a, b in itertools.pairwise(lowered)}
    return len(steps) == 1 and steps <= {-1, 0, 1}


def check_passphrase(passphrase: str) -> Strength:
    if len(passphrase) < MIN_LENGTH:
        return Strength(
            0,
            False,
            Message(
                N_("Use at least {n} characters, for example a short sentence."),
                {"n": MIN_LENGTH},
            ),
        )
    if passphrase.lower() in _COMMON:
        return Strength(0, False, Message(N_("This passphrase is too common.")))
    if len(set(passphrase)) <= 3 or _is_sequence(passphrase):
        return Strength(
            0, False, Message(N_("Avoid repeated characters and sequences like 'abcd' or '1234'."))
        )
    bits = _estimated_bits(passphrase)
    if bits < 50:
        return Strength(
            1,
            False,
            Message(N_("Too easy to guess. Add more words, digits or special characters.")),
        )
    if bits < 65:
        return Strength(2, True, Message(N_("Acceptable. A longer passphrase would be safer.")))
    if bits < 90:
        return Strength(3, True, None)
    return Strength(4, True, None)
