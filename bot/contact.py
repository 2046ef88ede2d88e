"""Direct contact: a member writes to a representative of their network, named or
anonymously, and the representative replies; the messages go straight from chat to chat and
are never stored.

How an anonymous thread knows where a reply goes, and then forgets: the thread's row holds
the member's Telegram id XOR-ed with a pad drawn from the thread's own secret in
`bot.secrets` (an HMAC, so a pseudo-random function of the thread: one value per secret,
which is what a one-time pad needs). The secret lives outside the database and expires with
the thread. While the thread is open the bot can unseal the id and route a reply; when it
ends (either side, the 30 days, a report) the column is cleared and the secret destroyed, so
no copy of the database, however old, says whose it was. What this does not hide, said
plainly: while a thread is open, whoever holds both the database and the secrets could
unseal it. Named threads hold the member's id openly (it is their choice, and /mydata
shows it) until they end.

The Telegram id is sealed with the member number: a number freed by /forget can be given to
someone else, a Telegram id never is; so a member who joined again after the thread opened
is never its sender, and an anonymous sender who used /forget has their threads ended at the
next tick.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import Lang
from bot.secrets import SecretGone, SecretStore
from bot.storage import Database, members
from bot.storage import contact as store
from bot.storage import views as view_store
from bot.storage.contact import EndedBy, Thread
from bot.storage.members import Member

MIN_LENGTH = 2
MAX_LENGTH = 3000  # as a view: one message, in the member's own words


@dataclass(slots=True)
class Draft:
    """A message being written (by a member or a representative): held only in memory.

    Never written to the database, python-telegram-bot's user_data or a log; it goes when it
    is sent, cancelled, replaced by another question, or left for 15 minutes.
    """

    lang: Lang
    constituency_id: int | None = None
    rep_id: int | None = None
    named: bool = False
    thread_id: int | None = None  # a reply within a thread
    text: str | None = field(default=None, repr=False)

    def forget(self) -> None:
        self.text = None


def scope(thread_id: int) -> str:
    return f"contact.thread:{thread_id}"


def closes_at(opened_on: date, days: int, tz: ZoneInfo) -> datetime:
    """Midnight at the end of the last day: no time of day is kept for a thread."""
    return datetime.combine(opened_on + timedelta(days=days + 1), time(0), tz)


async def _pad(secrets: SecretStore, thread_id: int, expires: datetime) -> int:
    """128 bits from the thread's secret: enough to cover a Telegram id and a member number."""
    return int((await secrets.tag(scope(thread_id), expires, "seal"))[:32], 16)


def _pack(member: Member) -> int:
    return (member.telegram_id << 64) | member.id  # both fit in 64 bits


async def open_thread(
    db: Database,
    secrets: SecretStore,
    *,
    member: Member,
    rep_id: int,
    constituency_id: int,
    named: bool,
    today: date,
    days: int,
    tz: ZoneInfo,
) -> Thread:
    thread_id = await store.new_thread_id(db)
    expires = closes_at(today, days, tz)
    sealed = None
    if not named:
        sealed = format(_pack(member) ^ await _pad(secrets, thread_id, expires), "x")
    await store.open_thread(
        db,
        thread_id,
        constituency_id=constituency_id,
        rep_id=rep_id,
        member_id=member.id if named else None,
        sealed=sealed,
        opened_on=today,
        expires_at=expires,
    )
    thread = await store.get_thread(db, thread_id)
    assert thread is not None
    return thread


async def _unsealed(secrets: SecretStore, thread: Thread) -> int | None:
    """The packed Telegram id and member number of an open anonymous thread, or None."""
    if not thread.open or thread.named or thread.sealed is None:
        return None
    try:
        return int(thread.sealed, 16) ^ await _pad(secrets, thread.id, thread.expires_at)
    except (SecretGone, ValueError):
        return None


def _same(member_id: int, telegram_id: int, created: date, packed: int, thread: Thread) -> bool:
    # Someone who used /forget since is gone: whoever has that account now is someone new.
    return (telegram_id << 64 | member_id) == packed and created <= thread.opened_on


async def sender(db: Database, secrets: SecretStore, thread: Thread) -> Member | None:
    """The member who opened an open thread, or None (it ended, or they have left)."""
    if not thread.open:
        return None
    if thread.named:
        return await members.by_id(db, thread.member_id) if thread.member_id else None
    packed = await _unsealed(secrets, thread)
    if packed is None:
        return None
    member = await members.by_telegram_id(db, packed >> 64)
    if member is None or not _same(
        member.id, member.telegram_id, member.created_at.date(), packed, thread
    ):
        return None
    return member


async def departed(db: Database, secrets: SecretStore) -> list[Thread]:
    """Open anonymous threads whose sender has left (/forget): one query for all of them."""
    threads = [t for t in await store.open_threads(db) if not t.named]
    packed = {t.id: await _unsealed(secrets, t) for t in threads}
    present = await store.members_by_telegram_id(
        db, {p >> 64 for p in packed.values() if p is not None}
    )
    gone = []
    for thread in threads:
        value = packed[thread.id]
        found = present.get(value >> 64) if value is not None else None
        if value is None or found is None or not _same(*found, value, thread):
            gone.append(thread)
    return gone


async def end(db: Database, secrets: SecretStore, thread: Thread, by: EndedBy) -> bool:
    """Close the thread: the link to the member is cleared, its secret destroyed, and the
    write-ahead log emptied so the old row's pages are not left in it. False if it was closed."""
    ended = await store.end_thread(db, thread.id, by)
    await secrets.destroy(scope(thread.id))
    if ended:
        await view_store.forget_write_order(db)
    return ended


async def expire_due(db: Database, secrets: SecretStore, now: datetime) -> int:
    """End every thread past its 30 days, or whose representative or named member has left."""
    ended = 0
    for thread in await store.expired_threads(db, now):
        ended += await end(db, secrets, thread, "expired")
    for thread in await store.gone_threads(db):
        ended += await end(db, secrets, thread, "gone")
    for thread in await departed(db, secrets):  # anonymous senders who used /forget
        ended += await end(db, secrets, thread, "gone")
    return ended
