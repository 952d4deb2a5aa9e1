"""Today: what is due, in sections."""
