"""Handovers: intake, interim feedback, exit (a tab of her file)."""
