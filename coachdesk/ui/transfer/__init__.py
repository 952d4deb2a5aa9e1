"""Handing a participant over to a colleague, and opening what a colleague handed over."""
