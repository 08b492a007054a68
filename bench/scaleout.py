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
    """CPU seconds (user + system) a process has used so far (0 once it has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(") ", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def machine_busy_s() -> float:
    """CPU seconds all cores of the machine have spent busy (anything but idle and I/O wait) since boot."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(fields[:8]) - fields[3] - fields[4]) / os.sysconf("SC_CLK_TCK")


def support_pids(running: cluster.Cluster) -> dict[str, list[int]]:
    """The proxy's pid and the cluster's PostgreSQL processes (its postmaster and every backend)."""
    proxy = int((running.state / "pids" / "proxy.pid").read_text().split()[0])
    postmaster = int((running.state / "pgdata" / "postmaster.pid").read_text().split()[0])
    backends = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if stat.read_text().rsplit(") ", 1)[1].split()[1] == str(postmaster):
                backends.append(int(stat.parent.name))
        except OSError:
            continue
    return {"proxy": [proxy], "postgres": [postmaster, *backends]}


class CpuMeter:
    """Who got the machine's cores during a measurement: the app processes (each), the load generator (this
    process), the proxy, PostgreSQL, and everything else on the machine (other jobs sharing it).

    On a shared 2-core machine the load generator and the other jobs take cores the app processes would
    need, so clicks per second with 2 processes cannot reach twice those with 1; CPU seconds per click per
    process show whether the processes themselves scale (same cost each, no contention between them).
    """

    def __init__(self, running: cluster.Cluster) -> None:
        self.groups = {f"app{i + 1}": [pid] for i, pid in enumerate(running.app_pids)} | support_pids(running)

    def __enter__(self) -> CpuMeter:
        self._start = self._sample()
        return self

    def __exit__(self, *exc) -> None:
        end = self._sample()
        self.seconds = end["wall"] - self._start["wall"]
        self.used = {name: end[name] - self._start[name] for name in end if name != "wall"}
        known = sum(v for k, v in self.used.items() if k != "machine")
        self.used["others"] = max(self.used["machine"] - known, 0.0)

    def _sample(self) -> dict[str, float]:
        sample = {name: sum(cpu_s(pid) for pid in pids) for name, pids in self.groups.items()}
        sample["generator"] = time.process_time()  # this process: the protocol client
        sample["machine"] = machine_busy_s()
        sample["wall"] = time.perf_counter()
        return sample

    def cores(self) -> dict[str, float]:
        """Average cores each group used over the measurement."""
        return {name: used / self.seconds for name, used in self.used.items()}


async def _burst(running: cluster.Cluster) -> dict:
    """All sessions load the map, then click together; clicks per second over the clicking phase.

    Also who got the CPU meanwhile (``CpuMeter``): on a machine shared with other work, clicks per second
    fall with the CPU share the processes get, CPU time per click does not.
    """
    url = running.proxy_url
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

        with CpuMeter(running) as meter:
            await asyncio.gather(*(clicks(s, i) for i, s in enumerate(sessions)))
    finally:
        for session in sessions:
            await session.__aexit__(None, None, None)
    clicked = max(len(timings), 1)
    apps = {name: used for name, used in meter.used.items() if name.startswith("app")}
    server_cpu = sum(apps.values())
    return {
        "sessions": BURST_SESSIONS,
        "clicks": len(timings),
        "seconds": meter.seconds,
        "clicks_per_s": len(timings) / meter.seconds,
        "client_cpu_s": meter.used["generator"],  # the protocol client shares the 2 cores with the servers
        "server_cpu_s_per_click": server_cpu / clicked,
        "server_cpu_share": server_cpu / meter.seconds,  # cores the app processes got, on average
        # app CPU per click, per process: each process's CPU over the clicks it served (evenly spread by
        # the proxy), i.e. what one click costs one process; equal with 1 and 2 processes = no contention
        "cpu_s_per_click_per_process": {name: used * len(apps) / clicked for name, used in apps.items()},
        "cpu_s_per_click": {name: used / clicked for name, used in meter.used.items()},
        "cores": meter.cores(),
        "load_average": os.getloadavg(),
        "click_to_list": summarise(timings) if timings else None,
        "errors": len(errors),
        "error_samples": errors[:3],
    }


async def _paced(running: cluster.Cluster) -> dict:
    """``PACED_SESSIONS`` users, each loading the map and clicking four Kreise after 2–8 s of reading."""
    url, pids = running.proxy_url, running.app_pids
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

    with CpuMeter(running) as meter:
        tasks = [asyncio.create_task(user(seed)) for seed in range(PACED_SESSIONS)]
        await opened.wait()
    during = [rss_mb(pid) for pid in pids]
    connections = _database_connections(running)
    release.set()
    await asyncio.gather(*tasks)
    return {
        "cores": meter.cores(),
        "load_average": os.getloadavg(),
        "sessions": PACED_SESSIONS,
        "click_to_list": summarise(timings) if timings else None,
        "errors": len(errors),
        "error_samples": errors[:3],
        "rss_mb_before": before,
        "rss_mb_during": during,
        "rss_mb_per_session": (sum(during) - sum(before)) / PACED_SESSIONS,
        # what the app processes hold open in PostgreSQL with 25 sessions each (pool sizing)
        "database_connections": connections,
    }


