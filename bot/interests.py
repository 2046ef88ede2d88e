"""Declared interests: a representative says what might bear on their decisions, and since
when; members of their networks see them (`/reps`). Every change is in the audit log (by id
only: the words are the representative's own data and go with them on /forget)."""

from __future__ import annotations

from bot.domain.dates import Since
from bot.storage import Database, audit
from bot.storage import interests as store
from bot.storage.interests import Interest

WHAT_MIN = 3
WHAT_MAX = 300


def clean(text: str) -> str:
    """One line, single spaces: an interest reads as one entry in a list."""
    return " ".join(text.split())


async def declare(db: Database, member_id: int, what_cy: str, what_en: str, since: Since) -> int:
    async with db.transaction() as tx:
        interest_id = await store.declare(tx, member_id, what_cy, what_en, since)
        await audit.record(tx, member_id, "interest.declared", interest=interest_id)
    return interest_id


async def update(
    db: Database, member_id: int, interest_id: int, what_cy: str, what_en: str, since: Since
) -> bool:
    """Change one of the member's own current interests; False if it is not one."""
    async with db.transaction() as tx:
        found = await store.get(tx, interest_id)
        if found is None or found.member_id != member_id or found.withdrawn_at is not None:
            return False
        await store.update(tx, interest_id, what_cy, what_en, since)
        await audit.record(tx, member_id, "interest.updated", interest=interest_id)
    return True


async def withdraw(db: Database, member_id: int, interest_id: int) -> bool:
    """Withdraw one of the member's own current interests; False if it is not one."""
    async with db.transaction() as tx:
        found = await store.get(tx, interest_id)
        if found is None or found.member_id != member_id:
            return False
        if not await store.withdraw(tx, interest_id):
            return False
        await audit.record(tx, member_id, "interest.withdrawn", interest=interest_id)
    return True


async def own(db: Database, member_id: int, interest_id: int) -> Interest | None:
    """The member's own current interest with this id, or None (forged, withdrawn, another's)."""
    found = await store.get(db, interest_id)
    if found is None or found.member_id != member_id or found.withdrawn_at is not None:
        return None
    return found


async def current(db: Database, member_id: int) -> list[Interest]:
    return (await store.current_of(db, [member_id]))[member_id]
