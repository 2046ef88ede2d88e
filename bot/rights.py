"""A member's data rights: see it all, erase it all, stop messages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot import invites
from bot.i18n import N_, Tr
from bot.storage import Database, broadcasts, constituencies, members, polls
from bot.storage.db import from_db
from bot.storage.personal import export as export_rows
from bot.storage.personal import member_columns
from bot.tg.text import esc

# What each table holding personal data means to the person it is about. A test fails when
# a table that references members has no entry here, so /mydata and /forget never show
# a raw table name.
TABLE_LABELS = {
    "members": N_("your details (language, status, self-description)"),
    "memberships": N_("networks you belong to"),
    "roles": N_("roles you hold"),
    "invites": N_("invitation links you made"),
    "audit_log": N_("your entries in the log of changes"),
    "pending_input": N_("a question of mine waiting for your answer"),
    "broadcasts": N_("messages you wrote to send to others"),
    "deliveries": N_("messages sent, or waiting to be sent, to you"),
    "delivery_batches": N_("sending records for messages you sent"),
    "polls": N_("polls you asked"),
    "poll_messages": N_("polls shown to you again with /polls (tidied away when they close)"),
    "meetings": N_("meetings you planned"),
    "meeting_told": N_("meeting reminders sent to you"),
    "rsvps": N_("your replies to meetings (whether you can come)"),
    "reminder_mutes": N_("meeting reminders you turned off (send /meetings to turn them on)"),
    "rep_profiles": N_("the name members see for you as a representative"),
    "interests": N_("interests you declared as a representative"),
    "outcomes": N_("outcomes you recorded (“You said, we did”)"),
    "outcome_updates": N_("progress updates you added to outcomes"),
    "contact_threads": N_("conversations with a representative or a member (never the messages)"),
    "contact_reports": N_("reports of abuse you made or decided"),
    "involvement_hours": N_("hours you gave as a representative, as you recorded them"),
    "meeting_attendance": N_(
        "meetings an organiser confirmed you came to, or whose attendance you confirmed"
    ),
}
# Why a record is kept, where its name alone leaves a person guessing (shown by /mydata).
WHY_KEPT = {
    "audit_log": N_(
        "Coordinators keep this log so that every change to roles, invitation links and "
        "networks can be checked: what was done, by whom and when, never anything anyone wrote. "
        "Yours are changes you made, such as using an invitation link. After /forget they stay, "
        "but no longer say it was you."
    ),
    "pending_input": N_("What I asked you last, kept until you answer it or start something else."),
    "deliveries": N_(
        "For each message I send you, I keep whether it arrived; what it said is deleted once it "
        "has gone."
    ),
    "invites": N_(
        "Kept so that /invites can list and withdraw them. The links themselves are not stored, "
        "only a fingerprint of each."
    ),
    "delivery_batches": N_(
        "How sending went for each message you sent: how many it reached, never who."
    ),
}
SELF = {
    "service_user": N_("uses or has used services"),
    "carer": N_("cares for someone"),
    "both": N_("uses services and cares for someone"),
}
STATUS = {
    "active": N_("receiving messages"),
    "stopped": N_("messages stopped"),
    "unreachable": N_("unreachable (the bot was blocked)"),
}


async def export(db: Database, member_id: int) -> dict[str, list[dict[str, Any]]]:
    return await export_rows(db, member_id)


async def describe(db: Database, tr: Tr, data: dict[str, list[dict[str, Any]]]) -> list[str]:
    """The export in plain words, in the member's language."""
    if not data.get("members"):
        return []
    me = data["members"][0]
    involvement = SELF.get(me["self_description"] or "")
    status = STATUS[me["status"]]
    lines = [
        tr.gettext("Telegram account number: {id}").format(id=me["telegram_id"]),
        tr.gettext("Language: {lang}").format(lang=tr.language(me["language"])),
        # TRANSLATORS: the person's connection with mental health services: uses them, cares for
        # someone, both.
        tr.gettext("How you are involved: {value}").format(
            value=tr.gettext(involvement) if involvement else tr.gettext("not given")
        ),
        tr.gettext("Messages: {status}").format(status=tr.gettext(status)),
        tr.gettext("Agreed to the privacy notice: {when}").format(
            when=tr.datetime(from_db(me["consented_at"]))
        ),
    ]
    names = []
    for row in data.get("memberships", []):
        place = await constituencies.get(db, row["constituency_id"])
        if place is not None:
            names.append(esc(place.name(tr.lang)))
    lines.append(
        tr.gettext("Networks: {names}").format(names=", ".join(names) or tr.gettext("none"))
    )
    for row in data.get("roles", []):
        if row["role"] == "coordinator":
            lines.append(tr.gettext("Role: coordinator"))
        else:
            place = await constituencies.get(db, row["constituency_id"])
            lines.append(
                tr.gettext("Role: representative for {name}").format(
                    name=esc(place.name(tr.lang)) if place else "?"
                )
            )
    others = {k: len(v) for k, v in data.items() if k not in ("members", "memberships", "roles")}
    if others:
        lines += ["", tr.gettext("<b>Also linked to you</b>")]
    for table, count in others.items():
        lines.append(f"• {table_label(tr, table)}: {count}")
        if table in WHY_KEPT:
            lines.append(f"<i>{tr.gettext(WHY_KEPT[table])}</i>")
    return lines


def table_label(tr: Tr, table: str) -> str:
    label = TABLE_LABELS.get(table)
    return tr.gettext(label) if label else table


@dataclass(frozen=True, slots=True)
class Forgotten:
    """What /forget did, in rows per table."""

    erased: dict[str, int]  # deleted with the member
    unlinked: dict[str, int]  # kept as the service's record, with the member's link removed


async def forget(db: Database, member_id: int) -> Forgotten:
    """Erase the member; foreign keys cascade (delete) or set null (unlink)."""
    data = await export_rows(db, member_id)
    # Links they made that open a door (a role, an invitation-only network) stop working:
    # nobody is left to answer for them.
    await invites.withdraw_unbacked(db, member_id, None, "maker_left")
    # A table is unlinked rather than deleted when a link to members is ON DELETE SET NULL:
    # what the service did (an invitation made, a message sent) stays, without the person.
    kept = {table for table, _, rule in await member_columns(db) if rule == "SET NULL"}
    # What they wrote for others and never sent (a draft, a cancelled one) is no record of
    # anything the service did: it goes with them, not kept without a name.
    unsent = {
        "broadcasts": await broadcasts.delete_unsent(db, member_id),
        "polls": await polls.delete_unsent(db, member_id),
    }
    await members.delete(db, member_id)
    # Deleted from the file at once (secure_delete); its log still holds the old pages.
    await db.forget_history()
    counts = {table: len(rows) for table, rows in data.items()}
    erased = {t: n for t, n in counts.items() if t not in kept}
    unlinked = {t: n for t, n in counts.items() if t in kept}
    for table, n in unsent.items():
        if n:
            erased[table] = n
            unlinked[table] -= n
    return Forgotten(erased, {t: n for t, n in unlinked.items() if n})


async def stop(db: Database, member_id: int) -> None:
    await members.set_status(db, member_id, "stopped")
