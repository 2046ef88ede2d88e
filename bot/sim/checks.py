"""What Telegram refuses in an outgoing message: bad HTML, too much text, bad buttons."""

from __future__ import annotations

import json
from typing import Any

from bot.sim.html_check import EntityError, parse_html, utf16_len
from bot.sim.model import ApiError, Button

MAX_TEXT = 4096
MAX_CAPTION = 1024
MAX_BUTTONS = 100  # on one inline keyboard: more and Telegram refuses the whole message


def keyboard(markup: Any) -> list[list[Button]]:
    """An inline keyboard's buttons; text buttons and 1-64-byte callback_data only."""
    if not markup:
        return []
    if isinstance(markup, str):
        markup = json.loads(markup)
    rows = []
    for row in markup.get("inline_keyboard", []):
        buttons = []
        for raw in row:
            text = raw.get("text", "")
            if not text:
                raise ApiError(
                    400, "Bad Request: text buttons are unallowed in the inline keyboard"
                )
            data = raw.get("callback_data")
            if data is not None and not 1 <= len(data.encode()) <= 64:
                raise ApiError(400, "Bad Request: BUTTON_DATA_INVALID")
            buttons.append(Button(text, data, raw.get("url")))
        rows.append(buttons)
    if sum(len(row) for row in rows) > MAX_BUTTONS:
        raise ApiError(400, "Bad Request: reply markup is too long")
    return rows


def parsed_text(
    params: dict[str, Any], key: str = "text", limit: int = MAX_TEXT
) -> tuple[str, str]:
    """(what the person reads, what the bot sent), or the 400 Telegram would answer."""
    source = str(params.get(key, ""))
    mode = params.get("parse_mode")
    try:
        text = parse_html(source) if mode == "HTML" else source
    except EntityError as exc:
        raise ApiError(400, f"Bad Request: can't parse entities: {exc}") from None
    if key == "text" and not text.strip():
        raise ApiError(400, "Bad Request: message text is empty")
    if utf16_len(text) > limit:
        what = "message is too long" if key == "text" else "message caption is too long"
        raise ApiError(400, f"Bad Request: {what}")
    return text, source


def check_commands(commands: list[dict[str, str]]) -> None:
    """setMyCommands: 1-32 lower-case letters, digits and _; descriptions of 1-256 characters."""
    for command in commands:
        name = command["command"]
        if not 1 <= len(name) <= 32 or not name.replace("_", "").isalnum() or name != name.lower():
            raise ApiError(400, "Bad Request: BOT_COMMAND_INVALID")
        if not 1 <= len(command["description"]) <= 256:
            raise ApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
