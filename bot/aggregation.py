"""The minimum-group rule: counts of people are shown only when a group is big enough.

A count below the minimum (`settings.min_group`, default 5) is shown as "fewer than 5",
never as the number, so nobody can be picked out of a small group.

    suppress(12, 5) -> 12          suppress(3, 5) -> None
    count_text(tr, 3, 5) -> "fewer than 5"

When the parts of a whole are shown together with the whole (members by language, and the
number of members), one small part could be worked out by subtraction. `suppress_parts`
hides the next smallest parts as well until the hidden ones add up to the minimum; those are
shown as "5 or more", which is true and gives nothing away. `parts_text` does both steps.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TypeVar

from bot.i18n import Tr

K = TypeVar("K")


def suppress(count: int, minimum: int) -> int | None:
    """`count` if it may be shown, or None when it is below `minimum` ("fewer than minimum")."""
    return count if count >= minimum else None


def suppress_parts(parts: Mapping[K, int], minimum: int) -> dict[K, int | None]:
    """Suppress each part of a whole, so that no hidden part can be found by subtraction.

    Parts below `minimum` become None; then, while the hidden parts add up to less than
    `minimum`, the smallest shown part is hidden too. Assumes the whole may be known.
    """
    shown: dict[K, int | None] = {k: suppress(v, minimum) for k, v in parts.items()}
    hidden_total = sum(v for k, v in parts.items() if shown[k] is None)
    while hidden_total < minimum and any(v is None for v in shown.values()):
        visible = [k for k, v in shown.items() if v is not None]
        if not visible:
            break
        smallest = min(visible, key=lambda k: parts[k])
        shown[smallest] = None
        hidden_total += parts[smallest]
    return shown


def count_text(tr: Tr, count: int, minimum: int) -> str:
    """A count as a person may see it: "12", or "fewer than 5"."""
    if suppress(count, minimum) is None:
        return tr.gettext("fewer than {n}").format(n=minimum)
    return str(count)


def parts_text(tr: Tr, parts: Mapping[K, int], minimum: int) -> dict[K, str]:
    """Each part of a whole as a person may see it: "12", "fewer than 5" or "5 or more"."""
    texts: dict[K, str] = {}
    for key, shown in suppress_parts(parts, minimum).items():
        if shown is not None:
            texts[key] = str(shown)
        elif parts[key] < minimum:
            texts[key] = tr.gettext("fewer than {n}").format(n=minimum)
        else:
            texts[key] = tr.gettext("{n} or more").format(n=minimum)
    return texts
