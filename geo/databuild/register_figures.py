"""Register figures that cannot drift (``make register-figures``).

``python -m geo.databuild.register_figures [--check]``.

Computes the figures of the shipped register at the date of its last check (``data/register_meta.json``):
networks, their status and evidence (current / only older / ended), the rows without current or end evidence,
the Kreise per evidence class for Germany and per Land, and the Länder represented. Writes them between
``<!-- register-figures:start -->`` and ``<!-- register-figures:end -->`` in ``data/README.md`` (full) and
``README.md`` (short). ``--check`` changes nothing and exits 1 when a file's text differs from the data.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from geo.databuild import register_meta
from geo.figures import coverage
from geo.records.vocabulary import ACTIVE, DORMANT, ENDED, UNCLEAR
from geo.regions import boundaries
from geo.storage import datasets
from geo.text import germanfmt

START, END = "<!-- register-figures:start -->", "<!-- register-figures:end -->"
ROOT = Path(__file__).resolve().parent.parent.parent
#: The files holding a block, and whether they get the full version (with the table per Land).
TARGETS = {"data/README.md": True, "README.md": False}
#: Evidence of a network at the check date: key → English label in the READMEs.
EVIDENCE = {"current": "current", "older": "only older", "ended": "ended"}
REGISTER_SECTION = "data/README.md#the-register-of-networks-from-public-sources-netzwerke_oeffentlichcsv"
STATUS_ORDER = (ACTIVE, UNCLEAR, ENDED, DORMANT)


class FiguresError(ValueError):
    """A target file lacks its markers."""


@dataclass(frozen=True)
class Figures:
    meta: register_meta.RegisterMeta
    networks: int
    undated: int  # rows without any Stand
    by_status: dict[str, int]
    by_evidence: dict[str, int]
    laender: int  # Länder with at least one network
    classes: dict[str, int]  # Kreise per evidence class (Germany)
    population_share: dict[str, float]  # share of the population per class
    per_land: pd.DataFrame  # land, networks, and one column per evidence class key; 16 rows in AGS order

    @property
    def without_evidence(self) -> int:
        """Rows without current or end evidence."""
        return self.by_evidence["older"]


def compute(data_dir: Path | None = None) -> Figures:
    """The figures of the shipped register at its check date (independent of today's date and the environment)."""
    meta = register_meta.load(data_dir)
    records = datasets.read("register", data_dir).records
    kreise = boundaries.load_kreise(data_dir)
    return figures_of(records, kreise, meta)


def figures_of(records: pd.DataFrame, kreise: pd.DataFrame, meta: register_meta.RegisterMeta) -> Figures:
    filters = meta.filters()
    checked = meta.checked.isoformat()
    ended_on = records["beendet_am"].map(lambda v: v[:10] if isinstance(v, str) and v else "")
    ended = (records["status"].astype(str) == ENDED) | ((ended_on != "") & (ended_on <= checked))
    current = coverage.is_current(records, filters) & ~ended
    by_evidence = {"current": int(current.sum()), "older": int((~current & ~ended).sum()), "ended": int(ended.sum())}
    statuses = records["status"].astype(str).value_counts()
    by_status = {s: int(statuses.get(s, 0)) for s in STATUS_ORDER if statuses.get(s, 0)}
    undated = int(records["stand"].map(lambda v: not (isinstance(v, str) and v)).sum())

    land_of = kreise.set_index("ags")["land"]
    laender_of_network = records["ags"].map(lambda codes: {land_of[a] for a in codes or [] if a in land_of.index})
    network_counts = pd.Series([land for lands in laender_of_network for land in lands], dtype=object).value_counts()

    cov = coverage.kreis_coverage(records, kreise, filters)
    classes = coverage.class_counts(cov)
    population = cov.groupby("evidence")["population"].sum()
    total_population = cov["population"].sum()
    shares = {key: float(population.get(key, 0)) / total_population for key in coverage.EVIDENCE_CLASSES}
    per_land = (
        pd.crosstab([cov["land_ags"], cov["land"]], cov["evidence"])
        .reindex(columns=list(coverage.EVIDENCE_CLASSES), fill_value=0)
        .reset_index()
        .sort_values("land_ags")
    )
    per_land.insert(2, "networks", per_land["land"].map(network_counts).fillna(0).astype(int))
    per_land = per_land.drop(columns="land_ags").reset_index(drop=True)
    per_land.columns.name = None
    return Figures(
        meta=meta,
        networks=len(records),
        undated=undated,
        by_status=by_status,
        by_evidence=by_evidence,
        laender=int((network_counts > 0).sum()),
        classes=classes,
        population_share=shares,
        per_land=per_land,
    )


def _pct(part: float, whole: float = 1.0) -> str:
    return f"{round(100 * part / whole) if whole else 0} %"


def render(fig: Figures, full: bool) -> str:
    """The Markdown between the markers (without them)."""
    meta = fig.meta
    n = fig.networks
    status = ", ".join(f"{count} {s}" for s, count in fig.by_status.items())
    evidence = ", ".join(f"{fig.by_evidence[key]} {label}" for key, label in EVIDENCE.items())
    lines = [
        "<!-- generated by `make register-figures` from data/netzwerke_oeffentlich.csv; edit the data, not this -->",
        f"Figures at the register's last check on **{germanfmt.day(meta.checked)}** (`data/register_meta.json`); "
        f"evidence is current when dated within {meta.current_months} months, i.e. from "
        f"{germanfmt.day(meta.evidence_cutoff)} on. "
        "Kreise as in the app's default view (status aktiv or unklar, regional networks; in Berlin, Hamburg and "
        "Bremen a Land-wide network counts).",
        "",
        "| figure | value |",
        "| --- | --- |",
        f"| networks | {n} from {fig.laender} Länder |",
        f"| status | {status} |",
        f"| evidence at the check | {evidence} |",
        f"| without current or end evidence | {fig.without_evidence} of {n} ({_pct(fig.without_evidence, n)}); "
        f"{fig.undated} rows without any Stand |",
    ]
    for key, label in coverage.EVIDENCE_CLASSES.items():
        lines.append(
            f"| Kreise: {label} | {fig.classes[key]} of 400 ({_pct(fig.population_share[key])} of the population) |"
        )
    if not full:
        lines += ["", f"Per Land: [data/README.md]({REGISTER_SECTION})."]
        return "\n".join(lines)
    lines += [
        "",
        "| Land | Netzwerke | Kreise mit aktuellem Beleg | nur ältere Belege | kein dokumentiertes Netzwerk |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    keys = list(coverage.EVIDENCE_CLASSES)
    for land in fig.per_land.itertuples(index=False):
        counts = " | ".join(str(getattr(land, key)) for key in keys)
        lines.append(f"| {land.land} | {land.networks} | {counts} |")
    total = " | ".join(f"**{fig.classes[key]}**" for key in keys)
    lines.append(f"| **Deutschland** | **{n}** | {total} |")
    lines += [
        "",
        "(A network counts in every Land it works in, so the Länder's networks add up to more than Germany's.)",
    ]
    return "\n".join(lines)


def replace_block(text: str, block: str, name: str = "") -> str:
    """``text`` with the part between the markers replaced by ``block``."""
    pattern = re.compile(re.escape(START) + r"\n.*?" + re.escape(END), re.DOTALL)
    if len(pattern.findall(text)) != 1:
        raise FiguresError(f"{name}: erwartet genau einen Block zwischen {START} und {END}")
    return pattern.sub(lambda _: f"{START}\n{block}\n{END}", text)


def targets(root: Path = ROOT) -> dict[Path, bool]:
    return {root / name: full for name, full in TARGETS.items()}


def differences(fig: Figures, files: dict[Path, bool]) -> dict[Path, str]:
    """Per file whose text differs from the data: a unified diff (or the reason it cannot be compared)."""
    found = {}
    for file, full in files.items():
        text = file.read_text(encoding="utf-8")
        try:
            wanted = replace_block(text, render(fig, full), str(file))
        except FiguresError as exc:
            found[file] = str(exc)
            continue
        if wanted != text:
            diff = difflib.unified_diff(text.splitlines(), wanted.splitlines(), str(file), "aus den Daten", lineterm="")
            found[file] = "\n".join(diff)
    return found


def write(fig: Figures, files: dict[Path, bool]) -> list[Path]:
    """Rewrite the blocks; returns the files that changed."""
    changed = []
    for file, full in files.items():
        text = file.read_text(encoding="utf-8")
        wanted = replace_block(text, render(fig, full), str(file))
        if wanted != text:
            file.write_text(wanted, encoding="utf-8")
            changed.append(file)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m geo.databuild.register_figures", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--check", action="store_true", help="nichts schreiben; Exit 1, wenn Text und Daten abweichen")
    args = parser.parse_args(argv)
    fig = compute()
    files = targets()
    try:
        if args.check:
            found = differences(fig, files)
            for file, diff in found.items():
                print(f"{file.relative_to(ROOT)}: Zahlen weichen von den Daten ab (make register-figures)\n{diff}")
            if found:
                return 1
            print(f"Registerzahlen in {', '.join(TARGETS)} stimmen mit den Daten überein ({fig.networks} Netzwerke).")
            return 0
        changed = write(fig, files)
    except FiguresError as exc:
        print(exc, file=sys.stderr)
        return 1
    names = ", ".join(str(f.relative_to(ROOT)) for f in changed) or "nichts geändert"
    print(f"Registerzahlen geschrieben: {names} ({fig.networks} Netzwerke, Stand {germanfmt.day(fig.meta.checked)}).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
