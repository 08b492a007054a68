"""Several app processes on one PostgreSQL behind HAProxy, all on loopback (``make cluster`` / ``make cluster-stop``).

The standard way to scale Streamlit out: one process serves about five map clicks a second, so more visitors
need more processes. A browser tab keeps its websocket (its whole session) on one process, so the proxy pins
each browser to a process with a cookie; a websocket without one (the bench's protocol client) goes to the
process with the fewest connections. HAProxy checks ``/_stcore/health`` every second and stops routing to a
process after two failed checks; a tab whose process died reconnects (Streamlit does that on its own) and the
proxy sends it to a live one.

PostgreSQL: the cluster starts its own server (``initdb`` in the state folder, port ``CLUSTER_PG_PORT``), so it
never touches another database on the machine and ``cluster-stop`` can end it like everything else. Before any
app process starts, ``python -m geo.storage.migrate`` brings the schema to head and seeds an empty database once,
so the processes do not race to create tables.

Each process runs the start page once before ``start`` returns (see ``_warm_up``).

Everything started is recorded as a pid file in the state folder (``CLUSTER_DIR``); ``stop`` ends exactly those
processes (checking each pid still runs what it started) and the PostgreSQL server with ``pg_ctl stop``.

Environment: ``CLUSTER_PROCS``, ``CLUSTER_PORT`` (the proxy), ``CLUSTER_APP_PORT``, ``CLUSTER_PG_PORT``,
``CLUSTER_STATS_PORT``, ``CLUSTER_DIR``, ``CLUSTER_SECRETS``: their types, defaults and meaning are in the settings
registry ``geo/config/settings.py`` (README, "Configuration").
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass, field
from pathlib import Path

from bench import appserver
from geo.config import settings
from geo.maps import precompress

ROOT = Path(__file__).resolve().parent.parent
DATABASE = "netzwerkatlas"
HAPROXY_CFG = """\
global
    maxconn 4096
    # the browser's scripts and styles gzipped at level 9 once (geo/maps/precompress.py), served from memory
    setenv ATLAS_PRECOMPRESSED {precompressed}
    lua-load {lua}

defaults
    mode http
    log stdout format raw local0
    option httplog
    timeout connect 5s
    # a client gets 10 s to send a request's headers (no slow-header connections held for an hour)
    timeout http-request 10s
    timeout client 1h
    timeout server 1h
    # a busy process answers (and accepts) late, a dead one refuses at once: only the dead one must drop
    # out or lose its pinned tabs (with 1 s / 2 s, a saturated but live process was marked DOWN under load)
    timeout check 10s
    # a websocket is a tunnel once upgraded: Streamlit pings it, so idle tabs stay connected
    timeout tunnel 1h
    # no idle connections to an app process kept for reuse: Streamlit's server closes them after 5 s, and a
    # request sent on one just then failed ("empty-response"; seen 5 s after a tab loaded its scripts), its
    # retries likewise, until one was redispatched to a process that did not have the tab's session (an
    # upload failed: 400 "Invalid session_id")
    option http-server-close
    # a request whose process is down goes to another one at once (before the checks mark it DOWN)
    option redispatch 1
    retries 3
    # also when a kept-alive connection to a process that just died fails: a 502 on a lazily loaded
    # script would break that widget in the tab until it is reloaded
    retry-on conn-failure empty-response response-timeout 502 503

frontend atlas
    bind 127.0.0.1:{port}
    # the visitor's address for the app (Streamlit's server trusts X-Forwarded-For from loopback), and only
    # that (a client's own header is dropped): the login throttles per client, and without it every visitor
    # would be the proxy, one client, locked out together by one attacker
    http-request del-header X-Forwarded-For
    option forwardfor
{headers}    use_backend ogc if {{ path_beg /ogc/ }}
    use_backend embeds if embed
    default_backend apps

# OGC API – Features (make ogc), read-only: served under /ogc/, the process itself at its root
backend ogc
    http-request replace-path /ogc(/.*) \\1
    server ogc 127.0.0.1:{ogc_port} check inter 2s

# the embeddable views (static files, the same on every process): no sticky cookie, so a website that frames
# one gets none from us (the apps' backend would insert ATLAS_APP into every answer)
backend embeds
    balance roundrobin
    option httpchk GET /_stcore/health
    http-check expect status 200
    default-server check inter 1s fall 2 rise 2
{servers}

