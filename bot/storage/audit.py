"""The audit log: who did what, when. Privileged actions only; never a view's content.

Each row holds an action and its details as JSON (ids, counts, names as they were), never
text for people: `bot.audit` words each action as a sentence in the reader's language.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from bot.storage.db import Queries, from_db, to_db, utcnow

# Every action the log may hold; `bot.audit` has a sentence for each (mypy and a test check).
Action = Literal[
    "role.granted",
    "role.removed",
    "invite.created",
    "invite.used",
    "invite.revoked",
    "constituency.created",
    "constituency.renamed",
    "constituency.opened",
    "constituency.closed",
    "constituency.archived",
    "constituency.restored",
    "constituency.seeded",
    "digest.scheduled",
    "group.linked",
    "group.unlinked",
    "topic.opened",
    "topic.closed",
    "broadcast.sent",
    "poll.opened",
    "poll.closed",
    "meeting.scheduled",
    "meeting.changed",
    "meeting.cancelled",
    "meeting.attendance",
    "suggestion.on_agenda",
    "interest.declared",
    "interest.updated",
    "interest.withdrawn",
    "representative.named",
    "representative.unnamed",
    "outcome.recorded",
    "outcome.progress",
    "contact.reported",
    "contact.blocked",
    "contact.dismissed",
    "contact.lifted",
]
Detail = str | int | bool | list[int] | None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor_id: int | None
    action: str
    detail: str  # JSON since issue 13; older rows hold free text (see `bot.audit.details`)


def encode(details: dict[str, Detail]) -> str:
    return json.dumps(details, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


async def record(db: Queries, actor_id: int | None, action: Action, **details: Detail) -> None:
    """Record an action, e.g. ("role.removed", role="representative", network=3, member=12)."""
    await db.execute(
        "INSERT INTO audit_log (at, actor_id, action, detail) VALUES (?, ?, ?, ?)",
        (to_db(utcnow()), actor_id, action, encode(details)),
    )


async def latest(db: Queries, limit: int = 20) -> list[AuditEntry]:
    rows = await db.fetchall("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", (limit,))
    return [
        AuditEntry(r["id"], from_db(r["at"]), r["actor_id"], r["action"], r["detail"]) for r in rows
    ]
