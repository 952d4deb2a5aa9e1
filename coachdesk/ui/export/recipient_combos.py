"""The recipient of documents, chosen in two combo boxes: the organisation, then one of its
contact persons or anyone there. The export dialog and the batch dialog both use them."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox

from coachdesk.facade import Services
from coachdesk.i18n import N_, _

ANYONE = N_("(anyone at the organisation)")


def organisation_combo(services: Services) -> QComboBox:
    """Every organisation of the directory; its data is the organisation's id."""
    combo = QComboBox()
    for org in services.directory.list_organisations():
        combo.addItem(org.name, org.id)
    return combo


def fill_contacts(contact: QComboBox, services: Services, organisation_id: int | None) -> None:
    """ "Anyone at the organisation" (data None) and its contact persons, without signals."""
    contact.blockSignals(True)
    contact.clear()
    contact.addItem(_(ANYONE), None)
    if organisation_id is not None:
        for c in services.directory.list_contacts(organisation_id=organisation_id):
            contact.addItem(c.name, c.id)
    contact.blockSignals(False)


def retranslate_contacts(contact: QComboBox) -> None:
    contact.setItemText(0, _(ANYONE))
