"""Numbers about people in meetings, through the one counting rule (`bot.domain.counting`).

How many were told, how many replied each way, how many support a suggested topic: every
one goes through here, so the rule is applied in one place.
"""

from __future__ import annotations

from bot.delivery import counted
from bot.domain import counting
from bot.i18n import Tr
from bot.storage.rsvps import Answer


def people(tr: Tr, n: int, minimum: int) -> str:
    """ "12 people", or "fewer than 5 people"."""
    return counted(
        n,
        minimum,
        lambda k: tr.ngettext("{n} person", "{n} people", k),
        lambda k: tr.ngettext("fewer than {n} person", "fewer than {n} people", k),
    )


def replies(tr: Tr, answers: dict[Answer, int], minimum: int) -> dict[Answer, str]:
    """Each answer's count as a part of all replies: no small one can be worked out."""
    return counting.parts_text(tr, answers, minimum)


def supports(tr: Tr, n: int, minimum: int) -> str:
    """How many support a topic: "12", or "fewer than 5"."""
    return counting.count_text(tr, n, minimum)
