"""The hand-edited files in `data/`: found as package resources, read with their line numbers.

`data/` sits at the top of the repository and is installed as the package `bot.data`
(`pyproject.toml`), so the same code reads it from a checkout and from an installed wheel.
Each loader lives beside the code that uses it (`bot.domain.glossary`,
`bot.domain.support_lines`, `bot.domain.crisis_phrases`, `bot.health_boards`), validates
while it reads and raises `ReferenceDataError` naming the file and line of the first bad
row, so a broken edit fails at start-up or in the tests rather than in front of a member.
"""

from __future__ import annotations

import csv
import io
import os
import re
from datetime import date
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Final, TypeAlias

Source: TypeAlias = str | os.PathLike[str] | Traversable
SLUG_RE: Final = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_ISO_DATE_RE: Final = re.compile(r"\d{4}-\d{2}-\d{2}")


def data_file(name: str) -> Traversable:
    """A file shipped in `data/`."""
    return resources.files("bot.data").joinpath(name)


def as_traversable(source: Source) -> Traversable:
    """A file given by path (tests, an operator's check) or as a resource."""
    return Path(source) if isinstance(source, str | os.PathLike) else source


class ReferenceDataError(ValueError):
    """A reference data file is malformed; the message names the file and line."""

    def __init__(self, path: object, line: int | None, problem: str) -> None:
        where = f"{path}:{line}" if line is not None else str(path)
        super().__init__(f"{where}: {problem}")
        self.path = path
        self.line = line
        self.problem = problem


def read_csv(source: Traversable, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """Rows as (line number, stripped fields); blank lines are skipped."""
    rows: list[tuple[int, dict[str, str]]] = []
    # utf-8-sig: tolerate the byte-order mark spreadsheet programs add.
    reader = csv.reader(io.StringIO(source.read_text(encoding="utf-8-sig")), strict=True)
    try:
        header = next(reader, None)
        if header is None:
            raise ReferenceDataError(source, None, "empty file, expected a header row")
        if tuple(cell.strip() for cell in header) != columns:
            raise ReferenceDataError(
                source, 1, f"expected columns {','.join(columns)}, got {','.join(header)}"
            )
        for row in reader:
            line = reader.line_num
            if not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise ReferenceDataError(
                    source, line, f"expected {len(columns)} fields, got {len(row)}"
                )
            rows.append((line, dict(zip(columns, (c.strip() for c in row), strict=True))))
    except csv.Error as exc:
        raise ReferenceDataError(source, reader.line_num, f"bad CSV: {exc}") from exc
    return rows


def require(source: object, line: int | None, field: str, value: str) -> str:
    if not value:
        raise ReferenceDataError(source, line, f"{field} is empty")
    return value


def iso_date(source: object, line: int | None, field: str, value: object) -> date:
    if not isinstance(value, str) or _ISO_DATE_RE.fullmatch(value) is None:
        raise ReferenceDataError(source, line, f"{field} must be a YYYY-MM-DD date, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise ReferenceDataError(source, line, f"{field}: {exc}") from exc
