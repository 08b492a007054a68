"""``python -m bench`` (``make bench``): measure, compare with the baseline, write bench/results/latest.json.

``python -m bench --only payload,browser,server`` measures just those sections (minutes instead of the
full run, for iterating) and writes bench/results/partial.json. Exits 1 when a figure misses its share
of the baseline (``TARGETS``) by more than the noise band (``TOLERANCE``).
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from bench import browser, browserkit, data, load, proxyvisit, resolve, scaleout, server

RESULTS = Path(__file__).resolve().parent / "results"
RUNS = 5
#: On loopback the browser figures only cross-check the server ones, so fewer visitors suffice.
LOOPBACK_RUNS = 3
#: figure → the largest share of the baseline's figure (same run) it may take. Issues "The coverage map"
#: (payload, repeat paint) and 17 (click, server rerun, first visit).
TARGETS = {
    "payload_bytes": 0.25,
    "first_paint_s": 0.67,
    "first_paint_cold_s": 0.67,
    "click_to_list_s": 0.6,
    "rerun_p50_s": 0.15,
    # first visit through the proxy as deployed (issue 25, point 11)
    "first_visit_proxy_s": 0.45,
}
#: Relative noise band on top of a target before a run fails: timings on a shared 2-core machine move by
#: 10–20 % between runs (the repeat-paint share read 0.68 once while every other figure held), byte counts
#: do not move at all. A figure inside the band is reported as missed, not as a regression.
TOLERANCE = {
    "payload_bytes": 0.0,
    "first_paint_s": 0.2,
    "first_paint_cold_s": 0.2,
    "click_to_list_s": 0.2,
    "rerun_p50_s": 0.25,
    "first_visit_proxy_s": 0.2,
}
SCRIPTS = {"app": "dashboard.py", "baseline": "bench/baseline_app.py"}
SECTIONS = ("payload", "resolve", "cold", "browser", "server", "load", "cluster", "proxy")


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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench")
    parser.add_argument("--only", help=f"comma-separated sections out of {','.join(SECTIONS)}")
    parser.add_argument("--runs", type=int, default=RUNS, help="browser visitors per server on the DSL line")
    args = parser.parse_args(argv)
    only = set(args.only.split(",")) if args.only else set(SECTIONS)
    unknown = only - set(SECTIONS)
    if unknown:
        parser.error(f"unknown sections {sorted(unknown)}; valid: {', '.join(SECTIONS)}")
    report = measure(only, args.runs)
    RESULTS.mkdir(exist_ok=True)
    name = "latest.json" if only == set(SECTIONS) else "partial.json"
    (RESULTS / name).write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if only == set(SECTIONS):
        print_table(report)
    print_shares(report)
    return guard(report)


def measure(only: set[str], runs: int = RUNS) -> dict:
    from playwright.sync_api import sync_playwright

    report: dict = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": platform.platform(),
        "load_average": _load_average(),
        "runs": runs,
    }
    clock = Sections()
    if "payload" in only:
        report["boundary_load"] = data.boundary_load()
        report.update(data.map_payload())
    if "resolve" in only:
        report["resolve"] = resolve.throughput()
        report["resolve_per_s_100k"] = report["resolve"]["100000"]["resolve_per_s"]

    if only & {"cold", "browser", "server", "proxy"}:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "bench.sqlite3"
            with (
                browser.streamlit_server(SCRIPTS["app"], db) as app,
                browser.streamlit_server(SCRIPTS["baseline"], db) as baseline,
            ):
                urls = {"app": app, "baseline": baseline}
                with sync_playwright() as playwright:
                    chromium = playwright.chromium.launch(
                        executable_path=browser_path(), headless=True, args=browser.FLAGS
                    )
                    if "cold" in only:
                        with clock("cold start"):
                            report["cold_start"] = server.cold_start(SCRIPTS, db, chromium)
                    if "browser" in only:
                        with clock("browser"):
                            browser.measure_pair(urls, 1, chromium, None)  # warm up both servers' caches
                            report["browser_dsl"] = browser.measure_pair(urls, runs, chromium, browser.DSL)
                            report["browser_loopback"] = browser.measure_pair(urls, LOOPBACK_RUNS, chromium, None)
                    if "proxy" in only:
                        with clock("proxy"):  # first visit through HAProxy as deployed (bench/proxyvisit.py)
                            report["proxy"] = proxyvisit.measure(chromium, baseline, runs)
                        report["first_visit_proxy_s"] = report["proxy"]["first_visit_proxy_s"]
                        report["baseline_first_visit_proxy_s"] = report["proxy"]["baseline_first_visit_proxy_s"]
                    chromium.close()
                if "server" in only:
                    with clock("server reruns"):  # asyncio, so outside Playwright's synchronous loop
                        report["server"] = server.warm_rerun(urls)
    if "browser" in only:
        dsl = report["browser_dsl"]
        report["first_paint_s"] = dsl["app"]["first_paint"]["median"]
        report["baseline_first_paint_s"] = dsl["baseline"]["first_paint"]["median"]
        report["first_paint_cold_s"] = dsl["app"]["first_paint_cold"]["median"]
        report["baseline_first_paint_cold_s"] = dsl["baseline"]["first_paint_cold"]["median"]
        report["click_to_list_s"] = dsl["app"]["click_to_list"]["median"]
        report["baseline_click_to_list_s"] = dsl["baseline"]["click_to_list"]["median"]
    if "server" in only:
        report["rerun_p50_s"] = report["server"]["app"]["rerun"]["median"]
        report["rerun_p95_s"] = report["server"]["app"]["rerun"]["p95"]
        report["baseline_rerun_p50_s"] = report["server"]["baseline"]["rerun"]["median"]
        report["baseline_rerun_p95_s"] = report["server"]["baseline"]["rerun"]["p95"]
    if "cold" in only:
        report["cold_start_s"] = report["cold_start"]["app"]["first_page"]["median"]
        report["baseline_cold_start_s"] = report["cold_start"]["baseline"]["first_page"]["median"]

    if "load" in only:
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
    if "cluster" in only:
        with clock("cluster"):  # several processes behind HAProxy on PostgreSQL (bench/scaleout.py)
            report["cluster"] = scaleout.measure()
        report.update(report["cluster"]["summary"])
    report["section_seconds"] = clock.seconds
    report["load_average_after"] = _load_average()

    pairs = {
        "payload_ratio": "payload_bytes",
        "first_paint_ratio": "first_paint_s",
        "first_paint_cold_ratio": "first_paint_cold_s",
        "click_ratio": "click_to_list_s",
        "rerun_ratio": "rerun_p50_s",
        "cold_start_ratio": "cold_start_s",
        "first_visit_proxy_ratio": "first_visit_proxy_s",
    }
    report["ratios"] = {name: report[f"baseline_{key}"] / report[key] for name, key in pairs.items() if key in report}
    report["shares"] = shares(report)
    return report


def shares(report: dict) -> dict[str, float]:
    """Each measured target figure as a share of the baseline's (ours / baseline; smaller is better)."""
    return {key: report[key] / report[f"baseline_{key}"] for key in TARGETS if key in report}


def guard(report: dict) -> int:
    """1 when a figure misses its target by more than its noise band; a miss inside the band only warns."""
    failed = 0
    for key, share in report["shares"].items():
        limit = TARGETS[key]
        if share > limit * (1 + TOLERANCE[key]):
            print(f"REGRESSION: {key} = {share:.2f}× baseline > {limit} (+{TOLERANCE[key]:.0%} band)", file=sys.stderr)
            failed = 1
        elif share > limit:
            print(f"missed (inside the noise band): {key} = {share:.2f}× baseline > {limit}", file=sys.stderr)
    return failed


def print_shares(report: dict) -> None:
    print(f"load average before/after: {report['load_average']} / {report['load_average_after']}")
    print(f"{'figure':<22}{'app':>12}{'baseline':>12}{'share':>8}{'target':>8}")
    for key, share in report["shares"].items():
        print(f"{key:<22}{report[key]:>12.3f}{report[f'baseline_{key}']:>12.3f}{share:>8.2f}{TARGETS[key]:>8.2f}")


def _load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


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
