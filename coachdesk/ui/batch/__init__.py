"""Documents for several participants at once."""
