"""Deterministic generator of the FICTIONAL demo networks (``data/demo_netzwerke.csv``).

Run ``python -m geo.databuild.demo``. The records are invented: names,
organisations, websites (``.beispiel.invalid``) and e-mail addresses do not
exist, and every description says so. The file is written the way real
submissions look — mixed region spellings, codes, lists, typos, German Excel
CSV — and contains a handful of deliberately broken rows (``BROKEN``) that the
import must report. Every other row's region is checked against the resolver
while generating, so the broken rows are exactly the ones listed.
"""

from __future__ import annotations

import csv
import io
import random
import re
from dataclasses import dataclass
from pathlib import Path

from geo.records.model import FICTION_NOTE
from geo.records.vocabulary import ACTIVE, DORMANT, ENDED, HANDLUNGSFELD_LIST, RECORD_CRITERIA
from geo.regions import adjacency, boundaries, paths, reference, resolver
from geo.text.textnorm import tokens

SEED = 20261128
TOTAL_ROWS = 600
OUTPUT = "demo_netzwerke.csv"

HEADERS = [
    "Netzwerk-ID",
    "Name des Netzwerks",
    "Träger",
    "Partner",
    "Region",
    "PLZ",
    "Ort",
    "Handlungsfelder",
    "Gegründet",
    "Status",
    "Beendet am",
    "Website",
    "E-Mail",
    "Beschreibung",
    "Stand",
    *(c.label for c in RECORD_CRITERIA),
    "Herkunft",
]

#: Probability that a Kreis has at least one regional network, per Land (denser in some Länder).
COVERED_SHARE = {
    "08": 0.9,
    "09": 0.85,
    "05": 0.9,
    "03": 0.8,
    "06": 0.85,
    "16": 0.75,
    "14": 0.8,
    "12": 0.7,
    "13": 0.6,
    "15": 0.6,
    "07": 0.7,
    "01": 0.75,
    "10": 0.8,
}

NAME_TEMPLATES = [
    "Fachkräfteallianz {r}",
    "Netzwerk Fachkräftesicherung {r}",
    "Bündnis für Ausbildung {r}",
    "Regionales Fachkräftebündnis {r}",
    "Allianz Beruf und Familie {r}",
    "Willkommensnetzwerk {r}",
    "Netzwerk Erfahrung zählt {r}",
    "Fachkräfteinitiative {r}",
    "Zukunft Arbeit {r}",
    "Ausbildungsverbund {r}",
    "Netzwerk Vielfalt im Betrieb {r}",
    "Fachkräfte-Dialog {r}",
]
PARTNER_ROLES = [
    "Kammer",
    "Agentur für Arbeit",
    "Jobcenter",
    "Kommune",
    "Berufsschule",
    "Arbeitgeberverband",
    "Gewerkschaft",
    "Wirtschaftsförderung",
    "Hochschule",
    "Bildungsträger",
]
_HF = HANDLUNGSFELD_LIST
#: How tables write each Handlungsfeld: its name, its short label and other spellings the import understands.
FIELD_SPELLINGS = {
    _HF[0].name: [_HF[0].name, "A&W", "Ausbildung", "Weiterbildung", "aus- u. weiterbildung"],
    _HF[1].name: [_HF[1].name, _HF[1].short, "50plus", "Aeltere Beschäftigte"],
    _HF[2].name: [_HF[2].name, _HF[2].short, "Beruf & Familie", "VBF"],
    _HF[3].name: [_HF[3].name, _HF[3].short, "Migration", "Fachkräfteeinwanderung"],
}
BOOL_SPELLINGS = {True: ["ja", "Ja", "x", "1"], False: ["nein", "Nein", "0"], None: ["", "unbekannt"]}


@dataclass(frozen=True)
class Broken:
    """A deliberately broken row: where it stands in the file and which column the import must flag."""

    row: int
    column: str
    value: str


