"""The one counting rule: every number about people that anyone sees goes through here.

Members, recipients, contributors, voters, people who answered: a count of people is never
shown raw. It becomes a `Shown` value, by one of three functions, and is rendered in the
reader's language by `label` or `counted`. k is the minimum group (`settings.min_group`).

1. `count(n, k)`, one group: from k up the number itself; below k, 0 included, "fewer than
   k". *Stops*: picking out a small group ("2 carers"), and telling an empty group from a
   small one (if 0 were shown as 0, "fewer than 5" would mean "1 to 4").

2. `parts(values, k)`, a breakdown of a whole that is shown too (members by language, a
   poll's options, delivered / unreachable / failed): every part exact only when every part
   is at least k. Otherwise each part below k is "fewer than k"; the rest are "k or more"
   when there are two or more of them, and when there is one (or none) it (or the largest
   part) is "not shown". *Stops*: subtraction from the whole (28 members, 20 receiving
   messages: the two hidden statuses add up to 8, so with "fewer than 5" each both are 4),
   including by someone who knows this rule: whatever a breakdown shows, every small part
   could still be another number. `tests/test_counting_rule.py` checks that over every
   breakdown of up to 4 parts of up to 4k people.

3. `combined(n, parts, k)`, a group made of groups the reader can also count one by one
   (a message to several networks, to everyone): never exact, and nothing the parts do not
   already say: "n or more" for the largest part shown exactly, else only "fewer than k" or
   "k or more". Counts inside such a group (how many of a message to several networks were
   delivered) are only ever "fewer than k" or "k or more": `bounded(n, k)`. *Stops*:
   differencing. A representative of A and B asks for A (15 people) then A and B (17): B's
   2 would be given away, and so would the 4 people in both of two networks of 15 and 6.
   Rounding is not enough: whoever knows the rounding knows the total lies in a band, and
   where the band's edge meets a part's count, the overlap is pinned down.

A count of people never travels in a log line, an audit entry or callback data: those are
not shown through this rule. What the rule cannot hide is a count that changes because one
person acted; that is why counts of what people did (views, votes) cover closed periods
only, on the same clock as the things they count (`bot.digests`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, TypeVar

from bot.i18n import Tr

K = TypeVar("K")
Kind = Literal["exact", "fewer", "at_least", "hidden"]


@dataclass(frozen=True, slots=True)
class Shown:
    """What may be shown of a count: the number, "fewer than n", "n or more", or nothing."""

    kind: Kind
    n: int = 0  # exact: the count; fewer: the minimum; at_least: the bound; hidden: 0

    @property
    def exact(self) -> int | None:
        return self.n if self.kind == "exact" else None


HIDDEN = Shown("hidden")


def count(n: int, minimum: int) -> Shown:
    """One group: the number from `minimum` up, else "fewer than minimum" (0 included)."""
    return Shown("exact", n) if n >= minimum else Shown("fewer", minimum)


def parts(values: Mapping[K, int], minimum: int) -> dict[K, Shown]:
    """A breakdown of a whole that is shown too; see rule 2 above."""
    if all(v >= minimum for v in values.values()):
        return {key: Shown("exact", v) for key, v in values.items()}
    if sum(values.values()) < minimum:  # the whole itself is "fewer than k"
        return dict.fromkeys(values, Shown("fewer", minimum))
    large = [key for key, v in values.items() if v >= minimum]
    if not large:  # all small: the largest could be any size, as if it were the one large part
        large = [max(values, key=lambda key: values[key])]
    big = Shown("at_least", minimum) if len(large) > 1 else HIDDEN
    return {key: big if key in large else Shown("fewer", minimum) for key in values}


def combined(n: int, shown_parts: Sequence[Shown], minimum: int) -> Shown:
    """A group made of groups the reader can also count (see rule 3): never exact."""
    largest = max((p.n for p in shown_parts if p.kind == "exact"), default=0)
    if largest:
        return Shown("at_least", largest)  # what the largest part already says
    return bounded(n, minimum)


def bounded(n: int, minimum: int) -> Shown:
    """A count inside a combined group, or one with no exact part: "fewer than k" or
    "k or more", nothing finer (a finer band could be pinned against the parts)."""
    return Shown("fewer", minimum) if n < minimum else Shown("at_least", minimum)


# ------------------------------------------------------------------ in the reader's words

Form = Callable[[Tr, int], str]  # (tr, n) -> the ngettext form for n, with {n} still in it


@dataclass(frozen=True, slots=True)
class Unit:
    """What is counted, in the three ways a count can be shown (each through ngettext)."""

    exact: Form
    fewer: Form
    at_least: Form


PEOPLE = Unit(
    lambda tr, n: tr.ngettext("{n} person", "{n} people", n),
    lambda tr, n: tr.ngettext("fewer than {n} person", "fewer than {n} people", n),
    lambda tr, n: tr.ngettext("{n} or more person", "{n} or more people", n),
)
MEMBERS = Unit(
    lambda tr, n: tr.ngettext("{n} member", "{n} members", n),
    lambda tr, n: tr.ngettext("fewer than {n} member", "fewer than {n} members", n),
    lambda tr, n: tr.ngettext("{n} or more member", "{n} or more members", n),
)
MESSAGES = Unit(
    lambda tr, n: tr.ngettext("{n} message", "{n} messages", n),
    lambda tr, n: tr.ngettext("fewer than {n} message", "fewer than {n} messages", n),
    lambda tr, n: tr.ngettext("{n} or more message", "{n} or more messages", n),
)


def label(tr: Tr, shown: Shown) -> str:
    """A bare count for a table cell or a list: "12", "fewer than 5", "5 or more", "not shown"."""
    if shown.kind == "exact":
        return str(shown.n)
    if shown.kind == "fewer":
        # TRANSLATORS: shown instead of a number of people below the minimum group size, so
        # nobody is picked out.
        return tr.gettext("fewer than {n}").format(n=shown.n)
    if shown.kind == "at_least":
        # TRANSLATORS: shown instead of a number that could give a smaller one away.
        return tr.gettext("{n} or more").format(n=shown.n)
    # TRANSLATORS: a number of people hidden altogether (no bound given).
    return tr.gettext("not shown")


def note(tr: Tr, minimum: int) -> str:
    """What the three ways of showing a count mean, for the foot of a screen that uses them.

    One sentence everywhere (digests, /members), so that no screen says "numbers under 5 are
    not shown" above a "fewer than 5" it has just shown.
    """
    return tr.gettext(
        "Numbers of people below {n} are shown as “fewer than {n}” (which includes none), and a "
        "number that would let a small one be worked out by subtraction as “{n} or more” or "
        "“not shown”, so that nobody in a small group can be picked out."
    ).format(n=minimum)


def counted(tr: Tr, shown: Shown, unit: Unit) -> str:
    """A count with what it counts: "12 people", "fewer than 5 people", "15 or more people"."""
    if shown.kind == "hidden":
        return tr.gettext("not shown")
    form = {"exact": unit.exact, "fewer": unit.fewer, "at_least": unit.at_least}[shown.kind]
    return form(tr, shown.n).format(n=shown.n)
