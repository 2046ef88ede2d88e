"""The organiser's screens: the check before saving, the check before a change goes, and a
scheduled meeting's page (replies, papers, what can be done)."""

from __future__ import annotations

import dataclasses
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from telegram import Update

from bot import delivery
from bot.context import Context
from bot.domain import jargon
from bot.domain import reminders as rules
from bot.handlers.meetings.asks import before
from bot.handlers.meetings.common import CHOOSING, CONFIRM_CHANGE, PREVIEWING, button, cancel_draft
from bot.i18n import LANGS, Tr
from bot.meetings import counts, texts
from bot.meetings.outgoing import details
from bot.storage import reminders as store
from bot.storage import rsvps, suggestions
from bot.storage.db import from_db, utcnow
from bot.storage.meetings import Meeting
from bot.tg import steps
from bot.tg.text import esc, pack_blocks
from bot.tg.ui import ButtonSpec, answer_with, column, reply


def offsets_line(tr: Tr, meeting: Meeting) -> str:
    """ "Reminders: 1 week before, 1 day before and 2 hours before." """
    names = [before(tr, o) for o in meeting.offsets]
    return tr.gettext("Reminders: {list}").format(list=" · ".join(names))


def papers_line(tr: Tr, meeting: Meeting, count: int, tz: ZoneInfo) -> str:
    if meeting.starts_at is None or not meeting.offsets:
        return ""
    if meeting.papers_due_at is not None:
        if count:
            return tr.ngettext("{n} paper attached.", "{n} papers attached.", count).format(n=count)
        return tr.gettext("No papers yet, and the first reminder has gone: please send them now.")
    first = rules.due_at(meeting.starts_at, rules.papers_offset(meeting.offsets), tz)
    if first <= utcnow():
        text = tr.gettext(
            "The first reminder's time has passed, so it goes as soon as the meeting is saved, "
            "with any papers attached by then."
        )
    else:
        text = tr.gettext("The papers go with the first reminder, on {when}.").format(
            when=texts.when(tr, first)
        )
    if count:
        text += " " + tr.ngettext(
            "{n} paper attached so far.", "{n} papers attached so far.", count
        ).format(n=count)
    return text


def _jargon(tr: Tr, meeting: Meeting) -> list[str]:
    lines: list[str] = []
    for lang in LANGS:
        words = f"{meeting.title(lang)}\n{meeting.agenda(lang)}\n{meeting.place}"
        for hit in jargon.find(words):
            if not lines:
                lines.append(
                    tr.gettext(
                        "<b>Plain language check.</b> Some readers may not know these words; you "
                        "can still save it as it is."
                    )
                )
            lines.append(f"• {esc(hit.found)}: {esc(hit.entry.plain(lang))}")
    return lines


async def preview(update: Update, context: Context, meeting: Meeting) -> None:
    """Exactly what a Welsh and an English reader will see, who is told, and when."""
    tr = context.tr
    d = await details(context.db, meeting)
    invited = await store.invited_count(context.db, meeting.id)
    summary = [
        tr.gettext("<b>Check the meeting before it is saved.</b>"),
        tr.gettext("Members to be told: {people}").format(
            people=counts.people(tr, invited, context.settings.min_group, meeting)
        ),
        offsets_line(tr, meeting),
        papers_line(tr, meeting, 0, context.settings.timezone),
        *_jargon(tr, meeting),
    ]
    blocks = ["\n".join(line for line in summary if line)]
    for lang in LANGS:
        reader = context.tr_for(lang)
        blocks.append(
            tr.gettext("⬇️ Welsh readers will see:")
            if lang == "cy"
            else tr.gettext("⬇️ English readers will see:")
        )
        blocks.append(texts.details_text(reader, d))
    controls = column(
        [
            (tr.gettext("Save the meeting"), button(meeting, "save")),
            (tr.gettext("Change a detail"), button(meeting, "detail")),
            (tr.gettext("Change the reminders"), button(meeting, "off")),
            cancel_draft(tr, meeting),
        ]
    )
    messages = pack_blocks(blocks)
    await steps.ask(context, PREVIEWING, {"meeting": meeting.id, "mode": "draft"})
    for message in messages[:-1]:
        await reply(update, context, message)
    if update.callback_query is not None and len(messages) == 1:
        await answer_with(update, context, messages[-1], controls)
    else:
        await reply(update, context, messages[-1], controls)


