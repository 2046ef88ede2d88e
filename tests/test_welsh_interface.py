"""Welsh is not second: nothing English shows through the Welsh interface.

Language names come from the catalog, /archwilio (/audit) speaks in sentences in the reader's
language, and the /fy_nata (/mydata) file is Welsh throughout for a Welsh reader.
"""

from __future__ import annotations

import ast
import json
import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot import audit as audit_log
from bot.i18n import endonym, translator
from bot.personal_data import FIELDS
from bot.sim.harness import Harness
from bot.storage import audit
from bot.storage.audit import AuditEntry
from bot.storage.personal import member_columns
from tests.helpers.people import onboard, seed_constituencies
from tests.helpers.roles import make_cast

BOT = Path(__file__).resolve().parent.parent / "bot"
LANGUAGE_WORDS = re.compile(r"\b(Cymraeg|Saesneg|English|Welsh)\b")
TRANSLATING = {"gettext", "ngettext", "pgettext", "N_", "t"}
CARERS_CY = "Rhwydwaith Gofalwyr Caerdydd a'r Fro"


def _literals_outside_the_catalog(tree: ast.AST) -> list[ast.Constant]:
    """String literals that are neither docstrings nor msgids (gettext / ngettext / N_ …)."""
    skip: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skip.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call):
            func = node.func
            name = getattr(func, "attr", None) or getattr(func, "id", None)
            if name in TRANSLATING:
                skip.update(id(n) for n in ast.walk(node) if isinstance(n, ast.Constant))
    return [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Constant) and isinstance(n.value, str) and id(n) not in skip
    ]


def test_no_language_names_are_written_into_the_code() -> None:
    """ "Cymraeg", "Saesneg", "English" come from the catalog, in the reader's language."""
    found = [
        f"{path.relative_to(BOT.parent)}:{node.lineno}: {node.value!r}"
        for path in sorted(BOT.rglob("*.py"))
        for node in _literals_outside_the_catalog(ast.parse(path.read_text(encoding="utf-8")))
        if LANGUAGE_WORDS.search(node.value)
    ]
    assert found == []


def test_language_names_in_each_language() -> None:
    cy, en = translator("cy", UTC), translator("en", UTC)
    assert (cy.language("cy"), cy.language("en")) == ("Cymraeg", "Saesneg")
    assert (en.language("cy"), en.language("en")) == ("Welsh", "English")
    assert (endonym("cy"), endonym("en")) == ("Cymraeg", "English")


async def test_the_audit_log_speaks_welsh_to_a_welsh_coordinator(harness: Harness) -> None:
    cast = await make_cast(harness, lang="cy")
    boss, rep = cast["coordinator"], cast["rep"]
    await boss.say("/rhwydweithiau")
    await boss.press(CARERS_CY)
    await boss.press("Newid ei enwau")
    await boss.say("Rhwydwaith Gofalwyr y Fro")
    await boss.say("Vale Carers' Network")
    await boss.press("Caniatáu ymuno drwy wahoddiad yn unig")
    await boss.say("/gwahodd")
    await boss.press("Aelod o rwydwaith")
    await boss.press("Rhwydwaith Gofalwyr y Fro")
    await boss.press("Sawl person, nes iddi ddod i ben")
    await boss.press("Bydd yn gweithio am 7 diwrnod")
    await rep.say("/pynciau")
    await rep.press("Agor pwnc newydd")
    await rep.say("Amseroedd aros")
    await rep.say("Waiting times")
    await rep.say("/amser_crynodeb")
    await rep.press("Dydd Mercher")
    await rep.press("17:00")
    await boss.say("/rolau")
    await boss.press(f"Tynnu rôl {cast.role_ids['rep_other']}")
    await boss.press("Tynnu'r rôl hon")

    [log] = await boss.say("/archwilio")
    lines = log.text.splitlines()[1:]
    me, them = cast.member_ids["coordinator"], cast.member_ids["rep_other"]
    rep_no = cast.member_ids["rep"]
    sentences = [line.split(" · ", 1)[1] for line in lines]
    assert sentences == [
        f"Tynnodd aelod rhif {me} rôl cynrychiolydd aelod rhif {them}: Fforwm Defnyddwyr Hywel Dda.",
        f"Newidiodd aelod rhif {rep_no} pryd mae crynodeb wythnosol rhwydwaith yn cyrraedd: "
        "Rhwydwaith Gofalwyr y Fro, Dydd Mercher am 17:00.",
        f"Agorodd aelod rhif {rep_no} bwnc ar gyfer barnau: “Amseroedd aros” "
        "(Rhwydwaith Gofalwyr y Fro).",
        f"Creodd aelod rhif {me} ddolen wahoddiad 1 ar gyfer rhywun i ymuno â Rhwydwaith "
        "Gofalwyr y Fro (sawl person, 7 diwrnod).",
        f"Newidiodd aelod rhif {me} rwydwaith i ymuno drwy wahoddiad yn unig: "
        "Rhwydwaith Gofalwyr y Fro.",
        f"Ailenwodd aelod rhif {me} rwydwaith: Rhwydwaith Gofalwyr y Fro yw enw "
        "Rhwydwaith Gofalwyr Caerdydd a'r Fro bellach.",
    ]
    assert all(" am " in line.split(" · ")[0] for line in lines)  # Welsh dates: "… am 10:04"

    # The same log for the same coordinator in English names the networks in English.
    await boss.say("/iaith")
    await boss.press("English")
    [log] = await boss.say("/audit")
    english = [line.split(" · ", 1)[1] for line in log.text.splitlines()[1:]]
    assert english[0] == (
        f"Member no. {me} removed the representative role of member no. {them}: "
        "Hywel Dda Service Users' Forum."
    )
    assert english[-1] == (
        f"Member no. {me} renamed a network: Cardiff and Vale Carers' Network is now "
        "Vale Carers' Network."
    )
    for text in sentences + english:
        assert "=" not in text and not re.search(r"\b[a-z]+\.[a-z]+\b", text), text


