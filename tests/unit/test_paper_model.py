"""The papers list without a window: columns, native sorting, small pictures drawn lazily and
once per file; what a new paper is called and filed under, and copy names without her name."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import PurePath

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from coachdesk.models.enums import DataCategory
from coachdesk.services.attachment_records import AttachmentRecord
from coachdesk.ui.attachments.links import Link, LinkKind, suggested_category, suggested_title
from coachdesk.ui.attachments.model import PaperRow, PaperTableModel
from coachdesk.ui.attachments.opening import copy_name
from coachdesk.ui.kit.table_model import SORT_ROLE

CV = AttachmentRecord(
    "Lebenslauf",
    DataCategory.LANGUAGES_QUALIFICATIONS,
    dt.date(2026, 2, 1),
    id=1,
    sha256="a" * 64,
    size=2_400_000,
    media_type="application/pdf",
    page_count=12,
    created_at=dt.datetime(2026, 3, 1, 9, 0),
)
PHOTO = replace(
    CV,
    title="Kita-Bestätigung",
    category=DataCategory.FAMILY_CHILDCARE,
    document_date=None,
    id=2,
    sha256="b" * 64,
    size=300_000,
    media_type="image/jpeg",
    page_count=1,
)


def test_columns_say_it_in_words_and_sort_by_value(qapp) -> None:  # type: ignore[no-untyped-def]
    model = PaperTableModel()
    model.set_rows([PaperRow(CV, "Consent for Jobcenter (Jan 5, 2026)"), PaperRow(PHOTO)])

    def text(row: int, column: int) -> object:
        return model.data(model.index(row, column))

    assert text(0, PaperTableModel.PICTURE) is None  # the picture says it
    assert model.data(model.index(0, 0), Qt.ItemDataRole.ToolTipRole) == "PDF, 12 pages"
    assert model.data(model.index(1, 0), Qt.ItemDataRole.AccessibleTextRole) == "Picture, 1 page"
    assert text(0, PaperTableModel.SIZE) == "2.3 MB" and text(1, PaperTableModel.SIZE) == "293 KB"
    assert text(0, PaperTableModel.DOCUMENT_DATE) == "Feb 1, 2026"
    assert text(1, PaperTableModel.DOCUMENT_DATE) == ""
    assert text(0, PaperTableModel.BELONGS_TO) == "Consent for Jobcenter (Jan 5, 2026)"
    assert text(0, PaperTableModel.CATEGORY) == "Languages and qualifications"
    assert model.data(model.index(0, PaperTableModel.PAGES), SORT_ROLE) == 12
    model.sort(PaperTableModel.SIZE, Qt.SortOrder.AscendingOrder)
    assert [r.paper.id for r in model.rows()] == [2, 1]
    model.sort(PaperTableModel.DOCUMENT_DATE, Qt.SortOrder.AscendingOrder)
    assert [r.paper.id for r in model.rows()] == [1, 2]  # no date: last


def test_small_pictures_are_drawn_later_once_per_file(qapp, qtbot) -> None:  # type: ignore[no-untyped-def]
    drawn: list[int] = []

    def draw(paper: AttachmentRecord) -> QImage:
        drawn.append(paper.id)
        return QImage(8, 8, QImage.Format.Format_RGB32)

    model = PaperTableModel()
    model.draw = draw
    same_file = replace(PHOTO, id=3, title="Kopie")
    model.set_rows([PaperRow(CV), PaperRow(PHOTO), PaperRow(same_file)])
    assert model.data(model.index(0, 0), Qt.ItemDataRole.DecorationRole) is None
    assert drawn == []  # not while the view asks: after, one per turn of the event loop
    for row in range(3):
        model.data(model.index(row, 0), Qt.ItemDataRole.DecorationRole)
    with qtbot.waitSignals([model.dataChanged] * 2, timeout=2000):
        pass
    qtbot.waitUntil(lambda: len(drawn) == 2)
    assert sorted(drawn) == [1, 2]
    picture = model.data(model.index(2, 0), Qt.ItemDataRole.DecorationRole)
    assert isinstance(picture, QImage)
    assert model.data(model.index(1, 1), Qt.ItemDataRole.DecorationRole) is None  # title: none


def test_a_new_paper_is_named_after_its_file_and_filed_by_where_it_was_dropped() -> None:
    assert suggested_title(PurePath("Zeugnis_Deutsch_B1.pdf")) == "Zeugnis Deutsch B1"
    assert suggested_title(PurePath("scan.2026-03-01.jpg")) == "scan.2026-03-01"
    cases = {
        "Lebenslauf_Amina.pdf": DataCategory.LANGUAGES_QUALIFICATIONS,
        "Aufenthaltstitel.jpg": DataCategory.RESIDENCE_STATUS,
        "Attest Hausarzt.pdf": DataCategory.HEALTH,
        "Kita-Bestaetigung.png": DataCategory.FAMILY_CHILDCARE,
        "IMG_2034.jpg": DataCategory.LANGUAGES_QUALIFICATIONS,
        "Reisepass.jpg": DataCategory.IDENTITY_CONTACT,
    }
    for name, category in cases.items():
        assert suggested_category(PurePath(name), None) is category, name
    meeting = Link(LinkKind.MEETING, 4)
    assert suggested_category(PurePath("Attest.pdf"), meeting) is DataCategory.MEETING_SUMMARIES
    consent = Link(LinkKind.CONSENT, 1)
    assert suggested_category(PurePath("IMG.jpg"), consent) is DataCategory.IDENTITY_CONTACT


def test_a_copy_is_named_for_what_it_is_never_for_whom() -> None:
    paper = replace(CV, title="Lebenslauf Amina HADDAD (2026)")
    name = copy_name(paper, ["Amina", "Haddad"], dt.date(2026, 3, 16))
    assert name == "Lebenslauf-(2026)_2026-02-01.pdf"
    only_her = replace(PHOTO, title="Amina Haddad")
    assert copy_name(only_her, ["Amina", "Haddad"], dt.date(2026, 3, 16)) == (
        "Paper_2026-03-16.jpg"
    )
