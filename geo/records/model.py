"""The network record: fields, accepted column names and value parsing.

Networks describe themselves in many ways ("Träger", "Koordinierende Stelle";
"A&W", "Ausbildung"; "ja", "x", "1"). Each parser here turns one such value
into the canonical form or raises :class:`ValueProblem` with a German message
that says what would be valid.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from geo.records.vocabulary import (  # noqa: F401 (re-exported: the record's words)
    ACTIVE,
    DORMANT,
    ENDED,
    HANDLUNGSFELDER,
    RECORD_CRITERIA,
    STATUSES,
    UNCLEAR,
)
from geo.text.textnorm import key, tokens

#: Where a record comes from; shown with every record and in the data notice of every page.
ORIGINS = {
    "quelle": "öffentliche Quelle",
    "redaktion": "Redaktion",
    "meldung": "Meldung des Netzwerks",
    "demo": "fiktive Demo-Daten",
}
MAX_SOURCES = 5
MIN_PARTNERS = 3
#: Where a network works (``geo.regions.resolver.Resolution.scope``), in order from local to national, with its label.
LOCAL, MULTI, LAND, NATIONAL = "lokal", "mehrere", "land", "bund"
SCOPE_LABELS = {LOCAL: "nur dieser Kreis", MULTI: "mehrere Kreise", LAND: "landesweit", NATIONAL: "bundesweit"}
SCOPE_ORDER = {scope: rank for rank, scope in enumerate(SCOPE_LABELS)}
#: Scopes that exist everywhere in their area: they cover a white spot only when the filter says so.
WIDE_SCOPES = frozenset({LAND, NATIONAL})
#: Kreis types (``bez``) of the kreisfreie Städte: a city learns most from a city, "Stadt X" means one of these.
CITY_TYPES = frozenset({"Kreisfreie Stadt", "Stadtkreis"})
#: Every fictional demo record's description starts with this (geo.databuild.demo writes it).
FICTION_NOTE = "FIKTIVER DEMO-DATENSATZ – dieses Netzwerk gibt es nicht."

DEFAULT_MAX_TEXT = 500
#: Control characters, and Unicode's bidirectional controls (embeddings, overrides, isolates, marks): a
#: "\u202e" in a name showed it reversed to editors and the public (issue 25). Removed on input.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")
_URL = re.compile(r"^https?://[^\s<>\"'`]+\.[^\s<>\"'`]+$", re.IGNORECASE)
_TRUE = frozenset({"ja", "j", "yes", "y", "true", "wahr", "1", "x", "vorhanden", "erfuellt"})
_FALSE = frozenset({"nein", "n", "no", "false", "falsch", "0", "nicht erfuellt", "fehlt"})
_UNKNOWN = frozenset({"", "unbekannt", "k a", "keine angabe", "weiss nicht", "unknown", "nan", "none"})


class ValueProblem(ValueError):
    """A value that cannot be used; the message (German) says what would be valid."""


def column_field(header: str) -> str | None:
    """Canonical field for a column header, or None when unknown."""
    return _HEADER_LOOKUP.get(key(str(header)))


def strip_controls(text: str) -> str:
    """``text`` without control and bidi control characters (line breaks and tabs stay)."""
    return _CONTROL.sub("", text)


def clean_text(value: object, field: str) -> str:
    """Trimmed text without control or bidi control characters, within the field's length limit."""
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value)).strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # our own exports neutralise formulas this way (geo.handouts.exports); undo on re-import
    limit = MAX_TEXT.get(field, DEFAULT_MAX_TEXT)
    if len(text) > limit:
        raise ValueProblem(f"Text zu lang ({len(text)} Zeichen, höchstens {limit} erlaubt)")
    return text


def parse_handlungsfelder(value: str) -> list[str]:
    """Canonical Handlungsfelder from a list such as "A&W; Vereinbarkeit; Ältere"."""
    result: list[str] = []
    for raw in re.split(r"[;,/|\n]+|\s+\+\s+", value):
        if not raw.strip():
            continue
        field = _handlungsfeld(" ".join(tokens(raw)))
        if field is None:
            raise ValueProblem(f"Unbekanntes Handlungsfeld {raw.strip()!r}; gültig: {', '.join(HANDLUNGSFELDER)}")
        if field not in result:
            result.append(field)
    return sorted(result, key=HANDLUNGSFELDER.index)


