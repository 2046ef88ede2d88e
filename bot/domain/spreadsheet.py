"""Cells for the CSV files people open in a spreadsheet: text that can never run as a formula.

A cell starting with = + - @ (or a tab or carriage return) is read as a formula by Excel,
LibreOffice and Google Sheets: `=HYPERLINK(...)` in a view, a poll option or a name would
become a live link in a coordinator's spreadsheet. Such text gets a leading ' and stays text.
"""

from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(text: str) -> str:
    """Plain text a spreadsheet will not run."""
    return "'" + text if text[:1] in FORMULA_STARTS else text
