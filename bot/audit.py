"""The audit log in words: each recorded action as a sentence in the reader's language.

Rows hold ids, counts and codes (`bot.storage.audit`). Here they become sentences that name
networks and topics as the reader sees them now, and people by member number: never an id
in key=value text. Each sentence places a name after a colon or in brackets, never straight
after a Welsh preposition, where it would need a mutation no code can make.
"""

from __future__ import annotations

import json
import re
from typing import Any

from babel.dates import get_day_names

from bot.broadcasts import KIND_TITLES
from bot.i18n import Tr
from bot.invites import invite_for
from bot.storage import Database, constituencies, meetings
from bot.storage import topics as topic_store
from bot.storage.audit import AuditEntry
from bot.tg.text import esc

# Rows written before details were JSON: "invite=3 role=member constituency=2", "topic 4 in 2".
_LEGACY_PAIR = re.compile(
    r"\b(constituency|invite|member|topic|created|role|uses|days|broadcast)[= ](\w+)"
)
_LEGACY_ROLE = re.compile(r"^(representative|coordinator)\b")
_LEGACY_IN = re.compile(r"\bin (\d+)")
_LEGACY_RECIPIENTS = re.compile(r"(\d+) recipients")
_LEGACY_BROADCAST = re.compile(
    r"\((progress|news|meeting), (everyone|constituencies|representatives)"
)


def details(entry: AuditEntry) -> dict[str, Any]:
    """The row's details: its JSON, or what can be read from an older row's free text."""
    if entry.detail.startswith("{"):
        try:
            value = json.loads(entry.detail)
        except ValueError:
            value = None
        if isinstance(value, dict):
            return value
    found: dict[str, Any] = {}
    for key, value in _LEGACY_PAIR.findall(entry.detail):
        key = {"constituency": "network"}.get(key, key)
        found[key] = int(value) if value.isdigit() else value
    if found.get("uses") == 1:
        found["uses"] = "one"
    for pattern, key in ((_LEGACY_ROLE, "role"), (_LEGACY_IN, "network")):
        match = pattern.search(entry.detail)
        if match:
            found[key] = int(match[1]) if match[1].isdigit() else match[1]
    if match := _LEGACY_RECIPIENTS.search(entry.detail):
        found["recipients"] = int(match[1])
    if match := _LEGACY_BROADCAST.search(entry.detail):
        found["kind"], found["audience"] = match[1], match[2]
    found["urgent"] = "urgent" in entry.detail
    return found


class _Words:
    """Names and phrases for one reader, each network and topic looked up once."""

    def __init__(self, db: Database, tr: Tr, min_group: int) -> None:
        self.db, self.tr, self.min_group = db, tr, min_group
        self._networks: dict[int, str] = {}

    def who(self, actor_id: int | None) -> str:
        if actor_id is None:
            return self.tr.gettext("someone who has since left")
        # TRANSLATORS: a person in the audit log; used as {who} inside a sentence, so lower case.
        return self.tr.gettext("member no. {member}").format(member=actor_id)

    async def network(self, network_id: object) -> str:
        if not isinstance(network_id, int):
            return self.tr.gettext("a network that no longer exists")
        if network_id not in self._networks:
            place = await constituencies.get(self.db, network_id)
            self._networks[network_id] = (
                esc(place.name(self.tr.lang))
                if place
                else self.tr.gettext("a network that no longer exists")
            )
        return self._networks[network_id]

    async def topic(self, topic_id: object) -> str:
        topic = await topic_store.get(self.db, topic_id) if isinstance(topic_id, int) else None
        if topic is None:
            return self.tr.gettext("a topic that no longer exists")
        return esc(topic.title(self.tr.lang))

    async def meeting(self, meeting_id: object) -> str:
        found = await meetings.get(self.db, meeting_id) if isinstance(meeting_id, int) else None
        if found is None:
            return self.tr.gettext("a meeting that no longer exists")
        return esc(found.title(self.tr.lang))

    async def invitee(self, role: object, network_id: object) -> str:
        place = (
            await constituencies.get(self.db, network_id) if isinstance(network_id, int) else None
        )
        if role == "coordinator":
            return invite_for(self.tr, "coordinator", None)
        return invite_for(
            self.tr, "representative" if role == "representative" else "member", place
        )


