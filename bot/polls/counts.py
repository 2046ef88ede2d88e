"""Every number about people a poll shows, through the one counting rule (`bot.domain.counting`).

The one place polls call it, so when the rule changes the polls follow:

* how many were asked, and how many answered (while open and at close): one group each;
* how many chose each option: a breakdown of those who answered. Shown exactly only where
  the rule allows; a hidden option gets no number, no percentage and no bar, and the rule
  hides enough others that none can be worked out by subtraction from the total answered.
  A multiple-choice poll's options overlap, so they are not strictly parts of a whole; they
  go through the same rule anyway: with the total known, "at least one answer each" bounds
  an option from below just as subtraction would.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.delivery import counted
from bot.domain import counting
from bot.i18n import Tr


def people(tr: Tr, n: int, minimum: int) -> str:
    """ "12 people" / "fewer than 5 people"."""
    return counted(
        n,
        minimum,
        lambda k: tr.ngettext("{n} person", "{n} people", k),
        lambda k: tr.ngettext("fewer than {n} person", "fewer than {n} people", k),
    )


def members(tr: Tr, n: int, minimum: int) -> str:
    return counted(
        n,
        minimum,
        lambda k: tr.ngettext("{n} member", "{n} members", k),
        lambda k: tr.ngettext("fewer than {n} member", "fewer than {n} members", k),
    )


def enough(n: int, minimum: int) -> bool:
    """Are there enough answers for any result to be shown?"""
    return counting.suppress(n, minimum) is not None


def options(tr: Tr, votes: Mapping[int, int], minimum: int) -> dict[int, tuple[int | None, str]]:
    """Each option's count as it may be shown: (the number or None, the words)."""
    exact = counting.suppress_parts(votes, minimum)
    words = counting.parts_text(tr, votes, minimum)
    return {k: (exact[k], words[k]) for k in votes}
