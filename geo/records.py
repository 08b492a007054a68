"""The network record: fields, accepted column names and value parsing.

Networks describe themselves in many ways ("Träger", "Koordinierende Stelle";
"A&W", "Ausbildung"; "ja", "x", "1"). Each parser here turns one such value
into the canonical form or raises :class:`ValueProblem` with a German message
that says what would be valid.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from geo.textnorm import key, tokens

HANDLUNGSFELDER = (
    "Aus- und Weiterbildung",
    "Integration Älterer in das Erwerbsleben",
    "Vereinbarkeit von Beruf und Familie",
    "Integration und Zuwanderung",
    "Sonstiges",
)
STATUSES = ("aktiv", "ruhend", "beendet", "unklar")
#: Where a record comes from; shown with every record and in the data notice of every page.
ORIGINS = {
    "quelle": "öffentliche Quelle",
    "redaktion": "Redaktion",
    "meldung": "Meldung des Netzwerks",
    "demo": "fiktive Demo-Daten",
}
MAX_SOURCES = 5
CRITERIA = ("verbindliche_kooperation", "datenbasierte_ziele", "evaluation")
MIN_PARTNERS = 3
#: Every fictional demo record's description starts with this (geo.databuild.demo writes it).
FICTION_NOTE = "FIKTIVER DEMO-DATENSATZ – dieses Netzwerk gibt es nicht."

#: Canonical field → accepted column headers (compared by geo.textnorm.key, so case and umlauts don't matter).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "nr", "nummer", "netzwerk id", "netzwerk nr", "kennung"),
    "name": ("name", "netzwerk", "netzwerkname", "name des netzwerks", "netzwerkbezeichnung", "titel"),
    "traeger": (
        "traeger",
        "träger",
        "koordinierende stelle",
        "koordination",
        "koordinator",
        "organisation",
        "traegerorganisation",
        "koordinierende organisation",
        "organisation koordination",
    ),
    "partner": ("partner", "partners", "partnerorganisationen", "netzwerkpartner", "beteiligte", "mitglieder"),
    "region": (
        "region",
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
    "plz": ("plz", "postleitzahl", "postcode", "zip"),
    "ort": ("ort", "sitz", "stadt", "town", "city"),
    "handlungsfelder": ("handlungsfelder", "handlungsfeld", "themen", "themenfelder", "schwerpunkte", "fields"),
    "gegruendet": ("gegruendet", "gegründet", "gruendungsjahr", "gründungsjahr", "gruendung", "seit", "founded"),
    "status": ("status", "zustand"),
    "beendet_am": ("beendet am", "beendet_am", "enddatum", "ende", "ended"),
    "website": ("website", "webseite", "homepage", "url", "internet", "internetseite"),
    "kontakt_email": ("kontakt email", "kontakt_email", "email", "e mail", "mail", "kontakt", "contact"),
    "beschreibung": ("beschreibung", "kurzbeschreibung", "description", "ziele", "ziel"),
    "stand": ("stand", "aktualisiert", "zuletzt geprueft", "geprueft am", "last verified", "verified"),
    "quellen": ("quellen", "quelle", "sources", "source", "belege", "nachweise"),
    "herkunft": ("herkunft", "datenherkunft", "origin"),
    "verbindliche_kooperation": (
        "verbindliche kooperation",
        "verbindliche_kooperation",
        "kooperationsvereinbarung",
        "verbindlich",
    ),
    "datenbasierte_ziele": ("datenbasierte ziele", "datenbasierte_ziele", "ziele aus regionalen daten"),
    "evaluation": ("evaluation", "evaluiert", "ergebnisse evaluiert"),
}
FIELDS = tuple(COLUMN_ALIASES)
#: German labels of the fields (and of the resolved Kreise, ``ags``) for messages.
FIELD_LABELS = {
    "id": "ID",
    "name": "Name",
    "traeger": "Träger",
    "partner": "Partner",
    "region": "Region",
    "ags": "Kreise",
    "scope": "Wirkungsraum",
    "plz": "PLZ",
    "ort": "Ort",
    "handlungsfelder": "Handlungsfelder",
    "gegruendet": "Gegründet",
    "status": "Status",
    "beendet_am": "Beendet am",
    "website": "Website",
    "kontakt_email": "E-Mail",
    "beschreibung": "Beschreibung",
    "stand": "Stand",
    "verbindliche_kooperation": "Verbindliche Kooperation",
    "datenbasierte_ziele": "Datenbasierte Ziele",
    "evaluation": "Evaluation",
    "criteria_met": "Kriterien erfüllt",
}
REQUIRED = ("name", "region")
_HEADER_LOOKUP = {key(alias): field for field, aliases in COLUMN_ALIASES.items() for alias in (field, *aliases)}

MAX_TEXT = {
    "name": 300,
    "traeger": 300,
    "region": 2000,
    "ort": 100,
    "beschreibung": 5000,
    "partner": 5000,
    "quellen": 2500,
}
DEFAULT_MAX_TEXT = 500
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
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


def clean_text(value: object, field: str) -> str:
    """Trimmed text without control characters, within the field's length limit."""
    if value is None:
        return ""
    text = _CONTROL.sub("", str(value)).strip()
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # our own exports neutralise formulas this way (geo.exports); undo on re-import
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
    if k in ("", "aktiv", "active", "laufend", "ja", "aktiv laut quelle"):
        return "aktiv"
    if k in ("ruhend", "ruht", "pausiert", "inaktiv", "dormant"):
        return "ruhend"
    if k in ("beendet", "aufgeloest", "eingestellt", "ended", "abgeschlossen"):
        return "beendet"
    if k in ("unklar", "unbekannt", "unclear", "unknown"):
        return "unklar"
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


def criteria_met(partner_count: int, handlungsfelder: list[str], flags: dict[str, bool | None]) -> bool | None:
    """The network criteria: ≥ 3 partners, binding cooperation, data-based goals, measures, evaluation.

    None when a criterion is unknown and none is clearly failed.
    """
    checks = [partner_count >= MIN_PARTNERS, bool(handlungsfelder), *(flags.get(c) for c in CRITERIA)]
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
