"""Giving a view: the daily limit and reach under expiring keyed hashes, then the anonymous row.

The handler passes the member (for the tags and their self-description) and the draft; what
is stored is only constituency, topic, language, redacted text and the day. The tags are
made from the Telegram identity under secrets that end with the day and the digest week
(`bot.domain.anonymity`, `bot.secrets`): until then the service can tell that someone gave
a view today, or this week in that network, never which view; afterwards not even that.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from bot.config import Settings
from bot.digests_schedule import current_period
from bot.domain import anonymity, language
from bot.domain.periods import period_of
from bot.domain.redaction import redact
from bot.i18n import Lang
from bot.secrets import SecretStore
from bot.storage import Database
from bot.storage import digests as digest_store
from bot.storage import views as view_store
from bot.storage.db import utcnow
from bot.storage.members import Member, SelfDescription

MIN_LENGTH = 5
MAX_LENGTH = 3000  # UTF-16 units, as Telegram counts the text: the preview always fits


@dataclass(slots=True)
class Draft:
    """A view being written: held only in the member's memory slot (`bot.tg.memory`).

    Never written to the database, python-telegram-bot's user_data or a log; it goes when
    the member sends it, cancels, is asked something else, or leaves it for 15 minutes.
    """

    lang: Lang  # the language the view is written in (the member can change it)
    constituency_id: int | None = None
    topic_id: int | None = None
    text: str | None = field(default=None, repr=False)  # the member's words: never printed

    def forget(self) -> None:
        self.text = None


@dataclass(frozen=True, slots=True)
class Given:
    stored: bool  # False: the daily limit was reached, nothing stored
    left_today: int


def now(settings: Settings) -> datetime:
    """Local, aware: what a digest's schedule is read against (the one clock, `utcnow`)."""
    return utcnow().astimezone(settings.timezone)


def today(settings: Settings) -> date:
    return now(settings).date()


async def _quota_tag(secrets: SecretStore, settings: Settings, member: Member, day: date) -> str:
    return await secrets.tag(*anonymity.quota(day, settings.timezone), member.telegram_id)


async def left_today(db: Database, secrets: SecretStore, settings: Settings, member: Member) -> int:
    day = today(settings)
    used = await view_store.quota_used(db, day, await _quota_tag(secrets, settings, member, day))
    return max(0, settings.max_views_per_day - used)


async def _category(
    db: Database, member: Member, constituency_id: int, min_group: int
) -> SelfDescription | None:
    """The member's self-description for reach, only if enough members share it.

    In a constituency where fewer than the minimum group describe themselves the same way,
    even a count could point at a person, so it is stored as "not said".
    """
    mine = member.self_description
    if mine is None or mine == "prefer_not":
        return None
    population = await view_store.members_by_category(db, constituency_id)
    return mine if population.get(mine, 0) >= min_group else None


async def give(
    db: Database,
    secrets: SecretStore,
    settings: Settings,
    member: Member,
    *,
    constituency_id: int,
    topic_id: int | None,
    lang: Lang,
    text: str,
) -> Given:
    """Redact and store a view, within the daily limit, and count its author once for reach."""
    day = today(settings)
    period = await current_period(db, constituency_id, day)  # the one that will deliver it
    reach_scope = anonymity.reach(constituency_id, period, settings.timezone)
    stored = await view_store.submit(
        db,
        view_store.NewView(constituency_id, topic_id, lang, redact(text, lang).text, day),
        quota_tag=await _quota_tag(secrets, settings, member, day),
        max_per_day=settings.max_views_per_day,
        reach_tag=await secrets.tag(*reach_scope, member.telegram_id),
        reach_period=period.key,
        category=await _category(db, member, constituency_id, settings.min_group),
    )
    if stored:
        await view_store.forget_write_order(db)
    return Given(stored, await left_today(db, secrets, settings, member))


async def prepare_secrets(
    db: Database, secrets: SecretStore, settings: Settings, now: datetime
) -> None:
    """Make today's and tomorrow's secrets, for the limit and for every network's reach, on
    the clock's tick rather than at somebody's first view: a secret file's times (made,
    changed) would otherwise tell when the first view of the day, or of a network's week,
    was given, which no row may say."""
    today = now.astimezone(settings.timezone).date()
    schedules = await digest_store.schedules(db)  # every live network's, in one query
    for day in (today, today + timedelta(days=1)):
        await secrets.prepare(*anonymity.quota(day, settings.timezone))
        for schedule in schedules:
            period = period_of(day, schedule.weekday, schedule.open_from)
            scope = anonymity.reach(schedule.constituency_id, period, settings.timezone)
            await secrets.prepare(*scope)


async def language_of(text: str) -> Lang:
    """The language the words are written in (off the event loop: the model loads once)."""
    return await asyncio.to_thread(language.detect, text)


async def too_small(db: Database, settings: Settings, constituency_id: int) -> bool:
    """Fewer members than the minimum group besides those who read its views: a view sent
    there cannot stay anonymous, so the member is told so and chooses (README)."""
    voices = await view_store.voices(db, constituency_id, settings.coordinators)
    return voices < settings.min_group
