"""The region resolver, table-driven over every form people write, plus properties over all 400 Kreise."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from geo.regions import boundaries, resolver

KREISE = boundaries.load_kreise().drop(columns="geometry")
BRANDENBURG = sorted(KREISE.loc[KREISE["land_ags"] == "12", "ags"])
BAYERN = sorted(KREISE.loc[KREISE["land_ags"] == "09", "ags"])


@pytest.mark.parametrize(
    ("text", "ags"),
    [
        # codes
        ("12073", ["12073"]),
        ("12073000", ["12073"]),  # Gemeindeschlüssel (8 digits)
        ("120730000000", ["12073"]),  # ARS (12 digits)
        ("16056", ["16063"]),  # Eisenach, merged 2021
        ("16056000", ["16063"]),
        ("DE40I", ["12073"]),  # NUTS-3
        ("deg0n", ["16063"]),  # NUTS 2016/2021 of Eisenach
        ("DEG0B", ["16066"]),  # NUTS 2016/2021, recoded in 2024
        ("DEG0Q", ["16066"]),  # NUTS 2024
        ("DE4", BRANDENBURG),  # NUTS-1
        ("DE40", BRANDENBURG),  # NUTS-2
        # names with and without type words
        ("Landkreis Barnim", ["12060"]),
        ("LK Barnim", ["12060"]),
        ("Barnim", ["12060"]),
        ("Kreis Lippe", ["05766"]),
        ("Stadt Kassel", ["06611"]),
        ("Landkreis Kassel", ["06633"]),
        ("Kassel-Land", ["06633"]),
        ("kreisfreie Stadt Cottbus", ["12052"]),
        ("Hansestadt Rostock", ["13003"]),
        ("Landkreis Rostock", ["13072"]),
        ("Rotenburg (Wümme)", ["03357"]),
        ("Landeshauptstadt München", ["09162"]),
        ("München, Landeshauptstadt", ["09162"]),
        ("Landkreis München", ["09184"]),
        ("Muenchen Land", ["09184"]),
        ("Mülheim a.d. Ruhr", ["05117"]),
        ("MUELHEIM AN DER RUHR", ["05117"]),
        ("Neumarkt in der Oberpfalz", ["09373"]),
        ("Sankt Wendel", ["10046"]),
        ("Frankfurt (Oder)", ["12053"]),
        ("Frankfurt am Main", ["06412"]),
        ("Märkischer Kreis", ["05962"]),
        ("Region Hannover", ["03241"]),
        ("Städteregion Aachen", ["05334"]),
        ("Altenburger Land", ["16077"]),
        # typos
        ("Uckermakr", ["12073"]),
        ("Landkreis Ostprignitz-Rupin", ["12068"]),
        # Länder and Regierungsbezirke
        ("Land Brandenburg", BRANDENBURG),
        ("Freistaat Bayern", BAYERN),
        ("Bayern", BAYERN),
        ("BY", BAYERN),
        ("Regierungsbezirk Köln", sorted(KREISE.loc[KREISE["regbez"] == "Köln", "ags"])),
        ("Oberbayern", sorted(KREISE.loc[KREISE["regbez"] == "Oberbayern", "ags"])),
        ("Köln", ["05315"]),
        ("Berlin", ["11000"]),
        ("Hamburg", ["02000"]),
        ("bundesweit", sorted(KREISE["ags"])),
        # lists
        ("Landkreise Barnim, Uckermark und Oberhavel sowie Stadt Cottbus", ["12052", "12060", "12065", "12073"]),
        ("Uckermark/Barnim; Oberhavel", ["12060", "12065", "12073"]),
        ("Stadt und Landkreis Kassel", ["06611", "06633"]),
        # towns and PLZ
        ("Eberswalde", ["12060"]),
        ("Prenzlau", ["12073"]),
        ("Garmisch-Partenkirchen", ["09180"]),
        ("10115", ["11000"]),
        ("PLZ 17291", ["12073"]),
        ("99817", ["16063"]),
        # aliases
        ("Emscher-Lippe", ["05512", "05513", "05562"]),
    ],
)
def test_resolves(text, ags):
    result = resolver.resolve(text)
    assert result.ags == ags, (result.unresolved, result.ambiguous)
    assert result.unresolved == [] and result.ambiguous == {}


@pytest.mark.parametrize(
    ("text", "candidates"),
    [
        ("München", {"09162", "09184"}),
        ("Kassel", {"06611", "06633"}),
        ("Leipzig", {"14713", "14729"}),
        ("Offenbach", {"06413", "06438"}),
        ("Rostock", {"13003", "13072"}),
        ("Heilbronn", {"08121", "08125"}),
        ("Karlsruhe", {"08212", "08215"}),
        ("Frankfurt", {"06412", "12053"}),
    ],
)
def test_ambiguous_names_are_reported_not_guessed(text, candidates):
    result = resolver.resolve(text)
    assert result.ags == []
    assert set(result.ambiguous[text]) >= candidates


def test_ambiguity_in_a_list_keeps_the_clear_parts():
    result = resolver.resolve("Barnim, München")
    assert result.ags == ["12060"]
    assert set(result.ambiguous) == {"München"}
    assert not result.ok


@pytest.mark.parametrize("text", ["Atlantis", "xyz", "99999999999", "DEZ12", "00000"])
def test_unknown_input_is_unresolved(text):
    result = resolver.resolve(text)
    assert result.ags == []
    assert result.unresolved == [text]


def test_empty_and_non_text_input():
    assert resolver.resolve("").ags == []
    assert resolver.resolve("  ,  ; ").unresolved == []
    assert resolver.resolve(None).ags == []  # type: ignore[arg-type]


def test_typo_correction_is_reported():
    result = resolver.resolve("Uckermakr")
    assert result.corrections == {"Uckermakr": "Uckermark"}


def test_scope():
    assert resolver.resolve("Barnim").scope == "lokal"
    assert resolver.resolve("Barnim, Uckermark").scope == "mehrere"
    assert resolver.resolve("Land Brandenburg").scope == "land"
    assert resolver.resolve("bundesweit").scope == "bund"


def test_suggestions_for_unresolved_text():
    assert any("Uckermark" in s for s in resolver.suggest("Ukkermark Landkreis"))


ROWS = list(KREISE[["ags", "nuts3", "name", "bez"]].itertuples(index=False))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(ROWS))
def test_every_kreis_code_and_nuts_resolve_to_exactly_that_kreis(row):
    assert resolver.resolve(row.ags).ags == [row.ags]
    assert resolver.resolve(row.nuts3).ags == [row.ags]


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(ROWS))
def test_every_official_name_with_its_type_resolves_to_exactly_that_kreis(row):
    assert resolver.resolve(f"{row.bez} {row.name}").ags == [row.ags]


def test_every_unique_official_name_resolves_alone():
    duplicated = set(KREISE.loc[KREISE["name"].duplicated(keep=False), "name"])
    for row in ROWS:
        if row.name in duplicated:
            continue
        result = resolver.resolve(row.name)
        assert result.ags == [row.ags] or row.ags in result.ambiguous.get(row.name, []), row


def test_a_part_named_twice_is_one_problem_and_one_fix_replaces_both():
    assert resolver.resolve("Uckermarkxyz, Uckermarkxyz").unresolved == ["Uckermarkxyz"]
    assert resolver.replace_part("Uckermarkxyz, Uckermarkxyz", "Uckermarkxyz", "12073") == "12073, 12073"
    # Only whole list items are replaced: the "München" inside "Landkreis München" stays.
    assert resolver.replace_part("Landkreis München, München", "München", "09162") == "Landkreis München, 09162"
