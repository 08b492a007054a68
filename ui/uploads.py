"""Uploads and the unexpected: parse jobs in the sandbox, problem summaries, incidents."""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import streamlit as st

from geo.handouts import exports
from geo.intake import problemlist, sandbox
from geo.intake.networks import Problem
from geo.storage import incidents
from ui import accounts

#: Session key of this session's parse-slot owner id (owner: this module; listed in ``ui.session``).
PARSE_OWNER = "parse_owner"


def incident(report: str) -> None:
    """Tell the visitor that something unexpected failed, with an id; log the stack under that id."""
    st.error(incidents.incident_message(report))


@contextmanager
def incident_guard() -> Iterator[None]:
    """An unexpected exception inside becomes an :func:`incident` instead of Streamlit's error box.

    Streamlit's own control flow (``st.rerun``, ``st.stop``) raises BaseException and passes through.
    """
    try:
        yield
    except Exception as exc:
        incident(sandbox.crash_report(exc))


def upload_job(job: Callable[..., Any], *args: Any, timeout: float | None = None) -> tuple[Any | None, str | None]:
    """Run a parse ``job`` in the sandbox (bounded time and memory, other sessions unaffected).

    Returns ``(result, None)``, or ``(None, message)`` with the German reason: the parser's own
    message, the time or memory bound, or an incident id for anything unexpected.
    """
    owner = st.session_state.setdefault(PARSE_OWNER, uuid.uuid4().hex)  # one parse at a time per session
    with st.spinner("Datei wird geprüft …"):
        return incidents.run_upload_job(
            job, *args, timeout=timeout, editor=accounts.current_editor() is not None, owner=owner
        )


def parse_upload(job: Callable[..., Any], *args: Any, timeout: float | None = None) -> Any | None:
    """:func:`upload_job`, showing the message on failure; the job's result or None."""
    result, message = upload_job(job, *args, timeout=timeout)
    if message:
        st.error(message)
    return result


def problem_summary(problems: Sequence[Problem], file_name: str, key: str) -> None:
    """Counts per kind of problem and the full list as CSV; pages show only the first ``SHOWN`` one by one."""
    if not problems:
        return
    st.dataframe(problemlist.kinds(problems), hide_index=True, width="stretch")
    st.download_button(
        f"Alle {len(problems)} Probleme als CSV",
        exports.to_csv_bytes(problemlist.frame(problems)),
        file_name,
        mime="text/csv",
        key=key,
    )
    if len(problems) > problemlist.SHOWN:
        st.caption(f"Einzeln gezeigt: die ersten {problemlist.SHOWN} von {len(problems)}.")