backend apps
    # websockets live long: new sessions go to the process with the fewest
    balance leastconn
    # sticky: a browser's page, its /_stcore/ requests and its websocket stay on one process
    cookie ATLAS_APP insert indirect nocache httponly
    option httpchk GET /_stcore/health
    http-check expect status 200
    default-server check inter 1s fall 2 rise 2
{servers}

frontend stats
    bind 127.0.0.1:{stats_port}
    stats enable
    stats uri /stats
    stats refresh 5s
"""


#: Compression and security headers, the same in compose.yaml (tests/test_proxy_config.py compares them).
#: Streamlit sends its JavaScript uncompressed (the 480 KB main bundle even when the browser asks for gzip,
#: issue 25), so the proxy compresses text. The Content-Security-Policy is as tight as Streamlit allows: its
#: index.html has an inline script and its styles are inline (emotion), hence 'unsafe-inline'; data: and blob:
#: for images, fonts and workers; the websocket on the same host. HSTS only over TLS.
#:
#: Framing policy (issue 26): no page of the app may be framed by another site (frame-ancestors 'none',
#: X-Frame-Options DENY: no clickjacking of the login or the editors' pages); Streamlit's own component frames
#: (the map, /component/) only by the app itself; the embeddable views under /app/static/embed/ by any site
#: (frame-ancestors *: a Kreis or a ministry must not have to ask first). They are static pages without
#: script, form or cookie, so being framed risks nothing; their own policy allows nothing but their inline
#: style and images from us.
#: The policy without its frame-ancestors part.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self' 'unsafe-inline'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self' data:",
        "connect-src 'self' ws: wss:",
        "worker-src 'self' blob:",
        "frame-src 'self' blob: data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
#: The embeddable views' whole policy: no script, nothing loaded but their inline style and our images.
EMBED_CSP = "; ".join(
    [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src 'self' data:",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors *",
    ]
)
#: Where the embeddable views are served (geo.handouts.embed.URL_PREFIX under the app's root).
EMBED_PATH = "/app/static/embed/"
PROXY_HEADERS = f"""\
    compression algo gzip
    compression type text/html text/plain text/css text/javascript application/javascript application/json image/svg+xml
    http-request set-var(txn.path) path
    acl component var(txn.path) -m beg /component/
    acl embed var(txn.path) -m beg {EMBED_PATH}
    http-request use-service lua.atlas_precompressed if {{ lua.atlas_precompressed -m bool }}
    http-response set-header Content-Security-Policy "{CSP}; frame-ancestors 'none'" if !component !embed
    http-response set-header Content-Security-Policy "{CSP}; frame-ancestors 'self'" if component
    http-response set-header Content-Security-Policy "{EMBED_CSP}" if embed
    http-response set-header X-Frame-Options DENY if !component !embed
    http-response set-header X-Frame-Options SAMEORIGIN if component
    http-response set-header X-Content-Type-Options nosniff
    http-response set-header Referrer-Policy strict-origin-when-cross-origin
    http-response set-header Strict-Transport-Security "max-age=31536000" if {{ ssl_fc }}
"""


@dataclass
class Cluster:
    """A running cluster: where to reach it and what it started."""

    state: Path
    proxy_url: str
    app_urls: list[str]
    database_url: str
    stats_url: str
    app_pids: list[int] = field(default_factory=list)

    def server_status(self) -> dict[str, str]:
        """HAProxy's view of each app process: ``{"app1": "UP", "app2": "DOWN", ...}``."""
        with urllib.request.urlopen(f"{self.stats_url};csv", timeout=5) as response:
            rows = csv.DictReader(io.StringIO(response.read().decode().lstrip("# ")))
            return {r["svname"]: r["status"] for r in rows if r["pxname"] == "apps" and r["svname"].startswith("app")}

    def kill_app(self, index: int) -> None:
        """SIGKILL app process ``index`` (0-based), as a crash would end it."""
        pid = self.app_pids[index]
        os.kill(pid, signal.SIGKILL)
        if _is_child(pid):
            os.waitpid(pid, 0)  # reap it, so it does not linger as a zombie


