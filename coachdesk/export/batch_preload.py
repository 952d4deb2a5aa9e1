"""Imported by the fork server of the document workers, never by the application itself.

The fork server is a fresh interpreter (no Qt, no open vault) from which every document
worker is forked. Importing ReportLab, pyHanko and the document code and preparing the
fonts there, once, means each worker starts ready in milliseconds instead of importing
them again (about a second of CPU per worker).
"""

from __future__ import annotations

from coachdesk.export.batch_worker import warm

warm()
