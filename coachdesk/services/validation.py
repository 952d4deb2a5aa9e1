"""Pure validation helpers shared by the services; each returns problems, never raises."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import fields
from typing import Any

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase

from coachdesk.i18n import N_, Message
from coachdesk.services.errors import FieldError, ValidationError

# Job-centre customer number (Kundennummer, e.g. 962D123456) or the number of the
# household (BG-Nummer, e.g. 12345BG1234567).
_CUSTOMER_NUMBER = re.compile(r"^(\d{3}[A-Z]\d{6}|\d{5}BG\d{7})$")
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")
_PHONE = re.compile(r"^[0-9+()/\-. ]{3,}$")
TEXT_LIMIT = 20_000
"""Longest text accepted where the column sets no length (notes, summaries)."""


def normalise_customer_number(value: str) -> str:
    return re.sub(r"[\s\-]", "", value).upper()


def required(problems: list[FieldError], field: str, value: object, label: str) -> None:
    if value is None or (isinstance(value, str) and not value.strip()):
        problems.append(
            FieldError(field, Message(N_("Please fill in {field}."), {"field": Message(label)}))
        )


def lengths(problems: list[FieldError], model: type[DeclarativeBase], draft: Any) -> None:
    """Check every text field of ``draft`` against the column length of ``model``."""
    columns = model.__table__.columns  # type: ignore[attr-defined]
    for f in fields(draft):
        value = getattr(draft, f.name)
        if not isinstance(value, str) or f.name not in columns:
            continue
        col_type = columns[f.name].type
        limit = getattr(col_type, "length", None) if isinstance(col_type, String) else None
        max_length(problems, f.name, value, TEXT_LIMIT if limit is None else limit)


def max_length(problems: list[FieldError], field: str, value: str, limit: int) -> None:
    if len(value) > limit:
        problems.append(
            FieldError(
                field,
                Message(
                    N_("This text is too long ({length} characters, at most {limit})."),
                    {"length": len(value), "limit": limit},
                ),
            )
        )


def date_order(
    problems: list[FieldError],
    first: dt.date | None,
    second: dt.date | None,
    field: str,
    msgid: str,
) -> None:
    if first is not None and second is not None and second < first:
        problems.append(FieldError(field, Message(msgid)))


def customer_number(problems: list[FieldError], field: str, value: str) -> None:
    if value and not _CUSTOMER_NUMBER.match(value):
        problems.append(
            FieldError(
                field,
                Message(
                    N_(
                        "The customer number should look like 123A456789 "
                        "(or a household number like 12345BG1234567)."
                    )
                ),
            )
        )


def email(problems: list[FieldError], field: str, value: str) -> None:
    if value and not _EMAIL.match(value.strip()):
        problems.append(FieldError(field, Message(N_("This is not a valid e-mail address."))))


def phone(problems: list[FieldError], field: str, value: str) -> None:
    if value and not _PHONE.match(value.strip()):
        problems.append(
            FieldError(
                field, Message(N_("A phone number may contain digits, spaces and + ( ) / - ."))
            )
        )


def one_of(
    problems: list[FieldError], field: str, value: object, allowed: Iterable[object]
) -> None:
    if value is not None and value not in set(allowed):
        problems.append(FieldError(field, Message(N_("Please choose one of the offered values."))))


def raise_if(problems: list[FieldError]) -> None:
    if problems:
        raise ValidationError(problems)