def _is_child(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().split()[3] == str(os.getpid())
    except OSError:
        return False


def settings_from_env() -> dict:
    """The cluster's settings (``CLUSTER_*``), read and validated by their entries in ``geo.config.settings``."""
    port = settings.CLUSTER_PORT.get()
    secrets = settings.CLUSTER_SECRETS.get()
    return {
        "procs": settings.CLUSTER_PROCS.get(),
        "port": port,
        "app_port": settings.CLUSTER_APP_PORT.get(),
        "pg_port": settings.CLUSTER_PG_PORT.get(),
        "stats_port": settings.CLUSTER_STATS_PORT.get(),
        "ogc_port": settings.CLUSTER_OGC_PORT.get(),
        "state": settings.CLUSTER_DIR.get() or Path(f"/tmp/netzwerkatlas-cluster-{port}"),
        "secrets": str(secrets) if secrets else None,
    }


def start(
    state: Path,
    procs: int = 2,
    port: int = 8080,
    app_port: int = 8601,
    pg_port: int = 55480,
    stats_port: int = 8404,
    ogc_port: int | None = None,
    secrets: str | None = None,
    env: dict[str, str] | None = None,
    timeout_s: float = 120,
    app_ports: list[int] | None = None,
) -> Cluster:
    """Start PostgreSQL, ``procs`` app processes and HAProxy; return once all of them answer.

    The app processes listen on ``app_port``, ``app_port + 1``, … (``make cluster``) or on ``app_ports``, each
    found free on its own (tests and benchmarks on a shared machine: the port after a free one may be taken).
    On any failure, whatever was already started is stopped again before the error is raised.
    """
    app_ports = app_ports or [app_port + i for i in range(procs)]
    if len(app_ports) != procs:
        raise ValueError(f"{procs} App-Prozesse brauchen {procs} Ports, nicht {app_ports}")
    state = Path(state)
    (state / "pids").mkdir(parents=True, exist_ok=True)
    for pid_file in (state / "pids").glob("*.pid"):
        pid, marker = pid_file.read_text().split(maxsplit=1)
        if _runs(int(pid), marker.strip()):
            raise RuntimeError(f"Cluster in {state} läuft schon ({pid_file.stem}; erst 'make cluster-stop')")
        pid_file.unlink()  # left by a run that ended without cluster-stop
    try:
        database_url = _start_postgres(state, pg_port)
        app_env = {
            **os.environ,
            "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": database_url,
            "NETZWERKATLAS_DATASET": "demo",
            **(env or {}),
        }
        app_env.pop("NETZWERKATLAS_DB", None)
        subprocess.run([sys.executable, "-m", "geo.storage.migrate"], cwd=ROOT, env=app_env, check=True)
        from geo.maps import assets

        assets.ensure_leaflet()  # Streamlit needs static/ before it starts
        app_urls, pids = [], []
        for i in range(procs):
            url, pid = _start_app(state, i + 1, app_ports[i], app_env, secrets)
            app_urls.append(url)
            pids.append(pid)
        ogc_port = ogc_port or appserver.free_port()
        ogc_command = ["-m", "geo.handouts.ogc", "--port", str(ogc_port), "--url", f"http://127.0.0.1:{port}/ogc/"]
        _spawn(state, "ogc", [sys.executable, *ogc_command], app_env)
        _start_haproxy(state, port, stats_port, app_ports, ogc_port)
        cluster = Cluster(
            state,
            f"http://127.0.0.1:{port}",
            app_urls,
            database_url,
            f"http://127.0.0.1:{stats_port}/stats",
            pids,
        )
        deadline = time.monotonic() + timeout_s
        for url in [*app_urls, cluster.proxy_url]:
            _wait_for(lambda url=url: appserver.healthy(url), deadline, f"{url}/_stcore/health antwortet nicht", state)
        ogc_url = f"{cluster.proxy_url}/ogc/?f=json"
        _wait_for(lambda: _answers(ogc_url), deadline, f"{ogc_url} antwortet nicht", state)
        for url in app_urls:
            _warm_up(url)
        _wait_for(
            lambda: set(cluster.server_status().values()) == {"UP"}, deadline, "HAProxy sieht nicht alle als UP", state
        )
        return cluster
    except BaseException:
        stop(state)
        raise


def stop(state: Path) -> list[str]:
    """End exactly what ``start`` recorded in ``state``; returns what was stopped."""
    state = Path(state)
    stopped = []
    pids = state / "pids"
    for pid_file in sorted(pids.glob("*.pid")) if pids.is_dir() else []:
        pid, marker = pid_file.read_text().split(maxsplit=1)
        if _runs(int(pid), marker.strip()):
            _terminate(int(pid))
            stopped.append(pid_file.stem)
        pid_file.unlink()
    pgdata = state / "pgdata"
    if (pgdata / "postmaster.pid").exists():
        _as_postgres([_pg_bin("pg_ctl"), "-D", str(pgdata), "-m", "fast", "-w", "stop"], check=False)
        stopped.append("postgres")
    return stopped


@contextmanager
def running(state: Path, **settings) -> Iterator[Cluster]:
    """A cluster for the duration of a ``with`` block (tests, bench)."""
    cluster = start(state, **settings)
    try:
        yield cluster
    finally:
        stop(state)


def _start_postgres(state: Path, pg_port: int) -> str:
    pgdata = state / "pgdata"
    if not (pgdata / "PG_VERSION").exists():
        pgdata.mkdir(parents=True, exist_ok=True)
        _chown_postgres(pgdata)
        _as_postgres([_pg_bin("initdb"), "-D", str(pgdata), "-A", "trust", "-U", "postgres", "-E", "UTF8"])
    _as_postgres(
        [
            _pg_bin("pg_ctl"),
            "-D",
            str(pgdata),
            "-o",
            f"-p {pg_port} -k {pgdata} -c listen_addresses=127.0.0.1",
            "-l",
            str(pgdata / "server.log"),
            "-w",
            "start",
        ]
    )
    exists = _as_postgres(
        [_pg_bin("psql"), "-h", "127.0.0.1", "-p", str(pg_port), "-U", "postgres", "-tAc",
         f"SELECT 1 FROM pg_database WHERE datname='{DATABASE}'"],
        capture=True,
    )  # fmt: skip
    if exists.strip() != "1":
        _as_postgres([_pg_bin("createdb"), "-h", "127.0.0.1", "-p", str(pg_port), "-U", "postgres", DATABASE])
    return f"postgresql+psycopg://postgres@127.0.0.1:{pg_port}/{DATABASE}"


def _start_app(state: Path, number: int, port: int, env: dict, secrets: str | None) -> tuple[str, int]:
    command = [
        sys.executable, "-m", "streamlit", "run", "dashboard.py",
        "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
        "--browser.gatherUsageStats", "false",
        # as in production (Dockerfile): no file watcher thread, no rerun on save
        "--server.fileWatcherType", "none", "--server.runOnSave", "false",
    ]  # fmt: skip
    if secrets:
        command.append(f"--secrets.files={secrets}")
    pid = _spawn(state, f"app{number}", command, env)
    return f"http://127.0.0.1:{port}", pid


def _answers(url: str) -> bool:
    try:
        urllib.request.urlopen(url, timeout=5).close()
        return True
    except OSError:
        return False


def haproxy_config(state: Path, port: int, stats_port: int, servers: str, ogc_port: int) -> str:
    """The proxy's configuration; writes the level-9 copies it serves into ``state/precompressed``."""
    precompress.build(state / "precompressed")
    return HAPROXY_CFG.format(
        port=port,
        stats_port=stats_port,
        servers=servers,
        headers=PROXY_HEADERS,
        ogc_port=ogc_port,
        precompressed=state / "precompressed",
        lua=precompress.LUA,
    )


def _start_haproxy(state: Path, port: int, stats_port: int, app_ports: list[int], ogc_port: int) -> int:
    haproxy = shutil.which("haproxy") or "/usr/sbin/haproxy"
    if not Path(haproxy).exists():
        raise RuntimeError("HAProxy fehlt: apt-get install haproxy")
    servers = "\n".join(f"    server app{i + 1} 127.0.0.1:{p} cookie app{i + 1}" for i, p in enumerate(app_ports))
    cfg = state / "haproxy.cfg"
    text = haproxy_config(state, port, stats_port, servers, ogc_port)
    cfg.write_text(text, encoding="utf-8")
    subprocess.run([haproxy, "-c", "-q", "-f", str(cfg)], check=True)
    return _spawn(state, "proxy", [haproxy, "-f", str(cfg)], os.environ.copy())


def _spawn(state: Path, name: str, command: list[str], env: dict) -> int:
    """Start ``command`` in its own session, logging to ``state/name.log``; record its pid."""
    with (state / f"{name}.log").open("w") as log:
        process = subprocess.Popen(
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )
    (state / "pids" / f"{name}.pid").write_text(f"{process.pid} {Path(command[0]).name}\n")
    return process.pid


def _runs(pid: int, marker: str | None = None) -> bool:
    """Whether ``pid`` is alive and (given ``marker``) still the program we started (pids get reused)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
    except OSError:
        return False
    if stat.rsplit(") ", 1)[-1][0] in "ZX":
        return False
    return marker is None or Path(cmdline[0].decode()).name == marker


def _terminate(pid: int, grace_s: float = 10) -> None:
    """SIGTERM the process group we started, SIGKILL after ``grace_s``."""
    try:
        os.killpg(pid, signal.SIGTERM)
    except ProcessLookupError:
        return
    deadline = time.monotonic() + grace_s
    while time.monotonic() < deadline:
        if _is_child(pid):
            if os.waitpid(pid, os.WNOHANG)[0]:
                return
        elif not Path(f"/proc/{pid}").exists():
            return
        time.sleep(0.1)  # polling until the process has gone
    with suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def _warm_up(url: str) -> None:
    """Run the start page once in a process, as its first visitor would, and click a few Kreise.

    Until the entry script has run, a process knows neither the pages of ``st.navigation`` nor the map
    component (its files 404): a tab that reconnects to a cold process after its own died would show
    a broken map. The clicks fill the per-process caches of the click path (the Kreis panel), so the
    first visitors of a fresh process do not pay for them.
    """
    import asyncio
    import threading

    from bench.load import CLICKS
    from bench.protocol import ProtocolSession

    async def load() -> None:
        async with ProtocolSession(url, timeout_s=120) as session:
            await session.load()
            for _lat, _lon, ags, _heading in CLICKS:
                await session.click(ags)

    failed: list[BaseException] = []
    # in a thread of its own: the caller may be running an event loop already (Playwright's sync API)
    worker = threading.Thread(target=lambda: _capture(failed, lambda: asyncio.run(load())))
    worker.start()
    worker.join()
    if failed:
        raise RuntimeError(f"{url}: erster Seitenaufruf gescheitert") from failed[0]


def _capture(failed: list[BaseException], work) -> None:
    try:
        work()
    except Exception as exc:
        failed.append(exc)


def _wait_for(condition, deadline: float, message: str, state: Path) -> None:
    while time.monotonic() < deadline:
        for pid_file in (state / "pids").glob("*.pid"):
            if not _runs(int(pid_file.read_text().split()[0])):  # just spawned: may not have exec'd yet
                log = (state / f"{pid_file.stem}.log").read_text(errors="replace")[-2000:]
                raise RuntimeError(f"{pid_file.stem} ist beendet:\n{log}")
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(0.2)  # polling interval while waiting for a condition
    raise TimeoutError(message)


def _pg_bin(name: str) -> str:
    found = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    if found:
        return str(found[-1])
    path = shutil.which(name)
    if not path:
        raise RuntimeError(f"PostgreSQL-Programm {name} fehlt: apt-get install postgresql")
    return path


def _as_postgres(command: list[str], check: bool = True, capture: bool = False) -> str:
    """Run a PostgreSQL tool; as root via ``runuser -u postgres`` (initdb refuses to run as root)."""
    if os.geteuid() == 0:
        command = ["runuser", "-u", "postgres", "--", *command]
    result = subprocess.run(command, check=check, capture_output=True, text=True)
    return result.stdout


def _chown_postgres(path: Path) -> None:
    if os.geteuid() == 0:
        shutil.chown(path, "postgres", "postgres")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.cluster", description=__doc__.split("\n\n")[0])
    parser.add_argument("action", choices=["start", "stop"])
    args = parser.parse_args(argv)
    settings = settings_from_env()
    state = settings.pop("state")
    if args.action == "stop":
        stopped = stop(state)
        print("beendet: " + (", ".join(stopped) or "nichts (lief nicht)"))
        return 0
    try:
        cluster = start(state, **settings)
    except (RuntimeError, TimeoutError, subprocess.CalledProcessError) as exc:
        print(f"make cluster: {exc}", file=sys.stderr)
        return 1
    print(f"Netzwerkatlas: {cluster.proxy_url}/  ({len(cluster.app_urls)} App-Prozesse, PostgreSQL, HAProxy)")
    print(f"HAProxy-Status: {cluster.stats_url}   Logs und pid-Dateien: {state}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