def _handlungsfeld(k: str) -> str | None:
    compact = k.replace(" ", "")
    if (
        "zuwander" in k
        or "einwander" in k
        or "migra" in k
        or "fluecht" in k
        or "zugewandert" in k
        or compact in ("iz", "iuz")
    ):
        return HANDLUNGSFELDER[3]
    if "aelter" in k or "50plus" in compact or compact in ("ie", "ia", "50"):
        return HANDLUNGSFELDER[1]
    if "vereinbar" in k or "familie" in k or compact in ("vbf", "bf", "vf"):
        return HANDLUNGSFELDER[2]
    if "ausbildung" in k or "weiterbildung" in k or "bildung" in k or compact in ("aw", "auw", "aundw"):
        return HANDLUNGSFELDER[0]
    if "sonstig" in k or k in ("andere", "other", "weitere"):
        return HANDLUNGSFELDER[4]
    return None


def parse_partner(value: str) -> list[str]:
    """Partner organisations: separated by ";" or new lines (or "," when neither is used)."""
    separator = r"[;\n]+" if re.search(r"[;\n]", value) else r","
    return [p.strip() for p in re.split(separator, value) if p.strip()]


def parse_bool(value: object) -> bool | None:
    """ja/nein/x/1/0 → bool; empty or "unbekannt" → None."""
    if isinstance(value, bool):
        return value
    k = key(str(value)) if value is not None else ""
    if k in _UNKNOWN:
        return None
    if k in _TRUE:
        return True
    if k in _FALSE:
        return False
    raise ValueProblem(f"Kein Ja/Nein-Wert: {str(value)!r}; gültig: ja, nein, x, 1, 0 oder leer (unbekannt)")


def parse_year(value: object, today: date | None = None) -> int | None:
    """A founding year 1949…this year from "2015", 2015.0, "2015,0" or a date."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, datetime | date):
        year = value.year
    else:
        text = str(value).strip()
        match = re.fullmatch(r"(\d{4})(?:[.,]0+)?|\d{1,2}\.\d{1,2}\.(\d{4})|(\d{4})-\d{2}-\d{2}", text)
        if not match:
            raise ValueProblem(f"Kein Jahr: {text!r}; erwartet z. B. 2015")
        year = int(next(g for g in match.groups() if g))
    this_year = (today or date.today()).year
    if not 1949 <= year <= this_year:
        raise ValueProblem(f"Jahr {year} außerhalb von 1949–{this_year}")
    return year


def parse_date(value: object) -> str | None:
    """ISO date string from "2024-03-01", "01.03.2024", "03/2024", "2024" or a date cell."""
    if value is None or str(value).strip() == "":
        return None
    if isinstance(value, datetime | date):
        return (value.date() if isinstance(value, datetime) else value).isoformat()
    text = str(value).strip()
    for pattern, build in (
        (r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?", lambda y, m, d: (y, m, d)),
        (r"(\d{1,2})\.(\d{1,2})\.(\d{4})", lambda d, m, y: (y, m, d)),
        (r"(\d{1,2})[./](\d{4})", lambda m, y: (y, m, 1)),
        (r"(\d{4})", lambda y: (y, 1, 1)),
    ):
        match = re.fullmatch(pattern, text)
        if match:
            try:
                return date(*(int(x) for x in build(*match.groups()))).isoformat()
            except ValueError:
                break
    raise ValueProblem(f"Kein Datum: {text!r}; erwartet TT.MM.JJJJ oder JJJJ-MM-TT")


def parse_status(value: str) -> str:
    """aktiv / ruhend / beendet / unklar (with common synonyms); empty means aktiv."""
    k = key(value)
    if k in ("", ACTIVE, "active", "laufend", "ja", f"{ACTIVE} laut quelle"):
        return ACTIVE
    if k in (DORMANT, "ruht", "pausiert", "inaktiv", "dormant"):
        return DORMANT
    if k in (ENDED, "aufgeloest", "eingestellt", "ended", "abgeschlossen"):
        return ENDED
    if k in (UNCLEAR, "unbekannt", "unclear", "unknown"):
        return UNCLEAR
    raise ValueProblem(f"Unbekannter Status {value!r}; gültig: {', '.join(STATUSES)}")


def parse_website(value: str) -> str:
    """An http(s) URL; a bare "www.example.de" gets https://. Anything else (javascript:…) is refused."""
    text = value.strip()
    if not text:
        return ""
    if not re.match(r"^[a-z][a-z0-9+.-]*:", text, re.IGNORECASE):
        text = f"https://{text}"
    if not _URL.match(text):
        raise ValueProblem(f"Keine gültige Web-Adresse: {value!r}; erwartet z. B. https://www.beispiel.de")
    return text


