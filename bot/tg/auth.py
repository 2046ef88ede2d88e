"""Who may do what: one mechanism for commands, messages and button presses.

Every handler callback is wrapped by `requires(role)`. The wrapper checks the visitor's
role before the callback runs and tells a refused person, in their language, whom the
action is for. Object-level rights (a representative of *this* constituency) are checked
by the journey with `Access.speaks_for`, because callback_data is never trusted.
The authorization matrix test walks every registered handler and fails on any callback
that does not carry `required_role`.
"""

from __future__ import annotations

import functools
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from telegram import Update

from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_
from bot.tg.ui import tell

Handler = Callable[..., Awaitable[Any]]  # (update, context) or (update, context, button)
F = TypeVar("F", bound=Handler)


_DENIED = {
    Role.MEMBER: N_("This is for members. To join, send /start."),
    Role.REPRESENTATIVE: N_("This is for representatives and coordinators."),
    Role.COORDINATOR: N_("This is for coordinators."),
}


PRIVATE_ONLY = N_("Please ask me for this in a private chat.")


def requires(role: Role, *, private: bool = False) -> Callable[[F], F]:
    """Declare the role a handler needs; refuse everyone else kindly.

    `private=True`: only in a private chat, for what the rest of a group must not see
    (the audit log, roles, member counts, invitation links).
    """

    def decorate(callback: F) -> F:
        @functools.wraps(callback)
        async def guarded(update: Update, context: Context, *args: Any) -> Any:
            if not context.visit.access.has(role):
                await deny(update, context, role)
                return None
            if private and not context.visit.private:
                await tell(update, context, context.t(PRIVATE_ONLY))
                return None
            return await callback(update, context, *args)

        guarded.required_role = role  # type: ignore[attr-defined]  # read by the matrix test
        return guarded  # type: ignore[return-value]  # same signature as callback

    return decorate


async def deny(update: Update, context: Context, role: Role) -> None:
    await tell(update, context, context.t(_DENIED.get(role, _DENIED[Role.COORDINATOR])))


def required_role(callback: object) -> Role | None:
    role = getattr(callback, "required_role", None)
    return role if isinstance(role, Role) else None
