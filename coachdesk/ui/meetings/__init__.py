"""Meetings: the list across participants, the editor, and the tab of her file."""
