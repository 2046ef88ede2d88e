"""A benchmark's result: figures, each with its target, and the table they make.

Every module `bench/<name>.py` exposes `run(quick: bool) -> list[Figure]`; `python -m bench`
finds it by itself. `quick` is for a look in under a minute or so; the full run measures
what the targets in the issues ask for.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import asdict, dataclass
from typing import Any, Literal

Op = Literal[">=", "<=", "<", ">", "=="]
_OPS: dict[str, Callable[[float, float], bool]] = {
    ">=": operator.ge,
    "<=": operator.le,
    "<": operator.lt,
    ">": operator.gt,
    "==": operator.eq,
}


@dataclass(frozen=True, slots=True)
class Figure:
    name: str  # what was measured, and under what load
    value: float
    unit: str = ""
    op: Op | None = None  # None: reported for reading, no target
    target: float | None = None
    digits: int = 2

    @property
    def met(self) -> bool | None:
        if self.op is None or self.target is None:
            return None
        return _OPS[self.op](self.value, self.target)

    def shown(self, value: float) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{value:,.{self.digits}f}{unit}"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def table(rows: list[tuple[str, Figure]]) -> str:
    """One table: benchmark, figure, value, target, met."""
    header = ("benchmark", "figure", "value", "target", "met")
    body = [
        (
            bench,
            f.name,
            f.shown(f.value),
            "" if f.target is None else f"{f.op} {f.shown(f.target)}",
            {True: "yes", False: "NO", None: ""}[f.met],
        )
        for bench, f in rows
    ]
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    lines = [
        " | ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in [header, *body]
    ]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return "\n".join(lines)
