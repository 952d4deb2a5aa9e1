"""Consents: record, look up, withdraw (a tab of her file)."""