#: (file row, column, value). Row 1 is the header.
BROKEN = (
    Broken(17, "name", ""),
    Broken(58, "region", "Atlantis"),
    Broken(121, "region", "München"),
    Broken(203, "gegruendet", "20155"),
    Broken(288, "kontakt_email", "kontakt(at)beispiel"),
    Broken(377, "handlungsfelder", "Digitalisierung"),
    Broken(444, "region", ""),
    Broken(529, "website", "javascript:alert(1)"),
)
_BROKEN_FIELD_TO_HEADER = {
    "name": "Name des Netzwerks",
    "region": "Region",
    "gegruendet": "Gegründet",
    "kontakt_email": "E-Mail",
    "handlungsfelder": "Handlungsfelder",
    "website": "Website",
}


def generate(seed: int = SEED) -> str:
    """The CSV text (German Excel style: UTF-8 BOM is added on writing, ";" separated)."""
    rng = random.Random(seed)
    kreise = boundaries.load_kreise()
    info = kreise.drop(columns="geometry").set_index("ags")
    near = adjacency.neighbours(kreise)
    places = reference.load_places().sort_values(["population", "name"], ascending=[False, True])
    places_by_kreis = places.groupby("ags")["name"].apply(list).to_dict()
    plz = reference.load_plz()
    plz_by_kreis = plz[plz["ags"] == plz["ags_point"]].groupby("ags")["plz"].apply(sorted).to_dict()

    covered = [a for a in info.index if rng.random() < COVERED_SHARE.get(a[:2], 0.85)]
    first_networks = rng.sample(covered, len(covered))  # every covered Kreis gets a local network
    speller = _Speller(rng, info, places_by_kreis, plz_by_kreis)
    rows = []
    used_names: set[str] = set()
    broken_rows = {b.row: b for b in BROKEN}
    for file_row in range(2, TOTAL_ROWS + 2):
        kind = rng.random()
        if kind < 0.72:
            target = [first_networks.pop() if first_networks else rng.choice(covered)]
            region, label = speller.single(target[0])
        elif kind < 0.92:
            target = _cluster(rng, near, covered)
            region, label = speller.several(target)
        elif kind < 0.985:
            land_ags = rng.choice(sorted(info["land_ags"].unique()))
            region, label = speller.land(land_ags, sorted(info.index[info["land_ags"] == land_ags]))
            target = []
        else:
            region, label, target = "bundesweit", "Deutschland", []
        row = _record(rng, file_row, region, label, target, info, places_by_kreis)
        while row["Name des Netzwerks"] in used_names:
            row["Name des Netzwerks"] += " II"
        used_names.add(row["Name des Netzwerks"])
        if file_row in broken_rows:
            broken = broken_rows[file_row]
            row[_BROKEN_FIELD_TO_HEADER[broken.column]] = broken.value
        rows.append(row)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=HEADERS, delimiter=";", lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _cluster(rng: random.Random, near: dict[str, list[str]], covered: list[str]) -> list[str]:
    covered_set = set(covered)
    start = rng.choice(covered)
    cluster = [start]
    for _ in range(rng.randint(1, 3)):
        options = sorted({n for a in cluster for n in near[a] if n in covered_set} - set(cluster))
        if not options:
            break
        cluster.append(rng.choice(options))
    return sorted(cluster)


