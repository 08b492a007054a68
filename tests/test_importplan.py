"""Import decisions in the preview: what each row does, which id an update writes, which versions were seen."""

import pandas as pd

from geo.intake import importplan
from geo.intake.importplan import ADD, SKIP, UPDATE


def test_same_id_updates_a_lookalike_is_skipped_and_the_rest_is_added():
    assert importplan.default_actions(["A", "B", "C"], ["A", "X", ""]) == [UPDATE, SKIP, ADD]


def test_an_update_of_a_lookalike_writes_to_the_stored_record():
    rows = pd.DataFrame({"id": ["N-new", "B", "C"], "name": ["a", "b", "c"]})
    chosen, decisions = importplan.decide(rows, [UPDATE, SKIP, ADD], ["X-stored", "B", ""])
    assert chosen["id"].tolist() == ["X-stored", "B", "C"]
    assert decisions == {"X-stored": UPDATE, "B": SKIP, "C": ADD}
    assert rows["id"].tolist() == ["N-new", "B", "C"]  # the preview's own records stay as read


def test_an_update_without_a_duplicate_keeps_the_rows_id():
    rows = pd.DataFrame({"id": ["A"]})
    assert importplan.decide(rows, [UPDATE], [""])[1] == {"A": UPDATE}


def test_the_first_version_the_preview_showed_is_kept():
    stored = pd.DataFrame({"id": ["A", "B"], "version": [3, 7]})
    seen = importplan.versions_seen(["A", "", "Z"], stored, {})
    assert seen == {"A": 3}  # an unknown id and a row without a duplicate add nothing
    stored.loc[0, "version"] = 4  # a colleague saved A since
    assert importplan.versions_seen(["A", "B"], stored, seen) == {"A": 3, "B": 7}


def test_kreise_are_named_and_long_lists_counted():
    assert importplan.kreise_text(["12060"]) == "Landkreis Barnim (12060)"
    text = importplan.kreise_text(["12060", "12073", "12052", "12053"])
    assert text.endswith(" … (4)") and text.count(",") == 2
