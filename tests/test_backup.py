"""`python -m bot backup PATH` while the bot works, and `restore PATH` of an older backup."""

from __future__ import annotations

import asyncio
import dataclasses
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bot.config import Settings
from bot.sim.harness import Harness
from bot.storage import Database
from bot.storage.backup import BackupError, backup, restore
from bot.storage.db import migrations
from tests.helpers.people import onboard


def cli_env(database: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TELEGRAM_", "CYDLAIS_"))}
    return {**env, "CYDLAIS_DATABASE": str(database)}


def members_in(path: Path) -> set[int]:
    conn = sqlite3.connect(path)
    try:
        return {row[0] for row in conn.execute("SELECT telegram_id FROM members")}
    finally:
        conn.close()


async def test_a_backup_taken_while_people_sign_up_is_whole(
    harness: Harness, tmp_path: Path
) -> None:
    joined: list[int] = []
    stop, under_way = asyncio.Event(), asyncio.Event()

    async def keep_signing_up() -> None:
        while not stop.is_set():
            lang = "cy" if len(joined) % 2 else "en"
            joined.append((await onboard(harness, 7000 + len(joined), lang=lang)).id)
            if len(joined) == 2:
                under_way.set()

    writer = asyncio.create_task(keep_signing_up())
    await asyncio.wait_for(under_way.wait(), 10)
    before = len(joined)
    target = tmp_path / "copies" / "cydlais-backup.sqlite3"
    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "backup", str(target), cwd=tmp_path,
        env=cli_env(harness.settings.database), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    out, err = await process.communicate()
    during = len(joined)
    stop.set()
    await writer

    assert process.returncode == 0, err.decode()
    assert out.decode().startswith(f"Backed up {harness.settings.database} to {target}")
    assert during > before  # the bot went on writing while the copy was taken
    copy = members_in(target)
    assert set(joined[:before]) <= copy <= set(joined)
    conn = sqlite3.connect(target)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file
    finally:
        conn.close()
    assert sorted(p.name for p in target.parent.iterdir()) == [target.name]  # no partial left
    # Someone who signed up before the backup is still served by the bot that kept running.
    [answer] = await harness.person(joined[0]).say("/help")
    assert "What I can do" in answer.text or "Beth alla i ei wneud" in answer.text


def old_database(path: Path, telegram_id: int, lang: str) -> None:
    """A database at schema version 4 (before menus were remembered), with one member."""
    conn = sqlite3.connect(path)
    try:
        for version, _, sql in migrations():
            if version <= 4:
                conn.executescript(sql)
                conn.execute(f"PRAGMA user_version = {version}")
        conn.execute(
            "INSERT INTO members (telegram_id, chat_id, language, consented_at, created_at)"
            " VALUES (?, ?, ?, '2026-01-05T10:00:00+00:00', '2026-01-05T10:00:00+00:00')",
            (telegram_id, telegram_id, lang),
        )
        conn.commit()
    finally:
        conn.close()


async def test_an_older_backup_restores_migrates_and_serves(
    settings: Settings, tmp_path: Path
) -> None:
    live = settings.database
    async with Harness(settings) as h:  # the bot has been in use since the backup was taken
        await onboard(h, 8002, lang="en")
    old = tmp_path / "old.sqlite3"
    old_database(old, 8001, "cy")
    saved = tmp_path / "saved.sqlite3"
    assert backup(old, saved).schema_version == 4

    process = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", "restore", str(saved), cwd=tmp_path, env=cli_env(live),
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    out, err = await process.communicate()
    assert process.returncode == 0, err.decode()
    assert "Restored" in out.decode() and "schema version 4" in out.decode()

    db = await Database.open(live)  # opens and migrates
    try:
        assert await db.scalar("PRAGMA user_version") == migrations()[-1][0]
        assert await db.scalar("PRAGMA integrity_check") == "ok"
    finally:
        await db.close()
    async with Harness(dataclasses.replace(settings, database=live)) as h:
        [answer] = await h.person(8001).say("/cymorth")
        assert "Beth alla i ei wneud" in answer.text  # a member from the backup, in Welsh
        stranger = await h.person(8002).say("/help")  # after the backup: not in it
        assert "What I can do" not in stranger[-1].text


def test_bad_backups_and_paths_are_refused_with_a_reason(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite3"
    old_database(database, 1, "en")
    with pytest.raises(BackupError, match="no database"):
        backup(tmp_path / "missing.sqlite3", tmp_path / "b.sqlite3")
    with pytest.raises(BackupError, match="overwrite the database itself"):
        backup(database, database)
    garbage = tmp_path / "garbage.sqlite3"
    garbage.write_bytes(b"this is not a database" * 100)
    with pytest.raises(BackupError, match="not a sound SQLite database"):
        restore(garbage, database)
    newer = tmp_path / "newer.sqlite3"
    backup(database, newer)
    conn = sqlite3.connect(newer)
    conn.execute("PRAGMA user_version = 999")
    conn.close()
    result = subprocess.run(  # noqa: S603  # our own module
        [sys.executable, "-m", "bot", "restore", str(newer)], cwd=tmp_path, env=cli_env(database),
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert result.returncode == 2
    assert (
        result.stderr.startswith("Cydlais cannot restore:")
        and "schema version 999" in result.stderr
    )
    assert len(result.stderr.strip().splitlines()) == 1
    assert members_in(database) == {1}  # left as it was
