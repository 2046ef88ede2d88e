"""The /mydata file in the member's language: every stored field named, every code in words.

The export (`bot.rights.export`) is rows by table, with column names and codes (`cy`,
`active`, `carer`). The file a member keeps has the same shape, but tables are named by what
they hold, fields by what they mean and codes as words, so a Welsh reader's file is Welsh
throughout. Numbers, times (ISO 8601) and what people wrote stay as stored. A test fails when
a column that holds personal data has no label here.
"""

from __future__ import annotations

import base64
import json
from typing import Any

from bot import audit
from bot.broadcasts import KIND_TITLES
from bot.i18n import N_, Tr
from bot.rights import SELF, STATUS, table_label
from bot.storage import Database, constituencies
from bot.storage.audit import AuditEntry
from bot.storage.db import from_db

FIELDS: dict[str, str] = {
    "id": N_("record number"),
    "telegram_id": N_("Telegram account number"),
    "chat_id": N_("Telegram chat number"),
    "language": N_("language"),
    "self_description": N_("how you describe yourself"),
    "status": N_("status"),
    "consented_at": N_("agreed to the privacy notice"),
    "created_at": N_("created"),
    "menu_key": N_("version of your command menu"),
    "member_id": N_("member number"),
    "constituency_id": N_("network"),
    "constituency_ids": N_("networks"),
    "joined_at": N_("joined"),
    "role": N_("role"),
    "granted_at": N_("given"),
    "token_hash": N_("fingerprint of the link (not the link itself)"),
    "max_uses": N_("most uses"),
    "uses": N_("times used"),
    "expires_at": N_("expires"),
    "revoked_at": N_("withdrawn"),
    "created_by": N_("created by member number"),
    "at": N_("when"),
    "actor_id": N_("done by member number"),
    "action": N_("what happened"),
    "detail": N_("details, as stored"),
    "kind": N_("kind"),
    "data": N_("details, as stored"),
    "updated_at": N_("updated"),
    "label": N_("label"),
    "urgent": N_("urgent"),
    "report_member_id": N_("report goes to member number"),
    "report_chat_id": N_("report goes to chat number"),
    "report_lang": N_("language of the report"),
    "finished_at": N_("finished"),
    "reported_at": N_("reported"),
    "sent": N_("delivered"),
    "unreachable": N_("could not be reached"),
    "failed": N_("failed"),
    "people_sent": N_("people it reached"),
    "people_unreachable": N_("people who could not be reached"),
    "people_failed": N_("people it failed to reach"),
    "counting": N_("how its numbers may be shown"),
    "batch_id": N_("sending number"),
    "part": N_("part"),
    "text": N_("text"),
    "document_name": N_("file name"),
    "document": N_("file"),
    "file_id": N_("Telegram's number for the file"),
    "markup": N_("buttons, as stored"),
    "attempts": N_("attempts"),
    "next_attempt_at": N_("next attempt (seconds since 1970)"),
    "last_error": N_("last error"),
    "author_id": N_("written by member number"),
    "author_role": N_("written as"),
    "audience": N_("audience"),
    "text_cy": N_("Welsh text"),
    "text_en": N_("English text"),
    "recipients": N_("recipients"),
    "sent_at": N_("when sent"),
    "message_id": N_("Telegram's number for the message"),
    "edit_of": N_("changes the message with Telegram's number"),
    "photo_id": N_("picture number"),
    "poll_id": N_("poll number"),
    "question_cy": N_("Welsh question"),
    "question_en": N_("English question"),
    "closes_at": N_("closes"),
    "remind": N_("reminder 24 hours before it closes"),
    "share": N_("results sent to members too"),
    "opened_at": N_("opened"),
    "closed_at": N_("closed"),
    "closed_early": N_("closed early"),
    "reminded_at": N_("reminder sent"),
    "results_at": N_("results sent"),
    "electorate": N_("members asked"),
    "answered": N_("members who answered"),
    "meeting_id": N_("meeting number"),
    "organiser_id": N_("planned by member number"),
    "organiser_role": N_("planned as"),
    "title_cy": N_("Welsh name"),
    "title_en": N_("English name"),
    "starts_at": N_("starts"),
    "minutes": N_("how long (minutes)"),
    "place": N_("place"),
    "agenda_cy": N_("Welsh agenda"),
    "agenda_en": N_("English agenda"),
    "offsets": N_("reminders (seconds before the start)"),
    "sequence": N_("times changed"),
    "papers_due_at": N_("first reminder sent"),
    "wrapped_up_at": N_("started"),
    "scheduled_at": N_("saved"),
    "cancelled_at": N_("cancelled"),
    "offset_seconds": N_("reminder (seconds before the start)"),
    "told_at": N_("when sent"),
    "answer": N_("answer"),
    "answered_at": N_("when answered"),
    "muted_at": N_("when turned off"),
    "display_name": N_("the name members see"),
    "what_cy": N_("what, in Welsh"),
    "what_en": N_("what, in English"),
    "since": N_("since"),
    "declared_at": N_("when declared"),
    "changed_at": N_("when changed"),
    "withdrawn_at": N_("withdrawn"),
    "topic_id": N_("topic number"),
    "said_cy": N_("what people said, in Welsh"),
    "said_en": N_("what people said, in English"),
    "did_cy": N_("what was done, in Welsh"),
    "did_en": N_("what was done, in English"),
    "review_on": N_("review day"),
    "reminded_on": N_("reminded for the review day"),
    "recorded_at": N_("when recorded"),
    "outcome_id": N_("outcome number"),
    "added_at": N_("when added"),
    "rep_id": N_("representative's member number"),
    "named": N_("the member gave their name"),
    "sealed": N_("the member, sealed"),
    "opened_on": N_("opened"),
    "ended_at": N_("when ended"),
    "ended_by": N_("ended by"),
    "reported_by": N_("reported by member number"),
    "note": N_("note"),
    "sender_tag": N_("the sender, as a keyed hash"),
    "reported_on": N_("day reported"),
    "decide_by": N_("to be decided by"),
    "decided_by": N_("decided by member number"),
    "decided_at": N_("when decided"),
    "blocked_until": N_("stopped until"),
    "on_day": N_("day"),
    "given_minutes": N_("minutes given"),
    "what": N_("what for"),
    "confirmed_by": N_("confirmed by member number"),
    "confirmed_at": N_("when confirmed"),
    "suggestion_id": N_("meeting topic number"),
}
ROLES = {
    "member": N_("member"),
    "representative": N_("representative"),
    "coordinator": N_("coordinator"),
}
# Codes whose meaning depends on the table: (table, column) -> code -> words.
CODES: dict[tuple[str, str], dict[str, str]] = {
    ("members", "self_description"): {**SELF, "prefer_not": N_("prefers not to say")},
    ("members", "status"): STATUS,
    ("deliveries", "status"): {
        "pending": N_("waiting to be sent"),
        "sent": N_("delivered"),
        "unreachable": N_("could not be reached"),
        "failed": N_("failed"),
    },
    ("broadcasts", "status"): {
        "draft": N_("being written"),
        # TRANSLATORS: the state of a message to members (feminine neges in Welsh).
        "sent": N_("sent"),
        "cancelled": N_("cancelled"),
    },
    ("broadcasts", "audience"): {
        "everyone": N_("everyone who has joined"),
        "constituencies": N_("members of chosen networks"),
        "representatives": N_("representatives"),
    },
    ("broadcasts", "kind"): {str(k): v for k, v in KIND_TITLES.items()},
    ("delivery_batches", "counting"): {
        "parts": N_("as parts of one group"),
        "combined": N_("as several groups together, never exactly"),
    },
    ("delivery_batches", "kind"): {
        "broadcast": N_("a message to members"),
        "digest": N_("a digest of views"),
        "poll": N_("a poll"),
        "poll.reminder": N_("a poll's reminder"),
        "poll.closed": N_("a closed poll's messages tidied"),
        "poll.results": N_("a poll's results"),
        "meeting_reminder": N_("a meeting reminder"),
        "meeting_change": N_("a change to a meeting"),
        "meeting_cancel": N_("a meeting cancelled"),
        "meeting_papers": N_("a meeting's late papers"),
        "meeting_warning": N_("a warning about a meeting's papers"),
        "meeting_agenda": N_("a topic put on a meeting's agenda"),
        "outcome": N_("an outcome (“You said, we did”)"),
        "outcome.progress": N_("progress on an outcome"),
        "outcome.review": N_("a reminder to report progress"),
    },
    ("meetings", "status"): {
        "draft": N_("being planned"),
        # TRANSLATORS: the state of a meeting (masculine cyfarfod in Welsh).
        "scheduled": N_("planned"),
        "cancelled": N_("cancelled"),
    },
    ("meetings", "organiser_role"): ROLES,
    ("rsvps", "answer"): {
        "yes": N_("I'll be there"),
        "no": N_("I can't come"),
        "maybe": N_("Not sure yet"),
    },
    # TRANSLATORS: the state of an outcome (masculine canlyniad in Welsh).
    ("outcomes", "status"): {"draft": N_("not recorded yet"), "recorded": N_("recorded")},
    # TRANSLATORS: the state of a progress update (masculine diweddariad in Welsh).
    ("outcome_updates", "status"): {"draft": N_("not added yet"), "added": N_("added")},
    ("roles", "role"): ROLES,
    ("invites", "role"): ROLES,
    ("broadcasts", "author_role"): ROLES,
    ("polls", "author_role"): ROLES,
    ("polls", "status"): {
        "draft": N_("being written"),
        # TRANSLATORS: the state of a poll (masculine pôl in Welsh).
        "open": N_("open"),
        "closed": N_("closed"),
        "cancelled": N_("cancelled"),
    },
    ("polls", "kind"): {
        "single": N_("one answer each"),
        "multiple": N_("one or more answers each"),
        "open": N_("answers in members' own words"),
    },
    ("contact_threads", "ended_by"): {
        "member": N_("the member"),
        "representative": N_("the representative"),
        "expired": N_("its time ran out"),
        "reported": N_("a report of abuse"),
        "gone": N_("one of them left"),
    },
    ("contact_reports", "status"): {
        "open": N_("waiting for a decision"),
        "blocked": N_("sender stopped"),
        "dismissed": N_("closed without stopping anyone"),
        "lifted": N_("allowed to write again early"),
        "ended": N_("over"),
    },
}
LANGUAGE_FIELDS = frozenset({"language", "report_lang"})
YES_NO_FIELDS = frozenset({"urgent", "remind", "share", "closed_early", "named"})
# Values that only the bot can read, and only while they last: shown as words, not as hex.
SEALED_FIELDS = frozenset({"sealed", "sender_tag"})


