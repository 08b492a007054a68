"""Source hygiene of the register (``make check-register``): one failing example per rule, and the shipped file."""

from __future__ import annotations

import csv
import json
import shutil
from datetime import date

import pandas as pd
import pytest

from geo.databuild import register_check, register_meta
from geo.figures import whitespot_checks
from geo.regions import paths
from geo.storage import datasets

HEADER = [
    "Netzwerk-ID",
    "Name des Netzwerks",
    "Träger",
    "Partner",
    "Region",
    "Handlungsfelder",
    "Gegründet",
    "Status",
    "Beendet am",
    "Website",
    "Beschreibung",
    "Stand",
    "Quellen",
    "Herkunft",
]
META = register_meta.RegisterMeta(date(2026, 12, 2), 36)
UCKERMARK, BARNIM = "12073", "12060"


def row(**changes) -> dict[str, str]:
    """A clean row: a Kreis network with a current primary source."""
    base = {
        "Netzwerk-ID": "Q-T-1",
        "Name des Netzwerks": "Fachkräftebündnis Uckermark",
        "Träger": "Landkreis Uckermark",
        "Partner": "",
        "Region": "Landkreis Uckermark",
        "Handlungsfelder": "Aus- und Weiterbildung",
        "Gegründet": "",
        "Status": "aktiv",
        "Beendet am": "",
        "Website": "https://www.uckermark.de/fachkraefte",
        "Beschreibung": "Testnetzwerk.",
        "Stand": "2025-05-01",
        "Quellen": "https://www.uckermark.de/fachkraefte/aktuelles",
        "Herkunft": "quelle",
    }
    return base | changes


def other(**changes) -> dict[str, str]:
    """A second clean row, in another Kreis, by another Träger."""
    return row(
        **{
            "Netzwerk-ID": "Q-T-2",
            "Name des Netzwerks": "Fachkräfteallianz Barnim",
            "Träger": "Wirtschaftsförderung Barnim",
            "Region": "Landkreis Barnim",
            "Website": "https://www.barnim.de/allianz",
            "Quellen": "https://www.barnim.de/allianz/news",
        }
        | changes
    )


def write(tmp_path, *rows: dict[str, str]):
    file = tmp_path / "register.csv"
    with file.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=HEADER, delimiter=";")
        writer.writeheader()
        writer.writerows(rows)
    return file


def problems(tmp_path, *rows: dict[str, str], checks: pd.DataFrame | None = None):
    return register_check.check(write(tmp_path, *rows), META, checks)


def test_clean_rows_pass_every_rule(tmp_path):
    assert problems(tmp_path, row(), other()) == []


def test_a_mirror_as_second_source_and_an_ended_network_are_fine(tmp_path):
    ended = other(Status="beendet", **{"Beendet am": "31.12.2015", "Stand": "2015-12-01"})
    mirrored = row(Quellen="https://www.uckermark.de/a https://issuu.com/uckermark/docs/bericht")
    assert problems(tmp_path, mirrored, ended) == []


BAD_URLS = {
    "trailing-dot host": "https://issuu.com./kreis/docs/bericht",
    "trailing-dot host (second level)": "https://mittelhessen.eu./mit-uns/aktuelles",
    "cut off with …": "https://www.uckermark.de/fachkraefte/thueringer-allianz-f%C3%BCr-berufsbildung-und-fachkr…",
    "cut off with ...": "https://www.uckermark.de/doc/allianz-fachkraefteentwick...",
    "utm_ parameters": "https://www.uckermark.de/a?utm_source=newsletter&utm_medium=email",
    "fbclid": "https://www.uckermark.de/a?fbclid=IwAR123",
    "gclid": "https://www.uckermark.de/a?gclid=abc",
    "sid": "https://www.uckermark.de/a.html?sid=D973ef02X18612a121c3XY1df6&cookieCheck=true",
    "PHPSESSID": "https://www.uckermark.de/index.php?PHPSESSID=abcdef&id=3",
    "sessionid": "https://www.uckermark.de/index.php?sessionid=abcdef",
    ";jsessionid= in the path": "http://www.uckermark.de/DE/initiative.html;jsessionid=73D9627ADDEB0497C7CA3EFCE81",
    "Matomo campaign": "https://www.dresden.de/de/fachkraefteallianz.php?pk_campaign=Shortcut&pk_kwd=x",
    "trailing comma": "https://www.uckermark.de/a,",
    "unbalanced bracket": "https://www.uckermark.de/a)",
    "quote in the address": 'https://www.uckermark.de/a"',
    "no scheme": "www.uckermark.de/a",
    "invalid host": "https://uckermark/a",
    "scheme twice": "https://http://www.uckermark.de/a",
}


