"""Surviving mutants that no test can kill: they behave exactly as the code does.

Each is named as mutmut names it, with the reason; ``scripts.mutation`` leaves them out of
the score "without equivalents" and docs/testing.md lists them. A mutant belongs here only
when no input the program can receive tells it apart; one that merely no test reaches yet
does not.
"""

from __future__ import annotations

_ZIP_SAME_LENGTH = (
    "zip(..., strict=True) made non-strict: the states are built from the values, one per "
    "value, so both always have the same length"
)

EQUIVALENT: dict[str, str] = {
    # -- coachdesk/export/consent_filter.py -------------------------------------------------
    "coachdesk.export.consent_filter.x__copy__mutmut_4": (
        "`in extra or in _NOT_COLUMNS` as `and`: every name ever passed in `extra` is also in "
        "_NOT_COLUMNS, and no Facts class has a _NOT_COLUMNS field it is not given"
    ),
    "coachdesk.export.consent_filter.x__reason__mutmut_14": (
        "`valid_until < on` as `<=`: a consent for the recipient that ends on `on` and is not "
        "withdrawn is valid on `on`, so its category is covered and no reason is asked for "
        "(valid_until before given_on is refused by validation)"
    ),
    **{
        f"coachdesk.export.consent_filter.x__participant_facts__mutmut_{n}": (
            "another value for a programme id that names no programme: her programme_id is a "
            "foreign key to the programme table (enforced: foreign_keys = ON), and the names "
            "are read from that table, so the default is never used"
        )
        for n in (21, 23, 25, 26)
    },
    # -- coachdesk/export/export_log.py -----------------------------------------------------
    **{
        f"coachdesk.export.export_log.x__enclosed__mutmut_{n}": (
            "`item.split(':', 1)` with another maxsplit or as rsplit: an enclosure is "
            "'<id>:<sha256 hex>', one colon, so every variant gives the same two parts"
        )
        for n in (5, 6, 8)
    },
    # -- coachdesk/services/validation.py ---------------------------------------------------
    "coachdesk.services.validation.x_lengths__mutmut_15": (
        "`... if isinstance(col_type, String) else None` with the test made always true: a "
        "text value only ever sits in a String (or Text) column, and other types have no length"
    ),
    "coachdesk.services.validation.x_lengths__mutmut_20": (
        "getattr(col_type, 'length', None) without the default: reached only for String "
        "columns, which always have the attribute"
    ),
    # -- coachdesk/services/retention.py ----------------------------------------------------
    **{
        f"coachdesk.services.retention.xǁRetentionServiceǁdue_for_erasure__mutmut_{n}": (
            "the second sort key (id) dropped: SQLite sorts by the index on retention_until, "
            "whose entries with the same date are in rowid (= id) order, so no vault shows a "
            "difference"
        )
        for n in (6, 8)
    },
    # -- coachdesk/vault/integrity.py -------------------------------------------------------
    **{
        f"coachdesk.vault.integrity.x_{name}": (
            "an SQL keyword or name in other letter case: SQLite reads them without regard to "
            "case (the quoted values, which it does not, are not among these)"
        )
        for name in (
            "check_integrity__mutmut_5",
            "check_integrity__mutmut_6",
            "check_integrity__mutmut_11",
            "check_integrity__mutmut_12",
            "damaged_contents__mutmut_5",
            "damaged_contents__mutmut_12",
            "damaged_contents__mutmut_13",
            "damaged_contents__mutmut_21",
            "damaged_contents__mutmut_22",
        )
    },
    # -- coachdesk/vault/backup_format.py ---------------------------------------------------
    **{
        f"coachdesk.vault.backup_format.x_{name}": (
            "the codec named 'UTF-8' instead of 'utf-8': Python looks codec names up without "
            "regard to case, so both are the same codec"
        )
        for name in (
            "encode_header__mutmut_21",
            "encode_header__mutmut_24",
            "parse_header__mutmut_22",
            "parse_header__mutmut_63",
        )
    },
    **{
        f"coachdesk.vault.backup_format.x_encode_header__mutmut_{n}": (
            "the header's JSON keys in insertion order instead of sorted: every reader parses "
            "the JSON into a mapping (docs/backup-format.md names no order), and the header's "
            "SHA-256 is taken over the bytes as written, whatever their order"
        )
        for n in (4, 6, 22)
    },
    "coachdesk.vault.backup_format.x_parse_header__mutmut_14": (
        "`len(head) < end + 32` as `< end - 32`: a head too short for its digest fails the "
        "digest comparison next (fewer than 32 bytes never equal a SHA-256), with the same "
        "DamagedBackupError"
    ),
    # -- coachdesk/vault/store.py -----------------------------------------------------------
    **{
        f"coachdesk.vault.store.xǁVaultǁcreate__mutmut_{n}": (
            "a stale vault.db-shm looked for under another name before a vault is made: SQLite "
            "rebuilds the shared-memory index when the first connection opens a database without "
            "a log (tried with 32 KiB of random bytes and 64 KiB of 0xFF in its place: the vault "
            "is made, saves and opens again)"
        )
        for n in (28, 29)
    },
    **{
        f"coachdesk.vault.store.xǁVaultǁcreate__mutmut_{n}": (
            "the failed make's clean-up handed '' or no lock: Vault() only builds a lazy engine "
            "and touches no file, so it does not fail; `vault` is set before anything in the "
            "block can fail, and _let_go then locks the vault, which releases its own lock"
        )
        for n in (48, 61)
    },
    **{
        f"coachdesk.vault.store.xǁVaultǁcreate__mutmut_{n}": (
            "a failed make's -wal or -shm looked for under another name: _let_go locks the vault "
            "first, and SQLite removes both when its last connection closes, so there never is "
            "one to remove by name"
        )
        for n in (69, 70, 72, 73)
    },
    "coachdesk.vault.store.xǁVaultǁ_open__mutmut_24": (
        "`spare is None or other == key` with `and`: without a spare, other is the key (both "
        "raise); with a spare giving the same key, the mutant opens once more with it, meets "
        "the same database and raises the same DamagedVaultError"
    ),
    **{
        f"coachdesk.vault.store.xǁVaultǁ_checkpoint__mutmut_{n}": (
            "the checkpoint pragma in another letter case: SQLite ignores the case of pragmas"
        )
        for n in (3, 4)
    },
    "coachdesk.vault.store.xǁVaultǁ__init____mutmut_12": (
        "expire_on_commit=None (false) instead of False"
    ),
    **{
        f"coachdesk.vault.store.xǁVaultǁ__init____mutmut_{n}": (
            "sessions that expire their objects on commit (SQLAlchemy's default): every service "
            "copies rows into records before it commits, so nothing reads an expired object; "
            "it only costs reloads (the services, export, report and record-type tests, 280 of "
            "them, pass with it)"
        )
        for n in (14, 15)
    },
    # -- coachdesk/vault/backup.py ----------------------------------------------------------
    **{
        f"coachdesk.vault.backup.{name}": (
            "SQL keywords or names in another letter case: SQLite ignores the case of keywords, "
            "pragmas and table names"
        )
        for name in (
            *(f"x__copy_database__mutmut_{n}" for n in (13, 18, 19, 41, 44, 45)),
            "x_table_counts__mutmut_5",
            *(f"x_check_database__mutmut_{n}" for n in (9, 10, 15, 16, 26, 27)),
        )
    },
    **{
        f"coachdesk.vault.backup.x__check__mutmut_{n}": (
            "another name for the private temporary folder or file a backup is checked in: it "
            "is made, used and removed within _check, and no one looks for it by name"
        )
        for n in (3, 4, 5, 9, 10)
    },
    **{
        f"coachdesk.vault.backup.x__copy_database__mutmut_{n}": (
            "the copy's pause when the source is busy (sleep) left at its default or set to "
            "1 s: the copy runs inside its own read transaction on a WAL database, where a "
            "step never meets a busy or locked source, so it never sleeps"
        )
        for n in (36, 38)
    },
    "coachdesk.vault.backup.x__copy_database__mutmut_37": (
        "the copy made in steps of 257 pages instead of 256: the same pages are copied, and "
        "progress is reported per step either way"
    ),
    **{
        f"coachdesk.vault.backup.x_unlock__mutmut_{n}": (
            "the text of the ValueError for a call with neither passphrase nor recovery code: a "
            "programming error (every caller passes one), never shown to a coach"
        )
        for n in (9, 10, 11)
    },
    "coachdesk.vault.backup.x_backup__mutmut_49": (
        "`done` starting as None instead of False: it is only read as `not done`"
    ),
    **{
        f"coachdesk.vault.backup.x_backup__mutmut_{n}": (
            "`done` left false after a backup that was made: the clean-up then tries to remove "
            "the folders it made, which hold the new backup, so each rmdir fails (suppressed) "
            "and they stay, as they do when `done` is true"
        )
        for n in (96, 97)
    },
    **{
        f"coachdesk.vault.backup.x_backup__mutmut_{n}": (
            "other names for the temporary copy's -wal and -shm files in the clean-up: SQLite "
            "removes both when the copy's connection closes (in _copy_database), before the "
            "clean-up runs, so there is never one to remove by name"
        )
        for n in (108, 109, 110, 111)
    },
    # -- coachdesk/vault/keyslots.py --------------------------------------------------------
    **{
        f"coachdesk.vault.keyslots.xǁKeySlotsǁ{name}": (
            "the codec named in capitals ('UTF-8', 'ASCII'): Python looks codec names up "
            "without regard to case, so both are the same codec"
        )
        for name in (
            "to_bytes__mutmut_17",
            "with_passphrase__mutmut_10",
            "with_recovery_code__mutmut_5",
            "unlock_with_recovery_code__mutmut_16",
            "unlock_with_passphrase__mutmut_16",
        )
    },
    **{
        f"coachdesk.vault.keyslots.xǁKeySlotsǁto_bytes__mutmut_{n}": (
            "the key file's JSON indented by 3 or not at all instead of 2: every reader parses "
            "the JSON (docs/vault-format.md fixes no layout); raw bytes are compared only "
            "between the file and its checked copy, and a difference there only makes "
            "CoachDesk write the copy again from the intact file, or try the copy's slots "
            "after a failed open, with the same outcome"
        )
        for n in (12, 14, 15)
    },
    **{
        f"coachdesk.vault.keyslots.x_write_copy__mutmut_{n}": (
            "write_copy's True/False answer inverted: no caller reads it (save, repaired and "
            "restore call it for its effect only), and the file written or not is the same"
        )
        for n in (3, 7, 13)
    },
    "coachdesk.vault.keyslots.xǁKeySlotsǁrepaired__mutmut_24": (
        "the copy's slots written back re-serialised instead of as their bytes were read: "
        "the same slots either way (a damaged slot is written back from what was read, so it "
        "stays damaged), and the copy is rewritten only if the bytes differ"
    ),
    "coachdesk.vault.keyslots.xǁKeySlotsǁrepaired__mutmut_47": (
        "the reason `exc.strerror or str(exc)` with str(None) as the fallback: the OSError "
        "comes from os.open, write, fsync or os.replace, which always give a strerror"
    ),
    "coachdesk.vault.keyslots.xǁKeySlotsǁrepaired__mutmut_48": (
        "an assertion of an invariant made weaker (`or` for `and`): main and main_raw are both "
        "None or both set (main is parsed from main_raw), and main is set on this branch"
    ),
    "coachdesk.vault.keyslots.xǁKeySlotsǁrepaired__mutmut_71": (
        "the repaired slots keep the files as read (on_disk): the open vault reads only their "
        "notices; every later change loads the key file anew"
    ),
    "coachdesk.vault.keyslots.x__read__mutmut_2": (
        "the bytes of a key file over the size limit given as b'XXXX' instead of b'': they "
        "only mark the file as there but unreadable (its slots are None either way), and are "
        "compared only with the copy's bytes when both files read as slots"
    ),
    **{
        f"coachdesk.vault.keyslots.xǁKeySlotsǁfrom_bytes__mutmut_{n}": (
            "the key file decoded with bytes.decode's default codec, or 'UTF-8' in capitals: "
            "the default is UTF-8 in every Python 3, and codec names ignore case"
        )
        for n in (5, 8)
    },
    "coachdesk.vault.keyslots.xǁKeySlotsǁ_try__mutmut_1": (
        "`problem` starting as '' instead of None: it is only returned through "
        "`problem or (...)`, where '' and None both give the right-hand side"
    ),
    "coachdesk.vault.keyslots.xǁKeySlotsǁ_try__mutmut_2": (
        "`tried` starting as None instead of False: only read as a condition, where both are false"
    ),
    # -- coachdesk/vault/slot.py -----------------------------------------------------------
    **{
        f"coachdesk.vault.slot.{name}": (
            "the text of an internal exception that is caught where it is raised for "
            "(from_json turns it into a damaged slot, unwrap into 'the stored key is damaged') "
            "and never shown or logged"
        )
        for name in (
            *(f"xǁKdfParamsǁderive__mutmut_{n}" for n in (6, 7, 8, 9)),
            *(f"x__unb64__mutmut_{n}" for n in (2, 3, 4)),
            *(f"xǁSlotǁ_parse__mutmut_{n}" for n in (9, 10, 11, 30, 31, 32)),
        )
    },
    **{
        f"coachdesk.vault.slot.{name}": (
            "the codec named in capitals ('UTF-8', 'ASCII'): codec names ignore case"
        )
        for name in ("x__check__mutmut_13", "x__b64__mutmut_4", "x__unb64__mutmut_11")
    },
    "coachdesk.vault.slot.xǁSlotǁunwrap__mutmut_1": (
        "the guard `problem is not None or len(nonce) != 12` with `and`: a slot without a "
        "problem always has a 12-byte nonce (from_json refuses any other, wrap makes 12), and a "
        "problem slot has an empty one, so both forms are true or false together"
    ),
    "coachdesk.vault.slot.xǁSlotǁunwrap__mutmut_33": (
        "the unwrapped key returned whatever its length: a usable slot's wrapped key is 48 "
        "bytes (from_json refuses any other), and AES-GCM gives back 48 - 16 = 32"
    ),
    "coachdesk.vault.slot.x_new_data_key__mutmut_1": (
        "secrets.token_bytes(None) instead of (KEY_BYTES): its default is 32 bytes, KEY_BYTES"
    ),
    "coachdesk.vault.slot.x_checked__mutmut_6": (
        "the codec named 'UTF-8' instead of 'utf-8': Python looks codec names up without "
        "regard to case"
    ),
    "coachdesk.vault.slot.x_checked__mutmut_9": (
        "a key file that is not JSON called checked: checked() is only asked about a file that "
        "KeySlots.from_bytes read as whole slots, so always a JSON object; a byte that is not "
        "UTF-8 lands in a string, which a slot's checksum covers (or, in vault_id, lets "
        "nothing open from that file)"
    ),
    **{
        f"coachdesk.vault.slot.xǁSlotǁ_with_problem__mutmut_{n}": (
            "a placeholder field of a slot with a problem (id, kdf, salt, nonce, wrapped key) "
            "as None or another id: "
            "nothing reads them (unwrap refuses the slot on its problem first, _try passes it "
            "by, to_json writes back the raw JSON it was read from)"
        )
        for n in (12, 14, 15, 16, 17, 28, 30, 31, 32)
    },
    "coachdesk.vault.slot.xǁSlotǁwrap__mutmut_2": (
        "the ValueError's text for parameters out of range: a programming error (callers pass "
        "DEFAULT_KDF or the tests' minimum), never shown to a coach"
    ),
    "coachdesk.vault.slot.xǁSlotǁwrap__mutmut_4": (
        "a new slot's salt of 32 bytes (token_bytes' default) instead of 16: every salt of 8 "
        "to 64 bytes is written, read and used alike"
    ),
    # -- coachdesk/vault/restore.py --------------------------------------------------------
    **{
        f"coachdesk.vault.restore.x__stage__mutmut_{n}": (
            "a leftover vault.db-wal or -shm in the staging folder looked for under another "
            "name: SQLite removes both when check_database's only connection closes (a failed "
            "check removes the whole folder), so there is never one to remove; the restored "
            "folder's contents are checked in test_guards_restore.py"
        )
        for n in (25, 26, 28, 29)
    },
    # -- coachdesk/reports/quarterly.py -----------------------------------------------------
    "coachdesk.reports.periods.x_months__mutmut_11": (
        "the next month as the 1st + 33 days instead of + 32: months have 28 to 31 days, so "
        "both land on the 2nd to 6th of the next month, which .replace(day=1) makes the 1st"
    ),
    "coachdesk.reports.periods.x_quarter_of__mutmut_21": (
        "the next quarter as its first day + 94 days instead of + 93: quarters have 90 to 92 "
        "days, so both land in the next quarter's first month"
    ),
    **{
        f"coachdesk.reports.quarterly.x_{name}": (
            "count(<id>) as count(None), which SQLAlchemy writes count(*): the ids are "
            "primary keys, never NULL, so both count the same rows"
        )
        for name in (
            "_exits_by_destination__mutmut_11",
            "_status_count__mutmut_6",
            "_steps__mutmut_6",
            "compute__mutmut_12",
            "compute__mutmut_120",
            "compute__mutmut_147",
        )
    },
    **{
        f"coachdesk.reports.quarterly.x_{name}": (
            "the join condition dropped or None: SQLAlchemy takes it from the only foreign key "
            "between the two tables, which is the same condition"
        )
        for name in (
            "_consents_by_category__mutmut_6",
            "_consents_by_category__mutmut_8",
            "_modules__mutmut_12",
            "_modules__mutmut_14",
        )
    },
    **{
        f"coachdesk.reports.quarterly.x_{name}": (
            "CASE ... ELSE 0 as ELSE NULL (or without ELSE): SUM skips NULLs, and a SUM of none "
            "is read as 0 (`int(p or 0)`)"
        )
        for name in (
            "_modules__mutmut_37",
            "_modules__mutmut_39",
            "_modules__mutmut_45",
            "_modules__mutmut_47",
            "_modules__mutmut_54",
            "_modules__mutmut_56",
        )
    },
    **{
        f"coachdesk.reports.quarterly.x_{name}": (
            "modules with the same title no longer ordered by id: grouped by Module.id, SQLite "
            "gives them in id order anyway"
        )
        for name in ("_modules__mutmut_4", "_modules__mutmut_6")
    },
    "coachdesk.reports.quarterly.x_compute__mutmut_21": (
        "the programme looked up also for a report of every file: s.get(Programme, None) "
        "returns None, as the code's own None does"
    ),
    "coachdesk.reports.periods.x_previous_quarter__mutmut_6": (
        "the previous quarter found from its first day - 2 days instead of - 1: both days "
        "are in the previous quarter"
    ),
    # -- coachdesk/reports/suppression.py ---------------------------------------------------
    **{
        f"coachdesk.reports.suppression.x_{name}": _ZIP_SAME_LENGTH
        for name in (
            "_bounds__mutmut_4",
            "_bounds__mutmut_7",
            "_bounds__mutmut_8",
            "_bounds__mutmut_21",
            "_bounds__mutmut_24",
            "_bounds__mutmut_25",
            "protect__mutmut_17",
            "protect__mutmut_20",
            "protect__mutmut_21",
            "protect__mutmut_57",
            "protect__mutmut_60",
            "protect__mutmut_61",
        )
    },
    "coachdesk.reports.suppression.x__bounds__mutmut_12": (
        "shown cells `v > 0` as `v > 1`: a shown cell is 0 or at least 3 (1 and 2 are small)"
    ),
    "coachdesk.reports.suppression.x_protect__mutmut_37": (
        "cells to hide `values[i] > 0` as `> 1`: a shown cell is 0 or at least 3"
    ),
    "coachdesk.reports.suppression.x__bounds__mutmut_36": (
        "the bounds of a withheld cell: _bounds runs only while protect() is still deciding, "
        "before any cell is withheld"
    ),
    "coachdesk.reports.suppression.x__bounds__mutmut_37": (
        "the bounds of a withheld cell: _bounds runs only while protect() is still deciding, "
        "before any cell is withheld"
    ),
}
