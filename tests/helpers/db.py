"""Looking inside the database the way an auditor would."""

from __future__ import annotations

from bot.storage import Database


async def row_counts(db: Database) -> dict[str, int]:
    return {
        t: int(await db.scalar(f"SELECT COUNT(*) FROM {t}")) for t in sorted(await db.table_names())
    }


async def all_values(db: Database) -> set[object]:
    """Every value in every column of every table (ints also as text)."""
    values: set[object] = set()
    for table in await db.table_names():
        for row in await db.fetchall(f"SELECT * FROM {table}"):
            for value in row:
                values.add(value)
                if isinstance(value, int):
                    values.add(str(value))
    return values
