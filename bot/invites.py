"""Invitation links: who may make which, the deep link, and the audit trail."""

from __future__ import annotations

from datetime import timedelta
from typing import Literal

from bot.domain.access import Access
from bot.i18n import Tr
from bot.storage import Database, audit, constituencies, invites
from bot.storage.constituencies import Constituency
from bot.storage.invites import Invite, InviteRole
from bot.tg.text import esc

DAYS: tuple[int, ...] = (7, 1, 30)  # offered in this order; 7 is the usual choice
DEFAULT_DAYS = 7
Uses = Literal["one", "many"]


def invite_for(tr: Tr, role: InviteRole, place: Constituency | None) -> str:
    """Whom a link is for, in words: "a representative of Hywel Dda Service Users' Forum"."""
    name = esc(place.name(tr.lang)) if place else "?"
    if role == "coordinator":
        return tr.gettext("a coordinator of the whole service")
    if role == "representative":
        return tr.gettext("a representative of {name}").format(name=name)
    # TRANSLATORS: whom an invitation is for: follows “An invitation for …” and “For …”.
    return tr.gettext("a member of {name}").format(name=name)


def deep_link(bot_username: str, token: str) -> str:
    return f"https://t.me/{bot_username}?start={token}"


def roles_for(access: Access) -> tuple[InviteRole, ...]:
    """The roles this person may invite to: coordinators any, representatives members only."""
    if access.coordinator:
        return invites.INVITE_ROLES
    return ("member",) if access.rep_of else ()


def may_invite(access: Access, role: InviteRole, constituency_id: int | None) -> bool:
    """Coordinators invite anyone; a representative invites members to their own networks."""
    if role not in roles_for(access):
        return False
    if role == "coordinator":
        return constituency_id is None
    return constituency_id is not None and access.speaks_for(constituency_id)


def may_manage(access: Access, invite: Invite) -> bool:
    """Coordinators see and withdraw every invite; representatives their networks' member invites."""
    if access.coordinator:
        return True
    return (
        invite.role == "member"
        and invite.constituency_id is not None
        and access.speaks_for(invite.constituency_id)
    )


async def create(
    db: Database,
    actor_id: int,
    role: InviteRole,
    constituency_id: int | None,
    uses: Uses,
    days: int,
) -> tuple[Invite, str]:
    """Create and audit an invite. Representative and coordinator links are always single-use."""
    max_uses = None if uses == "many" and role == "member" else 1
    invite, token = await invites.create(
        db,
        role=role,
        constituency_id=constituency_id,
        created_by=actor_id,
        max_uses=max_uses,
        valid_for=timedelta(days=days),
    )
    await audit.record(
        db,
        actor_id,
        "invite.created",
        invite=invite.id,
        role=role,
        network=constituency_id,
        uses="one" if max_uses == 1 else "many",
        days=days,
    )
    return invite, token


async def revoke(db: Database, actor_id: int, invite_id: int) -> bool:
    if not await invites.revoke(db, invite_id):
        return False
    await audit.record(db, actor_id, "invite.revoked", invite=invite_id)
    return True


# Why a link was withdrawn without anyone pressing "withdraw" (the audit log says it).
WithdrawnBecause = Literal["role_removed", "maker_left", "maker_lost_role"]


async def withdraw_unbacked(
    db: Database,
    member_id: int,
    access: Access | None,
    why: WithdrawnBecause,
    actor_id: int | None = None,
) -> int:
    """Withdraw the links a member made that grant a role or join an invitation-only network
    and that they could no longer make (`access` is what they hold now; None: they have
    left). Each is audited with `why`. Returns how many were withdrawn."""
    withdrawn = 0
    for invite in await invites.usable_made_by(db, member_id):
        place = (
            await constituencies.get(db, invite.constituency_id)
            if invite.constituency_id is not None
            else None
        )
        opens_a_door = invite.role != "member" or (place is not None and not place.self_join)
        if not opens_a_door:
            continue  # anyone may join that network with /join: the link gives nothing more
        if access is not None and may_invite(access, invite.role, invite.constituency_id):
            continue
        if await invites.revoke(db, invite.id):
            await audit.record(
                db, actor_id, "invite.revoked", invite=invite.id, maker=member_id, reason=why
            )
            withdrawn += 1
    return withdrawn
