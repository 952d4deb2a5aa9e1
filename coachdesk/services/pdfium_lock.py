"""One lock for every call into PDFium, in whatever layer it is made.

PDFium is not thread-safe, not even for two different documents: a document is signed
with its enclosures on a worker thread while the window may draw a paper's pages or
recognise a dropped file. Whoever calls PDFium (``attachment_files``, the export's
enclosures, the viewer) holds this lock for the call.
"""

from __future__ import annotations

import threading

PDFIUM = threading.RLock()