async def detail_menu(update: Update, context: Context, meeting: Meeting) -> None:
    tr = context.tr
    rows: list[ButtonSpec] = [
        (tr.gettext("The name"), button(meeting, "detail", "title")),
        (tr.gettext("The date and time"), button(meeting, "detail", "when")),
        (tr.gettext("How long it lasts"), button(meeting, "detail", "dur")),
        (tr.gettext("The place"), button(meeting, "detail", "place")),
        (tr.gettext("The agenda"), button(meeting, "detail", "agenda")),
    ]
    if meeting.status == "draft":
        rows.append((tr.gettext("Back to the check"), button(meeting, "detail", "back")))
    else:
        rows.append((tr.gettext("Back to the meeting"), button(meeting, "manage")))
    await steps.ask(context, CHOOSING, {"meeting": meeting.id})
    await answer_with(update, context, tr.gettext("What would you like to change?"), column(rows))


def with_updates(meeting: Meeting, updates: dict[str, Any]) -> Meeting:
    """The meeting as it will read once the change is made."""
    changes: dict[str, Any] = {k: v for k, v in updates.items() if k != "starts_at"}
    if "starts_at" in updates:
        changes["starts_at"] = from_db(updates["starts_at"])
    return dataclasses.replace(meeting, **changes)


async def confirm_change(
    update: Update, context: Context, meeting: Meeting, data: dict[str, Any]
) -> None:
    """The meeting as it will read, and who will be told, before the change goes."""
    tr = context.tr
    changed = with_updates(meeting, data.get("updates", {}))
    d = await details(context.db, changed)
    told = await store.told_count(context.db, meeting.id)
    lines = [
        tr.gettext("<b>Check the change before it goes.</b>"),
        "",
        texts.details_text(tr, d),
        "",
    ]
    if told:
        lines.append(
            tr.gettext("It goes to everyone already told about the meeting: {people}.").format(
                people=counts.people(tr, told, context.settings.min_group, meeting)
            )
        )
        at = delivery.going_out_at(context.settings, urgent=False)
        if at is not None:
            lines.append(
                tr.gettext(
                    "It is quiet hours: unless the meeting is within a day, it goes on {when}."
                ).format(when=tr.datetime(at))
            )
    else:
        lines.append(
            tr.gettext(
                "Nobody has been told about the meeting yet: the reminders will carry the new details."
            )
        )
    await steps.ask(context, CONFIRM_CHANGE, data)
    await answer_with(
        update,
        context,
        "\n".join(lines),
        column(
            [
                (tr.gettext("Send the change to members"), button(meeting, "apply")),
                (tr.gettext("Don't change anything"), button(meeting, "undo")),
            ]
        ),
    )


async def manage(update: Update, context: Context, meeting: Meeting, first: str = "") -> None:
    """A scheduled meeting's page: its details, who was told, replies, papers, and what to do."""
    tr = context.tr
    db = context.db
    minimum = context.settings.min_group
    d = await details(db, meeting)
    told = await store.told_count(db, meeting.id)
    shown = counts.replies(tr, await rsvps.counts_of_told(db, meeting.id), told, minimum, meeting)
    suggested = await suggestions.of_meeting(db, meeting.id)
    lines = [first, ""] if first else []
    lines += [
        texts.details_text(tr, d),
        "",
        tr.gettext("Told so far: {people}").format(
            people=counts.people(tr, told, minimum, meeting)
        ),
        tr.gettext(
            "Replies: I'll be there: {yes} · I can't come: {no} · Not sure yet: {maybe} · "
            "No answer yet: {none}"
        ).format(**shown),
        papers_line(tr, meeting, len(d.papers), context.settings.timezone),
        offsets_line(tr, meeting),
    ]
    rows: list[ButtonSpec] = [
        (tr.gettext("Add papers"), button(meeting, "papers")),
        (tr.gettext("Change a detail"), button(meeting, "detail")),
        (tr.gettext("Change the reminders"), button(meeting, "off")),
    ]
    if suggested:
        rows.append(
            (
                tr.ngettext(
                    "Members' suggestions ({n})", "Members' suggestions ({n})", len(suggested)
                ).format(n=len(suggested)),
                button(meeting, "replies"),
            )
        )
    rows.append((tr.gettext("Cancel the meeting"), button(meeting, "cancel")))
    await steps.ask(context, CHOOSING, {"meeting": meeting.id})
    await answer_with(
        update, context, "\n".join(line for line in lines if line is not None), column(rows)
    )


def started(meeting: Meeting, now: datetime) -> bool:
    return meeting.starts_at is not None and meeting.starts_at <= now