def file_name(tr: Tr) -> str:
    # TRANSLATORS: a file name: lower case, hyphens, no spaces or accents, ending in .json.
    return tr.gettext("cydlais-my-data.json")


async def readable(
    db: Database, tr: Tr, data: dict[str, list[dict[str, Any]]], min_group: int
) -> dict[str, list[dict[str, Any]]]:
    """The export with every table, field and code in the reader's language."""
    names: dict[int, str] = {}

    async def network(value: Any) -> Any:
        if not isinstance(value, int):
            return value
        if value not in names:
            place = await constituencies.get(db, value)
            names[value] = place.name(tr.lang) if place else str(value)
        return names[value]

    async def word(table: str, column: str, value: Any, row: dict[str, Any]) -> Any:
        if value is None:
            return None
        if (table, column) == ("audit_log", "action"):  # the sentence /audit shows
            entry = AuditEntry(
                row["id"], from_db(row["at"]), row["actor_id"], row["action"], row["detail"]
            )
            return await audit.sentence(db, tr, entry, min_group)
        if column in LANGUAGE_FIELDS and value in ("cy", "en"):
            return tr.language(value)
        if column in YES_NO_FIELDS:
            return bool(value)
        if column in SEALED_FIELDS:
            return tr.gettext("(only the bot can read this, and only while it lasts)")
        if column == "constituency_id":
            return await network(value)
        if column == "constituency_ids" and isinstance(value, str):
            return [await network(v) for v in json.loads(value or "[]")]
        if isinstance(value, bytes):
            return _file_text(value)
        codes = CODES.get((table, column))
        if codes is not None and value in codes:
            return tr.gettext(codes[value])
        return value

    out: dict[str, list[dict[str, Any]]] = {}
    for table, rows in data.items():
        out[table_label(tr, table)] = [
            {
                tr.gettext(FIELDS[column]) if column in FIELDS else column: await word(
                    table, column, value, row
                )
                for column, value in row.items()
            }
            for row in rows
        ]
    return out


def _file_text(content: bytes) -> str:
    """A stored file as text when it is text (a digest's CSV), else as base64."""
    try:
        return content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return base64.b64encode(content).decode("ascii")


def document(readable_data: dict[str, list[dict[str, Any]]]) -> bytes:
    return json.dumps(readable_data, ensure_ascii=False, indent=2, default=str).encode()
