"""``python -m bench`` (``make bench``): measure, compare with the baseline, write bench/results/latest.json.

Exits 1 when a ratio to the baseline falls below its target (``TARGETS``).
"""

from __future__ import annotations

import json
import platform
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from bench import browser, browserkit, data, load, resolve, scaleout, server

RESULTS = Path(__file__).resolve().parent / "results"
RUNS = 5
#: On loopback the browser figures only cross-check the server ones, so fewer visitors suffice.
LOOPBACK_RUNS = 3
#: name → (ratio baseline/ours that must be reached). Issue "The coverage map": ≥ 2× less payload, ≥ 1.5× faster paint.
TARGETS = {"payload_ratio": 2.0, "first_paint_ratio": 1.5}
SCRIPTS = {"app": "dashboard.py", "baseline": "bench/baseline_app.py"}


class Sections:
    """Wall-clock seconds per bench section, so a slow run shows where its time went."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}

    @contextmanager
    def __call__(self, name: str):
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = round(time.perf_counter() - start, 1)


def main() -> int:
    from playwright.sync_api import sync_playwright

    report: dict = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "runs": RUNS,
    }
    report["boundary_load"] = data.boundary_load()
    report.update(data.map_payload())
    report["resolve"] = resolve.throughput()
    report["resolve_per_s_100k"] = report["resolve"]["100000"]["resolve_per_s"]

    clock = Sections()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.sqlite3"
        with (
            browser.streamlit_server(SCRIPTS["app"], db) as app,
            browser.streamlit_server(SCRIPTS["baseline"], db) as baseline,
        ):
            urls = {"app": app, "baseline": baseline}
            with sync_playwright() as playwright:
                chromium = playwright.chromium.launch(executable_path=browser_path(), headless=True, args=browser.FLAGS)
                with clock("cold start"):
                    report["cold_start"] = server.cold_start(SCRIPTS, db, chromium)
                with clock("browser"):
                    browser.measure_pair(urls, 1, chromium, None)  # warm up both servers' caches
                    report["browser_dsl"] = browser.measure_pair(urls, RUNS, chromium, browser.DSL)
                    report["browser_loopback"] = browser.measure_pair(urls, LOOPBACK_RUNS, chromium, None)
                chromium.close()
            with clock("server reruns"):  # asyncio, so outside Playwright's synchronous loop
                report["server"] = server.warm_rerun(urls)
    dsl = report["browser_dsl"]
    report["first_paint_s"] = dsl["app"]["first_paint"]["median"]
    report["baseline_first_paint_s"] = dsl["baseline"]["first_paint"]["median"]
    report["first_paint_cold_s"] = dsl["app"]["first_paint_cold"]["median"]
    report["baseline_first_paint_cold_s"] = dsl["baseline"]["first_paint_cold"]["median"]
    report["click_to_list_s"] = dsl["app"]["click_to_list"]["median"]
    report["baseline_click_to_list_s"] = dsl["baseline"]["click_to_list"]["median"]
    report["rerun_p50_s"] = report["server"]["app"]["rerun"]["median"]
    report["rerun_p95_s"] = report["server"]["app"]["rerun"]["p95"]
    report["baseline_rerun_p50_s"] = report["server"]["baseline"]["rerun"]["median"]
    report["baseline_rerun_p95_s"] = report["server"]["baseline"]["rerun"]["p95"]
    report["cold_start_s"] = report["cold_start"]["app"]["first_page"]["median"]
    report["baseline_cold_start_s"] = report["cold_start"]["baseline"]["first_page"]["median"]

    with tempfile.TemporaryDirectory() as tmp:
        with clock("load"):
            report["load"] = load.sessions(Path(tmp) / "load.sqlite3")
        with clock("stress"):
            report["stress_20k"] = load.stress(Path(tmp))
    browsers, protocol = report["load"]["browser"], report["load"]["protocol"]
    report["sessions_10_rerun_p95_s"] = browsers["10"]["click_to_list"]["p95"]
    report["sessions_10_errors"] = browsers["10"]["errors"]
    report["sessions_25_rerun_p95_s"] = protocol["25"]["click_to_list"]["p95"]
    report["sessions_25_errors"] = protocol["25"]["errors"]
    report["sessions_25_paced_rerun_p95_s"] = report["load"]["protocol_paced"]["25"]["click_to_list"]["p95"]
    report["sessions_25_paced_errors"] = report["load"]["protocol_paced"]["25"]["errors"]
    report["rss_mb_per_session"] = protocol["25"]["rss_mb_per_session"]
    with clock("cluster"):  # several processes behind HAProxy on PostgreSQL (bench/scaleout.py)
        report["cluster"] = scaleout.measure()
    report.update(report["cluster"]["summary"])
    report["section_seconds"] = clock.seconds

    ratios = {
        "payload_ratio": report["baseline_payload_bytes"] / report["payload_bytes"],
        "first_paint_ratio": report["baseline_first_paint_s"] / report["first_paint_s"],
        "click_ratio": report["baseline_click_to_list_s"] / report["click_to_list_s"],
        "rerun_ratio": report["baseline_rerun_p50_s"] / report["rerun_p50_s"],
        "cold_start_ratio": report["baseline_cold_start_s"] / report["cold_start_s"],
    }
    report["ratios"] = ratios
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    print_table(report)
    failed = [name for name, target in TARGETS.items() if ratios[name] < target]
    for name in failed:
        print(f"REGRESSION: {name} = {ratios[name]:.2f} < {TARGETS[name]}", file=sys.stderr)
    return 1 if failed else 0


def browser_path() -> str:
    return browserkit.chromium_path() or "/usr/bin/chromium"


def print_table(report: dict) -> None:
    rows = [
        ("map payload (bytes)", report["payload_bytes"], report["baseline_payload_bytes"]),
        ("map payload gzip (bytes)", report["payload_gzip_bytes"], report["baseline_payload_gzip_bytes"]),
        ("first paint, repeat visit (s)", report["first_paint_s"], report["baseline_first_paint_s"]),
        ("first paint, first visit (s)", report["first_paint_cold_s"], report["baseline_first_paint_cold_s"]),
        ("click → list (s)", report["click_to_list_s"], report["baseline_click_to_list_s"]),
        ("server rerun after click p50 (s)", report["rerun_p50_s"], report["baseline_rerun_p50_s"]),
        ("server rerun after click p95 (s)", report["rerun_p95_s"], report["baseline_rerun_p95_s"]),
        ("cold start → first page (s)", report["cold_start_s"], report["baseline_cold_start_s"]),
    ]
    print("medians; browser figures in Chromium over an emulated 16 Mbit/s DSL line, server figures on loopback")
    print(f"{'figure':<32}{'app':>14}{'baseline':>14}{'ratio':>8}")
    for name, ours, base in rows:
        print(f"{name:<32}{ours:>14.3f}{base:>14.3f}{base / ours:>8.2f}")
    loop = report["browser_loopback"]
    print(
        f"loopback (no throttling): first paint {loop['app']['first_paint']['median']:.2f} s vs "
        f"{loop['baseline']['first_paint']['median']:.2f} s; "
        f"click → list p95 {loop['app']['click_to_list']['p95']:.2f} s"
    )
    print(
        f"boundary load cold/warm (s): {report['boundary_load']['cold']['median']:.3f} / "
        f"{report['boundary_load']['warm']['median']:.5f}"
    )
    for kind, runs in report["load"].items():
        for n, run in runs.items():
            print(
                f"{n:>2} concurrent {kind} sessions: click → list p95 {run['click_to_list']['p95']:.2f} s, "
                f"errors {run['errors']}, server RSS {run['rss_mb_before']:.0f} → {run['rss_mb_during']:.0f} → "
                f"{run['rss_mb_after']:.0f} MB ({run['rss_mb_per_session']:.1f} MB/session)"
            )
    scaleout.print_summary(report["cluster"])
    s20 = report["stress_20k"]
    print(
        f"20 000 networks, 3 sessions: click → list median {s20['click_to_list']['median']:.2f} s, "
        f"errors {s20['errors']}"
    )
    for n in ("1000", "10000", "100000"):
        r = report["resolve"][n]
        print(
            f"resolve+join {int(n):>7} records: {r['resolve_per_s']:>10.0f} records/s, join {r['join_s']:.3f} s, "
            f"peak {r['peak_mb']:.1f} MB"
        )
    print("seconds per section: " + ", ".join(f"{k} {v:.0f}" for k, v in report["section_seconds"].items()))


if __name__ == "__main__":
    sys.exit(main())
