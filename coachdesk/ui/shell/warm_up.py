"""Loading what the open vault needs while she types her passphrase.

The unlock window shows before SQLAlchemy, the domain model, the services and the main
window's modules are imported (together most of a second). Once it is on screen a
background thread imports them, in an order that puts the vault first: by the time she
presses Unlock they are there, and unlocking costs only the key derivation and opening.

Then it loads the document toolkit (ReportLab, pyHanko: a second on a busy machine), which
the signing key made after unlock needs, so that this never freezes the window either.

Only imports run in the thread; no widget is made there. Whoever needs these modules on
the UI thread calls :func:`wait_for_window` or :func:`wait` first, so two threads never
import the same module graph at once (Python's import locks let a cycle between two
threads see a half-made module).
"""

from __future__ import annotations

import importlib
import logging
import threading

log = logging.getLogger(__name__)

WINDOW_MODULES = (
    # The vault first: the unlock job imports it as soon as it starts.
    "coachdesk.vault.store",
    "coachdesk.models",
    "coachdesk.facade",
    "coachdesk.ui.shell.main_window",
    "coachdesk.ui.backup.automatic",
    "coachdesk.ui.settings.profile_dialog",
)
"""What the main window needs at unlock."""
DOCUMENT_MODULES = (
    "reportlab.platypus.flowables",
    "reportlab.platypus.paragraph",
    "reportlab.platypus",
    "pyhanko_certvalidator",
    "pyhanko.pdf_utils.generic",
    "pyhanko.pdf_utils.reader",
    "pyhanko.pdf_utils.font",
    "pyhanko.pdf_utils.form_tools",
    "pyhanko.sign.fields",
    "pyhanko.sign.timestamps",
    "pyhanko.sign",
    "fontTools.subset",
    "coachdesk.documents.pades",
    "coachdesk.export.service",
)
"""What the signing key and the first document need, soon after. In small steps (each a
few tens of milliseconds), because a pause (:func:`hold`) takes effect between steps."""
VIEW_MODULES = (
    "coachdesk.ui.meetings.view",
    "coachdesk.ui.modules.view",
    "coachdesk.ui.contacts.view",
    "coachdesk.ui.reports.view",
)
"""The views imported when first shown (view_pages.LAZY_VIEWS): last, so that a first visit
to one of them costs its data, not a tenth of a second or more of importing."""

_thread: threading.Thread | None = None
_lock = threading.Lock()
_window_ready = threading.Event()
_go_on = threading.Event()
_go_on.set()


def start() -> None:
    """Begin importing in the background (once per process; later calls do nothing)."""
    global _thread
    with _lock:
        if _thread is not None:
            return
        _thread = threading.Thread(target=_import_all, name="coachdesk-warm-up", daemon=True)
        _thread.start()


def wait_for_window() -> None:
    """Return once what the main window needs is loaded (at once if loading never started)."""
    with _lock:
        running = _thread is not None and _thread is not threading.current_thread()
    if running:
        _window_ready.wait()


def wait(resume: bool = True) -> None:
    """Return once all background imports are done (at once if they never started).
    ``resume``: go on at once if paused (:func:`hold`); else wait for :func:`resume`."""
    with _lock:
        thread = _thread
    if thread is not None and thread is not threading.current_thread():
        if resume:
            _go_on.set()
        thread.join()


def hold() -> None:
    """The UI thread has work now (the main window after unlock): pause the document step
    after its current module, so the two threads do not share Python's lock meanwhile."""
    _go_on.clear()


def resume() -> None:
    _go_on.set()


def _import_all() -> None:
    try:
        for name in WINDOW_MODULES:
            importlib.import_module(name)
        _prepare_model()
        _prepare_formats()
    except Exception:  # the UI thread imports it again and meets the error where it matters
        log.warning("could not load the vault's modules in advance", exc_info=True)
        return
    finally:
        _window_ready.set()
    try:
        for name in DOCUMENT_MODULES + VIEW_MODULES:
            _go_on.wait()
            importlib.import_module(name)
    except Exception:
        log.warning("could not load the document modules in advance", exc_info=True)


def _prepare_formats() -> None:
    """Babel reads a language's CLDR data at the first date it formats, and ICU builds a
    collator at the first name it sorts: together a sixth of a second, on the UI thread at
    the first view after unlock. Here they are ready before (for the window's language)."""
    import datetime as dt

    from coachdesk import collation, i18n

    moment = dt.datetime(2026, 12, 28, 10, 30)
    for fmt in ("short", "medium", "full"):
        i18n.format_datetime(moment, fmt=fmt)
        i18n.format_date(moment.date(), fmt=fmt)
    i18n.format_time(moment)
    i18n.format_number(2.5)
    collation.sort_key("Şahin")


def _prepare_model() -> None:
    """SQLAlchemy sets up the mappings of every entity at the first query, a fifth of a
    second on the UI thread right after unlock; here it is done while she types."""
    from coachdesk.models import Base

    Base.registry.configure()
