"""True polygon adjacency on known cases."""

import pytest

from geo.regions import adjacency, boundaries


@pytest.fixture(scope="module")
def neighbours():
    return adjacency.neighbours(boundaries.load_kreise())


def test_uckermark_borders_barnim(neighbours):
    assert "12060" in neighbours["12073"]
    assert "12073" in neighbours["12060"]
    assert set(neighbours["12073"]) == {"12060", "12065", "13071", "13075"}


def test_berlins_neighbours_are_the_ring_of_brandenburg_kreise(neighbours):
    assert set(neighbours["11000"]) == {"12054", "12060", "12061", "12063", "12064", "12065", "12067", "12069", "12072"}


def test_symmetric_and_every_kreis_has_a_neighbour(neighbours):
    assert len(neighbours) == 400
    for ags, near in neighbours.items():
        assert near, ags  # islands belong to coastal Kreise, so no Kreis is isolated
        assert ags not in near
        for other in near:
            assert ags in neighbours[other]


def test_enclosed_city_has_exactly_its_surrounding_landkreis(neighbours):
    assert neighbours["09162"] == ["09184"] or set(neighbours["09162"]) >= {"09184"}
    assert set(neighbours["09561"]) == {"09571"}  # Ansbach city lies inside Landkreis Ansbach
