"""Failures a test injects: the next matching calls answer with this status instead."""

from __future__ import annotations

from dataclasses import dataclass

from bot.sim.model import ApiError

_DEFAULT_DESCRIPTION = {
    502: "Bad Gateway",
    500: "Internal Server Error",
    400: "Bad Request: chat not found",
}


@dataclass(slots=True)
class Injected:
    status: int
    description: str
    method: str | None
    chat_id: int | None
    times: int
    retry_after: int | None = None
    migrate_to: int | None = None  # a group that became a supergroup (ChatMigrated)


class Faults:
    def __init__(self) -> None:
        self.injected: list[Injected] = []

    def add(
        self,
        status: int,
        description: str | None,
        method: str | None,
        chat_id: int | None,
        times: int,
        retry_after: int | None,
        migrate_to: int | None,
    ) -> None:
        if status == 429:
            retry_after = retry_after or 1
            description = description or f"Too Many Requests: retry after {retry_after}"
        description = description or _DEFAULT_DESCRIPTION.get(status, "Error")
        self.injected.append(
            Injected(status, description, method, chat_id, times, retry_after, migrate_to)
        )

    def check(self, method: str, chat_id: int | None) -> None:
        """Raise the first injected failure that matches this call, using up one of its times."""
        for rule in self.injected:
            if rule.times > 0 and rule.method in (None, method) and rule.chat_id in (None, chat_id):
                rule.times -= 1
                raise ApiError(rule.status, rule.description, rule.retry_after, rule.migrate_to)
        self.injected = [r for r in self.injected if r.times > 0]
