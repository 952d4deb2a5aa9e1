"""CoachDesk: offline, encrypted case files for job coaches."""

from __future__ import annotations

__version__ = "0.1.0"
