"""Keep no more than needed, for no longer than needed: once a day, on the clock's tick.

| what                      | kept for                                 | setting                       |
|---------------------------|------------------------------------------|-------------------------------|
| a view (its text)         | 12 months after its digest week          | CYDLAIS_KEEP_VIEWS_MONTHS     |
| a delivery row            | 30 days after it was sent (or failed)    | CYDLAIS_KEEP_DELIVERIES_DAYS  |
| an invitation link        | 30 days after it expired                 | CYDLAIS_KEEP_INVITES_DAYS     |
| an audit log entry        | 24 months                                | CYDLAIS_KEEP_AUDIT_MONTHS     |

The database decides what is due (`housekeeping.last_day`), so a restart or a missed day
catches up at the next tick. Links whose maker can no longer make them (a coordinator taken
out of CYDLAIS_COORDINATORS, say) are withdrawn at the same time.
"""

from __future__ import annotations

import logging
from datetime import date, datetime, timedelta

from bot import invites
from bot.config import Settings
from bot.domain.periods import DAY, LONGEST
from bot.roles import access_of
from bot.storage import Database, members
from bot.storage import retention as store

log = logging.getLogger("cydlais.retention")
TASK = "retention"


def months_before(day: date, months: int) -> date:
    """The same day of the month `months` earlier (the last day, where it has fewer)."""
    month_index = day.year * 12 + day.month - 1 - months
    year, month = divmod(month_index, 12)
    month += 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")


async def run_if_due(db: Database, settings: Settings, now: datetime) -> dict[str, int] | None:
    """Clear out what has been kept long enough, once a local day; None if done today."""
    today = now.astimezone(settings.timezone).date()
    done = await store.last_day(db, TASK)
    if done is not None and done >= today:
        return None
    # A view's digest period ends at most 12 days after it was given (a week, or up to 13
    # days after its day was changed: `bot.domain.periods`).
    oldest_view = months_before(today, settings.keep_views_months) - (LONGEST - DAY)
    erased = {
        "views": await store.views_before(db, oldest_view),
        "deliveries": await store.deliveries_before(
            db, now - timedelta(days=settings.keep_deliveries_days)
        ),
        "invites": await store.invites_expired_before(
            db, now - timedelta(days=settings.keep_invites_days)
        ),
        "audit": await store.audit_before(
            db,
            datetime.combine(months_before(today, settings.keep_audit_months), now.timetz()),
        ),
        "links withdrawn": await _withdraw_unbacked_links(db, settings, now),
    }
    await store.mark_done(db, TASK, today)
    if any(erased.values()):
        await db.forget_history()  # what was deleted must not stay readable in the log
        log.info("cleared out: %s", ", ".join(f"{n} {what}" for what, n in erased.items() if n))
    return erased


async def _withdraw_unbacked_links(db: Database, settings: Settings, now: datetime) -> int:
    withdrawn = 0
    for member_id in await store.makers_of_usable_links(db, now):
        maker = await members.by_id(db, member_id)
        if maker is None:
            continue
        access = await access_of(db, settings, maker)
        withdrawn += await invites.withdraw_unbacked(db, member_id, access, "maker_lost_role")
    return withdrawn
