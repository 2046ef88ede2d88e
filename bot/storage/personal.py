"""Everything linkable to one member, found from the schema itself.

Any table with a column that references `members(id)` holds personal data. Reading the
foreign keys means a table added by a later migration is included in /mydata and erased
by /forget without anyone having to remember to add it here.
"""

from __future__ import annotations

from typing import Any

from bot.storage.db import Database


async def member_columns(db: Database) -> list[tuple[str, str, str]]:
    """(table, column, on_delete) for every column referencing members(id)."""
    found = []
    for table in await db.table_names():
        for fk in await db.fetchall(f"PRAGMA foreign_key_list({table})"):
            if fk["table"] == "members":
                found.append((table, fk["from"], fk["on_delete"]))
    return sorted(found)


async def export(db: Database, member_id: int) -> dict[str, list[dict[str, Any]]]:
    """Every row about the member, by table; the members row itself first."""
    data: dict[str, list[dict[str, Any]]] = {}
    row = await db.fetchone("SELECT * FROM members WHERE id = ?", (member_id,))
    if row is None:
        return data
    data["members"] = [dict(row)]
    for table, column, _ in await member_columns(db):
        rows = await db.fetchall(f"SELECT * FROM {table} WHERE {column} = ?", (member_id,))  # noqa: S608  # names come from the schema, not from people
        if rows:
            data.setdefault(table, []).extend(dict(r) for r in rows)
    return data
