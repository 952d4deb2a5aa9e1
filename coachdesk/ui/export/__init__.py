"""Making a signed document: choose, preview what leaves, save; the export history."""
