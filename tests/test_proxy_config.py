"""The production proxy (compose.yaml) compresses and sets the same security headers as ``make cluster``."""

from pathlib import Path

import yaml

from bench import cluster

ROOT = Path(__file__).resolve().parent.parent


def test_compose_proxy_has_the_clusters_compression_and_headers():
    config = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))["configs"]["haproxy"]["content"]
    lines = {line.strip() for line in config.splitlines()}
    missing = [line.strip() for line in cluster.PROXY_HEADERS.splitlines() if line.strip() not in lines]
    assert not missing, "compose.yaml's HAProxy lacks: " + "; ".join(missing)
    assert "frame-ancestors 'none'" in cluster.PROXY_HEADERS and "compression algo gzip" in cluster.PROXY_HEADERS
    # the embeds (issue 26): their own backend without the sticky cookie, as in make cluster
    assert {"use_backend embeds if embed", "backend embeds"} <= lines
    assert "use_backend embeds if embed" in cluster.HAPROXY_CFG and "backend embeds" in cluster.HAPROXY_CFG


def test_compose_proxy_serves_the_level_9_copies_that_its_assets_job_writes():
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    lines = {line.strip() for line in compose["configs"]["haproxy"]["content"].splitlines()}
    folder = "/usr/local/etc/haproxy/precompressed"
    assert {f"setenv ATLAS_PRECOMPRESSED {folder}", "lua-load /usr/local/etc/haproxy/precompressed.lua"} <= lines
    assert compose["configs"]["precompressed_lua"]["file"] == "./geo/maps/precompressed.lua"
    assert (ROOT / "geo/maps/precompressed.lua").is_file()
    proxy, assets = compose["services"]["proxy"], compose["services"]["assets"]
    assert f"precompressed:{folder}:ro" in proxy["volumes"]
    assert proxy["depends_on"]["assets"]["condition"] == "service_completed_successfully"
    assert assets["command"][-3:] == ["-m", "geo.maps.precompress", "/app/precompressed"]
    assert "precompressed:/app/precompressed" in assets["volumes"]
