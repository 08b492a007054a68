"""Attacks over Streamlit's own websocket protocol that must not hurt other visitors (issue 25, points 1–3).

A hand-made client sends what no browser tab would: ``clear_cache`` ten times a second, a 24 MB widget
value, a link with 7 000 list items. Each test reproduces the attack against a server of its own (its
memory is measured) and checks the bound. It imports the bench's protocol client, the tool that measures
clicks.
"""

from __future__ import annotations

import asyncio
import itertools
import time
from pathlib import Path

import pytest
import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import appserver
from bench.load import CLICKS
from bench.protocol import ProtocolSession
from tests.test_protocol_click import in_own_thread

pytestmark = [pytest.mark.e2e, pytest.mark.hostile]

FINISHED = {
    ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY"),
    ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY"),
}


@pytest.fixture(scope="module")
def server(tmp_path_factory, test_database):
    """A server of this module's own: ``(url, pid)``; its memory is what the tests measure."""
    log = tmp_path_factory.mktemp("attacks") / "streamlit.log"
    with appserver.serve(log=log) as (url, process):
        in_own_thread(_warm(url))
        yield url, process.pid, log


async def _warm(url: str) -> None:
    async with ProtocolSession(url) as session:
        await session.load()


def rss_mb(pid: int) -> float:
    """Resident memory of a process in MB (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


class RawSession:
    """A socket that sends BackMsgs as built here and collects the elements of one script run."""

    def __init__(self, url: str) -> None:
        self.url = url.replace("http://", "ws://", 1) + "/_stcore/stream"

    async def __aenter__(self) -> RawSession:
        self.socket = await websockets.connect(self.url, subprotocols=["streamlit"], max_size=None, ping_interval=None)
        return self

    async def __aexit__(self, *exc) -> None:
        await self.socket.close()

    async def send(self, message: BackMsg) -> None:
        await self.socket.send(message.SerializeToString())

    async def run(
        self, page: str = "", query: str = "", widgets: dict[str, str] | None = None, timeout_s: float = 120
    ) -> tuple[list, int, float]:
        """One rerun of ``page``: (elements drawn, bytes received, seconds)."""
        message = BackMsg()
        message.rerun_script.page_name = page
        message.rerun_script.query_string = query
        for widget_id, value in (widgets or {}).items():
            widget = message.rerun_script.widget_states.widgets.add()
            widget.id, widget.string_value = widget_id, value
        start = time.perf_counter()
        await self.send(message)
        elements, received = [], 0
        while True:
            data = await asyncio.wait_for(self.socket.recv(), timeout=timeout_s)
            received += len(data)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                elements.append(forward.delta.new_element)
            elif kind == "script_finished" and forward.script_finished in FINISHED:
                return elements, received, time.perf_counter() - start


def p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


# --- point 1: clear_cache ----------------------------------------------------------------------------------


async def _clicks_while(url: str, attack) -> list[float]:
    """Seconds per map click of one visitor while ``attack`` runs (if any)."""
    async with ProtocolSession(url) as visitor:
        await visitor.load()
        task = asyncio.create_task(attack(url)) if attack else None
        try:
            await asyncio.sleep(0)
            seconds = []
            for _, _, ags, name in itertools.islice(itertools.cycle(CLICKS), 30):
                run = await visitor.click(ags)
                assert name in run.headings
                seconds.append(run.seconds)
            return seconds
        finally:
            if task:
                task.cancel()


async def _clear_cache_ten_times_a_second(url: str) -> None:
    message = BackMsg()
    message.clear_cache = True
    async with RawSession(url) as attacker:
        while True:
            await attacker.send(message)
            await asyncio.sleep(0.1)


def test_a_visitor_cannot_clear_the_shared_caches(server):
    url, _, log = server
    calm = in_own_thread(_clicks_while(url, None))
    attacked = in_own_thread(_clicks_while(url, _clear_cache_ten_times_a_second))
    print(f"map clicks p95: {p95(calm):.2f} s calm, {p95(attacked):.2f} s during the clear_cache attack")
    assert "Anfrage zum Leeren der Server-Caches abgelehnt" in log.read_text(encoding="utf-8")
    # A click reruns only the map's fragment from cached data; with the caches wiped every click reloads the
    # Kreise, the networks and the coverage (issue 25: p95 0.49 → 3.83 s). Relative to the calm clicks, as
    # this machine may be shared: the bench has the absolute figure.
    assert p95(attacked) <= max(1.0, 1.5 * p95(calm) + 0.3)


# --- point 2: oversized widget values ----------------------------------------------------------------------


async def _region_field(session: RawSession) -> str:
    elements, _, _ = await session.run("melden")
    ids = [e.text_input.id for e in elements if e.WhichOneof("type") == "text_input" and "Region" in e.text_input.label]
    assert ids, "no region field on /melden"
    return ids[0]


async def _send_huge_region(url: str, size: int) -> str:
    """A region text of ``size`` characters; returns how the server answered."""
    async with RawSession(url) as attacker:
        region = await _region_field(attacker)
        try:
            elements, received, seconds = await attacker.run("melden", widgets={region: "Uckermark " * (size // 10)})
        except websockets.ConnectionClosed as closed:
            return f"closed {closed.rcvd.code if closed.rcvd else None}"
        return f"answered {received} bytes in {seconds:.1f} s"


def test_a_huge_widget_value_closes_the_senders_socket_before_any_work(server):
    url, pid, _ = server
    before = rss_mb(pid)
    answers = in_own_thread(_many(url, [24_000_000] * 3))
    grown = rss_mb(pid) - before
    print(f"three 24 MB region texts: {answers}, server memory +{grown:.0f} MB")
    assert answers == ["closed 1009"] * 3  # Message Too Big: never parsed, never rerun
    assert grown <= 3 * 20


async def _many(url: str, sizes: list[int]) -> list[str]:
    return list(await asyncio.gather(*(_send_huge_region(url, size) for size in sizes)))


async def _near_limit_sessions(url: str, count: int) -> list[tuple[int, float, int]]:
    """``count`` sessions each typing just under the 1 MB limit into the region: (bytes back, s, longest alert)."""
    sessions = [RawSession(url) for _ in range(count)]
    results = []
    for session in sessions:
        await session.__aenter__()
        region = await _region_field(session)
        elements, received, seconds = await session.run("melden", widgets={region: "Uckermark " * 90_000})
        shown = [len(e.alert.body) for e in elements if e.WhichOneof("type") == "alert"]
        results.append((received, seconds, max(shown, default=0)))
    for session in sessions:
        await session.__aexit__()
    return results


def test_a_long_text_is_cut_on_arrival_and_costs_a_session_little_memory(server):
    url, pid, _ = server
    before = rss_mb(pid)
    results = in_own_thread(_near_limit_sessions(url, 10))
    grown = rss_mb(pid) - before
    print(f"10 sessions with 900 kB region texts: {results}, server memory +{grown:.0f} MB")
    assert grown <= 10 * 20  # ≤ 20 MB per attacking session
    for received, _, longest_alert in results:
        assert received < 200_000  # nothing like the 900 kB echoed back
        assert longest_alert < 2_200  # the field's own limit (2 000 characters), not the text sent


# --- point 3: notices from a link ---------------------------------------------------------------------------


async def _notices_of(url: str, query: str) -> tuple[int, float]:
    async with RawSession(url) as visitor:
        elements, _, seconds = await visitor.run("", query=query)
        return sum(e.WhichOneof("type") == "alert" for e in elements), seconds


def test_a_link_with_thousands_of_list_items_gives_a_few_notices(server):
    url, _, _ = server
    query = "vergleich=" + ",".join(f"x{i}" for i in range(7000)) + "&status=" + ",".join(["k"] * 7000)
    alerts, seconds = in_own_thread(_notices_of(url, query))
    print(f"?vergleich= with 7 000 items: {alerts} alert boxes, {seconds:.2f} s")
    assert alerts <= 20  # 7 000 before
