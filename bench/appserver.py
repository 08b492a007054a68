"""Serving the app from Python: ``streamlit run`` on a free loopback port, handed over once it is healthy.

The browser tests and the benchmark both start the app this way, as ``make run`` would (Leaflet's files
in ``static/`` first, headless, no usage statistics), so neither borrows the other's tools for it.
Streamlit itself is never imported here: the app runs in its own process.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from geo.maps import assets

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether the Streamlit server at ``url`` answers its health check."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


@contextmanager
def serve(
    script: str = "dashboard.py",
    env: dict[str, str] | None = None,
    log: Path | None = None,
    timeout_s: float = 60,
    extra_args: tuple[str, ...] = (),
) -> Iterator[tuple[str, subprocess.Popen]]:
    """``streamlit run script`` (relative to the repository) on a free loopback port.

    Yields ``(base URL, process)`` once the server is healthy and ends the process on exit. ``env`` is
    added to this process's environment; ``log`` receives the server's output (else it is discarded).
    """
    assets.ensure_leaflet((ROOT / script).parent / "static")  # Streamlit needs static/ before it starts
    port = free_port()
    output = log.open("w") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "streamlit",
            "run",
            script,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
            *extra_args,
        ],
        cwd=ROOT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
        stdout=output,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, process, timeout_s)
        yield url, process
    finally:
        stop(process)
        if log:
            output.close()


def stop(process: subprocess.Popen) -> None:
    """End a server process: politely, then for good after ten seconds."""
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()


def _wait_healthy(url: str, process: subprocess.Popen, timeout_s: float) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited early with code {process.returncode}")
        if healthy(url):
            return
        time.sleep(0.2)  # polling interval while waiting for a condition, not a fixed wait
    raise TimeoutError(f"{url} not healthy after {timeout_s} s")
