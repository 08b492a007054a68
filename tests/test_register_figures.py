"""Register figures in README.md and data/README.md are generated from the data and cannot drift."""

from __future__ import annotations

import shutil

import pytest

from geo.databuild import register_figures
from geo.figures import coverage


@pytest.fixture(scope="module")
def figures():
    return register_figures.compute()


def test_readme_figures_agree_with_the_shipped_register(figures):
    """Fails when the register changed without ``make register-figures`` (or the text was edited by hand)."""
    found = register_figures.differences(figures, register_figures.targets())
    assert found == {}, "\n\n".join(found.values())


def test_a_changed_figure_is_detected(figures, tmp_path):
    files = {}
    for name, full in register_figures.TARGETS.items():
        copy = tmp_path / name
        copy.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(register_figures.ROOT / name, copy)
        files[copy] = full
    assert register_figures.differences(figures, files) == {}
    readme = tmp_path / "README.md"
    text = readme.read_text(encoding="utf-8")
    line = f"| networks | {figures.networks} from {figures.laender} Länder |"
    assert line in text
    readme.write_text(text.replace(line, f"| networks | {figures.networks + 1} from {figures.laender} Länder |"))
    found = register_figures.differences(figures, files)
    assert list(found) == [readme]
    assert f"+| networks | {figures.networks} from" in found[readme]

    assert register_figures.write(figures, files) == [readme]  # make register-figures repairs it
    assert register_figures.differences(figures, files) == {}
    assert readme.read_text(encoding="utf-8") == text


def test_text_outside_the_block_stays_and_missing_markers_are_reported(figures, tmp_path):
    file = tmp_path / "x.md"
    file.write_text(f"vorher\n\n{register_figures.START}\nalt\n{register_figures.END}\nnachher\n", encoding="utf-8")
    register_figures.write(figures, {file: True})
    text = file.read_text(encoding="utf-8")
    assert text.startswith(f"vorher\n\n{register_figures.START}\n<!-- generated")
    assert text.endswith(f"{register_figures.END}\nnachher\n")
    assert "| **Deutschland** |" in text
    file.write_text("keine Marken\n", encoding="utf-8")
    assert "erwartet genau einen Block" in register_figures.differences(figures, {file: False})[file]


def test_laender_add_up_to_germany_per_class(figures):
    per_land = figures.per_land
    assert len(per_land) == 16 and per_land["land"].is_unique
    for key in coverage.EVIDENCE_CLASSES:
        assert per_land[key].sum() == figures.classes[key], key
    assert sum(figures.classes.values()) == 400
    assert per_land[list(coverage.EVIDENCE_CLASSES)].sum(axis=1).sum() == 400


def test_figures_add_up(figures):
    assert sum(figures.by_status.values()) == figures.networks
    assert sum(figures.by_evidence.values()) == figures.networks
    assert sum(figures.population_share.values()) == pytest.approx(1.0)
    assert figures.undated <= figures.without_evidence  # undated rows are never current


def test_figures_follow_the_check_date_not_today_or_the_environment(figures, monkeypatch):
    monkeypatch.setenv("NETZWERKATLAS_CURRENT_MONTHS", "6")
    assert register_figures.render(register_figures.compute(), True) == register_figures.render(figures, True)
