"""Alembic environment: always run on the vault's own, already keyed connection."""

from __future__ import annotations

from alembic import context

from coachdesk.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable through the alembic CLI
    raise RuntimeError("CoachDesk migrations run only through coachdesk.vault")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
