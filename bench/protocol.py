"""A Streamlit session spoken over the app's own websocket protocol: what a browser tab sends, minus the rendering.

Twenty-five Chromium tabs saturate this 2-core machine with layout and painting alone, so they measure the
browsers, not the server. This client opens a real server session (``/_stcore/stream``), sends the same
protobuf ``BackMsg`` a browser sends (page load; a map click as the st_folium component value, as a rerun of
the map's fragment when the map lives in one, like the browser does) and times each rerun until the server
reports the script (or the fragment) finished. It also checks what came back: a click counts as
an error unless the Kreis heading arrives.
"""

from __future__ import annotations

import asyncio
import json
import time
from dataclasses import dataclass, field

import websockets
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

MAP_COMPONENT = "streamlit_folium.st_folium"
FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_SUCCESSFULLY")
FRAGMENT_FINISHED = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_FRAGMENT_RUN_SUCCESSFULLY")
RERUN = ForwardMsg.ScriptFinishedStatus.Value("FINISHED_EARLY_FOR_RERUN")


@dataclass
class Run:
    """What one rerun sent back: seconds until finished, headings shown, bytes received, script runs it took."""

    seconds: float
    headings: list[str]
    received_bytes: int
    script_runs: int
    fragment: bool = False  # only the map's fragment ran, not the whole page
    elements: list[str] = field(default_factory=list)  # the kinds of the new elements, in the order sent


@dataclass
class ProtocolSession:
    """One app session; use as ``async with ProtocolSession(url) as session``."""

    url: str
    timeout_s: float = 120
    map_widget_id: str | None = None
    map_fragment_id: str = ""
    _cached: set[str] = field(default_factory=set)
    _clicks: int = 0
    _socket: object = None

    async def __aenter__(self) -> ProtocolSession:
        stream = self.url.replace("http://", "ws://", 1) + "/_stcore/stream"
        # no keepalive pings: a browser sends none, and on a saturated machine their 20 s timeout counted
        # slow sessions as failed ones
        self._socket = await websockets.connect(stream, subprotocols=["streamlit"], max_size=None, ping_interval=None)
        return self

    async def __aexit__(self, *exc) -> None:
        await self._socket.close()

    @property
    def compressed(self) -> bool:
        """Whether the server agreed to deflate its messages (``server.enableWebsocketCompression``)."""
        return "permessage-deflate" in self._socket.response.headers.get("Sec-WebSocket-Extensions", "")

    async def load(self) -> Run:
        """The first page, as a browser opening the app."""
        return await self._rerun({})

    async def click(self, ags: str) -> Run:
        """A click on one Kreis of the map: the value st_folium reports to the server."""
        if self.map_widget_id is None:
            raise RuntimeError("no map on the page yet: call load() first")
        self._clicks += 1
        value = {
            "last_active_drawing": {"type": "Feature", "properties": {"ags": ags}},
            "last_object_clicked_count": self._clicks,
        }
        return await self._rerun({self.map_widget_id: json.dumps(value)}, self.map_fragment_id)

    async def _rerun(self, json_widgets: dict[str, str], fragment_id: str = "") -> Run:
        message = BackMsg()
        state = message.rerun_script
        state.fragment_id = fragment_id  # the browser reruns a widget's fragment, or the page when it has none
        for widget_id, value in json_widgets.items():
            widget = state.widget_states.widgets.add()
            widget.id = widget_id
            widget.json_value = value
        state.cached_message_hashes.extend(sorted(self._cached))
        start = time.perf_counter()
        await self._socket.send(message.SerializeToString())
        headings: list[str] = []
        elements: list[str] = []
        received = 0
        runs = 1
        while True:
            remaining = self.timeout_s - (time.perf_counter() - start)
            data = await asyncio.wait_for(self._socket.recv(), timeout=max(remaining, 0.001))
            received += len(data)
            forward = ForwardMsg()
            forward.ParseFromString(data)
            kind = forward.WhichOneof("type")
            if forward.metadata.cacheable and forward.hash:
                self._cached.add(forward.hash)
            if kind == "delta" and forward.delta.WhichOneof("type") == "new_element":
                elements.append(forward.delta.new_element.WhichOneof("type"))
                self._note_element(forward.delta.new_element, headings, forward.delta.fragment_id)
            elif kind == "script_finished" and forward.script_finished == RERUN:
                runs += 1  # the page asked for another run (st.rerun) before finishing
            elif kind == "script_finished":
                if forward.script_finished not in (FINISHED, FRAGMENT_FINISHED):
                    raise RuntimeError(f"script ended with status {forward.script_finished}")
                fragment = forward.script_finished == FRAGMENT_FINISHED
                return Run(time.perf_counter() - start, headings, received, runs, fragment, elements)

    def _note_element(self, element, headings: list[str], fragment_id: str = "") -> None:
        kind = element.WhichOneof("type")
        if kind == "heading":
            headings.append(element.heading.body)
        elif kind == "component_instance" and element.component_instance.component_name == MAP_COMPONENT:
            self.map_widget_id = element.component_instance.id
            self.map_fragment_id = fragment_id
