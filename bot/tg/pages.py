"""Long lists a page at a time: Telegram takes at most 100 buttons on a message.

A list with a button per item (/invites, /roles) shows `PAGE` items, a line saying which,
and buttons to the pages before and after: the whole list once arrived as one keyboard,
which Telegram refuses past 100 buttons, so a coordinator with many links saw only
"something went wrong".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from bot.i18n import Tr
from bot.tg.callbacks import CallbackData
from bot.tg.ui import ButtonSpec

PAGE = 30
T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    start: int  # the index of the first item shown
    total: int

    @property
    def earlier(self) -> int | None:
        return max(0, self.start - PAGE) if self.start > 0 else None

    @property
    def later(self) -> int | None:
        after = self.start + len(self.items)
        return after if after < self.total else None


def page_of(items: Sequence[T], start: int) -> Page[T]:
    """The page beginning at `start` (from a button: brought within the list)."""
    start = max(0, min(start, len(items) - 1)) if items else 0
    start -= start % PAGE
    return Page(items[start : start + PAGE], start, len(items))


def page_containing(index: int) -> int:
    """The start of the page that shows item `index` (after a change: the same page again)."""
    return max(0, index) - max(0, index) % PAGE


def which(tr: Tr, page: Page[T]) -> str | None:
    """'Showing 31–60; 75 in all.' when the list is longer than a page."""
    if page.total <= PAGE:
        return None
    # TRANSLATORS: under a long list (invitation links, roles): which of them this message
    # shows, and how many there are.
    return tr.gettext("Showing {first}–{last}; {total} in all.").format(
        first=page.start + 1, last=page.start + len(page.items), total=page.total
    )


def turning(
    tr: Tr, page: Page[T], earlier: str, later: str, to: Callable[[int], CallbackData]
) -> list[ButtonSpec]:
    """[Earlier …] and [More …] buttons (N_() labels), where there is a page that way;
    `to(start)` is the button that shows the page from `start`."""
    buttons: list[ButtonSpec] = []
    if page.earlier is not None:
        buttons.append((tr.gettext(earlier), to(page.earlier).pack()))
    if page.later is not None:
        buttons.append((tr.gettext(later), to(page.later).pack()))
    return buttons
