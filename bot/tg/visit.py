"""Group -1: load who is speaking (member, language, roles) once per update."""

from __future__ import annotations

from typing import cast

from telegram import Update

from bot.context import Context, Visit
from bot.domain.access import STRANGER, member_access
from bot.i18n import Lang, as_lang
from bot.menus import ensure_menu, menu_key
from bot.storage import members


async def load_visit(update: Update, context: Context) -> None:
    """Attach a Visit to the context; every later handler reads it."""
    user = update.effective_user
    chat = update.effective_chat
    settings = context.settings
    telegram_id = user.id if user else 0
    found = await members.with_roles(context.db, telegram_id) if user else None
    member = found[0] if found else None
    access = STRANGER
    lang: Lang | None = None
    if found is not None:
        member, grants = found
        lang = member.language
        access = member_access(grants, telegram_id in settings.coordinators)
    elif user is not None:
        # Before consent nothing is stored: the language lives only in this conversation.
        chosen = context.user_data.get("lang") if context.user_data is not None else None
        lang = cast(Lang | None, chosen) or as_lang(user.language_code)
    context.visit = Visit(
        telegram_id=telegram_id,
        chat_id=chat.id if chat else telegram_id,
        private=chat is None or chat.type == "private",
        member=member,
        lang=lang,
        access=access,
        timezone=settings.timezone,
    )
    if member is not None and member.menu_key != menu_key(member.language, access.top):
        # Stale after a role or language change, or an upgrade: one call, then it matches.
        await ensure_menu(context.bot, context.db, settings, member, access.top)
