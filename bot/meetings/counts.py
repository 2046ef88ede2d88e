"""Numbers about people in meetings, through the one counting rule (`bot.domain.counting`).

How many will be or were told, how many replied each way, how many support a suggested
topic. A meeting of one network is one group (`count`); a meeting of several is a group of
groups the reader can count one by one (`/members`), so its numbers are only ever "fewer
than k" or "k or more" (`bounded`), or a subtraction would give a small network away.
Replies are a breakdown of those told, "no answer yet" included (`parts`), so no small
answer can be worked out from the rest.
"""

from __future__ import annotations

from bot.domain import counting
from bot.domain.counting import PEOPLE, Shown
from bot.i18n import Tr
from bot.storage.meetings import Meeting
from bot.storage.rsvps import Answer


def _one(n: int, minimum: int, meeting: Meeting) -> Shown:
    if len(meeting.network_ids) > 1:
        return counting.bounded(n, minimum)
    return counting.count(n, minimum)


def people(tr: Tr, n: int, minimum: int, meeting: Meeting) -> str:
    """ "12 people", "fewer than 5 people", or for several networks "5 or more people"."""
    return counting.counted(tr, _one(n, minimum, meeting), PEOPLE)


def replies(
    tr: Tr, answers: dict[Answer, int], told: int, minimum: int, meeting: Meeting
) -> dict[str, str]:
    """Each answer, and "none" (told, no answer yet), as a part of everyone told."""
    values: dict[str, int] = {str(k): v for k, v in answers.items()}
    values["none"] = max(0, told - sum(answers.values()))
    if len(meeting.network_ids) > 1:
        shown = {k: counting.bounded(v, minimum) for k, v in values.items()}
    else:
        shown = counting.parts(values, minimum)
    return {key: counting.label(tr, value) for key, value in shown.items()}


def supports(tr: Tr, n: int, minimum: int) -> str:
    """How many support a suggested topic: "12", or "fewer than 5"."""
    return counting.label(tr, counting.count(n, minimum))