@pytest.mark.parametrize("url", BAD_URLS.values(), ids=BAD_URLS.keys())
def test_url_rule_refuses_non_canonical_source_addresses(tmp_path, url):
    found = problems(tmp_path, row(Quellen=f"https://www.uckermark.de/b {url}"), other())
    hits = {(v.rule, v.row, v.column, v.value) for v in found if v.rule in ("url", "import")}
    assert hits == {("url", 2, "Quellen", url)}


@pytest.mark.parametrize(
    "website", ["https://www.uckermark.de /fachkraefte", "https://www.uckermark.de./fk", "https://x.de/?utm_id=1"]
)
def test_url_rule_checks_the_website_too(tmp_path, website):
    found = problems(tmp_path, row(Website=website), other())
    assert ("url", 2, "Website", website) in [(v.rule, v.row, v.column, v.value) for v in found]


def test_url_rule_passes_ordinary_query_strings_and_umlaut_hosts(tmp_path):
    sources = "https://www.brandenburg.de/cms/detail.php?gsid=bb1.c.482463.de https://www.müritz.de/seite?id=3&p=2"
    assert problems(tmp_path, row(Quellen=sources), other()) == []


@pytest.mark.parametrize(
    "sources",
    [
        "https://www.uckermark.de/a https://www.uckermark.de/a",
        "https://www.uckermark.de/a https://WWW.Uckermark.DE/a/",
        "http://www.uckermark.de/a;jsessionid=1 https://uckermark.de/a;jsessionid=2",
    ],
    ids=["same", "case and slash", "two session ids"],
)
def test_no_url_twice_in_a_row(tmp_path, sources):
    found = problems(tmp_path, row(Quellen=sources), other())
    assert [(v.row, v.column) for v in found if v.rule == "url-doppelt"] == [(2, "Quellen")]


@pytest.mark.parametrize(
    "sources",
    ["", "https://a.de/1 https://b.de/2 https://c.de/3 https://d.de/4"],
    ids=["none", "four"],
)
def test_one_to_three_sources(tmp_path, sources):
    found = problems(tmp_path, row(Quellen=sources), other())
    assert [(v.row, v.column) for v in found if v.rule == "quellen"] == [(2, "Quellen")]
    assert all(v.rule != "import" for v in found)  # reported once, under its own rule


@pytest.mark.parametrize(
    "first",
    [
        "https://issuu.com/kreis/docs/bericht",
        "https://de.readkong.com/page/landratsamt-1259127",
        "https://docslib.org/doc/13285692/fachkraeftebuendnis",
        "https://expydoc.com/doc/9001282/abstimmung",
        "https://www.yumpu.com/de/document/view/1/x",
        "https://www.lokalo24.de/lokales/artikel",
        "https://www.meinestadt.de/uckermark/buendnis",
        "https://www.cylex.de/firma/buendnis.html",
    ],
)
def test_first_source_must_be_primary(tmp_path, first):
    found = problems(tmp_path, row(Quellen=f"{first} https://www.uckermark.de/a"), other())
    hits = [v for v in found if v.rule == "primaerquelle"]
    assert [(v.row, v.column, v.value) for v in hits] == [(2, "Quellen", first)]
    assert "zweite oder dritte Quelle" in hits[0].message


def test_social_networks_are_not_a_sole_source(tmp_path):
    sources = "https://www.facebook.com/fkbuckermark https://www.instagram.com/fkbuckermark/"
    found = problems(tmp_path, row(Quellen=sources), other())
    assert [v.row for v in found if v.rule == "primaerquelle"] == [2]
    with_own_page = row(Quellen="https://www.facebook.com/fkbuckermark https://www.uckermark.de/a")
    assert problems(tmp_path, with_own_page, other()) == []


