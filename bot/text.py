"""Making text safe for Telegram: HTML escaping and splitting at its length limit."""

from __future__ import annotations

import html

from telegram.constants import MessageLimit

MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH  # 4096 characters after entity parsing


def esc(text: str) -> str:
    """Escape text that came from a person for parse_mode=HTML."""
    return html.escape(text, quote=False)


def split_message(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split text into parts of at most `limit` characters, at a line or word boundary.

    Parts are cut from the HTML source, so callers must only split text whose markup does
    not span a cut: our messages keep tags within one line. An entity such as `&amp;` is
    never cut in two. Telegram counts UTF-16 units; we count code points but keep a margin.
    """
    if limit < 16:
        raise ValueError("limit too small")
    budget = limit - 8  # margin for astral characters counted twice by Telegram
    parts: list[str] = []
    rest = text
    while len(rest) > budget:
        window = rest[:budget]
        cut = window.rfind("\n")
        if cut < budget // 2:
            cut = max(window.rfind(" "), cut)
        if cut < budget // 4:
            cut = budget
            amp = window.rfind("&", max(0, budget - 10))
            if amp != -1 and ";" not in window[amp:]:
                cut = amp
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest.strip() or not parts:
        parts.append(rest)
    return [p for p in parts if p] or [""]
