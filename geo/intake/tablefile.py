"""Read an uploaded table (CSV, XLSX, JSON/GeoJSON) into rows, safely.

German Excel writes CSV in cp1252 with ";" and sometimes a BOM; people rename
PDFs to ".csv"; spreadsheets contain formulas. Everything that cannot be read
raises :class:`TableFileError` with one German sentence naming the file and
what would be valid — never a traceback, never a partial result.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from geo.config import settings

#: Refuse XLSX whose unpacked size exceeds this many times the upload limit (zip bombs).
MAX_XLSX_EXPANSION = 8
#: Bounds on the shape of a table: a sheet can declare (or pad itself to) a million rows of 16 384
#: columns in a few KB, and JSON objects can each bring new keys (rows × keys cells).
MAX_COLUMNS = 200
MAX_CELLS = 10_000_000
#: The delimiter is guessed from this many characters at the start of a CSV (a linear scan).
SNIFF_CHARS = 64 * 1024
#: JSON integers longer than this are refused (Python refuses to convert more than 4 300 digits anyway).
MAX_JSON_DIGITS = 50
ACCEPTED = "CSV (UTF-8 oder Windows-1252, Trennzeichen ; , oder Tab), XLSX oder JSON"


class TableFileError(ValueError):
    """The file as a whole cannot be read."""


@dataclass
class Table:
    """Header and rows of a file; ``row_numbers[i]`` is where row i stands in the file (1 = header)."""

    name: str
    headers: list[str]
    rows: list[list[object]]
    row_numbers: list[int]
    warnings: list[str] = field(default_factory=list)


def max_upload_bytes() -> int:
    """The upload limit (``NETZWERKATLAS_MAX_UPLOAD_MB``, in MB as Streamlit counts them: MiB) in bytes.

    ``server.maxUploadSize`` in .streamlit/config.toml must say the same number, so Streamlit refuses a
    bigger file before the app buffers it.
    """
    return int(settings.MAX_UPLOAD_MB.get() * 1024 * 1024)


def read_table(source: object, name: str | None = None, max_bytes: int | None = None) -> Table:
    """Read ``source`` (path, bytes or file-like with ``read``/``getvalue``) into a :class:`Table`.

    ``max_bytes`` defaults to :func:`max_upload_bytes`.
    """
    max_bytes = max_upload_bytes() if max_bytes is None else max_bytes
    data, name = _bytes_of(source, name)
    if len(data) > max_bytes:
        raise TableFileError(
            f"{name}: Datei zu groß ({_mb(len(data))} MB), erlaubt sind höchstens {_mb(max_bytes, 0)} MB."
        )
    if not data.strip():
        raise TableFileError(f"{name}: Die Datei ist leer. Erwartet: {ACCEPTED}.")
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data, name, max_bytes)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise TableFileError(
            f"{name}: Altes Excel-Format (.xls) wird nicht gelesen; bitte als .xlsx oder CSV speichern."
        )
    text = _decode(data, name)
    if text.lstrip().startswith(("{", "[")):
        return _read_json(text, name)
    return _read_csv(text, name)


def _mb(size: int, digits: int = 1) -> str:
    """Bytes in MB as Streamlit and the README count them (1 MB = 1 048 576 bytes), German decimal comma."""
    return f"{size / (1024 * 1024):.{digits}f}".replace(".", ",")


def _bytes_of(source: object, name: str | None) -> tuple[bytes, str]:
    if isinstance(source, bytes | bytearray):
        return bytes(source), name or "Upload"
    if isinstance(source, str | Path):
        path = Path(source)
        try:
            return path.read_bytes(), name or path.name
        except OSError as exc:
            raise TableFileError(f"{path}: Datei nicht lesbar ({exc.strerror}).") from exc
    if hasattr(source, "getvalue"):
        return bytes(source.getvalue()), name or getattr(source, "name", "Upload")
    if hasattr(source, "read"):
        return bytes(source.read()), name or getattr(source, "name", "Upload")
    raise TableFileError(f"Unbekannte Quelle {type(source).__name__}; erwartet Pfad, Bytes oder Upload.")


def _decode(data: bytes, name: str) -> str:
    if b"\x00" in data[:4096]:
        if data.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                return data.decode("utf-16")
            except UnicodeDecodeError:
                pass
        raise TableFileError(f"{name}: Das ist keine Textdatei (Binärdaten gefunden). Erwartet: {ACCEPTED}.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = data.decode("latin-1")
    printable = sum(ch.isprintable() or ch in "\r\n\t" for ch in text[:20000])
    if printable < 0.95 * len(text[:20000]):
        raise TableFileError(f"{name}: Das ist keine Textdatei (unlesbare Zeichen). Erwartet: {ACCEPTED}.")
    return text


def _read_csv(text: str, name: str) -> Table:
    delimiter = guess_delimiter(text[:SNIFF_CHARS])
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=False)
    headers: list[str] | None = None
    rows, numbers = [], []
    try:
        for row in reader:
            line = reader.line_num
            if headers is None:
                if any(cell.strip() for cell in row):
                    headers = [cell.strip() for cell in row]
                continue
            if any(cell.strip() for cell in row):
                rows.append(row)
                numbers.append(line)
    except csv.Error as exc:
        reason = (
            f"ein Feld ist länger als {csv.field_size_limit()} Zeichen – fehlt ein schließendes Anführungszeichen?"
            if "field larger" in str(exc)
            else str(exc)
        )
        raise TableFileError(f"{name}: CSV in Zeile {reader.line_num} nicht lesbar ({reason}).") from exc
    if not headers:
        raise TableFileError(f"{name}: Keine Kopfzeile gefunden. Erwartet: {ACCEPTED}.")
    _check_width(name, len(headers))
    if len(headers) < 2:
        raise TableFileError(
            f"{name}: Nur eine Spalte erkannt ({headers[0][:60]!r}). Trennzeichen ; , oder Tab verwenden."
        )
    return Table(name, headers, rows, numbers)


def guess_delimiter(sample: str) -> str:
    """``;``, ``,``, tab or ``|``: the candidate that splits the first records most consistently.

    One pass over ``sample``, counting candidates outside double quotes per record (``csv.Sniffer``
    is quadratic in the line length: a 96 KB line stalled the whole server for over a minute).
    """
    candidates = ";,\t|"
    records: list[dict[str, int]] = []
    counts = dict.fromkeys(candidates, 0)
    quoted = False
    for char in sample:
        if char == '"':
            quoted = not quoted
        elif char == "\n" and not quoted:
            if any(counts.values()):
                records.append(counts)
            counts = dict.fromkeys(candidates, 0)
            if len(records) >= 50:
                break
        elif char in counts and not quoted:
            counts[char] += 1
    if any(counts.values()) and len(records) < 50:
        records.append(counts)
    if not records:
        return ";"

    def score(delimiter: str) -> tuple[int, int]:
        first = records[0][delimiter]
        consistent = sum(r[delimiter] == first for r in records) if first else 0
        return consistent, first

    return max(candidates, key=score)


def _check_width(name: str, columns: int) -> None:
    if columns > MAX_COLUMNS:
        raise TableFileError(f"{name}: {columns} Spalten; erlaubt sind höchstens {MAX_COLUMNS}.")


class _LongNumber(Exception):
    pass


def _bounded_int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_JSON_DIGITS:
        raise _LongNumber(text)
    return int(text)


def _read_json(text: str, name: str) -> Table:
    try:
        return _json_table(json.loads(text, parse_int=_bounded_int), name)
    except json.JSONDecodeError as exc:
        raise TableFileError(f"{name}: JSON fehlerhaft in Zeile {exc.lineno}, Spalte {exc.colno}: {exc.msg}.") from exc
    except RecursionError as exc:
        raise TableFileError(f"{name}: JSON zu tief verschachtelt; erwartet eine Liste von Objekten.") from exc
    except _LongNumber as exc:
        raise TableFileError(
            f"{name}: Zahl mit {len(str(exc))} Ziffern in der JSON-Datei; erlaubt sind höchstens {MAX_JSON_DIGITS}."
        ) from exc


def _json_table(data: object, name: str) -> Table:
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        features = data.get("features", [])
        if not isinstance(features, list):
            raise TableFileError(
                f"{name}: GeoJSON-Feld 'features' ist {_json_kind(features)}, erwartet eine Liste von Features."
            )
        items = [f.get("properties") or {} for f in features if isinstance(f, dict)]
    elif isinstance(data, dict):
        items = next((v for v in data.values() if isinstance(v, list)), None)
        if items is None:
            raise TableFileError(f"{name}: JSON enthält keine Liste von Netzwerken.")
    elif isinstance(data, list):
        items = data
    else:
        raise TableFileError(f"{name}: JSON enthält keine Liste von Netzwerken.")
    if not all(isinstance(i, dict) for i in items):
        raise TableFileError(f"{name}: Jeder JSON-Eintrag muss ein Objekt mit Feldern sein.")
    seen: dict[str, None] = {}
    for item in items:
        seen.update(dict.fromkeys(item))
        _check_width(name, len(seen))
    headers = list(seen)
    if len(items) * len(headers) > MAX_CELLS:
        raise TableFileError(f"{name}: {len(items)} Einträge × {len(headers)} Felder sind zu viele Zellen.")
    rows = [[_json_cell(item.get(h)) for h in headers] for item in items]
    return Table(name, headers, rows, list(range(1, len(rows) + 1)))


def _json_kind(value: object) -> str:
    kinds = {dict: "ein Objekt", str: "ein Text", bool: "ein Wahrheitswert", type(None): "leer"}
    return kinds.get(type(value), "eine Zahl")


def _json_cell(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _read_xlsx(data: bytes, name: str, max_bytes: int) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError) as exc:
        raise TableFileError(f"{name}: Beschädigte XLSX-/ZIP-Datei.") from exc
    if "xl/workbook.xml" not in {e.filename for e in entries}:
        raise TableFileError(f"{name}: ZIP-Datei, aber keine Excel-Arbeitsmappe (.xlsx). Erwartet: {ACCEPTED}.")
    # zipfile never unpacks more than an entry's declared size, so the declared sizes bound the work.
    unpacked = sum(e.file_size for e in entries)
    if unpacked > MAX_XLSX_EXPANSION * max_bytes:
        raise TableFileError(f"{name}: Entpackt zu groß ({_mb(unpacked, 0)} MB); Datei wird nicht geöffnet.")
    import openpyxl  # openpyxl uses defusedxml when installed: no entity expansion

    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        sheet, formula_sheet = values.worksheets[0], formulas.worksheets[0]
        _check_declared_size(name, sheet)
        return _sheet_table(name, sheet, formula_sheet)
    except TableFileError:
        raise
    except Exception as exc:  # openpyxl raises many types for broken files
        raise TableFileError(f"{name}: Excel-Datei nicht lesbar ({type(exc).__name__}).") from exc


#: Cells a visitor's file (an indicator: one value per Kreis) may declare; editors' imports have MAX_CELLS.
MAX_VISITOR_CELLS = 200_000
_DIMENSION = re.compile(rb'<dimension\s+ref="[A-Z]+\d+:([A-Z]{1,3})(\d{1,7})"')


def check_declared_size(data: bytes, name: str, max_cells: int = MAX_CELLS) -> None:
    """Refuse an XLSX whose declared size is beyond ``max_cells``, cheaply, before any parse slot is taken.

    Reads only the ZIP directory and the first 64 KB of the first sheet (where ``<dimension>`` stands);
    other formats and files without a declaration pass (the parser's own bounds still hold).
    """
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if sum(e.file_size for e in archive.infolist()) > MAX_XLSX_EXPANSION * max_upload_bytes():
                raise TableFileError(f"{name}: Entpackt zu groß; Datei wird nicht geöffnet.")
            sheets = sorted(n for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
            if not sheets:
                return
            with archive.open(sheets[0]) as sheet:
                head = sheet.read(65536)
    except (zipfile.BadZipFile, ValueError, OSError, EOFError):
        return  # the parser says what is broken
    found = _DIMENSION.search(head)
    if found:
        columns = 0
        for letter in found.group(1).decode():
            columns = columns * 26 + ord(letter) - 64
        rows = int(found.group(2))
        if rows * columns > max_cells:
            raise TableFileError(
                f"{name}: Tabellenblatt mit {rows} Zeilen × {columns} Spalten ist zu groß "
                f"(höchstens {max_cells} Zellen)."
            )


def _check_declared_size(name: str, sheet) -> None:
    """Refuse a sheet whose declared dimension is beyond the bounds before reading a single row."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    _check_width(name, columns)
    if rows * max(columns, 1) > MAX_CELLS:
        raise TableFileError(f"{name}: Tabellenblatt mit {rows} Zeilen × {columns} Spalten ist zu groß.")


def _sheet_table(name: str, sheet, formula_sheet) -> Table:
    """Rows of the first sheet as stored, at most ``MAX_COLUMNS`` wide and ``MAX_CELLS`` cells in all.

    The declared dimension is dropped before reading: openpyxl would pad every row to it (and gaps
    between rows with rows of that width), so a few KB could stand for 17 billion cells.
    """
    sheet.reset_dimensions()
    formula_sheet.reset_dimensions()
    headers: list[str] | None = None
    rows, numbers, warnings = [], [], []
    cells_seen = used = 0
    for number, (row, raw) in enumerate(
        zip(sheet.iter_rows(values_only=True), formula_sheet.iter_rows(values_only=True), strict=False), start=1
    ):
        cells = list(row)
        cells_seen += len(cells)
        if cells_seen > MAX_CELLS:
            raise TableFileError(f"{name}: Tabellenblatt zu groß (mehr als {MAX_CELLS} Zellen bis Zeile {number}).")
        if any(c not in (None, "") for c in cells[MAX_COLUMNS:]):
            raise TableFileError(f"{name}: Zeile {number} hat mehr als {MAX_COLUMNS} Spalten.")
        del cells[MAX_COLUMNS:]
        if headers is None:
            if any(c not in (None, "") for c in cells):
                headers = [str(c).strip() if c is not None else "" for c in cells]
            continue
        for i, formula in enumerate(raw[:MAX_COLUMNS]):
            if isinstance(formula, str) and formula.startswith("=") and i < len(cells):
                if cells[i] is None:
                    warnings.append(f"Zeile {number}: Formel {formula[:40]!r} ohne gespeicherten Wert ignoriert.")
                else:
                    warnings.append(f"Zeile {number}: Formel {formula[:40]!r} – berechneter Wert übernommen.")
        filled = [i for i, c in enumerate(cells) if c not in (None, "")]
        if filled:
            rows.append(cells)
            numbers.append(number)
            used = max(used, filled[-1] + 1)
    if not headers:
        raise TableFileError(f"{name}: Das erste Tabellenblatt ist leer.")
    named = max((i + 1 for i, h in enumerate(headers) if h), default=0)
    del headers[max(named, used) :]  # trailing empty header cells
    return Table(name, headers, rows, numbers, warnings)