@pytest.mark.parametrize(
    ("stand", "words"),
    [("", "fehlt"), ("31.02.2025", "kein gültiges Datum"), ("2027-01-05", "nach dem Prüfdatum 02.12.2026")],
    ids=["missing", "invalid", "after the check"],
)
def test_stand_present_valid_and_not_after_the_check(tmp_path, stand, words):
    found = problems(tmp_path, row(Stand=stand, Status="unklar"), other())
    hits = [v for v in found if v.rule == "stand"]
    assert [(v.row, v.column, v.value) for v in hits] == [(2, "Stand", stand)]
    assert words in hits[0].message
    assert all(v.rule != "import" for v in found)


@pytest.mark.parametrize(
    ("changes", "column", "words"),
    [
        ({"Status": "beendet"}, "Beendet am", "ohne Datum"),
        ({"Status": "unklar", "Beendet am": "2020-06-30"}, "Status", "dann Status 'beendet'"),
        ({"Status": "beendet", "Beendet am": "2027-06-30"}, "Beendet am", "nach dem Prüfdatum"),
        ({"Status": "aktiv", "Stand": "2022-12-31"}, "Status", "ab 01.01.2023"),
        ({"Status": "ruhend"}, "Status", "'aktiv', 'beendet' oder 'unklar'"),
    ],
    ids=["ended without date", "end date without ended", "end in the future", "aktiv on old evidence", "ruhend"],
)
def test_status_consistent_with_stand_and_end_date(tmp_path, changes, column, words):
    found = problems(tmp_path, row(**changes), other())
    hits = [v for v in found if v.rule == "status"]
    assert [(v.row, v.column) for v in hits] == [(2, column)], found
    assert words in hits[0].message


def test_aktiv_rule_follows_the_check_date(tmp_path):
    assert META.active_since == date(2023, 1, 1)
    file = write(tmp_path, row(Stand="2023-01-01"), other())
    assert register_check.check(file, META) == []
    later = register_meta.RegisterMeta(date(2027, 3, 1), 36)
    assert [(v.rule, v.row) for v in register_check.check(file, later)] == [("status", 2)]


@pytest.mark.parametrize(
    ("changes", "column"),
    [
        ({"Name des Netzwerks": "FACHKRÄFTEBÜNDNIS  Uckermark"}, "Name"),
        ({"Website": "https://uckermark.de/fachkraefte/"}, "Website"),
        ({"Träger": "Landkreis Uckermark", "Region": "Landkreise Uckermark und Barnim"}, "Träger"),
    ],
    ids=["same name elsewhere", "same website", "same Träger, overlapping Kreise"],
)
def test_no_duplicate_networks(tmp_path, changes, column):
    found = problems(tmp_path, row(), other(**changes))
    hits = [v for v in found if v.rule == "duplikat"]
    assert [(v.row, v.column) for v in hits] == [(3, column)]
    assert "Zeile 2" in hits[0].message


def test_same_traeger_in_other_kreise_is_no_duplicate(tmp_path):
    assert problems(tmp_path, row(), other(Träger="Landkreis Uckermark")) == []


def test_every_region_resolves(tmp_path):
    found = problems(tmp_path, row(Region="Landkreis Nirgendwo"), other())
    hits = [v for v in found if v.rule == "import"]
    assert [(v.row, v.column, v.value) for v in hits] == [(2, "region", "Landkreis Nirgendwo")]


def test_every_white_spot_has_a_check_record(tmp_path):
    kreise = pd.read_csv(paths.data_file(paths.KREISE_TABLE), dtype=str)
    spots = kreise[~kreise["ags"].isin([UCKERMARK, BARNIM])]
    checks = pd.DataFrame({"ags": spots["ags"], "geprueft_am": "2026-12-01", "gesucht_in": "Website des Kreises"})
    assert problems(tmp_path, row(), other(), checks=checks) == []
    missing = checks[checks["ags"] != "12072"]  # Teltow-Fläming
    found = problems(tmp_path, row(), other(), checks=missing)
    assert [(v.rule, v.file, v.value) for v in found] == [
        ("weisser-fleck", "weisse_flecken_pruefung.csv", "12072 Teltow-Fläming")
    ]


