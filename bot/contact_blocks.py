"""Reports of abuse and blocks: stopping a sender without learning who they are.

A representative reports a conversation; at that moment, while the thread can still be
unsealed, the sender's Telegram id becomes a keyed hash under the report's own secret
(`bot.secrets`, outside the database), and the thread ends. A coordinator reads the
representative's note and either dismisses the report (the secret is destroyed: the hash can
never be matched again) or stops the sender contacting representatives for 3 or 12 months
(the secret is kept until then). Whenever someone starts or continues a conversation, their
Telegram id is hashed under each current block's secret and compared: so the sender is
stopped, and nobody, coordinators included, is told who they are. An undecided report lapses
after 30 days, and a block ends on its day: either way its secret goes.

What this does not hide: while a report is undecided or a block lasts, whoever holds both the
database and the secrets could try every member's Telegram id and find the match.
"""

from __future__ import annotations

import hmac
from datetime import date, datetime, timedelta

from bot.config import Settings
from bot.domain.dates import add_months
from bot.secrets import SecretGone, SecretStore
from bot.storage import Database, audit, members, roles
from bot.storage import contact as store
from bot.storage.contact import Report, Thread
from bot.storage.db import utcnow
from bot.storage.members import Member

REPORT_DAYS = 30  # how long a coordinator has to decide before the report lapses
BLOCK_MONTHS = (3, 12)
NOTE_MAX = 1000


def report_scope(report_id: int) -> str:
    return f"contact.report:{report_id}"


async def report(
    db: Database,
    secrets: SecretStore,
    *,
    thread: Thread,
    sender: Member,
    reporter_id: int,
    note: str,
    today: date,
) -> int:
    """Record the report with the sender's keyed hash; the caller ends the thread after."""
    decide_by = utcnow() + timedelta(days=REPORT_DAYS)
    async with db.transaction() as tx:
        report_id = await store.add_report(
            tx,
            constituency_id=thread.constituency_id,
            reported_by=reporter_id,
            note=note,
            sender_tag="",
            reported_on=today,
            decide_by=decide_by,
        )
        tag = await secrets.tag(report_scope(report_id), decide_by, "sender", sender.telegram_id)
        await tx.execute("UPDATE contact_reports SET sender_tag = ? WHERE id = ?", (tag, report_id))
        await audit.record(
            tx, reporter_id, "contact.reported", report=report_id, network=thread.constituency_id
        )
    return report_id


async def block(
    db: Database, secrets: SecretStore, found: Report, months: int, coordinator_id: int
) -> datetime | None:
    """Stop the report's sender for `months`; None if the report was decided or has lapsed."""
    if found.status != "open" or months not in BLOCK_MONTHS:
        return None
    now = utcnow()
    until = datetime.combine(add_months(now.date(), months), now.timetz())
    try:  # a later end keeps the report's secret until the block is over
        await secrets.tag(report_scope(found.id), until, "kept")
    except SecretGone:
        return None
    async with db.transaction() as tx:
        if not await store.decide(
            tx, found.id, status="blocked", by=coordinator_id, blocked_until=until
        ):
            return None
        await audit.record(tx, coordinator_id, "contact.blocked", report=found.id, months=months)
    return until


async def dismiss(db: Database, secrets: SecretStore, found: Report, coordinator_id: int) -> bool:
    async with db.transaction() as tx:
        if not await store.decide(tx, found.id, status="dismissed", by=coordinator_id):
            return False
        await audit.record(tx, coordinator_id, "contact.dismissed", report=found.id)
    await secrets.destroy(report_scope(found.id))
    return True


async def lift(db: Database, secrets: SecretStore, found: Report, coordinator_id: int) -> bool:
    async with db.transaction() as tx:
        if not await store.decide(
            tx, found.id, status="lifted", by=coordinator_id, expected=("blocked",)
        ):
            return False
        await audit.record(tx, coordinator_id, "contact.lifted", report=found.id)
    await secrets.destroy(report_scope(found.id))
    return True


async def blocked_until(db: Database, secrets: SecretStore, member: Member) -> datetime | None:
    """When a block on this member ends, if one is in force; None if they may write."""
    now = utcnow()
    for found in await store.reports(db, ("blocked",)):
        if not found.sender_tag or found.blocked_until is None or found.blocked_until <= now:
            continue
        try:
            tag = await secrets.tag(
                report_scope(found.id), found.blocked_until, "sender", member.telegram_id
            )
        except SecretGone:
            continue
        if hmac.compare_digest(tag, found.sender_tag):
            return found.blocked_until
    return None


async def lapse_due(db: Database, secrets: SecretStore, now: datetime) -> int:
    """Undecided reports past their 30 days, and blocks past their end: secrets destroyed."""
    done = 0
    for found in await store.undecided_past(db, now):
        done += await store.decide(db, found.id, status="ended", by=None)
        await secrets.destroy(report_scope(found.id))
    for found in await store.blocks_ended(db, now):
        done += await store.decide(db, found.id, status="ended", by=None, expected=("blocked",))
        await secrets.destroy(report_scope(found.id))
    return done


async def coordinators(db: Database, settings: Settings) -> list[Member]:
    """Everyone who is a coordinator now, active, once each."""
    found: dict[int, Member] = {}
    for telegram_id in settings.coordinators:
        member = await members.by_telegram_id(db, telegram_id)
        if member is not None:
            found[member.id] = member
    for grant in await roles.list_all(db):
        if grant.role == "coordinator" and grant.member_id not in found:
            member = await members.by_id(db, grant.member_id)
            if member is not None:
                found[member.id] = member
    return [m for m in found.values() if m.status == "active"]
