"""Start from a spreadsheet: the import dialog, its column mapping and its preview."""
