"""Telegram's HTML parse mode, as the Bot API checks it: allowed tags, entities, nesting."""

from __future__ import annotations

import html
import re

ALLOWED = {
    "b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler",
    "a", "tg-emoji", "code", "pre", "blockquote",
}  # fmt: skip
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9-]*)((?:\s+[a-z-]+(?:=\"[^\"]*\"|='[^']*')?)*)\s*(/?)>")
_ENTITY = re.compile(r"&(#[0-9]{1,7}|#x[0-9A-Fa-f]{1,6}|lt|gt|amp|quot);")


class EntityError(ValueError):
    """The text would be refused: `Bad Request: can't parse entities: ...`."""


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def parse_html(source: str) -> str:
    """Return the plain text Telegram would show, or raise EntityError as Telegram would."""
    out: list[str] = []
    stack: list[str] = []
    i = 0
    while i < len(source):
        ch = source[i]
        if ch == "<":
            match = _TAG.match(source, i)
            if not match:
                raise EntityError(
                    f"Unsupported start tag at byte offset {len(source[:i].encode())}"
                )
            closing, name, _attrs, _selfclose = match.groups()
            name = name.lower()
            if name not in ALLOWED:
                raise EntityError(
                    f'Unsupported start tag "{name}" at byte offset {len(source[:i].encode())}'
                )
            if closing:
                if not stack or stack[-1] != name:
                    raise EntityError(
                        f'Unmatched end tag at byte offset {len(source[:i].encode())}, expected "</{stack[-1] if stack else ""}>", found "</{name}>"'
                    )
                stack.pop()
            else:
                stack.append(name)
            i = match.end()
        elif ch == "&":
            match = _ENTITY.match(source, i)
            if not match:
                raise EntityError(
                    f"Character '&' is reserved and must be escaped with the preceding '\\' "
                    f"at byte offset {len(source[:i].encode())}"
                )
            out.append(html.unescape(match.group(0)))
            i = match.end()
        elif ch == ">":
            raise EntityError(
                f"Character '>' is reserved at byte offset {len(source[:i].encode())}"
            )
        else:
            out.append(ch)
            i += 1
    if stack:
        raise EntityError(f'Can\'t find end tag corresponding to start tag "{stack[-1]}"')
    return "".join(out)