async def test_older_rows_still_read_as_sentences(harness: Harness) -> None:
    """Rows written before details were JSON held text such as "constituency=1"."""
    places = await seed_constituencies(harness)
    db = harness.services.db
    cy = translator("cy", UTC)
    moment = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    old = [
        AuditEntry(1, moment, 3, "constituency.archived", f"constituency={places['carers']}"),
        AuditEntry(2, moment, None, "topic.closed", "topic 99"),
        AuditEntry(3, moment, 3, "invite.created", "invite=4 role=member constituency=2 uses=1"),
    ]
    said = [await audit_log.sentence(db, cy, entry, 5) for entry in old]
    assert said[0] == f"Archifodd aelod rhif 3 rwydwaith: {CARERS_CY}."
    assert said[1].startswith("Caeodd rhywun sydd wedi gadael ers hynny bwnc:")
    assert said[2].startswith("Creodd aelod rhif 3 ddolen wahoddiad 4 ar gyfer rhywun i ymuno")
    assert all("=" not in s for s in said)


async def test_every_recorded_action_has_a_sentence(harness: Harness) -> None:
    from typing import get_args

    en = translator("en", UTC)
    moment = datetime(2026, 11, 30, 10, 0, tzinfo=UTC)
    for action in get_args(audit.Action):
        entry = AuditEntry(1, moment, 3, action, audit.encode({}))
        said = await audit_log.sentence(harness.services.db, en, entry, 5)
        assert said.startswith("Member no. 3 ") and "can't describe" not in said, action


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


async def test_the_mydata_file_is_welsh_for_a_welsh_reader(harness: Harness) -> None:
    await seed_constituencies(harness)
    welsh = await onboard(harness, 6101, lang="cy", join=CARERS_CY, describe="I care for someone")
    english = await onboard(harness, 6102, lang="en", join="Cardiff and Vale Carers' Network")
    [_, cy_file] = await welsh.say("/fy_nata")
    [_, en_file] = await english.say("/mydata")
    assert cy_file.document is not None and en_file.document is not None
    cy_name, cy_content = cy_file.document
    assert cy_name == "cydlais-fy-nata.json"
    assert en_file.document[0] == "cydlais-my-data.json"
    cy_data, en_data = json.loads(cy_content), json.loads(en_file.document[1])
    [me] = cy_data["eich manylion (iaith, statws, disgrifiad ohonoch chi'ch hun)"]
    assert me["iaith"] == "Cymraeg"
    assert me["statws"] == "yn derbyn negeseuon"
    assert me["sut rydych chi'n disgrifio eich hun"] == "yn gofalu am rywun"
    assert me["rhif cyfrif Telegram"] == 6101
    [joined] = cy_data["rhwydweithiau rydych chi'n perthyn iddyn nhw"]
    assert joined["rhwydwaith"] == CARERS_CY
    # No English key anywhere in the Welsh file, and the English file has English words.
    assert _keys(cy_data) & _keys(en_data) == set()
    assert en_data["your details (language, status, self-description)"][0]["language"] == "English"


async def test_every_personal_column_has_words_for_the_mydata_file(harness: Harness) -> None:
    db = harness.services.db
    unnamed = []
    for table in {t for t, _, _ in await member_columns(db)} | {"members"}:
        for column in await db.fetchall(f"PRAGMA table_info({table})"):
            if column["name"] not in FIELDS:
                unnamed.append(f"{table}.{column['name']}")
    assert unnamed == []
