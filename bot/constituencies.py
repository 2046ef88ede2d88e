"""Coordinators' changes to constituencies (networks and forums), each one audited."""

from __future__ import annotations

import re
import unicodedata

from bot.health_boards import load_constituencies
from bot.storage import Database, audit, constituencies

NAME_MIN = 2
NAME_MAX = 80


def clean_name(text: str) -> str | None:
    """A name as typed, with runs of spaces made one; None if too short, too long or odd."""
    name = " ".join(text.split())
    if not NAME_MIN <= len(name) <= NAME_MAX:
        return None
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        return None  # control or format characters: nothing a name needs
    return name


def slugify(name: str) -> str:
    """ASCII words joined by '-', e.g. "Fforwm Bae Abertawe" -> "fforwm-bae-abertawe"."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug[:40].rstrip("-") or "network"


async def create(db: Database, actor_id: int, name_cy: str, name_en: str) -> int:
    """A new constituency, open to self-joining, with a slug no other one has."""
    base = slugify(name_en)
    slug, suffix = base, 2
    while await constituencies.by_slug(db, slug) is not None:
        slug, suffix = f"{base}-{suffix}", suffix + 1
    constituency_id = await constituencies.create(db, slug, name_cy, name_en)
    await audit.record(db, actor_id, "constituency.created", network=constituency_id)
    return constituency_id


async def rename(
    db: Database, actor_id: int, constituency_id: int, name_cy: str, name_en: str
) -> bool:
    before = await constituencies.get(db, constituency_id)
    if before is None or not await constituencies.rename(db, constituency_id, name_cy, name_en):
        return False
    await audit.record(
        db,
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


async def load_health_boards(db: Database, actor_id: int) -> int:
    """Create the seven health board areas from data/constituencies.csv; returns how many were new."""
    seeds = load_constituencies()
    created = await constituencies.seed(db, [(s.slug, s.name_cy, s.name_en) for s in seeds])
    if created:
        await audit.record(db, actor_id, "constituency.seeded", created=created)
    return created
