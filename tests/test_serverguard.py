"""Visitors cannot clear the server's shared caches (issue 25, point 1).

Streamlit obeys ``BackMsg.clear_cache`` from any client; ``ui.serverguard`` turns its handler into a no-op.
These tests fail when a Streamlit upgrade routes the message elsewhere, so the guard cannot silently lapse.
"""

import inspect
import re

import streamlit as st
from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.runtime.app_session import AppSession

from ui import serverguard


class _Bare(AppSession):
    def __del__(self):  # never initialised, so nothing to shut down
        pass


def test_streamlit_still_routes_clear_cache_through_the_guarded_handler():
    source = inspect.getsource(AppSession.handle_backmsg)
    route = re.search(r'msg_type == "clear_cache":\s*\n\s*self\.(\w+)\(\)', source)
    assert route, "Streamlit handles BackMsg.clear_cache differently now: check ui/serverguard.py"
    assert route.group(1) == serverguard.HANDLER


def test_a_clear_cache_message_leaves_the_shared_caches_alone():
    calls = []

    @st.cache_data(show_spinner=False)
    def shared(x: int) -> int:
        calls.append(x)
        return x

    shared(1)
    serverguard.install()
    serverguard.install()  # idempotent: every script run calls it
    assert serverguard.installed()
    session = _Bare.__new__(_Bare)  # only what handle_backmsg touches for this message
    session.id = "angreifer"
    message = BackMsg()
    message.clear_cache = True
    for _ in range(3):
        session.handle_backmsg(message)
    shared(1)
    assert calls == [1]  # still cached: computed once


def test_every_text_field_has_a_length_limit():
    # issue 25, point 2: Streamlit cuts a value to max_chars on arrival, also one sent by a hand-made client
    import ast
    from pathlib import Path

    root = Path(__file__).resolve().parent.parent
    unbounded = []
    for path in [*root.glob("ui/*.py"), *root.glob("pages/*.py"), root / "dashboard.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            field = isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
            text = field and node.func.attr in ("text_input", "text_area", "chat_input")
            if text and not any(keyword.arg == "max_chars" for keyword in node.keywords):
                unbounded.append(f"{path.relative_to(root)}:{node.lineno}")
    assert not unbounded, "text fields without max_chars: " + ", ".join(unbounded)


def test_streamlit_closes_a_socket_that_sends_more_than_a_megabyte():
    import tomllib
    from pathlib import Path

    config = tomllib.loads((Path(__file__).resolve().parent.parent / ".streamlit/config.toml").read_text("utf-8"))
    assert config["server"]["maxWidgetStateSize"] == 1  # MB; Streamlit's default is 25