class _Speller:
    """Writes a region the many ways people do, keeping only spellings the resolver reads as meant."""

    def __init__(self, rng, info, places_by_kreis, plz_by_kreis) -> None:
        self.rng, self.info = rng, info
        self.places, self.plz = places_by_kreis, plz_by_kreis

    def single(self, ags: str) -> tuple[str, str]:
        name, bez = self.info.at[ags, "name"], self.info.at[ags, "bez"]
        short = "Stadt" if bez in ("Kreisfreie Stadt", "Stadtkreis") else "LK"
        forms = [
            name,
            f"{bez} {name}",
            f"{short} {name}",
            ags,
            self.info.at[ags, "nuts3"],
            f"{name}, {bez}",
            _transliterate(name),
            _typo(self.rng, name),
        ]
        towns = self.places.get(ags, [])[:3]
        forms += [t for t in towns]
        forms += [f"PLZ {p}" for p in self.plz.get(ags, [])[:2]]
        weights = [6, 5, 3, 2, 1, 2, 1, 1] + [2] * len(towns) + [1] * min(2, len(self.plz.get(ags, [])))
        for _ in range(6):
            form = self.rng.choices(forms, weights=weights)[0]
            if form and resolver.resolve(form).ags == [ags] and not resolver.resolve(form).ambiguous:
                return form, f"{name}"
        return ags, name

    def several(self, codes: list[str]) -> tuple[str, str]:
        spelled = [self.single(a)[0] for a in codes]
        if all(self.info.at[a, "bez"] == "Landkreis" for a in codes) and self.rng.random() < 0.4:
            names = [self.info.at[a, "name"] for a in codes]
            text = "Landkreise " + ", ".join(names[:-1]) + " und " + names[-1]
        else:
            separator = self.rng.choice([", ", "; ", " / ", " und "])
            text = separator.join(spelled)
        resolution = resolver.resolve(text)
        if resolution.ags != codes or not resolution.ok:
            text = ", ".join(codes)
        return text, " / ".join(self.info.at[a, "name"] for a in codes)

    def land(self, land_ags: str, members: list[str]) -> tuple[str, str]:
        name = self.info.loc[self.info["land_ags"] == land_ags, "land"].iloc[0]
        forms = [f"Land {name}", f"Bundesland {name}", name, f"ganz {name}"]
        for form in self.rng.sample(forms, len(forms)):
            resolution = resolver.resolve(form)
            if resolution.ags == members and resolution.ok:
                return form, name
        return f"Land {name}", name


def _transliterate(name: str) -> str:
    return name.replace("ä", "ae").replace("ö", "oe").replace("ü", "ue").replace("ß", "ss")


def _typo(rng: random.Random, name: str) -> str:
    if len(name) < 9 or not re.fullmatch(r"[A-Za-zÄÖÜäöüß]+", name):
        return ""
    i = rng.randrange(2, len(name) - 2)
    return name[:i] + name[i + 1] + name[i] + name[i + 2 :]


def _record(rng, file_row, region, label, target, info, places_by_kreis) -> dict[str, str]:
    name = rng.choice(NAME_TEMPLATES).format(r=label)
    slug = "-".join(tokens(name))[:40] + f"-{file_row}"
    home = target[0] if target else None
    town = (places_by_kreis.get(home) or [info.at[home, "name"]])[0] if home else ""
    fields = rng.sample(list(FIELD_SPELLINGS), rng.choices([1, 2, 3, 4], weights=[3, 4, 2, 1])[0])
    partners = rng.sample(PARTNER_ROLES, rng.randint(2, 7))
    founded = rng.randint(2008, 2025)
    status = rng.choices([ACTIVE, DORMANT, ENDED], weights=[85, 7, 8])[0]
    ended = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(founded, 2026)}" if status == ENDED else ""
    flags = {k: rng.choices([True, False, None], weights=[6, 2, 2])[0] for k in range(3)}
    return {
        "Netzwerk-ID": f"DEMO-{file_row - 1:04d}" if rng.random() < 0.8 else "",
        "Name des Netzwerks": name,
        "Träger": f"Beispiel-{rng.choice(['Wirtschaftsförderung', 'Kammer', 'Agentur', 'Kommune'])} {label} (fiktiv)",
        "Partner": "; ".join(f"{role} (Beispiel)" for role in partners),
        "Region": region,
        "PLZ": "",
        "Ort": town,
        "Handlungsfelder": "; ".join(rng.choice(FIELD_SPELLINGS[f]) for f in fields),
        "Gegründet": str(founded),
        "Status": status if rng.random() < 0.9 else status.capitalize(),
        "Beendet am": ended,
        "Website": f"https://{slug}.beispiel.invalid",
        "E-Mail": f"kontakt@{slug}.beispiel.invalid",
        "Beschreibung": f"{FICTION_NOTE} Schwerpunkte: {', '.join(fields)}.",
        "Stand": f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.choice([2024, 2025, 2026])}",
        **{c.label: rng.choice(BOOL_SPELLINGS[flags[i]]) for i, c in enumerate(RECORD_CRITERIA)},
        "Herkunft": "demo",
    }


def write(path: Path | None = None) -> Path:
    """Write the demo file (UTF-8 with BOM, as German Excel saves it)."""
    path = path or paths.data_file(OUTPUT)
    path.write_bytes(generate().encode("utf-8-sig"))
    return path


if __name__ == "__main__":
    print(write())
