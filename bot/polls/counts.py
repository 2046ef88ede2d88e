"""Every number about people a poll shows, through the one counting rule (`bot.domain.counting`).

The one place polls call it:

* how many were asked: one group (`count`) for a poll to one network; for a poll to several,
  a group made of groups the reader can count one by one with /members, so never exact
  (`bounded`, rule 3), or two polls to A and to A and B would give B's size away;
* how many answered, while open and at close: one group (`count`). Nobody can count a poll's
  answers network by network, so rule 3 does not apply;
* how many chose each option: a breakdown of those who answered (`parts`, rule 2). Exact only
  when every option has at least the minimum; otherwise each small one is "fewer than 5" and
  the rest "5 or more" (or "not shown"), so no option can be worked out by subtraction from
  the total, even by someone who knows the rule; a hidden count has no percentage and no
  bar. A multiple-choice poll's options overlap, so they are not strictly parts of a whole;
  they go through the same rule anyway: with the total known, "at least one answer each"
  bounds an option from below just as subtraction would.
"""

from __future__ import annotations

from collections.abc import Mapping

from bot.domain import counting
from bot.domain.counting import MEMBERS, PEOPLE
from bot.i18n import Tr


def people(tr: Tr, n: int, minimum: int) -> str:
    """Those who answered: "12 people" / "fewer than 5 people"."""
    return counting.counted(tr, counting.count(n, minimum), PEOPLE)


def asked(tr: Tr, n: int, networks: int, minimum: int) -> str:
    """Those asked: exact for one network from the minimum up; never exact for several."""
    shown = counting.count(n, minimum) if networks <= 1 else counting.bounded(n, minimum)
    return counting.counted(tr, shown, MEMBERS)


def enough(n: int, minimum: int) -> bool:
    """Are there enough answers for any result to be shown?"""
    return counting.count(n, minimum).exact is not None


def options(tr: Tr, votes: Mapping[int, int], minimum: int) -> dict[int, tuple[int | None, str]]:
    """Each option's count as it may be shown: (the number or None, the words)."""
    shown = counting.parts(votes, minimum)
    return {k: (shown[k].exact, counting.label(tr, shown[k])) for k in votes}


def split(tr: Tr, values: Mapping[str, int], minimum: int) -> dict[str, str]:
    """A breakdown (members asked by language) in words."""
    return {k: counting.label(tr, s) for k, s in counting.parts(values, minimum).items()}
