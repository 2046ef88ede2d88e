"""The delivery queue: every mass message (broadcasts, digests ...) goes out through here.

Public API, stable for other journeys:

    batch_id = await enqueue(db, kind="digest", messages=[Outgoing(chat_id, html, member_id)],
                             created_by=member_id, report_chat_id=chat_id, report_lang="cy",
                             label="#12")
    context.services.delivery.wake()      # after enqueuing: the worker looks at once
    going_out_at(settings, urgent=False)  # (bot.delivery.schedule) None = now, else when quiet hours end

`enqueue` splits each text with `bot.tg.text.split_message` (one row per part, each counted once
in the report; a document is one more row, sent after the text) and writes everything in one
transaction. Texts must already be HTML in the recipient's language, person-supplied parts
escaped. A `photo` is stored once however many rows send it (the first send uploads it, the
rest use Telegram's file_id). A message sent with buttons keeps its message id once sent
(`deliveries.sent_messages`), so it can be changed later by an `edit_of` row: a poll's
message loses its buttons and its reader's answer when the poll closes. `REPORT_TITLES[kind]` is the heading of the report the author gets when the batch is
done (add your kind there, marked with `N_`).

One worker per process (`bot.delivery.worker.Worker`, started with the Application) reads due
rows from SQLite in id order and sends them at `settings.send_rate` per second, leaving the
rest of Telegram's ~30/s for interactive replies, at most `Tuning.group_per_minute` to one
group, and one message at a time to any chat. What Telegram answers decides the row
(except clauses in this order, as BadRequest and TimedOut subclass NetworkError):

    RetryAfter (429)            pause all sending (a group: that group) for retry_after; retry
    Forbidden (403)             member unreachable until /start; their pending rows unreachable
    ChatMigrated                the group's pending rows follow it to its new id
    BadRequest (400)            failed, with Telegram's description; never retried
    TimedOut, NetworkError, 5xx retry with bounded exponential backoff, then failed

Crash safety: rows are the truth and a row is marked after Telegram answered. After a crash
(even SIGKILL) the next start resumes every pending row; a row that was in flight at the
moment of the crash may be sent twice (at most `Tuning.concurrency` of them). Only one
process may run the worker on a database.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass

from telegram import InlineKeyboardMarkup

from bot.i18n import N_, Lang
from bot.storage import Database, deliveries, delivery_photos
from bot.storage.db import Tx
from bot.storage.deliveries import CountingMode, NewRow
from bot.tg.text import split_message

log = logging.getLogger("cydlais.delivery")

REPORT_TITLES: dict[str, str] = {
    "broadcast": N_("<b>Your message has been sent.</b>"),
    "poll": N_("<b>Your poll has been sent.</b>"),
}
DEFAULT_REPORT_TITLE = N_("<b>Sending has finished.</b>")


@dataclass(frozen=True, slots=True)
class Outgoing:
    chat_id: int
    text: str  # HTML, already in the recipient's language
    member_id: int | None = None  # None for a group chat
    document: tuple[str, bytes] | None = None  # (filename, content), sent after the text
    markup: InlineKeyboardMarkup | None = None  # buttons, on the text's last part
    file_id: str | None = None  # a document Telegram holds (meeting papers), after the text
    caption: str = ""  # the caption (HTML) of the document, file_id document or photo
    photo: tuple[str, bytes] | None = None  # (filename, PNG), after the text; stored once
    edit_of: int | None = None  # edit this message to `text` and `markup` instead of sending


async def enqueue(
    db: Database,
    *,
    kind: str,
    messages: Sequence[Outgoing],
    urgent: bool = False,
    created_by: int | None = None,
    report_chat_id: int | None = None,
    report_lang: Lang = "cy",
    label: str = "",
    counting: CountingMode = "parts",
) -> int:
    """Queue messages as one batch, in one transaction; returns the batch id. Then `wake(app)`.

    `counting`: how the report may show its counts (`bot.delivery.report`): "parts" for one
    group; "combined" for several groups a reader can also count one by one."""
    async with db.transaction() as tx:
        return await enqueue_in(
            tx,
            kind=kind,
            messages=messages,
            urgent=urgent,
            created_by=created_by,
            report_chat_id=report_chat_id,
            report_lang=report_lang,
            label=label,
            counting=counting,
        )


async def enqueue_in(
    tx: Tx,
    *,
    kind: str,
    messages: Sequence[Outgoing],
    urgent: bool = False,
    created_by: int | None = None,
    report_chat_id: int | None = None,
    report_lang: Lang = "cy",
    label: str = "",
    counting: CountingMode = "parts",
) -> int:
    """`enqueue` inside a caller's transaction (so a draft is marked sent with its batch)."""
    rows: list[NewRow] = []
    photos: dict[bytes, int] = {}
    keyboards: dict[int, str] = {}  # one keyboard shared by many messages is serialised once
    split: dict[str, list[str]] = {}
    for message in messages:
        member_id = message.member_id
        if member_id is None and message.chat_id > 0:
            # A private chat is a person's: link it so /forget finds it.
            member_id = await deliveries.member_for_chat(tx, message.chat_id)
        if message.edit_of is not None:
            markup_json = message.markup.to_json() if message.markup is not None else None
            rows.append(
                NewRow(
                    message.chat_id,
                    member_id,
                    0,
                    message.text,
                    markup=markup_json,
                    edit_of=message.edit_of,
                )
            )
            continue
        if message.text not in split:  # one text sent to many people is split once
            split[message.text] = split_message(message.text) if message.text.strip() else []
        parts = split[message.text]
        markup = None
        if message.markup is not None:
            key = id(message.markup)  # the objects live until this call returns
            if key not in keyboards:
                keyboards[key] = message.markup.to_json()
            markup = keyboards[key]
        rows += [
            NewRow(
                message.chat_id, member_id, i, part, markup=markup if i == len(parts) - 1 else None
            )
            for i, part in enumerate(parts)
        ]
        if message.document is not None:
            rows.append(
                NewRow(message.chat_id, member_id, len(parts), message.caption, message.document)
            )
        if message.file_id is not None:
            part = len(parts) + (message.document is not None)
            rows.append(
                NewRow(message.chat_id, member_id, part, message.caption, file_id=message.file_id)
            )
        if message.photo is not None:
            name, content = message.photo
            if content not in photos:
                photos[content] = await delivery_photos.add_photo(tx, name, content)
            part = len(parts) + (message.document is not None) + (message.file_id is not None)
            rows.append(
                NewRow(message.chat_id, member_id, part, message.caption, photo_id=photos[content])
            )
    report_member = None
    if report_chat_id is not None and report_chat_id > 0:
        report_member = await deliveries.member_for_chat(tx, report_chat_id)
    return await deliveries.insert_batch(
        tx,
        kind=kind,
        label=label,
        urgent=urgent,
        created_by=created_by,
        report_member_id=report_member,
        report_chat_id=None if report_member is not None else report_chat_id,
        report_lang=report_lang,
        rows=rows,
        not_before=time.time(),
        counting=counting,
    )
