"""What the view journey's parts share: its button, its steps, and the draft in the slot."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.tg import steps
from bot.tg.callbacks import CallbackData
from bot.views import Draft

GROUP_REFUSAL = N_(
    "A group is not anonymous, so I never take views here. Please write to me in a private "
    "chat and send /feedback there."
)
NO_DRAFT = N_(
    "This draft is no longer open: a draft is deleted after 15 minutes, when it is sent or "
    "cancelled, or when you start something else. Send /feedback to start again."
)


@dataclass(frozen=True, slots=True)
class ViewButton(CallbackData, prefix="view"):
    """A press while giving a view; `id` is the network or topic chosen (topic 0: other)."""

    action: Literal["network", "topic", "send", "anyway", "edit", "cancel", "lang"]
    id: int | None = None


CHOOSE_HINT = N_(
    "Please choose with the buttons above where your view should go, or press “Cancel”."
)
# The steps of one view, held in memory with the draft as their payload.
PLACE = steps.kind("view.network", Role.MEMBER, hint=CHOOSE_HINT, memory=True)
TOPIC = steps.kind("view.topic", Role.MEMBER, hint=CHOOSE_HINT, memory=True)
WRITING = steps.kind("view.writing", Role.MEMBER, memory=True)
PREVIEW = steps.kind(
    "view.preview",
    Role.MEMBER,
    buttons=(N_("Send anonymously"), N_("Edit"), N_("Cancel")),
    memory=True,
)
STAGES = (PLACE, TOPIC, WRITING, PREVIEW)


def cancel_button(tr: Tr) -> tuple[str, str]:
    return (tr.gettext("Cancel"), ViewButton("cancel").pack())


def draft_of(waiting: steps.Waiting) -> Draft | None:
    return waiting.payload if isinstance(waiting.payload, Draft) else None
