"""The proxy's gzip -9 copies of the browser's scripts (issue 25, point 11): exact, complete, smaller."""

import gzip
import re
from pathlib import Path

from geo.maps import precompress


def _source_of(url: str) -> Path:
    for route in precompress.routes():
        if url.startswith(route.prefix):
            return route.folder / url.removeprefix(route.prefix)
    raise AssertionError(f"{url} belongs to no route")


def test_every_copy_unpacks_to_the_file_the_app_serves_and_is_much_smaller(tmp_path):
    packed = precompress.build(tmp_path)
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
    assert len(manifest) == len(packed)
    rows = dict(line.split("\t", 1) for line in manifest)
    assert rows[index] == "application/javascript\tpublic, immutable, max-age=31536000"
    assert rows["/app/static/leaflet/leaflet.js"] == "application/javascript\tpublic, max-age=86400"  # no hash


def test_a_rebuild_leaves_no_stale_copy_behind(tmp_path):
    stale = tmp_path / "static" / "js" / "index.OLDHASH0.js.gz"
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"old")
    precompress.build(tmp_path)
    assert not stale.exists()
