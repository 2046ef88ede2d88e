"""Coordinators' changes to constituencies (networks and forums), each one audited.

No two networks share a name, in either language: people choose a network by its name (in
/join, /feedback, a digest's heading), so two of the same name would send views or members
to the wrong one. Names are compared by `name_key`, across Welsh and English names, archived
networks included (restoring one must not bring a twin back).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from bot.domain.plain import one_line
from bot.health_boards import load_constituencies
from bot.storage import Database, audit, constituencies
from bot.storage.constituencies import Constituency
from bot.storage.db import Queries

NAME_MIN = 2
NAME_MAX = 80


def clean_name(text: str) -> str | None:
    """A name as typed, on one line with nothing invisible (`one_line`); None if too short,
    too long or holding control characters."""
    name = one_line(text)
    if not NAME_MIN <= len(name) <= NAME_MAX:
        return None
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        return None  # a control character or a private one: nothing a name needs
    return name


def slugify(name: str) -> str:
    """ASCII words joined by '-', e.g. "Fforwm Bae Abertawe" -> "fforwm-bae-abertawe"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:40].rstrip("-") or "network"


def name_key(name: str) -> str:
    """What two names must differ in to be two names: not case, spacing, accents or punctuation.

    "Fforwm  Môn", "fforwm mon" and "Fforwm-Môn" are one name: on a phone the circumflex is
    often left out, and a stray space or apostrophe is not a different network.
    """
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(ch for ch in decomposed if ch.isalnum() and not unicodedata.combining(ch))


class NameTaken(Exception):
    """Another network already has this name (in Welsh or English)."""

    def __init__(self, holder: Constituency) -> None:
        super().__init__(holder.slug)
        self.holder = holder


def holder_of(
    places: Iterable[Constituency], name: str, *, besides: int | None = None
) -> Constituency | None:
    """The network, other than `besides`, whose Welsh or English name is `name`."""
    key = name_key(name)
    for place in places:
        if place.id != besides and key in (name_key(place.name_cy), name_key(place.name_en)):
            return place
    return None


async def name_holder(db: Queries, name: str, *, besides: int | None = None) -> Constituency | None:
    """Who already has this name, archived networks included; None if nobody."""
    return holder_of(
        await constituencies.list_all(db, include_archived=True), name, besides=besides
    )


async def _check_names(db: Queries, names: tuple[str, str], besides: int | None) -> None:
    for name in names:
        holder = await name_holder(db, name, besides=besides)
        if holder is not None:
            raise NameTaken(holder)


async def create(db: Database, actor_id: int, name_cy: str, name_en: str) -> int:
    """A new constituency, open to self-joining, with a slug no other one has.

    Raises NameTaken if another network has either name (checked in the same transaction
    as the insert, so two coordinators typing the same name at once still make one).
    """
    base = slugify(name_en)
    async with db.transaction() as tx:
        await _check_names(tx, (name_cy, name_en), None)
        slug, suffix = base, 2
        while await constituencies.by_slug(tx, slug) is not None:
            slug, suffix = f"{base}-{suffix}", suffix + 1
        constituency_id = await constituencies.create(tx, slug, name_cy, name_en)
        await audit.record(tx, actor_id, "constituency.created", network=constituency_id)
    return constituency_id


async def rename(
    db: Database, actor_id: int, constituency_id: int, name_cy: str, name_en: str
) -> bool:
    """Rename a live network; False if there is none. Raises NameTaken as `create` does."""
    async with db.transaction() as tx:
        await _check_names(tx, (name_cy, name_en), constituency_id)
        before = await constituencies.get(tx, constituency_id)
        if before is None or not await constituencies.rename(tx, constituency_id, name_cy, name_en):
            return False
        await audit.record(
            tx,
            actor_id,
            "constituency.renamed",
            network=constituency_id,
            old_cy=before.name_cy,
            old_en=before.name_en,
        )
    return True


async def set_open(db: Database, actor_id: int, constituency_id: int, open_: bool) -> bool:
    if not await constituencies.set_self_join(db, constituency_id, open_):
        return False
    action: audit.Action = "constituency.opened" if open_ else "constituency.closed"
    await audit.record(db, actor_id, action, network=constituency_id)
    return True


async def archive(db: Database, actor_id: int, constituency_id: int) -> bool:
    if not await constituencies.archive(db, constituency_id):
        return False
    await audit.record(db, actor_id, "constituency.archived", network=constituency_id)
    return True


async def restore(db: Database, actor_id: int, constituency_id: int) -> bool:
    """Bring an archived network back, invitation-only (a coordinator opens it if they wish);
    False if it was not archived. The links withdrawn when it was archived stay withdrawn."""
    async with db.transaction() as tx:
        if not await constituencies.restore(tx, constituency_id):
            return False
        await audit.record(tx, actor_id, "constituency.restored", network=constituency_id)
    return True


@dataclass(frozen=True, slots=True)
class Loaded:
    created: int
    same_name: list[Constituency]  # networks made by hand that already have an area's name


async def load_health_boards(db: Database, actor_id: int) -> Loaded:
    """Create the seven health board areas from data/constituencies.csv, once each.

    An area is left out when a network has its slug (loaded before) or either of its names
    (made by hand, perhaps before anyone pressed the button): one name, one network.
    """
    same_name: dict[int, Constituency] = {}
    async with db.transaction() as tx:
        existing = await constituencies.list_all(tx, include_archived=True)
        slugs = {place.slug for place in existing}
        new = []
        for seed in load_constituencies():
            if seed.slug in slugs:
                continue
            holder = holder_of(existing, seed.name_cy) or holder_of(existing, seed.name_en)
            if holder is not None:
                same_name[holder.id] = holder
                continue
            new.append((seed.slug, seed.name_cy, seed.name_en))
        created = await constituencies.insert_many(tx, new)
        if created:
            await audit.record(tx, actor_id, "constituency.seeded", created=created)
    return Loaded(created, list(same_name.values()))
