"""Making text safe for Telegram: HTML escaping and splitting at its length limit."""

from __future__ import annotations

import html
import re

from telegram.constants import MessageLimit

MAX_TEXT = MessageLimit.MAX_TEXT_LENGTH  # 4096 characters after entity parsing


def esc(text: str) -> str:
    """Escape text that came from a person for parse_mode=HTML."""
    return html.escape(text, quote=False)


def utf16_len(text: str) -> int:
    """Length as Telegram counts it: UTF-16 code units (an emoji is two)."""
    return len(text.encode("utf-16-le")) // 2


_TOKEN = re.compile(r"<[^>]*>|&(?:#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6}|[A-Za-z]+);|.", re.S)
_TAG_NAME = re.compile(r"</?\s*([A-Za-z][A-Za-z0-9-]*)")


def shown_len(html_text: str) -> int:
    """Length as Telegram counts a message in HTML parse mode: UTF-16 units of the text it
    shows, after the tags are taken out and entities such as `&amp;` read as one character."""
    if "<" not in html_text and "&" not in html_text:
        return utf16_len(html_text)  # nothing to take out: one encode, not a token each
    return sum(_units(m.group(0)) for m in _TOKEN.finditer(html_text))


def _units(token: str) -> int:
    if token.startswith("<") and len(token) > 1:
        return 0
    if token.startswith("&") and token.endswith(";") and len(token) > 1:
        return utf16_len(html.unescape(token))
    return utf16_len(token)


def split_message(text: str, limit: int = MAX_TEXT) -> list[str]:
    """Split HTML into parts of at most `limit` UTF-16 units as Telegram counts them, at a
    line or else a word boundary, never inside a tag or an entity.

    A cut inside markup (a long `<blockquote>`) closes the open tags at the end of the part
    and opens them again at the start of the next, so every part is valid on its own.
    """
    if limit < 16:
        raise ValueError("limit too small")
    budget = limit - 8  # a small margin, as before
    # The source is never shorter than what it shows: most texts need no closer count.
    if utf16_len(text) <= budget or shown_len(text) <= budget:
        return [text]
    parts: list[str] = []
    opened: list[str] = []  # opening tags in force where the current part starts
    tokens = [m.group(0) for m in _TOKEN.finditer(text)]
    start, units = 0, 0
    stack: list[str] = list(opened)
    line_cut = word_cut = -1  # token index after which to cut, and the stack there
    line_stack: list[str] = []
    word_stack: list[str] = []
    i = 0
    while i < len(tokens):
        piece = tokens[i]
        cost = _units(piece)
        if units + cost > budget and i > start:
            if line_cut > start and _units_between(tokens, start, line_cut) > budget // 2:
                cut, at = line_cut, line_stack
            elif word_cut > start and _units_between(tokens, start, word_cut) > budget // 4:
                cut, at = word_cut, word_stack
            else:
                cut, at = i, list(stack)
            body = "".join(tokens[start:cut]).rstrip()
            parts.append("".join(opened) + body + "".join(_closing(t) for t in reversed(at)))
            opened = list(at)
            while cut < len(tokens) and tokens[cut] in ("\n", " "):
                cut += 1
            start, i, units, stack = cut, cut, 0, list(at)
            line_cut = word_cut = -1
            continue
        if piece.startswith("<") and len(piece) > 1:
            if piece.startswith("</"):
                if stack:
                    stack.pop()
            elif not piece.endswith("/>"):
                stack.append(piece)
        units += cost
        i += 1
        if piece == "\n":
            line_cut, line_stack = i, list(stack)
        elif piece == " ":
            word_cut, word_stack = i, list(stack)
    rest = "".join(tokens[start:])
    if rest.strip():
        parts.append("".join(opened) + rest)
    return [p for p in parts if p] or [""]


def _units_between(tokens: list[str], start: int, end: int) -> int:
    return sum(_units(t) for t in tokens[start:end])


def _closing(opening: str) -> str:
    match = _TAG_NAME.match(opening)
    return f"</{match.group(1)}>" if match else ""


def pack_blocks(blocks: list[str], limit: int = MAX_TEXT) -> list[str]:
    """As few messages as possible, each at most `limit` UTF-16 units, never cutting a block.

    Blocks are complete pieces of HTML (no tag spans two), joined by a blank line; only a
    block longer than the limit is split, on its own (`split_message`).
    """
    budget = limit - 8  # the margin `split_message` keeps
    messages: list[str] = []
    for block in blocks:
        for piece in split_message(block, limit) if shown_len(block) > budget else [block]:
            joined = f"{messages[-1]}\n\n{piece}" if messages else piece
            if messages and shown_len(joined) <= budget:
                messages[-1] = joined
            else:
                messages.append(piece)
    return messages or [""]