def parse_sources(value: str) -> list[str]:
    """Source URLs separated by spaces or new lines (or "; "); each must be a full http(s) address.

    A ";" inside a URL (``;jsessionid=…``) belongs to it, so only "; " separates.
    """
    found = [part.rstrip(";") for part in re.split(r";?\s+", value) if part.rstrip(";")]
    if len(found) > MAX_SOURCES:
        raise ValueProblem(f"{len(found)} Quellen angegeben, höchstens {MAX_SOURCES} erlaubt")
    for url in found:
        if not re.match(r"^https?://", url, re.IGNORECASE) or not _URL.match(url):
            raise ValueProblem(f"Keine gültige Quellen-Adresse: {url!r}; erwartet z. B. https://www.beispiel.de/seite")
    return list(dict.fromkeys(found))


def parse_origin(value: str) -> str:
    """Where the record comes from (see ORIGINS); empty means an editor entered it."""
    k = key(value)
    if not k:
        return "redaktion"
    for origin, label in ORIGINS.items():
        if k in (origin, key(label)):
            return origin
    raise ValueProblem(f"Unbekannte Herkunft {value!r}; gültig: {', '.join(ORIGINS)}")


def parse_email(value: str) -> str:
    """A plain e-mail address."""
    text = value.strip().removeprefix("mailto:")
    if text and not _EMAIL.match(text):
        raise ValueProblem(f"Keine gültige E-Mail-Adresse: {value!r}")
    return text


def parse_plz(value: object) -> str:
    """Five-digit PLZ; a four-digit one lost its leading zero in Excel and gets it back."""
    text = str(value).strip() if value is not None else ""
    text = re.sub(r"[.,]0+$", "", text)
    if not text:
        return ""
    if re.fullmatch(r"\d{4}", text):
        text = "0" + text
    if not re.fullmatch(r"\d{5}", text):
        raise ValueProblem(f"Keine Postleitzahl: {value!r}; erwartet fünf Ziffern")
    return text


@dataclass(frozen=True)
class Field:
    """One field of the network record: everything a new field needs is one entry in :data:`MODEL`.

    The import (headers, parsing, defaults), the database columns (``geo.storage.schema``), the stored and
    exported layout (``geo.storage.store``) and the editors' form (``pages/daten.py``) all read these.

    ``kind`` says how the value is parsed, stored and edited: "text" (one line), "longtext", "list"
    (stored as JSON), "choice" (one of ``choices``), "year", "date", "plz" or "bool" (yes/no/unknown).
    """

    name: str
    label: str  # German, in messages, the audit trail and the editors' form
    aliases: tuple[str, ...]  # accepted column headers besides the name; the first one is the example
    kind: str = "text"
    parse: Callable[[object], object] | None = None  # None: the cleaned text as it is
    default: object = ""  # when the cell is empty or invalid
    max_len: int = DEFAULT_MAX_TEXT  # of the cleaned input text
    form_label: str = ""  # the form's label when it says more than ``label``
    choices: tuple[str, ...] = ()  # the values of a "choice" field, or the options of a "list" field
    choice_labels: dict[str, str] | None = None  # how the form shows the choices, when not as they are
    joiner: str = "; "  # how a "list" field is written into one export cell
    description: str = ""  # for a criterion: what the profile says it means
    report_label: str = ""  # the public report form's label ("Netzwerk melden"); none: not in that form

    @property
    def in_form(self) -> str:
        return self.form_label or self.label


def partner_criterion(partner_count: int) -> bool | None:
    """≥ 3 partners: unknown (None) when no partner is listed — a record without partners says nothing about them."""
    return None if not partner_count else partner_count >= MIN_PARTNERS