def _database_connections(running: cluster.Cluster) -> int:
    """Connections to the atlas database other than this query's own."""
    import sqlalchemy as sa

    engine = sa.create_engine(running.database_url, poolclass=sa.pool.NullPool)
    try:
        with engine.connect() as conn:
            query = (
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            return conn.execute(sa.text(query)).scalar_one()
    finally:
        engine.dispose()


def _with_cluster(procs: int, work):
    state = Path(tempfile.mkdtemp(prefix="atlas-bench-cluster-"))
    state.chmod(0o755)  # PostgreSQL's own user must reach its data folder inside
    ports = {name: browserkit.free_port() for name in ("port", "stats_port", "pg_port")}
    app_ports = [browserkit.free_port() for _ in range(procs)]  # each free on its own (shared machine)
    try:
        with cluster.running(state, procs=procs, app_ports=app_ports, **ports) as running:
            return asyncio.run(work(running))
    finally:
        shutil.rmtree(state, ignore_errors=True)


def measure() -> dict:
    """Throughput with 1 and 2 processes, then 50 paced sessions on 2; each on a fresh cluster."""
    result: dict = {"burst": {}}
    for procs in (1, 2):
        result["burst"][str(procs)] = _with_cluster(procs, _burst)
    result["paced"] = _with_cluster(2, _paced)
    burst = result["burst"]
    result["summary"] = {
        "cluster_clicks_per_s_1": burst["1"]["clicks_per_s"],
        "cluster_clicks_per_s_2": burst["2"]["clicks_per_s"],
        "cluster_speedup_2": burst["2"]["clicks_per_s"] / burst["1"]["clicks_per_s"],
        "cluster_server_cpu_s_per_click": burst["1"]["server_cpu_s_per_click"],
        "cluster_cpu_share_1": burst["1"]["server_cpu_share"],
        "cluster_cpu_share_2": burst["2"]["server_cpu_share"],
        # the honest scaling figures on a shared machine: what one click costs one process (the same with 2
        # processes as with 1 = they do not slow each other), and the throughput per core they got
        "cluster_cpu_s_per_click_per_process_1": _mean(burst["1"]["cpu_s_per_click_per_process"].values()),
        "cluster_cpu_s_per_click_per_process_2": _mean(burst["2"]["cpu_s_per_click_per_process"].values()),
        "cluster_speedup_2_per_core": (burst["2"]["clicks_per_s"] / burst["2"]["server_cpu_share"])
        / (burst["1"]["clicks_per_s"] / burst["1"]["server_cpu_share"]),
        "cluster_generator_cores_2": burst["2"]["cores"]["generator"],
        "cluster_other_jobs_cores_2": burst["2"]["cores"]["others"],
        "cluster_load_average": burst["2"]["load_average"][0],
        "cluster_paced50_p95_s": result["paced"]["click_to_list"]["p95"] if result["paced"]["click_to_list"] else None,
        "cluster_errors": burst["1"]["errors"] + burst["2"]["errors"] + result["paced"]["errors"],
        "cluster_rss_mb_per_process": result["paced"]["rss_mb_during"],
        "cluster_rss_mb_per_session": result["paced"]["rss_mb_per_session"],
        "cluster_database_connections": result["paced"]["database_connections"],
    }
    return result


def _mean(values) -> float:
    values = list(values)
    return sum(values) / len(values)


def print_summary(result: dict) -> None:
    s = result["summary"]
    print(
        f"cluster (HAProxy, PostgreSQL): {s['cluster_clicks_per_s_1']:.1f} clicks/s with 1 process, "
        f"{s['cluster_clicks_per_s_2']:.1f} with 2 ({s['cluster_speedup_2']:.2f}×; the processes got "
        f"{s['cluster_cpu_share_1']:.2f} / {s['cluster_cpu_share_2']:.2f} cores, "
        f"{s['cluster_server_cpu_s_per_click']:.2f} CPU s per click; per process "
        f"{s['cluster_cpu_s_per_click_per_process_1']:.2f} / {s['cluster_cpu_s_per_click_per_process_2']:.2f}, "
        f"{s['cluster_speedup_2_per_core']:.2f}× per core; the load generator took "
        f"{s['cluster_generator_cores_2']:.2f} cores, other jobs {s['cluster_other_jobs_cores_2']:.2f}, "
        f"load {s['cluster_load_average']:.1f}); "
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