def test_a_problem_names_file_row_column_value_and_what_is_valid(tmp_path):
    url = "https://issuu.com./kreis/docs/bericht"
    found = problems(tmp_path, row(Quellen=f"https://www.uckermark.de/a {url}"), other())
    assert str(found[0]) == (
        f"register.csv, Zeile 2, Spalte 'Quellen': '{url}' – Quelle 2: Host mit Punkt am Ende ('issuu.com.'); "
        "erwartet 'issuu.com' [url]"
    )


def test_command_exits_1_listing_problems_and_0_with_one_line_when_clean(tmp_path, capsys):
    data = tmp_path / "data"
    data.mkdir()
    shutil.copy(paths.data_file(paths.KREISE_TABLE), data / paths.KREISE_TABLE)
    (data / register_meta.META_FILE).write_text(json.dumps({"checked": "2026-12-02", "current_months": 36}))
    kreise = pd.read_csv(data / paths.KREISE_TABLE, dtype=str)["ags"]
    lines = ["ags;Kreis;geprüft am;gesucht in;Ergebnis"]
    lines += [
        f"{ags};;01.12.2026;Website des Kreises;kein Netzwerk" for ags in kreise if ags not in (UCKERMARK, BARNIM)
    ]
    (data / whitespot_checks.CHECKS_FILE).write_text("\n".join(lines) + "\n", encoding="utf-8")
    clean = write(tmp_path, row(), other())
    assert register_check.main([str(clean), "--data-dir", str(data)]) == 0
    assert capsys.readouterr().out.strip().splitlines() == ["register.csv: 2 Zeilen, alle 9 Regeln erfüllt."]

    dirty = write(tmp_path, row(Quellen="https://issuu.com./x/docs/y", Stand=""), other())
    assert register_check.main([str(dirty), "--data-dir", str(data)]) == 1
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 4 and out[-1] == "register.csv: 3 Probleme in 2 Zeilen (url 1, primaerquelle 1, stand 1)."


def test_shipped_register_is_clean_under_every_rule():
    """The shipped register passes ``make check-register`` (fails until the re-checked research is merged)."""
    meta = register_meta.load()
    file = paths.data_file(datasets.FILES["register"])
    found = register_check.check(file, meta, whitespot_checks.load_checks(), whitespot_checks.CHECKS_FILE)
    assert [str(v) for v in found] == []


def test_a_pair_checked_as_distinct_networks_passes_the_traeger_rule_and_no_other_pair_does(tmp_path):
    same = {"Träger": "Landkreis Uckermark", "Region": "Landkreise Uckermark und Barnim"}
    checked = register_meta.RegisterMeta(date(2026, 12, 2), 36, frozenset({frozenset({"Q-T-1", "Q-T-2"})}))
    assert register_check.check(write(tmp_path, row(), other(**same)), checked) == []
    elsewhere = register_meta.RegisterMeta(date(2026, 12, 2), 36, frozenset({frozenset({"Q-T-1", "Q-T-9"})}))
    found = register_check.check(write(tmp_path, row(), other(**same)), elsewhere)
    assert [(v.rule, v.column) for v in found] == [("duplikat", "Träger")]


@pytest.mark.parametrize(
    "distinct",
    [[["Q-T-1", "Q-T-2"]], [["Q-T-1", "Q-T-1", "gleich"]], [["Q-T-1", "Q-T-2", ""]], "Q-T-1"],
    ids=["no reason", "same id twice", "empty reason", "not a list"],
)
def test_a_malformed_distinct_list_is_refused_naming_file_and_form(tmp_path, distinct):
    (tmp_path / register_meta.META_FILE).write_text(
        json.dumps({"checked": "2026-12-02", "current_months": 36, "distinct": distinct}), encoding="utf-8"
    )
    with pytest.raises(register_meta.MetaError, match=r"register_meta\.json: 'distinct' = .*Begründung"):
        register_meta.load(tmp_path)
