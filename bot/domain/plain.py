"""A name or a title as a person typed it: one line, nothing invisible in it."""

from __future__ import annotations

import unicodedata


def one_line(text: str) -> str:
    """Runs of spaces and line breaks made one space, and invisible format characters taken
    out: zero-width spaces and joiners, a byte-order mark pasted from a document, direction
    overrides (which would make a name read as another one in every list). A name or a title
    needs none of them, and a person can't see them to take them out."""
    visible = "".join(ch for ch in text if unicodedata.category(ch) != "Cf")
    return " ".join(visible.split())
