"""Use cases on the domain. No Qt; each user action is one transaction."""
