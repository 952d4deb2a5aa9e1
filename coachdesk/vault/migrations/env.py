"""Alembic environment: always run on the vault's own, already keyed connection."""

from __future__ import annotations

from alembic import context

from coachdesk.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable through the alembic CLI
    raise RuntimeError("CoachDesk migrations run only through coachdesk.vault")


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """The full-text index (FTS5 and its shadow tables) is managed by hand in 0002."""
    return not (type_ == "table" and name is not None and name.startswith("search_index"))


context.configure(
    connection=connection,
    include_object=include_object,
    target_metadata=Base.metadata,
    render_as_batch=True,
    transactional_ddl=True,
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
