"""A name or a title as a person typed it: one line, nothing invisible in it."""

from __future__ import annotations

import unicodedata


def visible(text: str) -> str:
    """Invisible format characters taken out: zero-width spaces and joiners, a byte-order mark
    pasted from a document, direction overrides (which would make one text read as another in
    every list). What the bot itself shows needs none of them, and a person can't see them
    to take them out. Line breaks stay."""
    return "".join(ch for ch in text if unicodedata.category(ch) != "Cf").strip()


def one_line(text: str) -> str:
    """A name or a title (or a button's label): `visible`, and runs of spaces and line breaks
    made one space."""
    return " ".join(visible(text).split())
