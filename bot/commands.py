"""Every command once: its English and Welsh names, what it does, and whom it is for.

The command menus (setMyCommands), the "what you can do" menu and /help are all built from
this list, so a journey adds its command here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.domain.access import Role
from bot.i18n import N_, Lang


@dataclass(frozen=True, slots=True)
class Command:
    en: str
    cy: str
    description: str  # msgid, translated per person
    role: Role
    in_menu: bool = True
    # Older names that still work (people remember them, old messages mention them), never shown.
    former: tuple[str, ...] = ()

    def name(self, lang: Lang) -> str:
        return self.cy if lang == "cy" else self.en

    @property
    def names(self) -> list[str]:
        return list(dict.fromkeys([self.en, self.cy, *self.former]))


# In the order people see them: what members come for first, settings and rights after;
# then representatives' tools, then coordinators'. Menus group them by role in this order.
COMMANDS: list[Command] = [
    Command("start", "dechrau", N_("Start, or come back after /stop"), Role.ANYONE, in_menu=False),
    Command("feedback", "adborth", N_("Share a view with your representatives, anonymously"), Role.MEMBER),
    Command("join", "ymuno", N_("Join a network or forum"), Role.MEMBER),
    Command("leave", "gadael", N_("Leave a network or forum"), Role.MEMBER),
    Command("polls", "polau", N_("Polls waiting for your answer"), Role.MEMBER),
    Command("meetings", "cyfarfodydd", N_("Coming meetings, their papers and your reply"), Role.MEMBER),
    Command("suggest", "awgrymu", N_("Suggest a topic for a meeting, or support one"), Role.MEMBER),
    Command("contact", "cysylltu", N_("Write to one of your representatives, named or anonymously"), Role.MEMBER),
    Command("outcomes", "canlyniadau", N_("You said, we did: what changed because members spoke"), Role.MEMBER),
    Command("reps", "cynrychiolwyr", N_("Who speaks for you, and their declared interests"), Role.MEMBER),
    Command("glossary", "geirfa", N_("What a word or abbreviation means"), Role.ANYONE),
    # TRANSLATORS: the /language command in the menu: both languages as readers of this catalog
    # name them.
    Command("language", "iaith", N_("Cymraeg or English"), Role.ANYONE),
    Command("privacy", "preifatrwydd", N_("What is kept about you, and why"), Role.ANYONE),
    Command("mydata", "fy_nata", N_("See everything held about you"), Role.MEMBER),
    Command("forget", "anghofio", N_("Delete everything held about you"), Role.MEMBER),
    Command("stop", "stopio", N_("Stop all messages from me"), Role.MEMBER),
    Command("help", "cymorth", N_("What I can do for you"), Role.ANYONE),
    # representatives (and coordinators)
    Command("digest", "crynodeb", N_("The views from your networks"), Role.REPRESENTATIVE),
    Command("topics", "pynciau", N_("Open and close topics for views"), Role.REPRESENTATIVE),
    Command("digesttime", "amser_crynodeb", N_("When the weekly digest arrives"), Role.REPRESENTATIVE, former=("amsercrynodeb",)),
    Command("poll", "pleidlais", N_("Ask your networks a question: a poll"), Role.REPRESENTATIVE),
    Command("meeting", "cyfarfod", N_("Plan a meeting, add its papers, change or cancel it"), Role.REPRESENTATIVE),
    Command("broadcast", "anfon_neges", N_("Send a message to members, in Welsh and English"), Role.REPRESENTATIVE, former=("darlledu",)),
    Command("broadcasts", "negeseuon", N_("Recent messages and how delivery went"), Role.REPRESENTATIVE),
    Command("involvement", "cyfranogiad", N_("Your involvement on record: polls, outcomes, hours"), Role.REPRESENTATIVE),
    Command("interests", "buddiannau", N_("Declare your interests, and the name members see"), Role.REPRESENTATIVE),
    Command("members", "aelodau", N_("How many members each network has"), Role.REPRESENTATIVE),
    Command("invite", "gwahodd", N_("Create an invitation link"), Role.REPRESENTATIVE),
    Command("invites", "gwahoddiadau", N_("See and withdraw invitation links"), Role.REPRESENTATIVE),
    # coordinators
    Command("constituencies", "rhwydweithiau", N_("Set up networks and forums"), Role.COORDINATOR),
    Command("roles", "rolau", N_("See and remove roles"), Role.COORDINATOR),
    Command("linkgroup", "cysylltu_grwp", N_("Send a network's digests to a group"), Role.COORDINATOR, former=("cysylltugrwp",)),
    Command("reports", "adroddiadau", N_("Reports of abuse in conversations with representatives"), Role.COORDINATOR),
    Command("audit", "archwilio", N_("Recent actions by representatives and coordinators"), Role.COORDINATOR),
]  # fmt: skip


def command(en: str) -> Command:
    for cmd in COMMANDS:
        if cmd.en == en:
            return cmd
    raise KeyError(en)


def visible_to(role: Role) -> list[Command]:
    """The menu for a role: its own commands and those of every lesser role."""
    return [c for c in COMMANDS if c.in_menu and c.role <= role]
