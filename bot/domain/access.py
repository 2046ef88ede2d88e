"""Roles and what a visitor may act for: pure values, no Telegram and no storage."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum


class Role(IntEnum):
    ANYONE = 0
    MEMBER = 1
    REPRESENTATIVE = 2
    COORDINATOR = 3


@dataclass(frozen=True, slots=True)
class Access:
    is_member: bool
    coordinator: bool
    rep_of: frozenset[int]

    def has(self, role: Role) -> bool:
        if role is Role.ANYONE:
            return True
        if not self.is_member:
            return False
        if role is Role.MEMBER:
            return True
        if role is Role.REPRESENTATIVE:
            return self.coordinator or bool(self.rep_of)
        return self.coordinator

    def speaks_for(self, constituency_id: int) -> bool:
        """May act for this constituency: its representative, or any coordinator."""
        return self.is_member and (self.coordinator or constituency_id in self.rep_of)

    @property
    def top(self) -> Role:
        for role in (Role.COORDINATOR, Role.REPRESENTATIVE, Role.MEMBER):
            if self.has(role):
                return role
        return Role.ANYONE


STRANGER = Access(False, False, frozenset())


def member_access(grants: Iterable[tuple[str, int | None]], listed_coordinator: bool) -> Access:
    """A member's rights from their role grants; `listed_coordinator`: in CYDLAIS_COORDINATORS."""
    grants = list(grants)
    return Access(
        is_member=True,
        coordinator=listed_coordinator or any(role == "coordinator" for role, _ in grants),
        rep_of=frozenset(c for role, c in grants if role == "representative" and c),
    )