async def sentence(db: Database, tr: Tr, entry: AuditEntry, min_group: int) -> str:
    """One action as a sentence: "Member no. 3 archived a network: Hywel Dda Forum."."""
    d = details(entry)
    words = _Words(db, tr, min_group)
    who = words.who(entry.actor_id)
    network = d.get("network")
    match entry.action:
        case "role.granted" if d.get("role") == "coordinator":
            # TRANSLATORS: audit sentences: {who} is “member no. 12” or “someone who has since
            # left”. Names ({network}, {topic}) go after a colon or in brackets, never straight
            # after a preposition: they cannot be mutated.
            text = tr.gettext("{who} became a coordinator, with invitation link {invite}.")
        case "role.granted":
            text = tr.gettext(
                "{who} became a representative, with invitation link {invite}: {network}."
            )
        case "role.removed" if d.get("role") == "coordinator":
            text = tr.gettext("{who} removed the coordinator role of member no. {member}.")
        case "role.removed":
            text = tr.gettext(
                "{who} removed the representative role of member no. {member}: {network}."
            )
        case "invite.created":
            days = int(d.get("days") or 0)
            text = tr.ngettext(
                "{who} created invitation link {invite} for {what} ({uses}, {n} day).",
                "{who} created invitation link {invite} for {what} ({uses}, {n} days).",
                days,
            )
        case "invite.used":
            text = tr.gettext("{who} used invitation link {invite}.")
        case "invite.revoked" if d.get("reason") == "role_removed":
            text = tr.gettext(
                "{who} removed the role of member no. {maker}, so invitation link {invite}, "
                "which they had made, was withdrawn."
            )
        case "invite.revoked" if d.get("reason") == "maker_left":
            text = tr.gettext(
                "Invitation link {invite} was withdrawn: member no. {maker}, who made it, left."
            )
        case "invite.revoked" if d.get("reason") == "maker_lost_role":
            text = tr.gettext(
                "Invitation link {invite} was withdrawn: member no. {maker}, who made it, no "
                "longer holds the role to make it."
            )
        case "invite.revoked":
            text = tr.gettext("{who} withdrew invitation link {invite}.")
        case "constituency.created":
            text = tr.gettext("{who} created a network: {network}.")
        case "constituency.renamed" if "old_cy" in d and "old_en" in d:
            text = tr.gettext("{who} renamed a network: {old} is now {network}.")
        case "constituency.renamed":
            text = tr.gettext("{who} renamed a network, now called {network}.")
        case "constituency.opened":
            text = tr.gettext("{who} let anyone join a network with /join: {network}.")
        case "constituency.closed":
            text = tr.gettext("{who} made a network invitation-only: {network}.")
        case "constituency.archived":
            text = tr.gettext("{who} archived a network: {network}.")
        case "constituency.restored":
            text = tr.gettext("{who} restored an archived network: {network}.")
        case "constituency.seeded":
            text = tr.gettext("{who} loaded the health board areas ({created} new).")
        case "digest.scheduled":
            text = tr.gettext(
                "{who} set when a network's weekly digest arrives: {network}, {when}."
            )
        case "group.linked":
            text = tr.gettext("{who} had a network's digests sent to a group chat too: {network}.")
        case "group.unlinked":
            text = tr.gettext("{who} stopped a network's digests going to a group chat: {network}.")
        case "topic.opened":
            text = tr.gettext("{who} opened a topic for views: “{topic}” ({network}).")
        case "topic.closed":
            text = tr.gettext("{who} closed a topic: “{topic}” ({network}).")
        case "broadcast.sent":
            text = tr.gettext(
                # No number of recipients: the log is read outside the counting rule's sight of
                # the other counts a coordinator can ask for (see bot.domain.counting).
                "{who} sent message #{broadcast} ({kind}). Audience: {audience}."
            )
            if d.get("urgent"):
                text += " " + tr.gettext("It was marked urgent.")
        case "poll.opened":
            text = tr.gettext("{who} sent poll #{poll} to its networks: {networks}.")
        case "poll.closed":
            text = tr.gettext("{who} closed poll #{poll} early.")
        case "meeting.scheduled":
            text = tr.gettext("{who} planned a meeting: “{meeting}”.")
        case "meeting.changed":
            text = tr.gettext("{who} changed a meeting and told the members: “{meeting}”.")
        case "meeting.attendance":
            text = tr.gettext("{who} confirmed who came to a meeting: “{meeting}”.")
        case "meeting.cancelled":
            text = tr.gettext("{who} cancelled a meeting: “{meeting}”.")
        case "suggestion.on_agenda":
            text = tr.gettext(
                "{who} put a topic members suggested on a meeting's agenda: “{meeting}”."
            )
        case "interest.declared":
            text = tr.gettext("{who} declared an interest (no. {interest}).")
        case "interest.updated":
            text = tr.gettext("{who} changed a declared interest (no. {interest}).")
        case "interest.withdrawn":
            text = tr.gettext("{who} withdrew a declared interest (no. {interest}).")
        case "representative.named":
            text = tr.gettext("{who} chose the name members see.")
        case "representative.unnamed":
            text = tr.gettext("{who} removed the name members see.")
        case "outcome.recorded" if d.get("sent"):
            text = tr.gettext(
                "{who} recorded outcome #{outcome} and sent it to members: {network}."
            )
        case "outcome.recorded":
            text = tr.gettext("{who} recorded outcome #{outcome}: {network}.")
        case "outcome.progress" if d.get("sent"):
            text = tr.gettext(
                "{who} added progress to outcome #{outcome} and sent it to members: {network}."
            )
        case "outcome.progress":
            text = tr.gettext("{who} added progress to outcome #{outcome}: {network}.")
        case "contact.reported":
            text = tr.gettext(
                "{who} reported abuse in a conversation with a member (report {report}): {network}."
            )
        case "contact.blocked":
            text = tr.ngettext(
                "{who} stopped the sender of report {report} writing to representatives for {n} month.",
                "{who} stopped the sender of report {report} writing to representatives for {n} months.",
                int(d.get("months") or 0),
            )
        case "contact.dismissed":
            text = tr.gettext("{who} closed report {report} without stopping anyone.")
        case "contact.lifted":
            text = tr.gettext(
                "{who} let the sender of report {report} write again, before the stop ended."
            )
        case _:  # an action this version no longer records: still say who, and when
            text = tr.gettext("{who} did something this version can't describe.")
    values: dict[str, str] = {
        "who": who,
        "invite": str(d.get("invite", "?")),
        "member": str(d.get("member", "?")),
        "maker": str(d.get("maker", "?")),
        "created": str(d.get("created", "?")),
        "broadcast": str(d.get("broadcast", "?")),
        "poll": str(d.get("poll", "?")),
        "n": str(d.get("days", d.get("months", "?"))),
        "report": str(d.get("report", "?")),
        "interest": str(d.get("interest", "?")),
        "outcome": str(d.get("outcome", "?")),
    }
    if "{network}" in text:
        values["network"] = await words.network(network)
    if "{old}" in text:
        values["old"] = esc(str(d["old_cy"] if tr.lang == "cy" else d["old_en"]))
    if "{what}" in text:
        values["what"] = await words.invitee(d.get("role"), network)
        values["uses"] = (
            tr.gettext("one person") if d.get("uses") == "one" else tr.gettext("several people")
        )
    if "{topic}" in text:
        values["topic"] = await words.topic(d.get("topic"))
    if "{meeting}" in text:
        values["meeting"] = await words.meeting(d.get("meeting"))
    if "{when}" in text:
        weekday = d.get("weekday")
        day = (
            get_day_names("wide", locale=tr.locale)[weekday]
            if isinstance(weekday, int) and 0 <= weekday <= 6
            else "?"
        )
        values["when"] = tr.gettext("{date} at {time}").format(
            date=day, time=str(d.get("time", "?"))
        )
    if "{networks}" in text:
        values["networks"] = ", ".join([await words.network(i) for i in d.get("networks") or []])
    if "{kind}" in text:
        kind = d.get("kind")
        values["kind"] = (
            esc(tr.gettext(KIND_TITLES[kind])) if kind in KIND_TITLES else tr.gettext("a message")
        )
        values["audience"] = await _audience(words, d)
    sentence = text.format(**values)
    return sentence[:1].upper() + sentence[1:]


async def _audience(words: _Words, d: dict[str, Any]) -> str:
    tr = words.tr
    ids = d.get("networks") or []
    names = ", ".join([await words.network(i) for i in ids])
    if d.get("audience") == "representatives":
        return tr.gettext("representatives") + (f" ({names})" if names else "")
    if d.get("audience") == "constituencies" and names:
        return names
    return tr.gettext("everyone who has joined")


async def lines(db: Database, tr: Tr, entries: list[AuditEntry], min_group: int) -> list[str]:
    """The log for a reader, newest first: "5 Rhag 2026 am 10:04 · Member no. 3 …"."""
    return [
        f"{tr.datetime(e.at, 'medium')} · {await sentence(db, tr, e, min_group)}" for e in entries
    ]
