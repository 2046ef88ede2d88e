"""Broadcasts: who may send to whom, what each reader receives, and handing it to delivery.

A broadcast is written twice, in Welsh and in English; each recipient gets the version in
their own language. The author's text is escaped, so what they type is what people read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo

from bot import delivery
from bot.delivery import Outgoing
from bot.domain import counting
from bot.domain.access import Access
from bot.domain.counting import Shown
from bot.i18n import LANGS, N_, Lang, Tr, translator
from bot.storage import Database, audit, constituencies
from bot.storage import broadcasts as store
from bot.storage.broadcasts import Broadcast, Kind, Recipient
from bot.storage.deliveries import CountingMode
from bot.tg.text import esc, split_message

KIND_TITLES: dict[Kind, str] = {
    # TRANSLATORS: kinds of message to members: news of progress, general news, a meeting moved or
    # cancelled.
    "progress": N_("Progress update"),
    "news": N_("News"),
    "meeting": N_("Change to a meeting"),
}
# Per language. Telegram takes at most 4,096 characters in one message, and its apps split a
# longer paste into several; so the composer joins messages while each is near that size,
# and the whole text may be up to MAX_CHARS (sent in parts, each counted in the report).
MAX_CHARS = 8000
CONTINUE_AT = 4000


def may_address(access: Access, draft: Broadcast) -> bool:
    """The author may still speak to everyone the draft names so far (checked on every press:
    a representative may have lost a network since choosing it)."""
    if draft.audience is None:
        return True
    if draft.audience == "everyone":
        return access.coordinator
    if not draft.constituency_ids:
        return access.coordinator or draft.audience == "constituencies"  # still choosing
    return all(access.speaks_for(c) for c in draft.constituency_ids)


def may_send(access: Access, draft: Broadcast) -> bool:
    """Coordinators: any audience. Representatives: only the networks they speak for."""
    if draft.audience is None or draft.kind is None:
        return False
    if draft.audience == "constituencies" and not draft.constituency_ids:
        return False
    return may_address(access, draft)


async def place_names(db: Database, ids: tuple[int, ...], lang: Lang) -> list[str]:
    names = []
    for place_id in ids:
        place = await constituencies.get(db, place_id)
        if place is not None:
            names.append(place.name(lang))
    return names


def render(tr: Tr, draft: Broadcast, places: list[str]) -> str:
    """Exactly what a reader of this language receives (before splitting)."""
    assert draft.kind is not None
    lines = [f"<b>{esc(tr.gettext(KIND_TITLES[draft.kind]))}</b>"]
    if draft.audience == "constituencies" and places:
        lines.append(f"<i>{esc(', '.join(places))}</i>")
    elif draft.audience == "representatives":
        lines.append("<i>" + esc(tr.gettext("For representatives")) + "</i>")
    return "\n".join(lines) + "\n\n" + esc(draft.text(tr.lang))


async def rendered(db: Database, draft: Broadcast, tz: tzinfo) -> dict[Lang, str]:
    """What each language's readers receive; delivery splits it with `split_message`."""
    found: dict[Lang, str] = {}
    for lang in LANGS:
        places = await place_names(db, draft.constituency_ids, lang)
        found[lang] = render(translator(lang, tz), draft, places)
    return found


def parts(text: str) -> list[str]:
    """The messages a text arrives as: the same split delivery makes."""
    return split_message(text)


def is_combined(draft: Broadcast) -> bool:
    """Several groups at once (everyone, or more than one network): each could also be asked
    for alone, so the number reached is never exact (`bot.domain.counting`, rule 3)."""
    return draft.audience == "everyone" or (
        draft.audience == "constituencies" and len(draft.constituency_ids) > 1
    )


@dataclass(frozen=True, slots=True)
class Reach:
    """How many a draft reaches, as it may be shown: in all, and network by network."""

    total: Shown
    networks: list[tuple[int, Shown]]  # (constituency id, its recipients); empty for one group
    mode: CountingMode  # how its delivery report may count (bot.delivery.report)


async def reach(db: Database, draft: Broadcast, minimum: int) -> Reach:
    everyone = len(await recipients(db, draft))
    if not is_combined(draft):
        return Reach(counting.count(everyone, minimum), [], "parts")
    ids = (
        draft.constituency_ids
        if draft.audience == "constituencies"
        else tuple(c.id for c in await constituencies.list_all(db))
    )
    each = [
        (cid, counting.count(len(await store.recipients(db, "constituencies", [cid])), minimum))
        for cid in ids
    ]
    total = counting.combined(everyone, [shown for _, shown in each], minimum)
    return Reach(total, each, "combined")


async def recipients(db: Database, draft: Broadcast) -> list[Recipient]:
    if draft.audience is None:
        return []
    return await store.recipients(db, draft.audience, draft.constituency_ids)


async def send(
    db: Database,
    draft: Broadcast,
    *,
    author_id: int,
    report_chat_id: int,
    report_lang: Lang,
    tz: tzinfo,
    minimum: int,
) -> tuple[int, Reach] | None:
    """Queue the broadcast for its recipients and mark the draft sent, in one transaction.

    Returns (batch id, how many it reaches as may be shown), or None if nobody would receive it or it was already sent.
    The caller checks `may_send` first and wakes the worker after."""
    people = await recipients(db, draft)
    if not people:
        return None
    texts = await rendered(db, draft, tz)
    reached = await reach(db, draft, minimum)
    messages = [Outgoing(p.chat_id, texts[p.language], p.member_id) for p in people]
    async with db.transaction() as tx:
        batch_id = await delivery.enqueue_in(
            tx,
            kind="broadcast",
            messages=messages,
            urgent=draft.urgent,
            created_by=author_id,
            report_chat_id=report_chat_id,
            report_lang=report_lang,
            label=f"#{draft.id}",
            counting=reached.mode,
        )
        if not await store.mark_sent(tx, draft.id, batch_id, len(people)):
            raise AlreadySent(draft.id)
        await audit.record(
            tx,
            author_id,
            "broadcast.sent",
            broadcast=draft.id,
            kind=draft.kind,
            audience=draft.audience,
            networks=list(draft.constituency_ids),
            urgent=draft.urgent,
        )
    return batch_id, reached


class AlreadySent(Exception):
    """The draft was sent (or cancelled) by an earlier press; the transaction rolls back."""
