"""Backups: by hand, automatic, and restoring one."""
