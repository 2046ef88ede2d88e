"""Roles held by members: the role a member's menu shows, and removing a role (audited)."""

from __future__ import annotations

from telegram import Bot

from bot.config import Settings
from bot.domain.access import Role
from bot.menus import ensure_menu
from bot.storage import Database, audit, members, roles
from bot.storage.members import Member
from bot.storage.roles import RoleGrant


async def top_role(db: Database, settings: Settings, member: Member) -> Role:
    """The highest role a member holds now, counting CYDLAIS_COORDINATORS.

    The same grants as a visit sees (`members.with_roles`): a representative of archived
    networks only has a member's rights, so a member's menu.
    """
    found = await members.with_roles(db, member.telegram_id)
    grants = [role for role, _ in found[1]] if found else []
    if member.telegram_id in settings.coordinators or "coordinator" in grants:
        return Role.COORDINATOR
    if "representative" in grants:
        return Role.REPRESENTATIVE
    return Role.MEMBER


async def refresh_menu(bot: Bot, db: Database, settings: Settings, member_id: int) -> None:
    """Set a member's own command menu to match their roles, in their language."""
    member = await members.by_id(db, member_id)
    if member is None:
        return
    await ensure_menu(bot, db, settings, member, await top_role(db, settings, member))


async def refresh_menus_of_representatives(
    bot: Bot, db: Database, settings: Settings, constituency_id: int
) -> None:
    """After a network is archived: its representatives' menus, at once."""
    for member_id in await roles.representatives_of(db, constituency_id):
        await refresh_menu(bot, db, settings, member_id)


async def remove(db: Database, actor_id: int, role_id: int) -> RoleGrant | None:
    """Remove a role and record who did it; None if it was already gone."""
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
    return grant


async def holders(db: Database) -> list[RoleGrant]:
    return await roles.list_all(db)


async def get(db: Database, role_id: int) -> RoleGrant | None:
    return await roles.get(db, role_id)
