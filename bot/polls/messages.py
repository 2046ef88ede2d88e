"""A poll's message as a member reads it, in their language, at each stage.

The same words are in the author's preview, the message the delivery queue sends, the
reminder, and the message a press edits: asking (the options as buttons), answered (what
they chose, with "Change my answer"), and closed (no buttons, no answer: nothing left in
their chat says how they answered).
"""

from __future__ import annotations

from telegram import InlineKeyboardMarkup

from bot.domain import polls as rules
from bot.i18n import Tr
from bot.polls.buttons import PollButton
from bot.storage.poll_answers import Answer
from bot.storage.polls import Poll
from bot.tg.text import esc
from bot.tg.ui import ButtonSpec, column


def _head(tr: Tr, poll: Poll, places: list[str]) -> list[str]:
    lines = [tr.gettext("📊 <b>A poll from your representatives</b>")]
    if places:
        lines.append(f"<i>{esc(', '.join(places))}</i>")
    lines += ["", f"<b>{esc(poll.question(tr.lang))}</b>"]
    if poll.options:
        lines.append("")
        lines += [f"{o.position + 1}. {esc(o.label(tr.lang))}" for o in poll.options]
    return lines


def how_to_answer(tr: Tr, poll: Poll) -> str:
    if poll.kind == "single":
        return tr.gettext("Choose one answer with the buttons below.")
    if poll.kind == "multiple":
        return tr.gettext(
            "Choose one or more answers with the buttons below, then press “Send my answer”."
        )
    return tr.gettext("Press “Write my answer”, then send me your answer in one message.")


def promise(tr: Tr, min_group: int) -> str:
    """What happens to the answer, in plain words (said on the poll itself)."""
    return tr.gettext(
        "🔒 Your answer is anonymous. While the poll is open I keep it under a code, not your "
        "name. When it closes I destroy the code's key and every record of who answered: only "
        "the totals stay, and nobody, not even the people who run this service, can then tell "
        "how you answered. Results are shown only if at least {n} people answer."
    ).format(n=min_group)


def asking_text(tr: Tr, poll: Poll, places: list[str], min_group: int) -> str:
    assert poll.closes_at is not None
    return "\n".join(
        [
            *_head(tr, poll, places),
            "",
            how_to_answer(tr, poll),
            tr.gettext("It closes on {when}. You can change your answer until then.").format(
                when=tr.datetime(poll.closes_at)
            ),
            "",
            promise(tr, min_group),
        ]
    )


def answered_text(tr: Tr, poll: Poll, places: list[str], min_group: int, answer: Answer) -> str:
    assert poll.closes_at is not None
    if poll.kind == "open":
        yours = (
            tr.gettext("✅ Your answer:") + f"\n<blockquote>{esc(answer.text or '')}</blockquote>"
        )
    else:
        chosen = [o.label(tr.lang) for o in poll.options if (answer.choice or 0) >> o.position & 1]
        label = (
            tr.gettext("✅ Your answer: {answer}")
            if len(chosen) == 1
            else tr.gettext("✅ Your answers: {answer}")
        )
        yours = label.format(answer="; ".join(f"<b>{esc(c)}</b>" for c in chosen))
    return "\n".join(
        [
            *_head(tr, poll, places),
            "",
            yours,
            tr.gettext("You can change it until the poll closes on {when}.").format(
                when=tr.datetime(poll.closes_at)
            ),
            "",
            promise(tr, min_group),
        ]
    )


def closed_text(tr: Tr, poll: Poll, places: list[str]) -> str:
    lines = [*_head(tr, poll, places), ""]
    lines.append(tr.gettext("This poll has closed. Thank you to everyone who took part."))
    if poll.share:
        lines.append(tr.gettext("The results are in a message of their own."))
    return "\n".join(lines)


def asking_keyboard(tr: Tr, poll: Poll, ticked: int = 0) -> InlineKeyboardMarkup:
    """The options; for several answers, each ticks or unticks, then "Send my answer"."""
    rows: list[ButtonSpec] = []
    if poll.kind == "open":
        rows.append((tr.gettext("Write my answer"), PollButton(poll.id, "write").pack()))
    elif poll.kind == "single":
        rows += [
            (o.label(tr.lang), PollButton(poll.id, "pick", o.position).pack()) for o in poll.options
        ]
    else:
        for o in poll.options:
            on = bool(ticked >> o.position & 1)
            rows.append(
                (
                    ("☑ " if on else "☐ ") + o.label(tr.lang),
                    PollButton(poll.id, "toggle", ticked ^ (1 << o.position)).pack(),
                )
            )
        if ticked:
            rows.append((tr.gettext("Send my answer"), PollButton(poll.id, "send", ticked).pack()))
    return column(rows)


def answered_keyboard(tr: Tr, poll: Poll) -> InlineKeyboardMarkup:
    return column([(tr.gettext("Change my answer"), PollButton(poll.id, "change").pack())])


def valid(poll: Poll, choice: int) -> bool:
    return rules.valid_choice(choice, len(poll.options), poll.kind == "multiple")
