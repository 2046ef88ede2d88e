"""Who speaks for a member, and how a representative is shown to members.

The bot keeps no names. A representative may choose the name members see (`/interests`,
stored as their own personal data, erased by /forget); without one they are shown by their
place in the network ("Representative 2"), which is enough to tell two apart when writing
to one (`/contact`) and gives nothing away about who they are.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.access import Access
from bot.i18n import N_, Lang, Tr
from bot.storage import Database, constituencies
from bot.storage import interests as interest_store
from bot.storage import representatives as store
from bot.storage.constituencies import Constituency
from bot.storage.interests import Interest
from bot.storage.representatives import Representative

NAME_MIN = 2
NAME_MAX = 40
UNNAMED = N_("Representative {n}")


@dataclass(frozen=True, slots=True)
class Card:
    """One representative of one network, as members see them."""

    rep: Representative
    interests: list[Interest]


def shown_name(tr: Tr, rep: Representative) -> str:
    """The name they chose, or "Representative 2" (plain text: escape it for HTML)."""
    return rep.display_name or tr.gettext(UNNAMED).format(n=rep.position)


def clean_name(text: str) -> str | None:
    """A name of 2 to 40 characters on one line, or None."""
    name = " ".join(text.split())
    return name if NAME_MIN <= len(name) <= NAME_MAX else None


async def networks_for(
    db: Database, access: Access, member_id: int, lang: Lang
) -> list[Constituency]:
    """The networks whose representatives this person may see: those they belong to, those
    they speak for, and, for a coordinator, all of them."""
    everything = await constituencies.list_all(db, lang=lang)
    joined = {c.id for c in await constituencies.of_member(db, member_id)}
    return [c for c in everything if c.id in joined or access.speaks_for(c.id)]


async def cards(db: Database, constituency_id: int) -> list[Card]:
    reps = await store.of_constituency(db, constituency_id)
    declared = await interest_store.current_of(db, [r.member_id for r in reps])
    return [Card(r, declared[r.member_id]) for r in reps]


async def of_network(db: Database, constituency_id: int, member_id: int) -> Representative | None:
    """This member, as a representative of this network, or None if they are not one."""
    for rep in await store.of_constituency(db, constituency_id):
        if rep.member_id == member_id:
            return rep
    return None
