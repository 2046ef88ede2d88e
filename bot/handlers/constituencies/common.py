"""What every part of /constituencies shares: the button, the questions, the two screens."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from telegram import InlineKeyboardMarkup, Update

from bot.context import Context
from bot.domain.access import Role
from bot.i18n import N_, Tr
from bot.storage import constituencies
from bot.storage.constituencies import Constituency
from bot.tg import steps
from bot.tg.callbacks import CallbackData
from bot.tg.text import esc
from bot.tg.ui import column

Action = Literal[
    "show",  # a live network's screen (None: the list)
    "seed",
    "new",
    "cancel",
    "rename",
    "open",
    "close",
    "archive",  # asks first
    "sure",  # archives
    "archived",  # an archived network's screen (None: the list of archived ones)
    "restore",
]


@dataclass(frozen=True, slots=True)
class NetworkButton(CallbackData, prefix="cons"):
    """A coordinator's press in /constituencies: what to do, to which network (None: a list)."""

    action: Action
    network: int | None = None


# data: {"id": int | None (new), "cy": the Welsh name once given}
NAMING = steps.kind("constituency.name", Role.COORDINATOR)
BROWSING = steps.kind(
    "constituency.menu",
    Role.COORDINATOR,
    hint=N_("Please choose with the buttons above, or send /constituencies to see the list again."),
)


async def open_one(context: Context, constituency_id: int | None) -> Constituency | None:
    """The constituency a press names, if it exists and is not archived."""
    if constituency_id is None:
        return None
    place = await constituencies.get(context.db, constituency_id)
    return None if place is None or place.archived else place


async def gone(update: Update, context: Context) -> None:
    query = update.callback_query
    assert query is not None
    await query.answer(context.tr.gettext("That network no longer exists."), show_alert=True)


async def list_view(context: Context, note: str = "") -> tuple[str, InlineKeyboardMarkup]:
    """The live networks, each a button; ways to add more; the archived ones, if any."""
    tr = context.tr
    places = await constituencies.list_all(context.db, lang=tr.lang)
    text = tr.gettext("<b>Networks and forums</b>")
    if places:
        text += "\n" + tr.gettext("Choose one to change it.")
    else:
        text += "\n" + tr.gettext("There are no networks or forums yet.")
    if note:
        text = note + "\n\n" + text
    buttons = [(p.name(tr.lang), NetworkButton("show", p.id).pack()) for p in places]
    buttons.append((tr.gettext("Add a network or forum"), NetworkButton("new").pack()))
    buttons.append((tr.gettext("Load the seven health board areas"), NetworkButton("seed").pack()))
    archived = len(await constituencies.archived(context.db))
    if archived:
        label = tr.ngettext("Archived network ({n})", "Archived networks ({n})", archived).format(
            n=archived
        )
        buttons.append((label, NetworkButton("archived").pack()))
    return text, column(buttons)


def names(place: Constituency) -> str:
    """Both names, Welsh first, as the heading of a network's screen."""
    return f"<b>{esc(place.name_cy)}</b>\n{esc(place.name_en)}"


def detail_view(tr: Tr, place: Constituency) -> tuple[str, InlineKeyboardMarkup]:
    joining = (
        tr.gettext("Anyone can join it with /join.")
        if place.self_join
        else tr.gettext("People join it only with an invitation link.")
    )
    text = names(place) + "\n\n" + joining
    toggle = (
        (tr.gettext("Make it invitation-only"), NetworkButton("close", place.id).pack())
        if place.self_join
        else (tr.gettext("Let people join it themselves"), NetworkButton("open", place.id).pack())
    )
    return text, column(
        [
            (tr.gettext("Change its names"), NetworkButton("rename", place.id).pack()),
            toggle,
            (tr.gettext("Archive this network"), NetworkButton("archive", place.id).pack()),
            (tr.gettext("Back to all networks"), NetworkButton("show").pack()),
        ]
    )
