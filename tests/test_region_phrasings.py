"""Region descriptions as networks publish them (tests/data/region_phrasings.csv), read as a German reader would.

Each row states the Kreise expected (``land:NN`` = every Kreis of that Land), the parts that must stay
ambiguous with their candidates (``part=AGS AGS; …``) and the parts that must stay unresolved. A row
passes only if the resolver returns exactly that: no Kreis too many, none missing, no silent choice.
"""

import csv
from pathlib import Path

import pytest

from geo.regions import boundaries, reference, resolver
from geo.text.textnorm import key

TABLE = Path(__file__).parent / "data" / "region_phrasings.csv"
KREISE = boundaries.load_kreise().drop(columns="geometry")
SHAPES = {
    "typliste",  # a plural type word before a list applies to every item
    "artikel",  # articles and determiners
    "label",  # a label before a colon or before an enumerating parenthesis
    "region",  # "Region X"
    "klammer",  # parentheses: part of the name, qualifier, Land
    "stadt_und_kreis",  # city and district of one name
    "adjektiv",  # "Thüringer Landkreise …"
    "kontext",  # an ambiguous item decided by the Land of the others
    "reform",  # a former Kreis (crosswalk) outranks towns of that name
    "mehrdeutig",  # stays ambiguous
    "liste",  # plain lists, codes, regions
    "ortsangabe",  # "Landkreis X, Land": the Land says where X lies
}


def _rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _codes(field: str) -> list[str]:
    codes: set[str] = set()
    for token in field.split():
        if token.startswith("land:"):
            codes |= set(KREISE.loc[KREISE["land_ags"] == token.removeprefix("land:"), "ags"])
        else:
            codes.add(token)
    return sorted(codes)


def _ambiguous(field: str) -> dict[str, list[str]]:
    pairs = (entry.split("=", 1) for entry in field.split(";") if entry.strip())
    return {part.strip(): sorted(codes.split()) for part, codes in pairs}


ROWS = _rows()


@pytest.mark.parametrize("row", ROWS, ids=[r["text"][:60] for r in ROWS])
def test_phrasing_is_read_as_a_reader_would(row):
    result = resolver.resolve(row["text"])
    assert result.ags == _codes(row["ags"]), result.notes
    assert result.ambiguous == _ambiguous(row["ambiguous"]), result.notes
    assert result.unresolved == [p.strip() for p in row["unresolved"].split(";") if p.strip()], result.notes


def test_table_covers_every_land_and_every_shape():
    assert len(ROWS) >= 150
    assert {r["shape"] for r in ROWS} == SHAPES
    laender = set()
    for row in ROWS:
        codes = _codes(row["ags"]) + [c for cs in _ambiguous(row["ambiguous"]).values() for c in cs]
        laender |= {c[:2] for c in codes}
    assert laender == set(KREISE["land_ags"])
    assert set(c for r in ROWS for c in _codes(r["ags"])) <= set(KREISE["ags"])


@pytest.mark.parametrize(
    ("text", "note"),
    [
        ("Landkreise Harburg, Stade, Cuxhaven, Osterholz, Verden und Rotenburg (Wümme)", "Typwort 'Landkreise' auf 6"),
        ("Münsterland: Borken, Coesfeld, Münster", "Münster aus dem Zusammenhang: Nordrhein-Westfalen"),
        ("Münsterland: Borken, Coesfeld, Münster", "'Münsterland' als Überschrift gelesen"),
        ("Eisenach", "seit 01.07.2021 Teil von Wartburgkreis"),
        ("Region Waldeck-Frankenberg", "'Region' vor dem Kreisnamen als Bezeichnung gelesen"),
        ("Thüringer Landkreise Gotha und Sömmerda", "in Thüringen"),
        ("Thüringer Landkreise Hof und Sonneberg", "Hof' liegt nicht in Thüringen"),
        ("Landkreis Görlitz (Oberlausitz)", "(Oberlausitz)"),
        ("Region Kassel", "keine feste Abgrenzung"),
        ("Region Trier", "als dokumentierte Region gelesen: 5 Kreise"),
        ("Kassel (Stadt und Land)", "'(Stadt und Land)' auf Kassel angewandt"),
    ],
)
def test_every_reading_that_is_not_literal_is_explained(text, note):
    notes = resolver.resolve(text).notes
    assert any(note in n for n in notes), notes


def test_a_literal_text_has_no_notes():
    assert resolver.resolve("Landkreis Barnim").notes == []
    assert resolver.resolve("Stadt Cottbus, Landkreis Spree-Neiße").notes == []


def test_context_never_picks_a_town():
    """'Reichenbach' in a Saxon list stays ambiguous: only a Kreis of that name may be taken from context."""
    result = resolver.resolve("Görlitz, Reichenbach")
    assert "Reichenbach" in result.ambiguous


PLURAL = {"Landkreis": "Landkreise", "Kreis": "Kreise", "Kreisfreie Stadt": "kreisfreie Städte"}
ALIASES = {key(a) for a in reference.load_aliases()["alias"]}
KREIS_ROWS = list(KREISE[["ags", "name", "bez", "land"]].itertuples(index=False))


@pytest.mark.parametrize("row", KREIS_ROWS, ids=[r.ags for r in KREIS_ROWS])
def test_every_kreis_in_every_wrapping_is_that_kreis(row):
    """Articles, a Land in parentheses or as a locator never turn one Kreis into another."""
    texts = [f"der {row.bez} {row.name}", f"{row.bez} {row.name} ({row.land})", f"Netzwerkgebiet: {row.bez} {row.name}"]
    if not resolver.resolve(row.land).ambiguous:  # "Cottbus, Brandenburg" may also be two cities
        texts.append(f"{row.bez} {row.name}, {row.land}")
    for text in texts:
        result = resolver.resolve(text)
        assert result.ags == [row.ags] and result.ok, (text, result)


@pytest.mark.parametrize("row", KREIS_ROWS, ids=[r.ags for r in KREIS_ROWS])
def test_a_bare_name_is_that_kreis_or_reported_never_another(row):
    """Alone, in a plural list, after 'Region': the Kreis itself or a question to a human — no other Kreis."""
    neighbour = next((r for r in KREIS_ROWS if r.land == row.land and r.ags != row.ags), row)
    texts = [row.name, f"{PLURAL.get(row.bez, 'Kreise')} {neighbour.name} und {row.name}"]
    if key(f"Region {row.name}") not in ALIASES:  # "Region Braunschweig" is the documented Großraum
        texts.append(f"Region {row.name}")
    for text in texts:
        result = resolver.resolve(text)
        wanted = {row.ags} | ({neighbour.ags} if neighbour.name in text else set())
        assert set(result.ags) <= wanted | _towns_named(neighbour.name), (text, result)
        assert row.ags in result.ags or any(row.ags in c for c in result.ambiguous.values()) or result.unresolved


def _towns_named(name: str) -> set[str]:
    return {a for c in resolver.resolve(name).ambiguous.values() for a in c} | set(resolver.resolve(name).ags)
