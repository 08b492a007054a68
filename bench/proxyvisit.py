"""First visit through the proxy as deployed (``make bench`` section ``proxy``): HAProxy with compression.

A visitor with an empty browser cache on an ordinary DSL line opens the map through the cluster's HAProxy
(one app process, ``bench/cluster.py``), interleaved with visitors of the baseline app served directly, as
the other browser figures are. Streamlit sends its ~3 MB of JavaScript uncompressed; the proxy gzips it
(issue 25, point 11: goal ≤ 0.45× the baseline's first visit).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from bench import browser, browserkit, cluster


def measure(chromium, baseline_url: str, runs: int) -> dict:
    """Median first-visit seconds (map fully painted) through the proxy and of the baseline, and their ratio."""
    state = Path(tempfile.mkdtemp(prefix="atlas-bench-proxy-"))
    state.chmod(0o755)  # PostgreSQL's own user must reach its data folder inside
    ports = {name: browserkit.free_port() for name in ("port", "stats_port", "pg_port")}
    try:
        with cluster.running(state, procs=1, app_ports=[browserkit.free_port()], **ports) as running:
            urls = {"proxy": running.proxy_url, "baseline": baseline_url}
            browser.measure_pair(urls, 1, chromium, None)  # warm both servers' caches
            measured = browser.measure_pair(urls, runs, chromium, browser.DSL)
    finally:
        shutil.rmtree(state, ignore_errors=True)
    proxy = measured["proxy"]["first_paint_cold"]["median"]
    baseline = measured["baseline"]["first_paint_cold"]["median"]
    return {"detail": measured, "first_visit_proxy_s": proxy, "baseline_first_visit_proxy_s": baseline}
