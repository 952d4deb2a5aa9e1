"""The participant list and the form that takes up a new participant."""
