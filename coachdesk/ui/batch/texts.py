"""What the batch dialog says about a batch, in whole sentences of her language."""

from __future__ import annotations

from coachdesk.export.batch_plan import BatchPreview
from coachdesk.export.batch_run import BatchResult
from coachdesk.i18n import _, ngettext


def preview_summary(preview: BatchPreview) -> str:
    included, skipped = len(preview.included), len(preview.skipped)
    if not preview.entries:
        return _("No participant is chosen.")
    lines = [
        ngettext(
            "{n} participant gets a document for {recipient}.",
            "{n} participants get a document for {recipient}.",
            included,
        ).format(n=included, recipient=preview.recipient_name)
    ]
    if skipped:
        lines.append(
            ngettext(
                "{n} participant is skipped: the list says why.",
                "{n} participants are skipped: the list says why.",
                skipped,
            ).format(n=skipped)
        )
    noted = sum(1 for e in preview.included if e.cautions)
    if noted:
        lines.append(
            ngettext(
                "Please read the note on {n} document in the list.",
                "Please read the notes on {n} documents in the list.",
                noted,
            ).format(n=noted)
        )
    return "\n".join(lines)


def progress_text(done: int, total: int) -> str:
    return _("Making and signing documents: {done} of {total} done.").format(done=done, total=total)


def result_summary(result: BatchResult) -> str:
    saved, skipped, left = len(result.saved), len(result.skipped), len(result.not_made)
    lines = []
    if result.saved:
        folder = str(result.saved[0].path.parent)
        lines.append(
            ngettext(
                "{n} document was signed and saved in {folder}.",
                "{n} documents were signed and saved in {folder}.",
                saved,
            ).format(n=saved, folder=folder)
        )
    else:
        lines.append(_("No document was saved."))
    if skipped:
        lines.append(
            ngettext(
                "{n} participant was skipped: the list says why.",
                "{n} participants were skipped: the list says why.",
                skipped,
            ).format(n=skipped)
        )
    if result.error is not None:
        lines.append(_("The batch stopped: {reason}").format(reason=result.error.render()))
    if left and (result.cancelled or result.error is not None):
        lines.append(
            ngettext(
                "{n} document was not made; every saved document is complete and registered.",
                "{n} documents were not made; every saved document is complete and registered.",
                left,
            ).format(n=left)
        )
    return "\n".join(lines)