def fields_criterion(handlungsfelder: list[str]) -> bool | None:
    """Measures in a Handlungsfeld: True when one is named, unknown (None) when none is (never "failed")."""
    return True if handlungsfelder else None


def criteria_met(partner_count: int, handlungsfelder: list[str], flags: dict[str, bool | None]) -> bool | None:
    """The network criteria: ≥ 3 partners, binding cooperation, data-based goals, measures, evaluation.

    None when a criterion is unknown and none is clearly failed; a criterion without information (no partners
    listed, no Handlungsfeld named) is unknown, not failed (issue 24).
    """
    checks = [partner_criterion(partner_count), fields_criterion(handlungsfelder), *(flags.get(c) for c in CRITERIA)]
    if any(c is False for c in checks):
        return False
    if any(c is None for c in checks):
        return None
    return True


def stable_id(name: str, region: str) -> str:
    """Deterministic id for a record that has none, so a re-import finds the same record.

    The whole 160-bit BLAKE2b digest: the former 40-bit prefix collided for two different records
    (issue 11), which would have made one overwrite the other on import.
    """
    digest = hashlib.blake2b(f"{key(name)}|{key(region)}".encode(), digest_size=20).hexdigest()
    return f"N-{digest}"


#: Column headers accepted for the criteria (their words: geo.records.vocabulary).
_CRITERION_ALIASES = {
    "verbindliche_kooperation": ("verbindliche kooperation", "kooperationsvereinbarung", "verbindlich"),
    "datenbasierte_ziele": ("datenbasierte ziele", "ziele aus regionalen daten"),
    "evaluation": ("evaluiert", "ergebnisse evaluiert"),
}

