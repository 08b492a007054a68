"""Cluster figures: clicks per second with 1 and 2 app processes behind the proxy, 50 paced sessions, memory.

``python -m bench.scaleout`` runs only this part (writes bench/results/cluster.json); ``make bench`` runs it
after the single-process figures and puts its keys into latest.json. Every figure goes through HAProxy
(bench/cluster.py) to the app processes on one PostgreSQL, spoken over Streamlit's websocket protocol
(bench/protocol.py), so the client does no rendering.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import os
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

from bench import browserkit, cluster
from bench.load import CLICKS, THINK_S, rss_mb
from bench.protocol import ProtocolSession
from bench.stats import summarise

RESULTS = Path(__file__).resolve().parent / "results"
#: Throughput: this many sessions click as fast as they can, each this many clicks, with 1 and with 2 processes.
BURST_SESSIONS, BURST_CLICKS = 8, 6
PACED_SESSIONS = 50


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


async def _burst(url: str, pids: list[int]) -> dict:
    """All sessions load the map, then click together; clicks per second over the clicking phase.

    Also the app processes' CPU seconds per click: on a machine shared with other work, clicks per second
    fall with the CPU share the processes get, CPU time per click does not.
    """
    sessions = [ProtocolSession(url) for _ in range(BURST_SESSIONS)]
    errors: list[str] = []
    timings: list[float] = []
    for session in sessions:
        await session.__aenter__()
    try:
        await asyncio.gather(*(s.load() for s in sessions))

        async def clicks(session: ProtocolSession, offset: int) -> None:
            plan = itertools.islice(itertools.cycle(CLICKS), offset, offset + BURST_CLICKS)
            for _lat, _lon, ags, heading in plan:
                try:
                    run = await session.click(ags)
                except Exception as exc:  # counted, not raised
                    errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
                    return
                if heading in run.headings:
                    timings.append(run.seconds)
                else:
                    errors.append(f"click {ags}: heading {heading!r} missing")

        start, cpu, server_cpu = time.perf_counter(), time.process_time(), sum(map(cpu_s, pids))
        await asyncio.gather(*(clicks(s, i) for i, s in enumerate(sessions)))
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        server_cpu = sum(map(cpu_s, pids)) - server_cpu
    finally:
        for session in sessions:
            await session.__aexit__(None, None, None)
    return {
        "sessions": BURST_SESSIONS,
        "clicks": len(timings),
        "seconds": seconds,
        "clicks_per_s": len(timings) / seconds,
        "client_cpu_s": cpu,  # the protocol client shares the 2 cores with the servers
        "server_cpu_s_per_click": server_cpu / max(len(timings), 1),
        "server_cpu_share": server_cpu / seconds,  # cores the app processes got, on average
        "click_to_list": summarise(timings) if timings else None,
        "errors": len(errors),
        "error_samples": errors[:3],
    }


async def _paced(url: str, pids: list[int]) -> dict:
    """``PACED_SESSIONS`` users, each loading the map and clicking four Kreise after 2–8 s of reading."""
    timings: list[float] = []
    errors: list[str] = []
    opened = asyncio.Barrier(PACED_SESSIONS + 1)
    release = asyncio.Event()
    before = [rss_mb(pid) for pid in pids]

    async def user(seed: int) -> None:
        think = random.Random(seed)  # fixed seeds: the same reading times in every run
        try:
            async with ProtocolSession(url) as session:
                try:
                    await session.load()
                    for _lat, _lon, ags, heading in CLICKS:
                        await asyncio.sleep(think.uniform(*THINK_S))
                        run = await session.click(ags)
                        if heading in run.headings:
                            timings.append(run.seconds)
                        else:
                            errors.append(f"click {ags}: heading {heading!r} missing")
                except Exception as exc:  # counted, not raised
                    errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")
                finally:
                    await opened.wait()  # all sessions open while memory is read
                    await release.wait()
        except OSError as exc:
            errors.append(f"{type(exc).__name__}: {str(exc)[:120]}")

    tasks = [asyncio.create_task(user(seed)) for seed in range(PACED_SESSIONS)]
    await opened.wait()
    during = [rss_mb(pid) for pid in pids]
    release.set()
    await asyncio.gather(*tasks)
    return {
        "sessions": PACED_SESSIONS,
        "click_to_list": summarise(timings) if timings else None,
        "errors": len(errors),
        "error_samples": errors[:3],
        "rss_mb_before": before,
        "rss_mb_during": during,
        "rss_mb_per_session": (sum(during) - sum(before)) / PACED_SESSIONS,
    }


def _with_cluster(procs: int, work):
    state = Path(tempfile.mkdtemp(prefix="atlas-bench-cluster-"))
    state.chmod(0o755)  # PostgreSQL's own user must reach its data folder inside
    ports = {name: browserkit.free_port() for name in ("port", "stats_port", "pg_port", "app_port")}
    try:
        with cluster.running(state, procs=procs, **ports) as running:
            return asyncio.run(work(running))
    finally:
        shutil.rmtree(state, ignore_errors=True)


def measure() -> dict:
    """Throughput with 1 and 2 processes, then 50 paced sessions on 2; each on a fresh cluster."""
    result: dict = {"burst": {}}
    for procs in (1, 2):
        result["burst"][str(procs)] = _with_cluster(procs, lambda c: _burst(c.proxy_url, c.app_pids))
    result["paced"] = _with_cluster(2, lambda c: _paced(c.proxy_url, c.app_pids))
    burst = result["burst"]
    result["summary"] = {
        "cluster_clicks_per_s_1": burst["1"]["clicks_per_s"],
        "cluster_clicks_per_s_2": burst["2"]["clicks_per_s"],
        "cluster_speedup_2": burst["2"]["clicks_per_s"] / burst["1"]["clicks_per_s"],
        "cluster_server_cpu_s_per_click": burst["1"]["server_cpu_s_per_click"],
        "cluster_cpu_share_1": burst["1"]["server_cpu_share"],
        "cluster_cpu_share_2": burst["2"]["server_cpu_share"],
        "cluster_paced50_p95_s": result["paced"]["click_to_list"]["p95"] if result["paced"]["click_to_list"] else None,
        "cluster_errors": burst["1"]["errors"] + burst["2"]["errors"] + result["paced"]["errors"],
        "cluster_rss_mb_per_process": result["paced"]["rss_mb_during"],
        "cluster_rss_mb_per_session": result["paced"]["rss_mb_per_session"],
    }
    return result


def print_summary(result: dict) -> None:
    s = result["summary"]
    print(
        f"cluster (HAProxy, PostgreSQL): {s['cluster_clicks_per_s_1']:.1f} clicks/s with 1 process, "
        f"{s['cluster_clicks_per_s_2']:.1f} with 2 ({s['cluster_speedup_2']:.2f}×; the processes got "
        f"{s['cluster_cpu_share_1']:.2f} / {s['cluster_cpu_share_2']:.2f} cores, "
        f"{s['cluster_server_cpu_s_per_click']:.2f} CPU s per click); "
        f"{PACED_SESSIONS} paced sessions: click → list p95 {s['cluster_paced50_p95_s']:.2f} s, "
        f"errors {s['cluster_errors']}, RSS per process "
        + " / ".join(f"{mb:.0f}" for mb in s["cluster_rss_mb_per_process"])
        + f" MB ({s['cluster_rss_mb_per_session']:.1f} MB/session)"
    )


def main() -> int:
    result = measure()
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "cluster.json").write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print_summary(result)
    return 0


if __name__ == "__main__":
    sys.exit(main())
