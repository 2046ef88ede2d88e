"""Roles held by members: the role a member's menu shows, and removing a role (audited)."""

from __future__ import annotations

from telegram import Bot

from bot import invites
from bot.config import Settings
from bot.domain.access import Access, Role, member_access
from bot.menus import ensure_menu
from bot.storage import Database, audit, members, roles
from bot.storage.members import Member
from bot.storage.roles import RoleGrant


async def top_role(db: Database, settings: Settings, member: Member) -> Role:
    """The highest role a member holds now, counting CYDLAIS_COORDINATORS.

    The same grants as a visit sees (`members.with_roles`): a representative of archived
    networks only has a member's rights, so a member's menu.
    """
    return (await access_of(db, settings, member)).top


async def refresh_menu(bot: Bot, db: Database, settings: Settings, member_id: int) -> None:
    """Set a member's own command menu to match their roles, in their language."""
    member = await members.by_id(db, member_id)
    if member is None:
        return
    await ensure_menu(bot, db, settings, member, await top_role(db, settings, member))


async def refresh_menus_of_representatives(
    bot: Bot, db: Database, settings: Settings, constituency_id: int
) -> None:
    """After a network is archived or restored: its representatives' menus, at once."""
    for member_id in await roles.representatives_of(db, constituency_id):
        await refresh_menu(bot, db, settings, member_id)


async def access_of(db: Database, settings: Settings, member: Member) -> Access:
    """What a member may do now: the same grants a visit sees (`bot.tg.visit`)."""
    found = await members.with_roles(db, member.telegram_id)
    return member_access(found[1] if found else [], member.telegram_id in settings.coordinators)


async def remove(db: Database, settings: Settings, actor_id: int, role_id: int) -> RoleGrant | None:
    """Remove a role and record who did it; None if it was already gone.

    The links its holder made that grant a role or join an invitation-only network, and
    that they could not make without it, are withdrawn too (and audited): otherwise a
    removed coordinator could open their own coordinator link and be one again."""
    grant = await roles.revoke(db, role_id)
    if grant is None:
        return None
    await audit.record(
        db,
        actor_id,
        "role.removed",
        role=grant.role,
        network=grant.constituency_id,
        member=grant.member_id,
    )
    holder = await members.by_id(db, grant.member_id)
    if holder is not None:
        access = await access_of(db, settings, holder)
        await invites.withdraw_unbacked(db, holder.id, access, "role_removed", actor_id)
    return grant


async def holders(db: Database) -> list[RoleGrant]:
    return await roles.list_all(db)


async def get(db: Database, role_id: int) -> RoleGrant | None:
    return await roles.get(db, role_id)
