"""Hostile input through import and search: a clear message, no crash, nothing executed or half-stored."""

import io
import zipfile

import openpyxl
import pytest

from geo.handouts import exports
from geo.intake.networks import read_networks
from geo.intake.tablefile import TableFileError
from geo.maps import urlstate
from geo.regions import resolver

SCRIPT = "<script>alert(1)</script>"


def test_script_and_html_in_every_text_field_stay_plain_text(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text(
        "Name;Träger;Partner;Region;Ort;Beschreibung;Handlungsfelder\n"
        f"{SCRIPT};<b onmouseover=x>T</b>;<img src=x>;Barnim;<i>Ort</i>;${{7*7}} `cmd`;Ausbildung\n",
        encoding="utf-8",
    )
    record = read_networks(path).records.iloc[0]
    assert record["name"] == SCRIPT  # kept verbatim as data; every page renders it escaped
    assert record["partner"] == ["<img src=x>"]
    assert record["beschreibung"] == "${7*7} `cmd`"


def test_formula_prefixes_are_neutralised_on_export(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Name;Region\n=cmd|' /C calc'!A0;Barnim\n@SUM(1);Barnim\n", encoding="utf-8")
    records = read_networks(path).records
    text = exports.to_csv_bytes(records[["name"]]).decode("utf-8-sig")
    assert "\n'=cmd" in text and "\n'@SUM" in text


def test_overlong_name_and_control_characters(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("Name;Region\n" + "x" * 10_000 + ";Barnim\nA\x07B\x1bC;Barnim\n", encoding="utf-8")
    result = read_networks(path)
    assert [p.row for p in result.errors] == [2]
    assert "zu lang" in result.errors[0].message
    assert result.records["name"].tolist() == ["ABC"]


def test_invalid_utf8_is_read_as_windows_1252_not_a_crash(tmp_path):
    path = tmp_path / "x.csv"
    path.write_bytes("Name;Region\nGr\xfcn;Barnim\n".encode("latin-1") + b"\xff\xfe;Barnim\n")
    result = read_networks(path)
    assert result.records["name"].iloc[0] == "Grün"


def test_zip_bomb_xlsx_is_refused_before_unpacking(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (300 * 1024 * 1024))
    path = tmp_path / "bombe.xlsx"
    path.write_bytes(buffer.getvalue())
    assert path.stat().st_size < 2_000_000
    with pytest.raises(TableFileError, match="Entpackt zu groß"):
        read_networks(path)


def test_xml_entity_expansion_is_blocked(tmp_path):
    workbook = openpyxl.Workbook()
    workbook.active.append(["Name", "Region"])
    workbook.active.append(["A", "Barnim"])
    plain = io.BytesIO()
    workbook.save(plain)
    bomb = (
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>&lol2;</t></si></sst>'
    )
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(plain.getvalue())) as source, zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = bomb.encode() if item.filename == "xl/sharedStrings.xml" else source.read(item.filename)
            target.writestr(item, data)
        if "xl/sharedStrings.xml" not in source.namelist():
            target.writestr("xl/sharedStrings.xml", bomb)
    path = tmp_path / "entities.xlsx"
    path.write_bytes(out.getvalue())
    try:
        result = read_networks(path)
    except TableFileError as exc:
        assert "nicht lesbar" in str(exc)
    else:
        assert "lollollollol" not in " ".join(result.records["name"].astype(str))


@pytest.mark.parametrize("data", [b"", b"   \n  ", b"%PDF-1.4\n\x00\x01", b"\x89PNG\r\n\x1a\n\x00"])
def test_empty_and_wrong_file_types(tmp_path, data):
    path = tmp_path / "x.csv"
    path.write_bytes(data)
    with pytest.raises(TableFileError):
        read_networks(path)


@pytest.mark.slow  # seconds of parsing: left out by make test-fast
def test_200_000_rows_import_without_crash(tmp_path):
    path = tmp_path / "gross.csv"
    path.write_text(
        "Name;Region\n" + "".join(f"N{i};{'12073' if i % 2 else 'Barnim'}\n" for i in range(200_000)), encoding="utf-8"
    )
    result = read_networks(path)
    assert len(result.records) == 200_000 and result.errors == []


@pytest.mark.parametrize("text", [SCRIPT, "'; DROP TABLE networks; --", "\x00\x01", "x" * 10_000, "${jndi:ldap://x}"])
def test_hostile_search_text_is_just_unresolved(text):
    result = resolver.resolve(text)
    assert result.ags == []


@pytest.mark.parametrize("value", ["<script>", "12073' OR '1'='1", "../../etc/passwd", "%00"])
def test_hostile_query_parameters_are_ignored_with_notice(value):
    state, notices = urlstate.parse({"kreis": value, "netzwerk": value, "jahr": value}, {"12073"})
    assert state == urlstate.ViewState()
    assert len(notices) == 3


@pytest.mark.hostile
@pytest.mark.parametrize(
    "text",
    [
        "![](http://host/x.png)",
        "[a](https://host)",
        "https://host/p www.host.de WWW.HOST.DE a@host.de",
        "<https://host>",
        "http&#58;//host",
        ":material/link: :red[x] $x$",
    ],
)
def test_markdown_text_is_inert_and_reads_the_same(text):
    from geo.text.mdsafe import md

    shown = md(text)
    assert all(c not in shown.replace("\\", "") or f"\\{c}" in shown for c in "![]()<>&:$")
    assert "://" not in shown.replace("\\", "") and "www." not in shown.lower().replace("\\", "")
    assert "@" not in shown or "\u2060\\@" in shown
    assert shown.replace("\\", "").replace("\u2060", "") == text  # the reader sees exactly the text
