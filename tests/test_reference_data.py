"""Reference data in data/: content checks on the shipped files, and loader validation."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest

from bot.datafiles import ReferenceDataError
from bot.domain.crisis_phrases import load_crisis_phrases
from bot.domain.glossary import GlossaryEntry, load_glossary
from bot.domain.support_lines import SupportLine, load_support_directory, load_support_lines
from bot.health_boards import ConstituencySeed, load_constituencies

DATA_DIR = Path(__file__).resolve().parent.parent / "data"

# Letters and words that, in these files, appear only in Welsh phrases.
WELSH_HINTS = re.compile(r"[âêîôûŵŷ]|\b(fy|eisiau|methu|dim|hun|hunan)\b", re.IGNORECASE)


# --------------------------------------------------------------------------- constituencies


def test_seven_health_board_areas_with_both_names() -> None:
    seeds = load_constituencies()
    assert len(seeds) == 7
    for seed in seeds:
        assert seed.name_cy.strip()
        assert seed.name_en.strip()
        assert seed.name_cy != seed.name_en
        assert seed.name("cy") == seed.name_cy
        assert seed.name("en") == seed.name_en
        assert "Iechyd" in seed.name_cy  # not the "lechyd" misspelling seen in one source
        assert "health board" in seed.name_en


def test_constituency_slugs_are_unique_ascii() -> None:
    slugs = [seed.slug for seed in load_constituencies()]
    assert len(set(slugs)) == len(slugs)
    assert all(re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug) for slug in slugs)
    assert {"aneurin-bevan", "betsi-cadwaladr", "hywel-dda", "swansea-bay"} <= set(slugs)


def test_constituency_welsh_names() -> None:
    names_cy = {seed.name_cy for seed in load_constituencies()}
    assert "Ardal Bwrdd Iechyd Caerdydd a'r Fro" in names_cy
    assert "Ardal Bwrdd Iechyd Addysgu Powys" in names_cy
    assert "Ardal Bwrdd Iechyd Bae Abertawe" in names_cy


def test_default_load_is_cached_but_returns_fresh_lists() -> None:
    first = load_constituencies()
    first.clear()
    assert len(load_constituencies()) == 7
    assert load_constituencies(DATA_DIR / "constituencies.csv") == load_constituencies()


# --------------------------------------------------------------------------- glossary


def test_glossary_rows_have_both_languages_and_plain_text() -> None:
    entries = load_glossary()
    assert len(entries) >= 40
    for entry in entries:
        assert isinstance(entry, GlossaryEntry)
        for value in (entry.term_en, entry.term_cy, entry.plain_en, entry.plain_cy):
            assert value.strip(), entry
        assert entry.aliases
        assert all(alias and alias.strip() == alias for alias in entry.aliases)
        assert entry.term("cy") == entry.term_cy
        assert entry.term("en") == entry.term_en
        assert entry.plain("cy") == entry.plain_cy
        assert entry.plain("en") == entry.plain_en


def test_glossary_aliases_unique_ignoring_case() -> None:
    aliases = [alias.casefold() for entry in load_glossary() for alias in entry.aliases]
    assert len(set(aliases)) == len(aliases)


def _by_alias() -> dict[str, GlossaryEntry]:
    return {alias.casefold(): entry for entry in load_glossary() for alias in entry.aliases}


@pytest.mark.parametrize(
    "alias",
    [
        "CMHT", "CTP", "CPN", "CAMHS", "PICU", "MHA", "CTO", "MDT", "AMHP", "IMHA", "RC",
        "LPMHSS", "UHB", "LHB", "BILl", "SU", "DGH", "A&E", "GP", "care coordinator",
        "sectioned", "Section 136", "referral", "discharge", "co-production", "feedback",
        "anonymous", "poll", "representative", "constituency", "coordinator",
    ],
)  # fmt: skip
def test_glossary_covers_common_jargon(alias: str) -> None:
    assert alias.casefold() in _by_alias()


def test_glossary_keeps_network_and_care_coordinators_distinct() -> None:
    by_alias = _by_alias()
    assert by_alias["coordinator"].term_cy == "cydlynydd"
    assert by_alias["care coordinator"].term_cy == "cydgysylltydd gofal"
    assert by_alias["coordinator"] is not by_alias["care coordinator"]


def test_constituency_is_not_translated_as_electoral_seat() -> None:
    """ "Etholaeth" is an electoral seat: never the Welsh for a constituency here, but a word
    someone may look up, so it finds the entry that says what is meant instead."""
    for entry in load_glossary():
        assert "etholaeth" not in entry.term_cy.casefold(), entry
    entry = _by_alias()["etholaeth"]
    assert entry is _by_alias()["constituency"]
    assert "nid sedd etholiadol" in entry.plain_cy


def test_glossary_includes_welsh_forms_in_aliases() -> None:
    by_alias = _by_alias()
    assert by_alias["tîm iechyd meddwl cymunedol"] is by_alias["cmht"]
    assert by_alias["bill"] is by_alias["lhb"]  # BILl, Bwrdd Iechyd Lleol


# --------------------------------------------------------------------------- support lines


def test_support_lines_include_111_press_2_first_after_999() -> None:
    lines = load_support_lines()
    assert [line.id for line in lines[:2]] == ["emergency-999", "nhs-111-press-2"]
    nhs111 = lines[1]
    assert nhs111.contact("en") == "Call 111 and press 2"
    assert nhs111.contact("cy") == "Ffoniwch 111 a phwyso 2"
    assert "24" in nhs111.hours("en")


def test_support_lines_offer_a_welsh_language_option() -> None:
    lines = load_support_lines()
    welsh = [line for line in lines if line.welsh_language == "yes"]
    assert welsh, "at least one line must be answered in Welsh"
    assert any("0808 164 0123" in line.contact("cy") for line in welsh)
    assert any(line.welsh_language == "welsh-line" for line in lines)


def test_every_support_line_has_both_languages() -> None:
    lines = load_support_lines()
    assert len({line.id for line in lines}) == len(lines)
    for line in lines:
        assert isinstance(line, SupportLine)
        for lang in ("cy", "en"):
            assert line.name(lang).strip()
            assert line.contact(lang).strip()
            assert line.hours(lang).strip()
            assert line.notes(lang).strip()
        assert line.name_cy != line.name_en
        assert line.contact_cy != line.contact_en
        assert line.source.strip()


def test_unconfirmed_call_number_is_marked_unverified() -> None:
    by_id = {line.id: line for line in load_support_lines()}
    call = by_id["call-helpline"]
    assert call.verified is None
    assert not call.is_verified
    assert "UNVERIFIED" in call.source
    assert by_id["samaritans-welsh-line"].is_verified
    assert "RECHECK" in by_id["samaritans-welsh-line"].source


def test_support_directory_has_review_date() -> None:
    directory = load_support_directory()
    assert directory.review_by > directory.checked_on
    assert not directory.needs_review(directory.checked_on)
    assert directory.needs_review(directory.review_by)
    for line in directory.lines:
        assert line.verified is None or line.verified <= directory.checked_on


# --------------------------------------------------------------------------- crisis phrases


def test_crisis_phrases_cover_welsh_and_english() -> None:
    phrases = load_crisis_phrases()
    assert 30 <= len(phrases) <= 60
    lowered = {phrase.casefold() for phrase in phrases}
    for english in ("want to die", "kill myself", "suicide", "self harm", "overdose"):
        assert english in lowered
    for welsh in ("lladd fy hun", "eisiau marw", "hunanladdiad", "gorddos", "hunan-niweidio"):
        assert welsh in lowered
    assert any(WELSH_HINTS.search(phrase) for phrase in phrases)


def test_crisis_phrases_unique_ignoring_case_and_clean() -> None:
    phrases = load_crisis_phrases()
    assert len({phrase.casefold() for phrase in phrases}) == len(phrases)
    for phrase in phrases:
        assert phrase == " ".join(phrase.split())
        assert not phrase.startswith("#")


def test_crisis_phrases_have_unaccented_variants() -> None:
    lowered = {phrase.casefold() for phrase in load_crisis_phrases()}
    accented = [phrase for phrase in lowered if "â" in phrase]
    assert accented
    for phrase in accented:
        assert phrase.replace("â", "a") in lowered


# --------------------------------------------------------------------------- validation


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_constituency_empty_name_reports_file_and_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", "slug,name_cy,name_en\nok,Enw,Name\nbad,,Name two\n")
    with pytest.raises(ReferenceDataError, match=r"c\.csv:3: name_cy is empty") as info:
        load_constituencies(path)
    assert info.value.line == 3
    assert isinstance(info.value, ValueError)


def test_constituency_bad_slug_and_duplicates(tmp_path: Path) -> None:
    bad = _write(tmp_path, "bad.csv", "slug,name_cy,name_en\nNot A Slug,Enw,Name\n")
    with pytest.raises(ValueError, match=r"bad\.csv:2: slug"):
        load_constituencies(bad)
    dup = _write(tmp_path, "dup.csv", "slug,name_cy,name_en\na,Un,One\na,Dau,Two\n")
    with pytest.raises(ValueError, match=r"dup\.csv:3: duplicate slug \(first on line 2\)"):
        load_constituencies(dup)


def test_constituency_wrong_header(tmp_path: Path) -> None:
    path = _write(tmp_path, "h.csv", "slug,name_en,name_cy\na,One,Un\n")
    with pytest.raises(ValueError, match=r"h\.csv:1: expected columns"):
        load_constituencies(path)


def test_constituency_loads_from_explicit_path(tmp_path: Path) -> None:
    path = _write(tmp_path, "c.csv", "slug,name_cy,name_en\n\nnorth,Gogledd,North\n")
    assert load_constituencies(path) == [ConstituencySeed("north", "Gogledd", "North")]


GLOSSARY_HEADER = "term_en,term_cy,aliases,plain_en,plain_cy\n"


def test_glossary_rejects_empty_alias_and_duplicates(tmp_path: Path) -> None:
    empty = _write(
        tmp_path, "g.csv", GLOSSARY_HEADER + "GP,meddyg teulu,GP||meddyg,doctor,meddyg\n"
    )
    with pytest.raises(ValueError, match=r"g\.csv:2: aliases"):
        load_glossary(empty)
    dup = _write(
        tmp_path,
        "d.csv",
        GLOSSARY_HEADER + "GP,meddyg teulu,GP,doctor,meddyg\nGPs,meddygon,gp,doctors,meddygon\n",
    )
    with pytest.raises(ValueError, match=r"d\.csv:3: duplicate alias 'gp'"):
        load_glossary(dup)


def test_glossary_rejects_missing_plain_text(tmp_path: Path) -> None:
    path = _write(tmp_path, "g.csv", GLOSSARY_HEADER + "GP,meddyg teulu,GP,doctor,\n")
    with pytest.raises(ValueError, match=r"g\.csv:2: plain_cy is empty"):
        load_glossary(path)


def _support_line(**overrides: object) -> dict[str, object]:
    line: dict[str, object] = {
        "id": "test-line",
        "name_cy": "Llinell",
        "name_en": "Line",
        "contact_cy": "Ffoniwch 1",
        "contact_en": "Call 1",
        "hours_cy": "Bob amser",
        "hours_en": "Always",
        "welsh_language": "yes",
        "notes_cy": "Nodyn",
        "notes_en": "Note",
        "verified": None,
        "source": "test",
    }
    line.update(overrides)
    return line


def _support_file(tmp_path: Path, *lines: dict[str, object]) -> Path:
    data = {"checked_on": "2026-01-01", "review_by": "2026-04-01", "lines": list(lines)}
    return _write(tmp_path, "s.json", json.dumps(data, indent=2, ensure_ascii=False))


def test_support_lines_load_from_explicit_path(tmp_path: Path) -> None:
    path = _support_file(tmp_path, _support_line(verified="2026-01-01"))
    (line,) = load_support_lines(path)
    assert line.verified == date(2026, 1, 1)
    assert line.contact("cy") == "Ffoniwch 1"


def test_support_line_bad_value_reports_line(tmp_path: Path) -> None:
    path = _support_file(tmp_path, _support_line(), _support_line(id="two", welsh_language="maybe"))
    text = path.read_text(encoding="utf-8").splitlines()
    id_line = next(n for n, row in enumerate(text, start=1) if '"id": "two"' in row)
    with pytest.raises(ReferenceDataError, match="welsh_language") as info:
        load_support_lines(path)
    assert info.value.line == id_line


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"name_cy": ""}, "name_cy is empty"),
        ({"verified": "25/11/2026"}, "verified must be a YYYY-MM-DD date"),
        ({"contact_en": 111}, "contact_en must be a string"),
        ({"extra": "x"}, "unknown keys"),
    ],
)
def test_support_line_validation(
    tmp_path: Path, overrides: dict[str, object], message: str
) -> None:
    path = _support_file(tmp_path, _support_line(**overrides))
    with pytest.raises(ValueError, match=re.escape(message)):
        load_support_lines(path)


def test_support_lines_reject_duplicate_ids_and_bad_json(tmp_path: Path) -> None:
    dup = _support_file(tmp_path, _support_line(), _support_line())
    with pytest.raises(ValueError, match="duplicate id"):
        load_support_lines(dup)
    broken = _write(tmp_path, "b.json", '{\n  "checked_on": "2026-01-01",\n  oops\n}')
    with pytest.raises(ReferenceDataError, match=r"b\.json:3: bad JSON"):
        load_support_lines(broken)


def test_crisis_phrases_reject_case_insensitive_duplicates(tmp_path: Path) -> None:
    path = _write(tmp_path, "p.txt", "# header\nWant to die\n\nwant  to   die\n")
    with pytest.raises(ValueError, match=r"p\.txt:4: duplicate phrase 'want to die'"):
        load_crisis_phrases(path)


def test_crisis_phrases_skip_comments_and_collapse_spaces(tmp_path: Path) -> None:
    path = _write(tmp_path, "p.txt", "# English\n  end   it all \n# Cymraeg\nmethu â mynd ymlaen\n")
    assert load_crisis_phrases(path) == ["end it all", "methu â mynd ymlaen"]
