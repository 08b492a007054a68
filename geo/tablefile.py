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
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

MAX_UPLOAD_BYTES = int(float(os.environ.get("NETZWERKATLAS_MAX_UPLOAD_MB", "25")) * 1024 * 1024)
#: Refuse XLSX whose unpacked size exceeds this many times the upload limit (zip bombs).
MAX_XLSX_EXPANSION = 8
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


def read_table(source: object, name: str | None = None, max_bytes: int = MAX_UPLOAD_BYTES) -> Table:
    """Read ``source`` (path, bytes or file-like with ``read``/``getvalue``) into a :class:`Table`."""
    data, name = _bytes_of(source, name)
    if len(data) > max_bytes:
        raise TableFileError(
            f"{name}: Datei zu groß ({len(data) / 1e6:.1f} MB), erlaubt sind höchstens {max_bytes / 1e6:.0f} MB."
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
    sample = "\n".join(text.splitlines()[:50])
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=";,\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        counts = {d: sample.count(d) for d in ";,\t"}
        delimiter = max(counts, key=counts.get)
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
        raise TableFileError(f"{name}: CSV in Zeile {reader.line_num} nicht lesbar ({exc}).") from exc
    if not headers:
        raise TableFileError(f"{name}: Keine Kopfzeile gefunden. Erwartet: {ACCEPTED}.")
    if len(headers) < 2:
        raise TableFileError(
            f"{name}: Nur eine Spalte erkannt ({headers[0][:60]!r}). Trennzeichen ; , oder Tab verwenden."
        )
    return Table(name, headers, rows, numbers)


def _read_json(text: str, name: str) -> Table:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TableFileError(f"{name}: JSON fehlerhaft in Zeile {exc.lineno}, Spalte {exc.colno}: {exc.msg}.") from exc
    if isinstance(data, dict) and data.get("type") == "FeatureCollection":
        items = [f.get("properties") or {} for f in data.get("features", []) if isinstance(f, dict)]
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
    headers: list[str] = []
    for item in items:
        headers.extend(k for k in item if k not in headers)
    rows = [[_json_cell(item.get(h)) for h in headers] for item in items]
    return Table(name, headers, rows, list(range(1, len(rows) + 1)))


def _json_cell(value: object) -> object:
    if isinstance(value, list):
        return "; ".join(str(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    return value


def _read_xlsx(data: bytes, name: str, max_bytes: int) -> Table:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile as exc:
        raise TableFileError(f"{name}: Beschädigte XLSX-/ZIP-Datei.") from exc
    if "xl/workbook.xml" not in names:
        raise TableFileError(f"{name}: ZIP-Datei, aber keine Excel-Arbeitsmappe (.xlsx). Erwartet: {ACCEPTED}.")
    if unpacked > MAX_XLSX_EXPANSION * max_bytes:
        raise TableFileError(f"{name}: Entpackt zu groß ({unpacked / 1e6:.0f} MB); Datei wird nicht geöffnet.")
    import openpyxl  # openpyxl uses defusedxml when installed: no entity expansion

    try:
        values = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as exc:  # openpyxl raises many types for broken files
        raise TableFileError(f"{name}: Excel-Datei nicht lesbar ({type(exc).__name__}).") from exc
    sheet, formula_sheet = values.worksheets[0], formulas.worksheets[0]
    headers: list[str] | None = None
    rows, numbers, warnings = [], [], []
    for number, (row, raw) in enumerate(
        zip(sheet.iter_rows(values_only=True), formula_sheet.iter_rows(values_only=True), strict=False), start=1
    ):
        cells = list(row)
        if headers is None:
            if any(c not in (None, "") for c in cells):
                headers = [str(c).strip() if c is not None else "" for c in cells]
            continue
        for i, formula in enumerate(raw):
            if isinstance(formula, str) and formula.startswith("=") and i < len(cells):
                if cells[i] is None:
                    warnings.append(f"Zeile {number}: Formel {formula[:40]!r} ohne gespeicherten Wert ignoriert.")
                else:
                    warnings.append(f"Zeile {number}: Formel {formula[:40]!r} – berechneter Wert übernommen.")
        if any(c not in (None, "") for c in cells):
            rows.append(cells)
            numbers.append(number)
    if not headers:
        raise TableFileError(f"{name}: Das erste Tabellenblatt ist leer.")
    return Table(name, headers, rows, numbers, warnings)
