"""Shared widgets and models every screen builds on: forms, dialogs, date fields, tables."""