#: The record, in the import's column order: the single definition of every field.
MODEL: tuple[Field, ...] = (
    Field("id", "ID", ("nr", "nummer", "netzwerk id", "netzwerk nr", "kennung"), default=None),
    Field(
        "name",
        "Name",
        ("netzwerk", "netzwerkname", "name des netzwerks", "netzwerkbezeichnung", "titel"),
        max_len=300,
        report_label="Name des Netzwerks *",
    ),
    Field(
        "traeger",
        "Träger",
        (
            "träger",
            "koordinierende stelle",
            "koordination",
            "koordinator",
            "organisation",
            "traegerorganisation",
            "koordinierende organisation",
            "organisation koordination",
        ),
        max_len=300,
        report_label="Träger / koordinierende Stelle",
    ),
    Field(
        "partner",
        "Partner",
        ("partners", "partnerorganisationen", "netzwerkpartner", "beteiligte", "mitglieder"),
        kind="list",
        parse=parse_partner,
        default=[],
        max_len=5000,
        form_label="Partner (eine Zeile je Partner)",
        report_label="Partner (durch Semikolon getrennt)",
    ),
    Field(
        "region",
        "Region",
        (
            "regionen",
            "gebiet",
            "einzugsgebiet",
            "wirkungsraum",
            "regionaler bezug",
            "kreis",
            "kreise",
            "landkreis",
            "landkreise",
            "raum",
            "area",
        ),
        max_len=2000,
        report_label="Region * (Kreise, kreisfreie Städte, Land, PLZ oder AGS)",
    ),
    Field(
        "plz", "PLZ", ("postleitzahl", "postcode", "zip"), kind="plz", parse=parse_plz, report_label="PLZ des Sitzes"
    ),
    Field("ort", "Ort", ("sitz", "stadt", "town", "city"), max_len=100, report_label="Ort des Sitzes"),
    Field(
        "handlungsfelder",
        "Handlungsfelder",
        ("handlungsfeld", "themen", "themenfelder", "schwerpunkte", "fields"),
        kind="list",
        parse=parse_handlungsfelder,
        default=[],
        choices=HANDLUNGSFELDER,
        report_label="Handlungsfelder",
    ),
    Field(
        "gegruendet",
        "Gegründet",
        ("gegründet", "gruendungsjahr", "gründungsjahr", "gruendung", "seit", "founded"),
        kind="year",
        parse=parse_year,
        default=None,
        form_label="Gegründet (Jahr)",
        report_label="Gegründet (Jahr)",
    ),
    Field("status", "Status", ("zustand",), kind="choice", parse=parse_status, default=ACTIVE, choices=STATUSES),
    Field(
        "beendet_am",
        "Beendet am",
        ("beendet am", "enddatum", "ende", "ended"),
        kind="date",
        parse=parse_date,
        default=None,
    ),
    Field(
        "website",
        "Website",
        ("webseite", "homepage", "url", "internet", "internetseite"),
        parse=parse_website,
        report_label="Website",
    ),
    Field(
        "kontakt_email",
        "E-Mail",
        ("kontakt email", "email", "e mail", "mail", "kontakt", "contact"),
        parse=parse_email,
        report_label="Öffentliche Kontakt-E-Mail des Netzwerks",
    ),
    Field(
        "beschreibung",
        "Beschreibung",
        ("kurzbeschreibung", "description", "ziele", "ziel"),
        kind="longtext",
        max_len=5000,
        report_label="Kurzbeschreibung",
    ),
    Field(
        "stand",
        "Stand",
        ("aktualisiert", "zuletzt geprueft", "geprueft am", "last verified", "verified"),
        kind="date",
        parse=parse_date,
        default=None,
        form_label="Stand (zuletzt geprüft)",
    ),
    Field(
        "quellen",
        "Quellen",
        ("quelle", "sources", "source", "belege", "nachweise"),
        kind="list",
        parse=parse_sources,
        default=[],
        max_len=2500,
        form_label="Quellen (eine Web-Adresse je Zeile)",
        joiner=" ",
    ),
    Field(
        "herkunft",
        "Herkunft",
        ("datenherkunft", "origin"),
        kind="choice",
        parse=parse_origin,
        default="redaktion",
        choices=tuple(ORIGINS),
        choice_labels=ORIGINS,
    ),
    *(
        Field(
            c.name,
            c.label,
            _CRITERION_ALIASES[c.name],
            kind="bool",
            parse=parse_bool,
            default=None,
            description=c.public,
        )
        for c in RECORD_CRITERIA
    ),
)
BY_NAME = {f.name: f for f in MODEL}
FIELDS = tuple(BY_NAME)
REQUIRED = ("name", "region")
#: The fields of the public report form, in this order, and its labels (``*``: required).
REPORT_FIELDS = tuple(f.name for f in MODEL if f.report_label)
REPORT_LABELS = {f.name: f.report_label for f in MODEL if f.report_label}
#: The yes/no criteria a network states about itself (with ≥ 3 partners and a Handlungsfeld they make
#: ``criteria_met``); their profile labels.
CRITERIA = tuple(f.name for f in MODEL if f.kind == "bool")
CRITERIA_LABELS = {f.name: f.description for f in MODEL if f.kind == "bool"}
#: Canonical field → accepted column headers (compared by geo.text.textnorm.key, so case and umlauts don't matter).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {f.name: tuple(dict.fromkeys((f.name, *f.aliases))) for f in MODEL}
MAX_TEXT = {f.name: f.max_len for f in MODEL if f.max_len != DEFAULT_MAX_TEXT}
#: Columns derived from the fields, in the record after the field they follow.
_DERIVED_AFTER = {"partner": ("partner_count",), "region": ("ags", "scope"), CRITERIA[-1]: ("criteria_met",)}
#: One record as the import returns and the store loads it (plus the store's ``version``).
RECORD_COLUMNS = [
    *(c for f in MODEL for c in (f.name, *_DERIVED_AFTER.get(f.name, ()))),
    "source_row",
]
#: What the database keeps per record (``ags`` lives in its own table; the count and row follow from the rest).
STORED_COLUMNS = [c for c in RECORD_COLUMNS if c not in ("ags", "partner_count", "source_row")]
#: Stored as JSON lists, and the yes/no columns (None = unknown).
LIST_COLUMNS = tuple(f.name for f in MODEL if f.kind == "list")
BOOL_COLUMNS = (*CRITERIA, "criteria_met")
#: German labels of the fields and of the derived columns, for messages and the audit trail.
FIELD_LABELS = {
    **{f.name: f.label for f in MODEL},
    "ags": "Kreise",
    "scope": "Wirkungsraum",
    "criteria_met": "Kriterien erfüllt",
}
_HEADER_LOOKUP = {key(alias): field for field, aliases in COLUMN_ALIASES.items() for alias in aliases}
