"""Answering a poll: one answer per member of its electorate, changeable until it closes."""

from __future__ import annotations

from datetime import datetime

from bot.context import Services
from bot.i18n import Lang
from bot.polls import voters
from bot.secrets import SecretGone
from bot.storage import poll_answers as answers
from bot.storage.poll_answers import Answer, Recorded
from bot.storage.polls import Poll


def is_open(poll: Poll, now: datetime) -> bool:
    """Open, and not past its closing time (the close itself may be a tick away)."""
    return poll.status == "open" and poll.closes_at is not None and now < poll.closes_at


async def current(services: Services, poll: Poll, telegram_id: int) -> Answer | None:
    """The member's answer so far (choice None: not yet), or None if they were not asked."""
    try:
        tag = await voters.tag(services, poll, telegram_id)
    except SecretGone:
        return None
    return await answers.get(services.db, poll.id, tag)


async def answer(
    services: Services,
    poll: Poll,
    telegram_id: int,
    choice: int,
    now: datetime,
    *,
    text: str | None = None,
    language: Lang | None = None,
    constituency_id: int | None = None,
) -> Recorded:
    """Record (or replace) the member's answer; the caller has checked `choice` is valid."""
    if not is_open(poll, now):
        return "closed"
    try:
        tag = await voters.tag(services, poll, telegram_id)
    except SecretGone:  # closed a moment ago
        return "closed"
    return await answers.record(
        services.db,
        poll.id,
        tag,
        choice,
        text=text,
        language=language,
        constituency_id=constituency_id,
    )
