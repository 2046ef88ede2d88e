"""Who may answer a poll, as keyed tags: the one place polls use the expiring secrets.

A member's tag is HMAC(poll secret, Telegram id), under a secret made for this poll alone
(`Services.secrets`, scope `poll:<id>`), kept outside the database and destroyed when the
poll closes. The Telegram id, not the row id, so a member who uses /forget and comes back
is the same voter, and a row id someone else is given later never is.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from bot.context import Services
from bot.storage.polls import Poll


def _expires(poll: Poll) -> datetime:
    assert poll.closes_at is not None
    return poll.closes_at


async def tag(services: Services, poll: Poll, telegram_id: int) -> str:
    return await services.secrets.tag(poll.scope, _expires(poll), telegram_id)


async def tags(services: Services, poll: Poll, telegram_ids: Sequence[int]) -> dict[str, int]:
    """Tag -> Telegram id, for the electorate when the poll opens and for the reminder."""
    return {await tag(services, poll, t): t for t in telegram_ids}


async def forget(services: Services, poll: Poll) -> None:
    """Destroy the poll's secret: nobody can make or recompute its tags again."""
    await services.secrets.destroy(poll.scope)
