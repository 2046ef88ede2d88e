"""A cast for role tests: a stranger, a member, two representatives and a coordinator.

People are put in the database directly (as an invitation would leave them), which keeps
the authorization matrix fast; the invitation tests act the whole journey out instead.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot import roles as roles_service
from bot.domain.access import Role
from bot.sim.harness import Harness, Person
from bot.storage import Database, constituencies, members, roles
from tests.helpers.people import seed_constituencies

PERSONAS = ("stranger", "member", "rep_other", "rep", "coordinator")
LEVEL = {
    "stranger": Role.ANYONE,
    "member": Role.MEMBER,
    "rep_other": Role.REPRESENTATIVE,
    "rep": Role.REPRESENTATIVE,
    "coordinator": Role.COORDINATOR,
}
DENIALS = {
    "This is for members. To join, send /start.",
    "This is for representatives and coordinators.",
    "This is for coordinators.",
}
ERROR = "Sorry, something went wrong on my side"
LINK = re.compile(r"https://t\.me/(\w+)\?start=([A-Za-z0-9_-]+)")


@dataclass
class Cast:
    h: Harness
    people: dict[str, Person]
    member_ids: dict[str, int]
    a: int  # the representative's network (Cardiff and Vale Carers' Network)
    b: int  # the other representative's network (Hywel Dda Service Users' Forum)
    role_ids: dict[str, int] = field(default_factory=dict)

    def __getitem__(self, who: str) -> Person:
        return self.people[who]


async def make_cast(h: Harness, lang: str = "en") -> Cast:
    db = h.services.db
    places = await seed_constituencies(h)
    a, b = places["carers"], places["users"]
    coordinator_id = min(h.settings.coordinators)
    telegram_ids = {
        "stranger": 5001,
        "member": 5002,
        "rep_other": 5003,
        "rep": 5004,
        "coordinator": coordinator_id,
    }
    people = {k: h.person(v, k.title(), language_code="en") for k, v in telegram_ids.items()}
    member_ids: dict[str, int] = {}
    role_ids: dict[str, int] = {}
    for who in PERSONAS[1:]:
        member = await members.create(db, telegram_ids[who], telegram_ids[who], lang)  # type: ignore[arg-type]
        member_ids[who] = member.id
        await constituencies.join(db, member.id, b if who == "rep_other" else a)
    await roles.grant(db, member_ids["rep"], "representative", a)
    await roles.grant(db, member_ids["rep_other"], "representative", b)
    for grant in await roles.list_all(db):
        who = "rep" if grant.member_id == member_ids["rep"] else "rep_other"
        role_ids[who] = grant.id
    for member_id in member_ids.values():  # as after their first visit: menus already given
        await roles_service.refresh_menu(h.app.bot, db, h.settings, member_id)
    return Cast(h, people, member_ids, a, b, role_ids)


async def snapshot(db: Database) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table, to show that an action changed nothing (or what it changed)."""
    tables = sorted(await db.table_names())
    return {
        t: sorted(
            tuple(r) for r in await db.fetchall(f"SELECT * FROM {t}")
        )  # names from the schema
        for t in tables
    }


def changed_tables(
    before: dict[str, list[tuple[Any, ...]]], after: dict[str, list[tuple[Any, ...]]]
) -> set[str]:
    return {t for t in after if before.get(t) != after[t]}


def texts_of(replies: list[Any]) -> list[str]:
    return [m.text for m in replies]


def denied(h: Harness, replies: list[Any], answers_before: int) -> bool:
    """Was the person refused (by reply, or by an alert on the button they pressed)?"""
    alerts = [str(a.get("text", "")) for a in h.sim.callback_answers[answers_before:]]
    return any(d in t for t in [*texts_of(replies), *alerts] for d in DENIALS)


def link_in(text: str) -> str:
    match = LINK.search(text)
    assert match is not None, text
    return match.group(2)
