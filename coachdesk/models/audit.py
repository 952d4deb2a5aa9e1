"""The audit log: what was done, by whom, when; never the content of personal fields."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from coachdesk.models.base import Base, UTCDateTime, utcnow


class AuditEntry(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200), default="")
    action: Mapped[str] = mapped_column(String(40))
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer, default=None)
    # Kept without a foreign key so that the log outlives archiving; erasure rewrites it.
    participant_id: Mapped[int | None] = mapped_column(Integer, default=None, index=True)
    # JSON: names of changed fields, document type, SHA-256, ... never field values.
    details: Mapped[str] = mapped_column(Text, default="{}")


class VaultSetting(Base):
    """Settings that travel with the vault (coach name, retention period, ...)."""

    __tablename__ = "vault_setting"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")
