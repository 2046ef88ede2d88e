"""Maintain the gettext catalogs (a thin wrapper over Babel's own extract/update).

    python tools/catalog.py update        # extract msgids from bot/, update cy and en catalogs
    python tools/catalog.py missing       # list Welsh entries still untranslated or fuzzy
    python tools/catalog.py set FILE.json # apply {"msgid": "Welsh"} or {"msgid": ["form0", ...]}
    python tools/catalog.py compile       # write .mo files (optional: the bot compiles in memory)
    python tools/catalog.py merge BASE OURS THEIRS  # git merge driver (see .gitattributes)

`update` is `pybabel extract` + `pybabel update --no-fuzzy-matching --ignore-obsolete`, then
re-asserts the Welsh six-form Plural-Forms header, which Babel 2.18 would write with five.
English msgids are the source, so the English catalog's msgstrs stay empty (gettext then
returns the msgid). A lock keeps two people's runs from interleaving.

`merge` is a three-way merge of two branches' catalogs, entry by entry, for git: two people who
each add messages on their own branch (and each run `update`, which rewrites the header) would
otherwise conflict on every merge. Enable it once per clone:

    git config merge.catalog.driver "python tools/catalog.py merge %O %A %B"

Run `update` after a merge that brought new code, so entries follow the msgids in the code.
"""

from __future__ import annotations

import fcntl
import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "locales"
POT = LOCALES / "messages.pot"
CY_PLURALS = "nplurals=6; plural=(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5);"


@contextmanager
def locked() -> Iterator[None]:
    with (LOCALES / ".lock").open("w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def po_path(lang: str) -> Path:
    return LOCALES / lang / "LC_MESSAGES" / "messages.po"


def pybabel(*args: str) -> None:
    subprocess.run([sys.executable, "-m", "babel.messages.frontend", *args], check=True, cwd=ROOT)  # noqa: S603


def fix_header(lang: str) -> None:
    path = po_path(lang)
    with path.open("rb") as fp:
        catalog = read_po(fp, locale=lang)
    catalog.project = "Cydlais"
    catalog.version = "0.1"
    catalog.msgid_bugs_address = ""
    catalog.copyright_holder = "Cydlais contributors"
    if lang == "cy":
        catalog._num_plurals = 6  # Babel has no public setter for the rule
        catalog._plural_expr = "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5)"
    with path.open("wb") as fp:
        write_po(fp, catalog, width=100, omit_header=False, ignore_obsolete=True)


def update() -> None:
    with locked():
        pybabel(
            "extract",
            "-F",
            "pyproject.toml",
            "-o",
            str(POT),
            "--add-comments=TRANSLATORS:",
            "--project=Cydlais",
            "--no-location",
            "--sort-output",
            "-k",
            "N_",
            "bot",
        )
        for lang in ("cy", "en"):
            if not po_path(lang).exists():
                pybabel("init", "-i", str(POT), "-d", str(LOCALES), "-l", lang)
            pybabel(
                "update",
                "-i",
                str(POT),
                "-d",
                str(LOCALES),
                "-l",
                lang,
                "--no-fuzzy-matching",
                "--ignore-obsolete",
                "--width=100",
            )
            fix_header(lang)


def missing() -> int:
    with po_path("cy").open("rb") as fp:
        catalog = read_po(fp, locale="cy")
    count = 0
    for message in catalog:
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            count += 1
            print(json.dumps(message.id, ensure_ascii=False))
    print(f"{count} Welsh entries need a translation", file=sys.stderr)
    return 1 if count else 0


def set_translations(source: Path) -> None:
    """Apply translations from a JSON object keyed by msgid (the singular, for plurals)."""
    wanted: dict[str, str | list[str]] = json.loads(source.read_text(encoding="utf-8"))
    with locked():
        path = po_path("cy")
        with path.open("rb") as fp:
            catalog = read_po(fp, locale="cy")
        unknown = []
        for msgid, value in wanted.items():
            message = catalog.get(msgid)
            if message is None:
                unknown.append(msgid)
                continue
            if isinstance(message.id, tuple):
                if not isinstance(value, list) or len(value) != 6:
                    raise SystemExit(
                        f"{msgid!r} is plural: give a list of six forms (n=0,1,2,3,6,other)"
                    )
                message.string = tuple(value)
            else:
                if not isinstance(value, str):
                    raise SystemExit(f"{msgid!r} is not plural: give a string")
                message.string = value
            message.flags.discard("fuzzy")
        with path.open("wb") as fp:
            write_po(fp, catalog, width=100, ignore_obsolete=True)
    for msgid in unknown:
        print(f"not in the catalog (run update first?): {msgid!r}", file=sys.stderr)


def _read(path: Path, locale: str | None) -> Catalog:
    with path.open("rb") as fp:
        return read_po(fp, locale=locale)


Key = tuple[str, str | None]  # (msgid, or a plural's singular msgid; msgctxt)


def _key(message: Message) -> Key:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return (str(msgid), message.context)


def _entry(catalog: Catalog, key: Key) -> tuple[object, bool] | None:
    message = catalog.get(key[0], context=key[1])
    return None if message is None else (message.string, message.fuzzy)


def merge(base: Path, ours: Path, theirs: Path) -> int:
    """Three-way merge of catalogs into `ours`: each entry as the side that changed it."""
    header = _read(ours, None)
    locale = str(header.locale) if header.locale else None
    o, a, b = (_read(path, locale) for path in (base, ours, theirs))
    # A plural's key is its singular msgid (Babel's own key), never the (singular, plural) pair,
    # which Babel would read as (msgid, context) and so miss the entry.
    keys = {_key(m) for c in (o, a, b) for m in c if m.id}
    merged = _read(ours, locale)
    for key in keys:
        mine, yours, was = _entry(a, key), _entry(b, key), _entry(o, key)
        if mine == yours or yours == was:
            continue  # ours already holds the answer
        if mine != was and mine is not None and any(_strings(a, key)):
            continue  # both changed it: keep ours, which is translated
        msgid, ctxt = key
        merged.delete(msgid, context=ctxt)  # __setitem__ would keep the old string
        theirs_message = b.get(msgid, context=ctxt)
        if theirs_message is not None:
            merged[msgid] = theirs_message
    if locale == "cy":
        merged._num_plurals = 6  # see fix_header
        merged._plural_expr = "(n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n==3 ? 3 : n==6 ? 4 : 5)"
    # The template as `pybabel extract` writes it (width 76), the catalogs as `update` does.
    width = 100 if locale else 76
    with ours.open("wb") as fp:
        write_po(fp, merged, width=width, sort_output=True, ignore_obsolete=True)
    return 0


def _strings(catalog: Catalog, key: Key) -> tuple[str, ...]:
    message = catalog.get(key[0], context=key[1])
    if message is None:
        return ()
    value = message.string
    return tuple(value) if isinstance(value, tuple) else (value,)


def main() -> int:
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    match sys.argv[1]:
        case "update":
            update()
        case "missing":
            return missing()
        case "set":
            set_translations(Path(sys.argv[2]))
        case "merge":
            return merge(Path(sys.argv[2]), Path(sys.argv[3]), Path(sys.argv[4]))
        case "compile":
            pybabel("compile", "-d", str(LOCALES), "--statistics")
        case _:
            print(__doc__)
            return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
