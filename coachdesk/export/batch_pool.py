"""The process pool that renders and signs a batch's documents on every core.

Processes are never forked from the application: its process holds Qt and an open
SQLCipher connection, which a forked child would share. On Linux the workers are forked
from a fork server, a fresh interpreter started for the purpose with the document code
already imported (``batch_preload``); elsewhere, and in the installed (frozen) app, they
are spawned. A worker is given the signing identity once, in its initializer, and
filtered document data for each document; never the vault's key or a connection.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.context import BaseContext

from coachdesk.documents.pades import stamp_font_characters
from coachdesk.documents.signing import SigningMaterial
from coachdesk.documents.stamp import stamp_font_bytes
from coachdesk.export.batch_worker import start_worker

PRELOAD = ["coachdesk.export.batch_preload"]


def pool_context() -> BaseContext:
    """Fork server where it exists and CoachDesk runs from source; spawn otherwise."""
    if "forkserver" in multiprocessing.get_all_start_methods() and not getattr(
        sys, "frozen", False
    ):
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(PRELOAD)
        return context
    return multiprocessing.get_context("spawn")


def warm_up() -> None:
    """Start the fork server (imports, fonts) ahead of a batch; returns at once."""
    if pool_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver

        forkserver.ensure_running()


def worker_count(documents: int) -> int:
    """One worker per core, never more than there are documents."""
    return max(1, min(os.cpu_count() or 1, documents))


def document_pool(
    material: SigningMaterial, documents: int, langs: tuple[str, ...] = ()
) -> ProcessPoolExecutor:
    """Workers for ``documents`` signed with ``material``, their stamps in ``langs``.

    The stamp font for the signer's name is made here once (and kept for the process's
    life) and handed to every worker, rather than made by each (0.15 s of CPU apiece).
    """
    characters = {stamp_font_characters(material, lang) for lang in langs}
    fonts = tuple((c, stamp_font_bytes(c)) for c in characters)
    return ProcessPoolExecutor(
        max_workers=worker_count(documents),
        mp_context=pool_context(),
        initializer=start_worker,
        initargs=(material, fonts),
    )
