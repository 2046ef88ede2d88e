"""All SQL lives here: typed functions over one aiosqlite connection, returning dataclasses."""

from bot.storage.db import Database, DatabaseTooNew

__all__ = ["Database", "DatabaseTooNew"]
