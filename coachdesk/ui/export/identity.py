"""What the export dialog says of the certificate a document is signed with."""

from __future__ import annotations

from coachdesk.export.identities import SigningIdentityInfo
from coachdesk.i18n import _


def identity_text(info: SigningIdentityInfo | None) -> str:
    if info is None:
        return _("You have no signing certificate yet. Create one here or import it in Settings.")
    return _("Signed with the certificate of {name} (SHA-256 {fingerprint}…).").format(
        name=info.subject_name, fingerprint=info.fingerprint_sha256[:16].upper()
    )
