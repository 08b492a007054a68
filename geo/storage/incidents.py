"""Unexpected failures as incidents: the visitor gets an id, the log gets the stack under that id.

Also what a sandboxed upload parse ends in, as ``(result, message)``: the page only shows the message.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import Any

from geo.intake import sandbox
from geo.intake.tablefile import TableFileError
from geo.text.mdsafe import md

log = logging.getLogger("netzwerkatlas")


def incident_message(report: str) -> str:
    """Log ``report`` under a new incident id and return the German message naming that id.

    ``report`` is a stack without the exception's message (``sandbox.crash_report``): messages can
    quote uploaded data, and the log holds no personal data.
    """
    incident_id = secrets.token_hex(4)
    log.error("incident %s\n%s", incident_id, report)
    return (
        "Die Datei konnte wegen eines unerwarteten Fehlers nicht verarbeitet werden; es wurde nichts "
        f"gespeichert. Vorfallnummer: {incident_id} (bitte bei Rückfragen angeben)."
    )


def run_upload_job(
    job: Callable[..., Any], *args: Any, timeout: float | None = None, editor: bool = False, owner: str | None = None
) -> tuple[Any | None, str | None]:
    """Run a parse ``job`` in the sandbox (bounded time and memory, other sessions unaffected).

    Returns ``(result, None)``, or ``(None, message)`` with the German reason: the parser's own
    message (made inert for Markdown), the time or memory bound, or an incident id for anything unexpected.
    ``editor`` and ``owner`` (the session) choose the slots (:func:`geo.intake.sandbox.run`).
    """
    try:
        return sandbox.run(job, *args, timeout=timeout, expected=(TableFileError,), editor=editor, owner=owner), None
    except TableFileError as exc:
        return None, md(exc)
    except sandbox.SandboxCrash as exc:
        return None, incident_message(exc.report)
    except sandbox.SandboxError as exc:
        log.warning("upload refused: %s", type(exc).__name__)
        return None, str(exc)
    except Exception as exc:  # e.g. the fork server could not start: still no traceback for the visitor
        return None, incident_message(sandbox.crash_report(exc))
