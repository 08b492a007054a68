"""The proxy's gzip -9 copies of the browser's scripts (issue 25, point 11): exact, complete, smaller."""

import gzip
import io
import re
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from geo.maps import iconfont, precompress


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("precompressed")
    return folder, precompress.build(folder)


def _source_of(url: str) -> Path:
    for route in precompress.routes():
        if url.startswith(route.prefix):
            return route.folder / url.removeprefix(route.prefix)
    raise AssertionError(f"{url} belongs to no route")


def test_every_copy_unpacks_to_the_file_the_app_serves_and_is_much_smaller(built):
    tmp_path, packed = built
    packed = [p for p in packed if p.encoding == "gzip"]
    urls = {p.url for p in packed}
    index = next(u for u in urls if re.fullmatch(r"/static/js/index\.[\w-]{8}\.js", u))
    assert {"/app/static/leaflet/leaflet.js", "/app/static/leaflet/leaflet.css"} <= urls
    assert any(u.startswith("/component/streamlit_folium.st_folium/static/js/main.") for u in urls)
    for item in packed:
        source = _source_of(item.url)
        copy = tmp_path / (item.url.lstrip("/") + ".gz")
        assert gzip.decompress(copy.read_bytes()) == source.read_bytes(), item.url
    # level 9, not the proxy's own stateless gzip: the main bundle (480 KB) well under a third of its size
    main = next(p for p in packed if p.url == index)
    assert main.packed_bytes < main.raw_bytes * 0.33
    assert sum(p.packed_bytes for p in packed) < 0.35 * sum(p.raw_bytes for p in packed)
    manifest = (tmp_path / precompress.MANIFEST).read_text(encoding="utf-8").splitlines()
    assert len(manifest) == len(packed) + 1  # and the icon font
    rows = dict(line.split("\t", 1) for line in manifest)
    assert rows[index] == "application/javascript\tpublic, immutable, max-age=31536000\tgzip"
    assert rows["/app/static/leaflet/leaflet.js"] == "application/javascript\tpublic, max-age=86400\tgzip"  # no hash


def _icon_font(built) -> tuple[TTFont, TTFont, str]:
    folder, packed = built
    (font,) = [p for p in packed if p.encoding == "identity"]
    assert iconfont.FONT.search(font.url) and font.content_type == "font/woff2"
    assert font.cache == "public, immutable, max-age=31536000"
    original = TTFont(_source_of(font.url))
    return original, TTFont(io.BytesIO((folder / font.url.lstrip("/")).read_bytes())), font.url


def test_the_icon_font_keeps_every_icon_the_app_and_streamlit_name_and_drops_the_rest(built):
    original, cut, url = _icon_font(built)
    before, after = iconfont.ligatures(original), iconfont.ligatures(cut)
    root = Path(__file__).resolve().parents[1]
    app_code = [root / "dashboard.py", *(root / "pages").rglob("*.py"), *(root / "ui").rglob("*.py")]
    named = set(iconfont.MATERIAL.findall("\n".join(p.read_text(encoding="utf-8") for p in app_code)))
    assert {"map", "hub", "crop_free", "bar_chart", "add_location", "picture_as_pdf"} <= named  # our pages
    # Streamlit's own: the sidebar's collapse/expand buttons, menus, the multiselect's chips
    streamlit_own = {"keyboard_double_arrow_left", "keyboard_double_arrow_right", "more_vert", "close", "search"}
    for name in named | streamlit_own:
        assert after[name], name
        # the same drawing: same outline as in Streamlit's font
        assert (
            cut["glyf"][after[name]].getCoordinates(cut["glyf"])[0]
            == (original["glyf"][before[name]].getCoordinates(original["glyf"])[0])
        ), name
    assert len(after) < 0.25 * len(before)  # 4 300 icons, most never named
    assert "rocket_launch" in before and "rocket_launch" not in after
    # letters stay, so a name the cut missed shows as text, never as nothing
    assert {chr(c) for c in range(ord("a"), ord("z") + 1)} <= {chr(c) for c in cut.getBestCmap()}
    size = (built[0] / url.lstrip("/")).stat().st_size
    assert size < 0.25 * _source_of(url).stat().st_size


def test_streamlit_names_its_own_icons_in_its_scripts_and_every_literal_is_kept(built):
    original, cut, _ = _icon_font(built)
    icons, kept = iconfont.ligatures(original), iconfont.ligatures(cut)
    scripts = precompress.routes()[0].folder.rglob("*.js")
    literals = set(iconfont.MATERIAL.findall("".join(p.read_text(encoding="utf-8", errors="replace") for p in scripts)))
    assert "keyboard_double_arrow_left" in literals  # the cut's premise: Streamlit's names are literal
    assert (literals & icons.keys()) - kept.keys() == set()


def test_a_rebuild_leaves_no_stale_copy_behind(tmp_path):
    stale = tmp_path / "static" / "js" / "index.OLDHASH0.js.gz"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    precompress.build(tmp_path)
    assert not stale.exists()
