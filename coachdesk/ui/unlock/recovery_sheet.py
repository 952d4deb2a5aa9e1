"""The printed recovery sheet: the recovery code on paper, as a PDF the coach prints and files."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

from coachdesk.i18n import _, format_date


def write_recovery_sheet(path: Path, recovery_code: str, vault_name: str) -> None:
    """Write an A4 PDF with the recovery code and what to do with it (no participant data)."""
    writer = QPdfWriter(str(path))
    writer.setTitle(_("CoachDesk recovery sheet"))
    writer.setCreator("CoachDesk")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(20, 20, 20, 20),
            QPageLayout.Unit.Millimeter,
        )
    )
    doc = QTextDocument()
    doc.setHtml(_sheet_html(recovery_code, vault_name))
    layout = writer.pageLayout()
    rect = layout.paintRectPixels(writer.resolution())
    doc.setPageSize(QSizeF(rect.width(), rect.height()))
    doc.print_(writer)


def _sheet_html(recovery_code: str, vault_name: str) -> str:
    e = html.escape
    return f"""
<h1>{e(_("CoachDesk recovery sheet"))}</h1>
<p>{e(_("Vault:"))} <b>{e(vault_name)}</b><br/>{e(_("Created on:"))} {
        e(format_date(dt.date.today(), fmt="long"))
    }</p>
<p>{e(_("Recovery code:"))}</p>
<p style="font-family: monospace; font-size: 20pt; font-weight: bold;">{e(recovery_code)}</p>
<p>{
        e(
            _(
                "With this code you can open the vault if you forget your passphrase. "
                "You will then set a new passphrase."
            )
        )
    }</p>
<ul>
<li>{e(_("Keep this sheet in a locked place, away from the laptop."))}</li>
<li>{e(_("Anyone who has this code and the vault folder can read all records."))}</li>
<li>{e(_("Do not store this sheet as a file on the laptop; print it and delete the file."))}</li>
</ul>
"""
