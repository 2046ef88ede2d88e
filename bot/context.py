"""What every handler can reach: the long-lived services, and who is speaking now."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import tzinfo
from typing import Any

from telegram.ext import Application, CallbackContext, ExtBot

from bot.config import Settings
from bot.delivery.worker import Worker
from bot.domain.access import Access
from bot.i18n import Lang, Tr, both, translator
from bot.secrets import SecretStore
from bot.storage import Database
from bot.storage.members import Member
from bot.tg.memory import Memory


@dataclass(slots=True)
class Services:
    """The long-lived services, opened in post_init and closed in post_shutdown (`bot.app`)."""

    settings: Settings
    db: Database
    delivery: Worker  # the one delivery worker: `services.delivery.wake()` after enqueuing
    secrets: SecretStore  # expiring secrets for anonymous counting: never in the database
    memory: Memory  # the in-memory half of each person's slot (`bot.tg.steps`)


class LanguageNotKnown(RuntimeError):
    """Someone's language was asked for before they chose one: use `context.t` or `both`."""


@dataclass(slots=True)
class Visit:
    """Who sent this update, loaded once per update by the group -1 handler."""

    telegram_id: int
    chat_id: int
    private: bool
    member: Member | None
    lang: Lang | None  # None: not known yet, so everything they read is in both languages
    access: Access
    timezone: tzinfo

    @property
    def tr(self) -> Tr:
        """This person's translator; never silently Welsh (or English) for a stranger."""
        if self.lang is None:
            raise LanguageNotKnown("the language is not known yet")
        return translator(self.lang, self.timezone)

    @property
    def member_id(self) -> int:
        """The speaker's member id, in a handler that requires a role (so a member)."""
        if self.member is None:
            raise RuntimeError("not a member: does the handler require a role?")
        return self.member.id


class Context(CallbackContext[ExtBot[None], dict[Any, Any], dict[Any, Any], dict[Any, Any]]):
    """python-telegram-bot's context, plus the services and the current visit."""

    __slots__ = ("_visit",)

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application, chat_id, user_id)
        self._visit: Visit | None = None

    @property
    def services(self) -> Services:
        services: Services = self.application.bot_data["services"]
        return services

    @property
    def db(self) -> Database:
        return self.services.db

    @property
    def settings(self) -> Settings:
        return self.services.settings

    @property
    def visit(self) -> Visit:
        if self._visit is None:
            raise RuntimeError("visit not loaded: is the group -1 loader registered?")
        return self._visit

    @visit.setter
    def visit(self, value: Visit) -> None:
        self._visit = value

    @property
    def tr(self) -> Tr:
        return self.visit.tr

    def t(self, message: str) -> str:
        """Translate for this person; both languages, Welsh first, if theirs isn't known yet."""
        if self.visit.lang is None:
            return both(message, self.settings.timezone)
        return self.visit.tr.gettext(message)

    def tr_for(self, lang: Lang) -> Tr:
        return translator(lang, self.settings.timezone)


App = Application[Any, Context, Any, Any, Any, Any]
