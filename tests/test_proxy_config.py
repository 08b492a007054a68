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
