"""Ids are never used twice: members, roles and invitations keep the highest id ever given,
and the migration that made it so keeps every row that pointed at them."""

from __future__ import annotations

from pathlib import Path

import aiosqlite

from bot.storage import Database, constituencies, invites, members, roles
from bot.storage.db import _split_sql, migrations


async def test_a_forgotten_members_id_is_never_given_again(tmp_path: Path) -> None:
    db = await Database.open(tmp_path / "ids.sqlite3")
    try:
        first = await members.create(db, 1001, 1001, "cy")
        last = await members.create(db, 1002, 1002, "en")
        await members.delete(db, last.id)  # /forget by the newest member
        newcomer = await members.create(db, 1003, 1003, "en")
        assert newcomer.id > last.id > first.id
        place = await constituencies.create(db, "a", "A", "A")
        await roles.grant(db, first.id, "representative", place)
        [grant] = await roles.of_member(db, first.id)
        await roles.revoke(db, grant.id)
        await roles.grant(db, newcomer.id, "representative", place)
        [again] = await roles.of_member(db, newcomer.id)
        assert again.id > grant.id  # a stale "Remove role" button can't hit the new one
        made, _ = await invites.create(db, role="member", constituency_id=place, created_by=None)
        await db.execute("DELETE FROM invites WHERE id = ?", (made.id,))  # pruned
        later, _ = await invites.create(db, role="member", constituency_id=place, created_by=None)
        assert later.id > made.id
    finally:
        await db.close()


async def test_the_migration_keeps_every_row_that_points_at_a_member(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite3"
    async with aiosqlite.connect(path, isolation_level=None) as conn:
        await conn.execute("PRAGMA foreign_keys=ON")
        for version, _, sql in migrations():
            if version >= 9:
                break
            for statement in _split_sql(sql):
                await conn.execute(statement)
            await conn.execute(f"PRAGMA user_version = {version}")
        now = "2026-11-30T10:00:00+00:00"
        await conn.execute(
            "INSERT INTO members (id, telegram_id, chat_id, language, consented_at, created_at)"
            " VALUES (7, 70, 70, 'cy', ?, ?)",
            (now, now),
        )
        await conn.execute(
            "INSERT INTO constituencies (id, slug, name_cy, name_en, created_at)"
            " VALUES (1, 'a', 'A', 'A', ?)",
            (now,),
        )
        await conn.execute(
            "INSERT INTO memberships (member_id, constituency_id, joined_at) VALUES (7, 1, ?)",
            (now,),
        )
        await conn.execute(
            "INSERT INTO roles (member_id, role, constituency_id, granted_at)"
            " VALUES (7, 'representative', 1, ?)",
            (now,),
        )
        await conn.execute(
            "INSERT INTO audit_log (at, actor_id, action) VALUES (?, 7, 'role.granted')", (now,)
        )
    db = await Database.open(path)  # applies the rest, foreign keys off while it rebuilds
    try:
        assert await db.scalar("SELECT COUNT(*) FROM memberships WHERE member_id = 7") == 1
        assert await db.scalar("SELECT COUNT(*) FROM roles WHERE member_id = 7") == 1
        assert await db.scalar("SELECT actor_id FROM audit_log") == 7
        assert await db.scalar("PRAGMA foreign_keys") == 1
        assert "AUTOINCREMENT" in await db.scalar(
            "SELECT sql FROM sqlite_master WHERE name = 'members'"
        )
        await members.delete(db, 7)  # and /forget still cascades
        assert await db.scalar("SELECT COUNT(*) FROM memberships") == 0
        assert await db.scalar("SELECT actor_id FROM audit_log") is None
        newcomer = await members.create(db, 80, 80, "en")
        assert newcomer.id == 8
    finally:
        await db.close()
