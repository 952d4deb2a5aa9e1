"""Hypothesis strategies for the services' drafts, built from their type hints.

Each draft is mostly what a form could send (any Unicode, NUL included, plausible dates,
small ids), with up to three fields replaced by something hostile: whitespace only,
control and direction characters, texts longer than any column, dates from year 1 to
9999, ids and counts that are negative or beyond SQLite's 64 bits. A mix of only hostile
values would be refused at the first field and never reach the deeper code.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import types
import typing
from typing import Any, TypeVar

from hypothesis import strategies as st

T = TypeVar("T")

plain_texts = st.text(st.characters(exclude_categories=("Cs",)), min_size=1, max_size=30)
hostile_texts = st.one_of(
    st.sampled_from(["", " ", "\t\n  ", "\x00", "a\x00b", "Ş\u200bİ", "\u202eevil", "=1+1"]),
    st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
    st.integers(250, 70_000).map(lambda n: "ä" * n),
)
texts = plain_texts | hostile_texts
plain_dates = st.dates(dt.date(2020, 1, 1), dt.date(2030, 12, 31))
hostile_dates = st.dates() | st.sampled_from([dt.date.min, dt.date.max])
dates = plain_dates | hostile_dates
plain_datetimes = st.datetimes(dt.datetime(2020, 1, 1), dt.datetime(2026, 3, 16))
hostile_datetimes = st.datetimes() | st.sampled_from([dt.datetime.min, dt.datetime.max])
plain_ints = st.integers(0, 8)
hostile_ints = st.one_of(
    st.integers(),
    st.sampled_from([-1, 2**63 - 1, 2**63, 2**64, -(2**63) - 1, 10**40]),
)
ids = plain_ints | hostile_ints

# Fields with a format get valid examples, so that drafts get past the format checks.
FORMATTED: dict[str, st.SearchStrategy[str]] = {
    "email": st.sampled_from(["", "amina.k@example.org", " x@y.de "]),
    "phone": st.sampled_from(["", "0176 1234567", "+49 (30) 123-45/6"]),
    "jobcentre_customer_number": st.sampled_from(["", "962D123456", " 12345bg1234567 "]),
}
_PLAIN: dict[Any, st.SearchStrategy[Any]] = {
    str: plain_texts,
    int: plain_ints,
    bool: st.booleans(),
    dt.date: plain_dates,
    dt.datetime: plain_datetimes,
}
_HOSTILE: dict[Any, st.SearchStrategy[Any]] = {
    str: hostile_texts,
    int: hostile_ints,
    bool: st.booleans(),
    dt.date: hostile_dates,
    dt.datetime: hostile_datetimes,
}


def value_for(hint: Any, hostile: bool, name: str = "") -> st.SearchStrategy[Any]:
    """A value for a field of type ``hint``: plausible, or hostile."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        options = [value_for(a, hostile, name) for a in args if a is not type(None)]
        return st.one_of(options) if hostile else st.none() | st.one_of(options)
    if origin is tuple:
        return st.lists(value_for(args[0], hostile), max_size=3).map(tuple)
    if origin is frozenset:
        return st.frozensets(value_for(args[0], hostile), max_size=4)
    if isinstance(hint, type) and issubclass(hint, enum.Enum):
        members = st.sampled_from(list(hint))
        if not hostile:
            return members
        # From the command line or an old draft: the plain value, or a value it never had.
        return st.one_of(members.map(lambda m: m.value), st.sampled_from(["", "bogus", "ACTIVE"]))
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return drafts(hint)
    if not hostile and name in FORMATTED:
        return FORMATTED[name]
    return (_HOSTILE if hostile else _PLAIN)[hint]


def drafts(cls: type[T]) -> st.SearchStrategy[T]:
    """Drafts of ``cls`` with up to three hostile fields."""
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]  # type: ignore[arg-type]

    @st.composite
    def build(draw: st.DrawFn) -> T:
        hostile = draw(st.sets(st.sampled_from(names), max_size=3))
        values = {n: draw(value_for(hints[n], n in hostile, n)) for n in names}
        return cls(**values)

    return build()
