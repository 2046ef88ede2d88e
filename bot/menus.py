"""The "what you can do" menu and the command menus Telegram shows, from `bot.commands`."""

from __future__ import annotations

import hashlib

from telegram import Bot, BotCommand, BotCommandScopeChat
from telegram.error import TelegramError

from bot.commands import COMMANDS, visible_to
from bot.config import Settings
from bot.domain.access import Role
from bot.i18n import LANGS, N_, Lang, Tr, translator
from bot.storage import Database, members
from bot.storage.members import Member

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


def bilingual_commands(settings: Settings) -> list[BotCommand]:
    """Each command twice, its Welsh name first, each described in its own language."""
    welsh, english = (bot_commands(lang, Role.MEMBER, settings) for lang in LANGS)
    return [command for pair in zip(welsh, english, strict=True) for command in pair]


async def set_default_menus(bot: Bot, settings: Settings) -> None:
    """Bilingual, Welsh first, until a person chooses; Welsh alone for apps set to Welsh.

    Telegram's apps offer no Welsh interface, so most Welsh speakers' apps say `en`: an
    English default menu would greet them in English before they could choose. Once they
    choose, their own chat gets a menu in their language (`set_chat_menu`).
    """
    await bot.set_my_commands(bilingual_commands(settings))
    await bot.set_my_commands(bot_commands("cy", Role.MEMBER, settings), language_code="cy")


def menu_key(lang: Lang, role: Role) -> str:
    """Names the menu a chat should have: its language, role and the command list itself."""
    commands = repr([(c.en, c.cy, c.description, int(c.role), c.in_menu) for c in COMMANDS])
    return f"{lang}:{int(role)}:{hashlib.sha256(commands.encode()).hexdigest()[:12]}"


async def set_chat_menu(bot: Bot, settings: Settings, chat_id: int, lang: Lang, role: Role) -> bool:
    """A person's own menu, in the language they chose (not their app's); none for strangers.

    Returns False if Telegram refused: a menu is a convenience, never worth failing the
    action that changed it.
    """
    scope = BotCommandScopeChat(chat_id)
    try:
        if role >= Role.MEMBER:
            await bot.set_my_commands(bot_commands(lang, role, settings), scope=scope)
        else:
            await bot.delete_my_commands(scope=scope)
    except TelegramError:
        return False
    return True


async def ensure_menu(
    bot: Bot, db: Database, settings: Settings, member: Member, role: Role
) -> None:
    """Give the member's chat the menu for their language and role, unless it has it already."""
    key = menu_key(member.language, role)
    if member.menu_key != key and await set_chat_menu(
        bot, settings, member.chat_id, member.language, role
    ):
        await members.set_menu_key(db, member.id, key)
