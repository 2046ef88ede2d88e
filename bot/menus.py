"""The "what you can do" menu and the command menus Telegram shows, from `bot.commands`."""

from __future__ import annotations

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.auth import Role
from bot.commands import visible_to
from bot.config import Settings
from bot.i18n import N_, Lang, Tr, translator

SECTION = {
    Role.REPRESENTATIVE: N_("<b>For representatives</b>"),
    Role.COORDINATOR: N_("<b>For coordinators</b>"),
}


def menu_text(tr: Tr, role: Role) -> str:
    """Everything this person may use; representatives' and coordinators' tools under headings."""
    lines: list[str] = []
    section = Role.MEMBER
    for cmd in visible_to(role):
        if cmd.role > section and cmd.role in SECTION:
            section = cmd.role
            lines += ["", tr.gettext(SECTION[section])]
        lines.append(f"/{cmd.name(tr.lang)} – {tr.gettext(cmd.description)}")
    return "\n".join(lines)


def bot_commands(lang: Lang, role: Role, settings: Settings) -> list[BotCommand]:
    tr = translator(lang, settings.timezone)
    return [BotCommand(c.name(lang), tr.gettext(c.description)[:256]) for c in visible_to(role)]


async def set_default_menus(bot: Bot, settings: Settings) -> None:
    """English for everyone, Welsh for Telegram apps set to Welsh (language_code `cy`)."""
    await bot.set_my_commands(bot_commands("en", Role.MEMBER, settings))
    await bot.set_my_commands(bot_commands("cy", Role.MEMBER, settings), language_code="cy")


async def set_chat_menu(bot: Bot, settings: Settings, chat_id: int, lang: Lang, role: Role) -> None:
    """A representative's or coordinator's own menu, in their language; members get the default."""
    scope = BotCommandScopeChat(chat_id)
    try:
        if role >= Role.REPRESENTATIVE:
            await bot.set_my_commands(bot_commands(lang, role, settings), scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramError:
        pass  # a menu is a convenience; never fail the action that changed the role
