"""geo.intake.problemlist: long problem lists become counts per kind and a full table."""

from geo.handouts import exports
from geo.intake import problemlist
from geo.intake.networks import Problem


def test_problems_differing_only_in_their_values_are_one_kind():
    problems = [
        Problem(2, "region", "Atlantis", "Region 'Atlantis' nicht erkannt"),
        Problem(3, "region", "Xyz", "Region 'Xyz' nicht erkannt"),
        Problem(4, "name", "x" * 400, "Text zu lang (400 Zeichen, höchstens 300 erlaubt)"),
        Problem(5, "status", "kaputt", "Unbekannter Status 'kaputt'; gültig: aktiv, ruhend, beendet"),
        Problem(0, "", "", "Formel ohne Wert", severity="warning"),
    ]
    kinds = problemlist.kinds(problems)
    assert kinds.to_dict("records")[0] == {"Spalte": "region", "Problem": "Region … nicht erkannt", "Anzahl": 2}
    assert len(kinds) == 4 and kinds["Anzahl"].sum() == 5


def test_the_full_list_has_german_columns_and_survives_the_csv_export():
    problems = [Problem(7, "website", "=HYPERLINK(1)", "Keine gültige Web-Adresse", "https://…", "error")]
    table = problemlist.frame(problems)
    assert list(table.columns) == ["Zeile", "Spalte", "Wert", "Problem", "Vorschlag", "Art"]
    assert table.iloc[0]["Art"] == "Fehler"
    text = exports.to_csv_bytes(table).decode("utf-8-sig")
    assert "'=HYPERLINK(1)" in text  # formula neutralised like every export
