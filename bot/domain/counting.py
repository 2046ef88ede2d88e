"""The minimum-group rule: counts of people are shown only when a group is big enough.

A count below the minimum (`settings.min_group`, default 5) is shown as "fewer than 5",
never as the number, so nobody can be picked out of a small group.

    suppress(12, 5) -> 12          suppress(3, 5) -> None
    count_text(tr, 3, 5) -> "fewer than 5"

When the parts of a whole are shown together with the whole (members by language, and the
number of members), one small part could be worked out by subtraction. `suppress_parts`
hides the next smallest parts as well until the hidden ones add up to the minimum and no
hidden small part can be pinned down from the whole, the parts shown and what the labels
say ("fewer than 5" is 0 to 4, "5 or more" at least 5): 28 members with 20 receiving
messages and two "fewer than 5" would make both 4; 5 members, Cymraeg "fewer than 5" and
English "5 or more" would make Cymraeg 0. Those hidden for this are shown as "5 or more".
If every part is hidden and that still happens, the labels that pin it down become "not
shown" (no bound at all). `parts_text` does both steps.
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

    Parts below `minimum` become None; then, while a hidden small part could be worked out
    (see `_exposed`), the smallest shown part is hidden too. Assumes the whole may be known.
    """
    shown: dict[K, int | None] = {k: suppress(v, minimum) for k, v in parts.items()}
    while _exposed(parts, shown, minimum):
        visible = [k for k, v in shown.items() if v is not None]
        if not visible:
            break
        shown[min(visible, key=lambda k: parts[k])] = None
    return shown


def _exposed(parts: Mapping[K, int], shown: Mapping[K, int | None], minimum: int) -> bool:
    """Could a hidden part below `minimum` be narrowed to one number by subtraction?

    The hidden parts add up to the whole minus the parts shown; each "fewer than N" is 0 to
    N-1 and each "N or more" at least N. One is pinned down when the hidden ones add up to
    less than N (the rule since the start), when they add up to exactly N per "N or more"
    (every "fewer than N" is then 0), or, with no "N or more", to N-1 per "fewer than N".
    """
    hidden = [parts[k] for k, v in shown.items() if v is None]
    small = sum(1 for n in hidden if n < minimum)
    if not small:
        return False
    total, large = sum(hidden), len(hidden) - small
    if total < minimum:
        return True
    if large:
        return total == large * minimum
    return total >= small * (minimum - 1)


def count_text(tr: Tr, count: int, minimum: int) -> str:
    """A count as a person may see it: "12", or "fewer than 5"."""
    if suppress(count, minimum) is None:
        # TRANSLATORS: shown instead of a number of people below the minimum group size, so nobody
        # is picked out.
        return tr.gettext("fewer than {n}").format(n=minimum)
    return str(count)


def parts_text(tr: Tr, parts: Mapping[K, int], minimum: int) -> dict[K, str]:
    """Each part of a whole as a person may see it: "12", "fewer than 5", "5 or more" or
    "not shown"."""
    texts: dict[K, str] = {}
    suppressed = suppress_parts(parts, minimum)
    unbounded: set[K] = set()
    if parts and sum(parts.values()) >= minimum and _exposed(parts, suppressed, minimum):
        # Every part is hidden and the labels would still give one away (5 members: 0 and 5;
        # 8 members: 4 and 4). Without a bound on the "5 or more" ones, or on the largest
        # part if there are none, nothing can be worked out.
        unbounded = {k for k, n in parts.items() if n >= minimum} or {
            max(parts, key=lambda k: parts[k])
        }
    for key, shown in suppressed.items():
        if shown is not None:
            texts[key] = str(shown)
        elif key in unbounded:
            # TRANSLATORS: a number of people hidden altogether (no bound given).
            texts[key] = tr.gettext("not shown")
        elif parts[key] < minimum:
            texts[key] = tr.gettext("fewer than {n}").format(n=minimum)
        else:
            # TRANSLATORS: shown instead of a number that would give a smaller one away by
            # subtraction.
            texts[key] = tr.gettext("{n} or more").format(n=minimum)
    return texts
