"""The revision list that lets a current vault open without Alembic matches the scripts."""

from __future__ import annotations

from alembic.script import ScriptDirectory

from coachdesk.vault.schema import REVISIONS, alembic_config


def test_revision_list_matches_the_migration_scripts() -> None:
    script = ScriptDirectory.from_config(alembic_config())
    oldest_first = [rev.revision for rev in reversed(list(script.walk_revisions()))]
    assert list(REVISIONS) == oldest_first
    assert script.get_current_head() == REVISIONS[-1]
