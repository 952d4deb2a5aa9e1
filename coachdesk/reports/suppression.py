"""Small counts in published figures: shown as "< 3", and never recoverable from a total.

The rule (documented for the BCA in every quarterly report):

1. A count of 1 or 2 is shown as "< 3" (primary suppression). Zero is shown as 0:
   it describes nobody, and hiding it would force real figures to be hidden too.
2. A breakdown whose total is published must not let a reader work out a hidden
   count by subtraction. A reader knows: the total, the shown cells, that a "< 3"
   cell holds 1 or 2, and that a cell hidden to protect another ("x") holds at least
   3 and at most the smallest cell still shown (we hide the smallest first, and the
   rule is public). With one equation and these bounds, a hidden cell's possible
   values are exactly the interval computed in ``_interval``. While some "< 3" cell
   has only one possible value, the smallest shown cell is hidden as well ("x").
   Only non-zero cells are hidden this way (a hidden 0 would claim "at least 3").
3. If no cell is left to hide and a "< 3" cell is still determined (e.g. 2 + 2 = 4),
   the breakdown is withheld: all its cells show "x" with no bound at all.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Sequence
from dataclasses import dataclass

THRESHOLD = 3


class CellState(enum.StrEnum):
    SHOWN = "shown"
    SMALL = "small"
    """1 or 2: shown as "< 3"."""
    HIDDEN = "hidden"
    """Hidden so that a small count cannot be worked out from the total: "x"."""
    WITHHELD = "withheld"
    """The whole breakdown is withheld: "x", and nothing is said about the value."""


SMALL_TEXT = "< 3"
HIDDEN_TEXT = "x"


@dataclass(frozen=True)
class Cell:
    """A published count: the value is kept for the coach, ``text`` is what leaves."""

    value: int
    state: CellState = CellState.SHOWN

    @property
    def text(self) -> str:
        if self.state == CellState.SMALL:
            return SMALL_TEXT
        if self.state in (CellState.HIDDEN, CellState.WITHHELD):
            return HIDDEN_TEXT
        return str(self.value)

    @property
    def shown(self) -> bool:
        return self.state == CellState.SHOWN


def single(value: int) -> Cell:
    """A count that stands alone (no breakdown adds up to it)."""
    return Cell(value, CellState.SMALL if 0 < value < THRESHOLD else CellState.SHOWN)


def protect(values: Sequence[int], total: Cell | None) -> tuple[Cell, ...]:
    """The cells of a breakdown that adds up to ``total`` (None: no total is published)."""
    states = [CellState.SMALL if 0 < v < THRESHOLD else CellState.SHOWN for v in values]
    if total is None or not total.shown:
        return tuple(Cell(v, s) for v, s in zip(values, states, strict=True))
    while any(_determined(values, states, i, total.value) for i in _small(states)):
        shown = [i for i, s in enumerate(states) if s == CellState.SHOWN and values[i] > 0]
        if not shown:
            return tuple(Cell(v, CellState.WITHHELD) for v in values)
        states[min(shown, key=lambda i: (values[i], i))] = CellState.HIDDEN
    return tuple(Cell(v, s) for v, s in zip(values, states, strict=True))


def _small(states: Sequence[CellState]) -> list[int]:
    return [i for i, s in enumerate(states) if s == CellState.SMALL]


def _determined(values: Sequence[int], states: Sequence[CellState], index: int, total: int) -> bool:
    low, high = _interval(states, values, index, total)
    return low == high


def _bounds(states: Sequence[CellState], values: Sequence[int]) -> list[tuple[float, float]]:
    """Each hidden cell's range as the reader sees it; shown cells are known exactly."""
    shown = [v for v, s in zip(values, states, strict=True) if s == CellState.SHOWN and v > 0]
    smallest_shown = float(min(shown)) if shown else math.inf
    out: list[tuple[float, float]] = []
    for v, s in zip(values, states, strict=True):
        if s == CellState.SMALL:
            out.append((1.0, float(THRESHOLD - 1)))
        elif s == CellState.HIDDEN:
            out.append((float(THRESHOLD), smallest_shown))
        elif s == CellState.WITHHELD:
            out.append((0.0, math.inf))
        else:
            out.append((float(v), float(v)))
    return out


def _interval(
    states: Sequence[CellState], values: Sequence[int], index: int, total: int
) -> tuple[float, float]:
    bounds = _bounds(states, values)
    others_low = sum(lo for i, (lo, _hi) in enumerate(bounds) if i != index)
    others_high = sum(hi for i, (_lo, hi) in enumerate(bounds) if i != index)
    low = max(bounds[index][0], total - others_high)
    high = min(bounds[index][1], total - others_low)
    return low, high
