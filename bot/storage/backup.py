"""Copies of the database through SQLite's online backup API: taken while the bot runs, put back.

`backup` reads one consistent snapshot (the bot's database is in WAL mode, so it keeps
writing meanwhile) into a single self-contained file, checks it, and only then moves it to
its name, so a failed or interrupted backup never replaces a good one. `restore` copies a
backup over the database through the same API, which also settles any `-wal` file left
beside it by a crash: copying the file by hand next to a stale `-wal` would corrupt it. The
bot must be stopped for a restore; it migrates an older backup when it next starts.

Neither touches the secrets for anonymous counting (`CYDLAIS_SECRETS_DIR`): they live outside
the database and are destroyed when their day or week ends, so a backup must not keep them.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import tempfile
from dataclasses import dataclass
from pathlib import Path

from bot.storage.db import DatabaseTooNew, migrations


class BackupError(Exception):
    """The copy could not be made or is not sound; the message says what to do."""


@dataclass(frozen=True, slots=True)
class Copied:
    path: Path
    size: int  # bytes
    schema_version: int


def backup(database: Path, target: Path) -> Copied:
    """Copy the live database to `target` (replaced only once the copy is whole and checked)."""
    if not database.is_file():
        raise BackupError(f"There is no database at {database}: check CYDLAIS_DATABASE.")
    if target.exists() and target.resolve() == database.resolve():
        raise BackupError("The backup would overwrite the database itself: choose another path.")
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".partial", dir=target.parent)
    os.close(fd)
    partial = Path(name)
    try:
        with (
            contextlib.closing(_connect(database)) as source,
            contextlib.closing(sqlite3.connect(partial)) as copy,
        ):
            source.backup(copy)  # all pages in one step: one snapshot
            copy.execute("PRAGMA journal_mode=DELETE")  # one file, no -wal beside it
            version = _check(copy, partial)
        os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
    return Copied(target, target.stat().st_size, version)


def restore(backup_file: Path, database: Path) -> Copied:
    """Put a backup in the database's place. The bot must not be running."""
    if not backup_file.is_file():
        raise BackupError(f"There is no backup at {backup_file}.")
    if database.exists() and database.resolve() == backup_file.resolve():
        raise BackupError("The backup is the database itself: nothing to restore.")
    with contextlib.closing(_connect(backup_file)) as source:
        version = _check(source, backup_file)
        latest = max((v for v, _, _ in migrations()), default=0)
        if version > latest:
            raise DatabaseTooNew(
                f"The backup {backup_file} is at schema version {version}, but this Cydlais "
                f"only knows up to {latest}. Restore it with a newer Cydlais."
            )
        database.parent.mkdir(parents=True, exist_ok=True)
        with contextlib.closing(_connect(database)) as live:
            source.backup(live)
    return Copied(database, database.stat().st_size, version)


def _connect(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=10.0)  # waits out the bot's write locks
    conn.execute("PRAGMA busy_timeout=10000")
    return conn


def _check(conn: sqlite3.Connection, path: Path) -> int:
    """The schema version of a sound database; BackupError if SQLite finds it damaged."""
    try:
        result = conn.execute("PRAGMA integrity_check").fetchone()[0]
        version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.DatabaseError as exc:
        raise BackupError(f"{path} is not a sound SQLite database ({exc}).") from exc
    if result != "ok":
        raise BackupError(f"{path} failed SQLite's integrity check: {result}")
    return version
