"""The catalog merge driver (tools/catalog.py merge) keeps each side's changes, plurals too."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

TOOL = Path(__file__).resolve().parent.parent / "tools" / "catalog.py"
PLURAL = ("It works for {n} day", "It works for {n} days")


def _tool() -> ModuleType:
    spec = importlib.util.spec_from_file_location("catalog_tool", TOOL)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, day: list[str], thanks: str, extra: dict[str, str]) -> Path:
    catalog = Catalog(locale="cy")
    catalog.add(PLURAL, tuple(day))
    catalog.add("Thank you.", thanks)
    catalog.add("Open", "Agor", context="button")
    for msgid, msgstr in extra.items():
        catalog.add(msgid, msgstr)
    with path.open("wb") as fp:
        write_po(fp, catalog)
    return path


def test_a_change_to_a_plural_on_their_side_is_kept(tmp_path: Path) -> None:
    old = ["{n} diwrnod"] * 5 + ["{n} o ddiwrnodau"]
    new = ["{n} diwrnod"] * 6
    base = _write(tmp_path / "base.po", old, "Diolch.", {})
    ours = _write(tmp_path / "ours.po", old, "Diolch.", {"Mine": "Fy un i"})
    theirs = _write(tmp_path / "theirs.po", new, "Diolch yn fawr.", {"Yours": "Eich un chi"})
    assert _tool().merge(base, ours, theirs) == 0
    with ours.open("rb") as fp:
        merged = read_po(fp, locale="cy")
    assert list(merged.get(PLURAL[0]).string) == new
    assert merged.get("Thank you.").string == "Diolch yn fawr."
    assert merged.get("Mine").string == "Fy un i" and merged.get("Yours").string == "Eich un chi"
    assert merged.get("Open", context="button").string == "Agor"
