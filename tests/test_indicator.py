"""A staff-supplied indicator per Kreis, validated through the resolver."""

import pytest

from geo.intake.indicator import read_indicator
from geo.intake.tablefile import TableFileError


def test_indicator_by_ags_and_name_with_problems_reported(tmp_path):
    path = tmp_path / "alq.csv"
    path.write_text(
        "Kreis;Arbeitslosenquote\n12073;9,8\nLandkreis Barnim;6,1\nMünchen;3,0\nAtlantis;5\n12060;7\nBerlin;abc\n",
        encoding="utf-8",
    )
    result = read_indicator(path)
    assert result.name == "Arbeitslosenquote"
    assert result.values.to_dict() == {"12073": 9.8, "12060": 6.1}
    assert len(result.problems) == 4
    assert any(p.row == 4 and "München" in p.message for p in result.problems)  # ambiguous: not guessed
    assert any(p.row == 6 and "doppelt" in p.message for p in result.problems)
    assert any(p.row == 7 and "keine endliche Zahl" in p.message for p in result.problems)


def test_indicator_without_key_column_is_refused(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("a;b\n1;2\n", encoding="utf-8")
    with pytest.raises(TableFileError, match="AGS oder Kreisname"):
        read_indicator(path)
