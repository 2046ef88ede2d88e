"""Making text safe for Telegram: HTML escaping and splitting at its length limit."""

from __future__ import annotations

import html

from telegram.constants import MessageLimit

MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH  # 4096 characters after entity parsing


def esc(text: str) -> str:
    """Escape text that came from a person for parse_mode=HTML."""
    return html.escape(text, quote=False)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


def _fitting(text: str, units: int) -> int:
    """How many characters from the start of `text` fit in `units` UTF-16 code units."""
    k = min(len(text), units)
    over = utf16_len(text[:k]) - units
    while over > 0:  # each character is one or two units
        k -= (over + 1) // 2
        over = utf16_len(text[:k]) - units
    return k


def split_message(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split text into parts of at most `limit` UTF-16 units, at a line or word boundary.

    Parts are cut from the HTML source, so callers must only split text whose markup does
    not span a cut: our messages keep tags within one line. An entity such as `&amp;` is
    never cut in two. Telegram counts UTF-16 units after parsing the HTML, which is never
    more than the source's: so counting the source's units keeps every part within the limit.
    """
    if limit < 16:
        raise ValueError("limit too small")
    budget = limit - 8  # a small margin, as before
    parts: list[str] = []
    rest = text
    while utf16_len(rest) > budget:
        size = _fitting(rest, budget)
        window = rest[:size]
        cut = window.rfind("\n")
        if cut < size // 2:
            cut = max(window.rfind(" "), cut)
        if cut < size // 4:
            cut = size
            amp = window.rfind("&", max(0, size - 10))
            if amp != -1 and ";" not in window[amp:]:
                cut = amp
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip("\n ")
    if rest.strip() or not parts:
        parts.append(rest)
    return [p for p in parts if p] or [""]


def pack_blocks(blocks: list[str], limit: int = MAX_TEXT) -> list[str]:
    """As few messages as possible, each at most `limit` UTF-16 units, never cutting a block.

    Blocks are complete pieces of HTML (no tag spans two), joined by a blank line; only a
    block longer than the limit is split, on its own (`split_message`).
    """
    budget = limit - 8  # the margin `split_message` keeps
    messages: list[str] = []
    for block in blocks:
        for piece in split_message(block, limit) if utf16_len(block) > budget else [block]:
            joined = f"{messages[-1]}\n\n{piece}" if messages else piece
            if messages and utf16_len(joined) <= budget:
                messages[-1] = joined
            else:
                messages.append(piece)
    return messages or [""]
