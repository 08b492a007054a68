"""Source hygiene of the register as a check (``make check-register``).

``python -m geo.databuild.register_check [FILE]``.

Every rule names file, row (as in the file, header = row 1), column, value and what would be valid:

- ``url``: canonical http(s) addresses in ``Quellen`` and ``Website`` — no host with a trailing dot, nothing cut
  off ("…", "..."), no session ids or tracking parameters, no whitespace or stray characters;
- ``url-doppelt``: no address twice in one row's ``Quellen`` (compared without trailing slash, host case, scheme);
- ``quellen``: one to three sources;
- ``primaerquelle``: the first source is not a mirror, document-hosting, aggregator or rewrite site
  (:data:`MIRROR_HOSTS`; allowed as second or third source), and a row does not rest on social networks alone;
- ``stand``: ``Stand`` present, a valid date, not after the check date;
- ``status``: "aktiv", "beendet" or "unklar"; "beendet" exactly when ``Beendet am`` is set; ``Beendet am`` not
  after the check date; "aktiv" only with a Stand on or after :attr:`RegisterMeta.active_since` (1 January of
  the year ``current_months`` before the check: "the newest evidence is from 2023 or later");
- ``duplikat``: no two rows with the same name (normalised), the same website, or the same Träger with
  overlapping Kreise;
- ``import``: the import (``geo.networks``) reports no problem — every region resolves, every value parses;
- ``weisser-fleck``: every white spot at the check date (class "keins") has a record in
  ``data/weisse_flecken_pruefung.csv``.

The dates come from ``data/register_meta.json`` (:mod:`geo.databuild.register_meta`), so the result on an
unchanged file does not change with today's date. Exit 0 with a one-line summary when clean, 1 listing every
problem otherwise.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

import pandas as pd

from geo.databuild import register_meta
from geo.figures import coverage, whitespot_checks
from geo.intake import networks, tablefile
from geo.records import model as records
from geo.records.vocabulary import ACTIVE, ENDED, UNCLEAR
from geo.regions import boundaries, paths
from geo.storage import datasets
from geo.text import germanfmt, textnorm

#: Rule keys and what they check (German, as printed in the summary).
RULES = {
    "url": "kanonische Web-Adressen",
    "url-doppelt": "keine Adresse doppelt",
    "quellen": "1–3 Quellen",
    "primaerquelle": "Primärquelle zuerst",
    "stand": "Stand vorhanden und gültig",
    "status": "Status passt zu Stand und Enddatum",
    "duplikat": "keine doppelten Netzwerke",
    "import": "Import ohne Probleme (Regionen aufgelöst)",
    "weisser-fleck": "Prüfvermerk für jeden weißen Fleck",
}

#: Mirrors, document-hosting and rewrite sites, aggregators and directories: never the first source.
#: A host matches itself and its subdomains (``de.readkong.com``).
MIRROR_HOSTS = frozenset(
    {
        # document hosting and mirrors of other people's PDFs
        "issuu.com",
        "yumpu.com",
        "readkong.com",
        "docplayer.org",
        "docplayer.net",
        "docplayer.com",
        "expydoc.com",
        "docslib.org",
        "unterlagen.site",
        "dokumen.tips",
        "pdfslide.net",
        "pdfslide.tips",
        "vdocuments.mx",
        "vdocuments.net",
        "vdocuments.site",
        "fdocuments.net",
        "silo.tips",
        "studylib.de",
        "studylibde.com",
        "calameo.com",
        "scribd.com",
        "fliphtml5.com",
        "kleineanfragen.de",
        # encyclopedia mirrors
        "wikiwand.com",
        "dewiki.de",
        "zxc.wiki",
        "wikibrief.org",
        "de-academic.com",
        "deacademic.com",
        # news aggregators and rewrite sites
        "lokalo24.de",
        "news.de",
        "nachrichten.ag",
        "newstral.com",
        "dorfinfo.de",
        "msn.com",
        "hot-sushi.com",
        # directories
        "findcity.de",
        "meinestadt.de",
        "stadtbranchenbuch.com",
        "cylex.de",
        "cylex-branchenbuch.de",
        "gelbeseiten.de",
        "dasoertliche.de",
        "golocal.de",
        "11880.com",
        "northdata.de",
    }
)
#: Social networks: a network's own profile may be a first source, but not the only kind of source.
SOCIAL_HOSTS = frozenset(
    {
        "facebook.com",
        "instagram.com",
        "twitter.com",
        "x.com",
        "linkedin.com",
        "xing.com",
        "youtube.com",
        "tiktok.com",
        "threads.net",
        "mastodon.social",
    }
)
#: Query parameters that identify a session or a campaign, not a page (compared case-insensitively).
TRACKING_PARAMETERS = frozenset(
    {
        "fbclid",
        "gclid",
        "dclid",
        "gbraid",
        "wbraid",
        "msclkid",
        "yclid",
        "igshid",
        "mc_cid",
        "mc_eid",
        "_ga",
        "_gl",
        "_hsenc",
        "_hsmi",
        "mkt_tok",
        "wt_mc",
        "wt.mc_id",
        "pk_campaign",
        "pk_kwd",
        "pk_source",
        "pk_medium",
        "mtm_campaign",
        "mtm_source",
        "mtm_medium",
        "ref_src",
        "sid",
        "sessionid",
        "session_id",
        "session",
        "jsessionid",
        "phpsessid",
        "aspsessionid",
        "cfid",
        "cftoken",
        "s_cid",
    }
)
_PATH_SESSION = re.compile(r";\s*(jsessionid|sessionid|sid|phpsessid)=", re.IGNORECASE)
_HOST_LABEL = re.compile(r"^(?!-)[\w-]{1,63}(?<!-)$", re.UNICODE)
_BAD_CHARS = re.compile(r"[\s<>\"'`{}|\\^\x00-\x1f\x7f]")
_TRAILING_PUNCTUATION = ".,;:!?]}'\"»«“”"


@dataclass(frozen=True)
class Violation:
    """One problem: the rule key, where it is (row 0: the file as a whole) and what would be valid."""

    rule: str
    file: str
    row: int
    column: str
    value: str
    message: str

    def __str__(self) -> str:
        where = f"Zeile {self.row}" if self.row else "Datei"
        value = self.value if len(self.value) <= 160 else self.value[:157] + "…"
        return f"{self.file}, {where}, Spalte {self.column!r}: {value!r} – {self.message} [{self.rule}]"


# --- URLs ---------------------------------------------------------------------------------------------------


def url_problems(url: str) -> list[str]:
    """What makes ``url`` not a canonical http(s) address (German sentences; empty when fine)."""
    problems = []
    if "…" in url or re.search(r"\.{3}$|\.\.\.(?=[/?#])", url):
        problems.append("abgeschnitten ('…' oder '...'); die vollständige Adresse eintragen")
    if _BAD_CHARS.search(url):
        problems.append("enthält Leerzeichen, Anführungszeichen oder Steuerzeichen; nur die Adresse selbst eintragen")
    if not re.match(r"^https?://", url, re.IGNORECASE):
        problems.append("keine http(s)-Adresse; erwartet z. B. https://www.beispiel.de/seite")
        return problems
    if re.match(r"^https?://https?:", url, re.IGNORECASE):
        problems.append("Schema doppelt ('https://http…'); erwartet eine einfache Adresse")
        return problems
    try:
        parts = urlsplit(url)
        host = parts.hostname or ""
        parts.port  # noqa: B018 (raises on a malformed port)
    except ValueError:
        return [*problems, "nicht lesbar (Host oder Port fehlerhaft); erwartet z. B. https://www.beispiel.de/seite"]
    netloc_host = parts.netloc.rsplit("@", 1)[-1].split(":")[0]
    if netloc_host.endswith("."):
        problems.append(f"Host mit Punkt am Ende ({netloc_host!r}); erwartet {netloc_host.rstrip('.')!r}")
    labels = host.rstrip(".").split(".")
    if not host or len(labels) < 2 or not all(_HOST_LABEL.match(label) and "_" not in label for label in labels):
        problems.append(f"ungültiger Host {host!r}; erwartet z. B. www.beispiel.de")
    if "@" in parts.netloc:
        problems.append("enthält Zugangsdaten ('…@'); nur die öffentliche Adresse eintragen")
    tracking = sorted(
        {name for name, _ in parse_qsl(parts.query, keep_blank_values=True) if _is_tracking(name)}, key=str.lower
    )
    if tracking:
        problems.append(
            f"Sitzungs- oder Tracking-Parameter ({', '.join(tracking)}); die Adresse ohne diese Parameter eintragen"
        )
    if _PATH_SESSION.search(parts.path) or _PATH_SESSION.search(parts.query):
        problems.append("Sitzungskennung im Pfad (';jsessionid=…'); die Adresse ohne sie eintragen")
    tail = url[-1]
    if tail in _TRAILING_PUNCTUATION and not url.endswith("..."):
        problems.append(f"endet mit {tail!r} (Satzzeichen oder Rest); die Adresse ohne es eintragen")
    elif tail == ")" and url.count("(") < url.count(")"):
        problems.append("endet mit ')' ohne '('; die Adresse ohne die Klammer eintragen")
    return problems


def _is_tracking(name: str) -> bool:
    lowered = name.strip().lower()
    return lowered.startswith("utm_") or lowered in TRACKING_PARAMETERS


def normalised_url(url: str) -> str:
    """The address compared for duplicates: scheme, host case, "www.", a trailing dot or slash, session ids and
    tracking parameters do not count."""
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return url.strip().lower()
    host = (parts.hostname or "").rstrip(".").removeprefix("www.")
    path = re.sub(r";.*$", "", parts.path).rstrip("/")
    query = "&".join(
        f"{name}={value}" for name, value in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(name)
    )
    return host + path + (f"?{query}" if query else "")


def host_of(url: str) -> str:
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


def _matches(host: str, hosts: frozenset[str]) -> str:
    """The listed domain ``host`` belongs to, or ""."""
    labels = host.split(".")
    for start in range(len(labels) - 1):
        candidate = ".".join(labels[start:])
        if candidate in hosts:
            return candidate
    return ""


def split_sources(cell: str) -> list[str]:
    """Source addresses as the import splits them (spaces, new lines or "; "), duplicates kept."""
    return [part.rstrip(";") for part in re.split(r";?\s+", cell.strip()) if part.rstrip(";")]


# --- the check ----------------------------------------------------------------------------------------------


def check(
    file: Path,
    meta: register_meta.RegisterMeta,
    whitespot_checks: pd.DataFrame | None = None,
    checks_name: str = "weisse_flecken_pruefung.csv",
) -> list[Violation]:
    """Every problem of the register ``file`` at ``meta.checked``. ``whitespot_checks`` (``geo.whitespot_checks``):
    the white-spot rule applies when given."""
    name = Path(file).name
    table = tablefile.read_table(Path(file))
    result = networks.validate_table(table)
    columns = {field: index for index, field in _fields(table).items()}
    found: list[Violation] = []

    def cell(row: list, field: str) -> str:
        index = columns.get(field)
        return "" if index is None or index >= len(row) else str(row[index] or "").strip()

    for row, number in zip(table.rows, table.row_numbers, strict=True):

        def add(rule: str, column: str, value: str, message: str, number: int = number) -> None:
            found.append(Violation(rule, name, number, column, value, message))

        sources = split_sources(cell(row, "quellen"))
        _check_sources(sources, add)
        website = cell(row, "website")
        if website:
            for problem in url_problems(website):
                add("url", "Website", website, problem)
        _check_dates(cell(row, "status"), cell(row, "stand"), cell(row, "beendet_am"), meta, add)

    handled = {"quellen", "website", "stand", "beendet_am", "status"}
    for problem in result.problems:
        if problem.column in handled and problem.row:
            continue
        column = problem.column or "–"
        message = problem.message + (f" ({problem.suggestion})" if problem.suggestion else "")
        found.append(Violation("import", name, problem.row, column, problem.value, message))
    found.extend(_duplicates(result.records, name, meta.distinct))
    if whitespot_checks is not None:
        found.extend(_white_spots(result.records, meta, whitespot_checks, checks_name))
    return sorted(found, key=lambda v: (v.file != name, v.row, list(RULES).index(v.rule), v.column))


def _fields(table) -> dict[int, str]:
    fields: dict[int, str] = {}
    for index, header in enumerate(table.headers):
        field = records.column_field(header)
        if field is not None and field not in fields.values():
            fields[index] = field
    return fields


def _check_sources(sources: list[str], add) -> None:
    text = " ".join(sources)
    if not 1 <= len(sources) <= 3:
        add(
            "quellen", "Quellen", text, f"{len(sources)} Quellen; erwartet 1 bis 3 Adressen, durch Leerzeichen getrennt"
        )
    seen: dict[str, int] = {}
    for position, url in enumerate(sources, start=1):
        for problem in url_problems(url):
            add("url", "Quellen", url, f"Quelle {position}: {problem}")
        same = seen.get(normalised_url(url))
        if same:
            add("url-doppelt", "Quellen", url, f"Quelle {position} ist dieselbe Seite wie Quelle {same}; einmal nennen")
        seen.setdefault(normalised_url(url), position)
    if not sources:
        return
    mirror = _matches(host_of(sources[0]), MIRROR_HOSTS)
    if mirror:
        add(
            "primaerquelle",
            "Quellen",
            sources[0],
            f"erste Quelle ist ein Spiegel-, Aggregator- oder Verzeichnisdienst ({mirror}); zuerst eine Primärquelle "
            "nennen (das Netzwerk, sein Träger, eine Behörde, Kammer, Agentur oder Zeitung), "
            f"{mirror} höchstens als zweite oder dritte Quelle",
        )
    if all(_matches(host_of(url), SOCIAL_HOSTS) for url in sources):
        add(
            "primaerquelle",
            "Quellen",
            text,
            "nur soziale Netzwerke als Quelle; eine Primärquelle außerhalb sozialer Netzwerke ergänzen",
        )


def _check_dates(status_text: str, stand_text: str, ended_text: str, meta, add) -> None:
    checked = meta.checked.isoformat()
    stand = _date_or_none(stand_text)
    if not stand_text:
        add("stand", "Stand", "", "fehlt; das Datum des neuesten Belegs eintragen (JJJJ-MM-TT)")
    elif stand is None:
        add("stand", "Stand", stand_text, "kein gültiges Datum; erwartet JJJJ-MM-TT oder TT.MM.JJJJ")
    elif stand > checked:
        add(
            "stand",
            "Stand",
            stand_text,
            f"liegt nach dem Prüfdatum {germanfmt.day(checked)}; erwartet das Datum eines Belegs",
        )
    ended = _date_or_none(ended_text)
    if ended_text and ended is None:
        add("status", "Beendet am", ended_text, "kein gültiges Datum; erwartet JJJJ-MM-TT oder TT.MM.JJJJ")
    elif ended and ended > checked:
        add(
            "status",
            "Beendet am",
            ended_text,
            f"liegt nach dem Prüfdatum {germanfmt.day(checked)}; ein Ende erst eintragen, wenn es eingetreten ist",
        )
    try:
        status = records.parse_status(status_text) if status_text else ""
    except records.ValueProblem:
        status = None
    if status not in (ACTIVE, ENDED, UNCLEAR):
        add("status", "Status", status_text, "erwartet 'aktiv', 'beendet' oder 'unklar'")
        return
    if status == ENDED and not ended_text:
        add(
            "status",
            "Beendet am",
            "",
            "Status 'beendet' ohne Datum 'Beendet am'; das Datum des Endes laut Quelle eintragen",
        )
    if ended_text and status != ENDED:
        add("status", "Status", status_text, f"'Beendet am' ist gesetzt ({ended_text}); dann Status 'beendet'")
    since = meta.active_since.isoformat()
    if status == ACTIVE and stand and stand < since:
        add(
            "status",
            "Status",
            status_text,
            f"'aktiv' mit Stand {germanfmt.day(stand)}: 'aktiv' verlangt einen Beleg ab {germanfmt.day(since)}; "
            "sonst 'unklar'",
        )


def _date_or_none(text: str) -> str | None:
    if not text:
        return None
    try:
        return records.parse_date(text)
    except records.ValueProblem:
        return None


def _duplicates(
    records_frame: pd.DataFrame, name: str, distinct: frozenset[frozenset[str]] = frozenset()
) -> Iterable[Violation]:
    """Same name (normalised), same website, or same Träger with overlapping Kreise; reported at the later row.

    ``distinct``: pairs of ids checked to be different networks of one Träger (``register_meta``)."""
    names: dict[str, int] = {}
    sites: dict[str, int] = {}
    traeger: dict[str, list[tuple[int, set[str], str]]] = {}
    for record in records_frame.sort_values("source_row").itertuples(index=False):
        row = int(record.source_row)
        name_key = textnorm.key(record.name or "")
        if name_key in names:
            yield Violation("duplikat", name, row, "Name", record.name, f"gleicher Name wie Zeile {names[name_key]}")
        names.setdefault(name_key, row)
        if record.website:
            site = normalised_url(record.website)
            if site in sites:
                yield Violation(
                    "duplikat", name, row, "Website", record.website, f"gleiche Website wie Zeile {sites[site]}"
                )
            sites.setdefault(site, row)
        carrier = textnorm.key(record.traeger or "")
        kreise = set(record.ags or [])
        if carrier:
            for other, other_kreise, other_id in traeger.get(carrier, []):
                if kreise & other_kreise and frozenset((record.id, other_id)) not in distinct:
                    yield Violation(
                        "duplikat",
                        name,
                        row,
                        "Träger",
                        record.traeger,
                        f"gleicher Träger wie Zeile {other} mit überschneidenden Kreisen "
                        f"({len(kreise & other_kreise)} gemeinsam); zusammenführen oder das Netzwerk genauer abgrenzen",
                    )
                    break
            traeger.setdefault(carrier, []).append((row, kreise, record.id))


def _white_spots(records_frame, meta, checks: pd.DataFrame, checks_name: str) -> Iterable[Violation]:
    result = coverage.kreis_coverage(records_frame, boundaries.load_kreise(), meta.filters())
    spots = result[result["evidence"] == coverage.NONE].sort_values("ags")
    checked = set(checks["ags"]) if len(checks) else set()
    for spot in spots.itertuples(index=False):
        if spot.ags not in checked:
            yield Violation(
                "weisser-fleck",
                checks_name,
                0,
                "ags",
                f"{spot.ags} {spot.name}",
                f"weißer Fleck am {germanfmt.day(meta.checked)} ohne Prüfvermerk; eine Zeile "
                f"'{spot.ags};{spot.name};TT.MM.JJJJ;durchsuchte Stellen;Ergebnis' ergänzen",
            )


def summary(violations: list[Violation], file: Path, rows: int) -> str:
    if not violations:
        return f"{Path(file).name}: {rows} Zeilen, alle {len(RULES)} Regeln erfüllt."
    counts = {rule: sum(v.rule == rule for v in violations) for rule in RULES}
    parts = ", ".join(f"{rule} {n}" for rule, n in counts.items() if n)
    return f"{Path(file).name}: {len(violations)} Probleme in {rows} Zeilen ({parts})."


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m geo.databuild.register_check", description=__doc__.split("\n")[0])
    parser.add_argument("file", nargs="?", type=Path, help="Register-Datei (Standard: das ausgelieferte Register)")
    parser.add_argument("--data-dir", type=Path, default=None, help="Verzeichnis mit register_meta.json usw.")
    args = parser.parse_args(argv)
    file = args.file or paths.data_file(datasets.FILES["register"], args.data_dir)
    try:
        meta = register_meta.load(args.data_dir)
        checks = whitespot_checks.load_checks(args.data_dir)
        violations = check(file, meta, checks, whitespot_checks.CHECKS_FILE)
        rows = len(tablefile.read_table(Path(file)).rows)
    except (register_meta.MetaError, whitespot_checks.ChecksFileError, tablefile.TableFileError) as exc:
        print(exc, file=sys.stderr)
        return 1
    for violation in violations:
        print(violation)
    print(summary(violations, file, rows))
    return 1 if violations else 0


if __name__ == "__main__":
    sys.exit(main())
