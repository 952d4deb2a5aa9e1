"""Modules: the offer catalogue, enrolments and attendance."""
