"""Run untrusted work (parsing an upload) in a child process with a time and a memory bound.

Parsing holds the interpreter lock: a thread cannot protect the other sessions of the server from a
hostile file, a separate process can (issue 11: one 96 KB upload froze every session for 70 s). Each
call forks a fresh child from a ``forkserver`` (started once, with the parsing modules preloaded, so a
child starts in milliseconds), limits its address space with ``RLIMIT_AS``, and kills it when the
time is up. At most ``NETZWERKATLAS_PARSE_WORKERS`` children run at once per server process.

The child returns the result, or one of the ``expected`` exceptions (the parser's own, with a message
for the user), or a crash report: exception type and stack only — no message, since messages can
quote the uploaded data. Linux only (fork server, ``/proc``), like the deployment.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from geo.config import settings

# Seconds a parse may take (``settings.PARSE_TIMEOUT_S``), and megabytes it may allocate beyond what the child
# starts with (``settings.PARSE_MEMORY_MB``). Editors (logged in) get longer (``settings.IMPORT_TIMEOUT_S``):
# a 24 MB import of 300 000 rows takes about 100 s on 2 cores.
#: Slots only editors may use (issue 25: six visitors' uploads held both public slots, an editor's import
#: waited 52 s). Editors take a reserved slot first and a public one when theirs are busy.
#: Parses one session (``owner``) may run at once: a second one is refused at once, not queued.
PER_OWNER = 1
#: Imported once by the fork server, so children start with the parsers (and pandas) loaded.
PRELOAD = ["geo.intake.sandbox_preload"]

_pools: tuple[threading.BoundedSemaphore, threading.BoundedSemaphore] | None = None
_owners: dict[str, int] = {}
_owners_lock = threading.Lock()
_context_lock = threading.Lock()
_context: multiprocessing.context.BaseContext | None = None


class SandboxError(Exception):
    """The work did not finish normally; ``str()`` is a German sentence for the user."""


class SandboxTimeout(SandboxError):
    pass


class SandboxMemory(SandboxError):
    pass


class SandboxBusy(SandboxError):
    pass


class SandboxCrash(SandboxError):
    """An unexpected exception in the child; ``report`` holds its type and stack (no message)."""

    def __init__(self, message: str, report: str) -> None:
        super().__init__(message)
        self.report = report


def run(
    func: Callable[..., Any],
    *args: Any,
    timeout: float | None = None,
    memory_mb: int | None = None,
    expected: tuple[type[BaseException], ...] = (),
    editor: bool = False,
    owner: str | None = None,
) -> Any:
    """``func(*args)`` in a child process; its result, or an ``expected`` exception re-raised here.

    ``func`` and the arguments must be picklable (a module-level function). Raises
    :class:`SandboxTimeout` after ``timeout`` seconds (the child is killed), :class:`SandboxMemory`
    when the child ran out of its ``memory_mb``, :class:`SandboxBusy` when no slot became free within
    ``timeout`` (or ``owner``, a session, already runs ``PER_OWNER`` parses) and :class:`SandboxCrash`
    for anything else. ``editor`` work may also take the reserved slots (``NETZWERKATLAS_EDITOR_PARSE_WORKERS``).
    """
    timeout = settings.PARSE_TIMEOUT_S.get() if timeout is None else timeout
    memory = (settings.PARSE_MEMORY_MB.get() if memory_mb is None else memory_mb) * 1024 * 1024
    with _owned(owner):
        slot = _acquire(editor, timeout)
        if slot is None:
            raise SandboxBusy("Der Server ist gerade ausgelastet. Bitte in einer Minute erneut versuchen.")
        try:
            return _run_child(func, args, timeout, memory, expected)
        finally:
            slot.release()


@contextmanager
def _owned(owner: str | None) -> Iterator[None]:
    """Count one running parse for ``owner``; refuse at once beyond ``PER_OWNER``."""
    if owner is None:
        yield
        return
    with _owners_lock:
        if _owners.get(owner, 0) >= PER_OWNER:
            raise SandboxBusy("Eine Datei dieser Sitzung wird noch geprüft. Bitte warten, bis sie fertig ist.")
        _owners[owner] = _owners.get(owner, 0) + 1
    try:
        yield
    finally:
        with _owners_lock:
            _owners[owner] -= 1
            if not _owners[owner]:
                del _owners[owner]


def _get_pools() -> tuple[threading.BoundedSemaphore, threading.BoundedSemaphore]:
    """(public, editors') slots, sized at the first upload of the process from ``NETZWERKATLAS_PARSE_WORKERS``
    and ``NETZWERKATLAS_EDITOR_PARSE_WORKERS``."""
    global _pools
    with _context_lock:
        if _pools is None:
            _pools = (
                threading.BoundedSemaphore(settings.PARSE_WORKERS.get()),
                threading.BoundedSemaphore(settings.EDITOR_PARSE_WORKERS.get()),
            )
        return _pools


def _acquire(editor: bool, timeout: float) -> threading.BoundedSemaphore | None:
    """A free slot: any public one; for editors their reserved one first. None when none freed in ``timeout``."""
    _slots, _editor_slots = _get_pools()
    if not editor:
        return _slots if _slots.acquire(timeout=timeout) else None
    deadline = time.monotonic() + timeout
    while True:
        for pool in (_editor_slots, _slots):
            if pool.acquire(blocking=False):
                return pool
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            return None
        if _editor_slots.acquire(timeout=min(0.1, remaining)):  # then look at the public ones again
            return _editor_slots


def _get_context() -> multiprocessing.context.BaseContext:
    global _context
    with _context_lock:
        if _context is None:
            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(PRELOAD)
            _context = context
        return _context


def _run_child(func, args, timeout: float, memory: int, expected) -> Any:
    context = _get_context()
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_child_main, args=(sender, func, args, memory, expected), daemon=True)
    child.start()
    sender.close()
    try:
        if not receiver.poll(timeout):
            raise SandboxTimeout(
                f"Die Verarbeitung dauerte länger als {timeout:g} Sekunden und wurde abgebrochen. "
                "Bitte eine kleinere oder einfachere Datei verwenden."
            )
        try:
            kind, payload = receiver.recv()
        except EOFError:  # the child died without a word: killed by the kernel or a fatal signal
            kind, payload = "crash", f"child ended without result (exit code {child.exitcode})"
    finally:
        if child.is_alive():
            child.kill()
        child.join()
        receiver.close()
    if kind == "ok":
        return payload
    if kind == "expected":
        raise payload
    if kind == "memory":
        raise SandboxMemory(
            "Die Datei braucht zu viel Arbeitsspeicher und wurde nicht gelesen. "
            "Bitte eine kleinere oder einfachere Datei verwenden."
        )
    raise SandboxCrash("Beim Verarbeiten ist ein unerwarteter Fehler aufgetreten.", payload)


def _child_main(sender, func, args, memory: int, expected) -> None:
    """In the child: bound the address space, run, send one message back."""
    try:
        limit = _address_space() + memory
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
        message = ("ok", func(*args))
    except expected as exc:
        message = ("expected", exc)
    except MemoryError:
        message = ("memory", None)
    except BaseException as exc:  # noqa: BLE001 - everything else is a crash to report, not to re-raise
        message = ("crash", crash_report(exc))
    try:
        sender.send(message)
    except MemoryError:
        sender.send(("memory", None))
    except Exception as exc:  # e.g. a result that cannot be pickled
        sender.send(("crash", crash_report(exc)))
    finally:
        sender.close()


def _address_space() -> int:
    """The child's current virtual memory size in bytes (what it inherited from the fork server)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")


def crash_report(exc: BaseException) -> str:
    """Type and stack of ``exc`` without its message (messages can quote the uploaded data)."""
    stack = "".join(traceback.TracebackException.from_exception(exc).stack.format())
    return f"Traceback (most recent call last):\n{stack}{type(exc).__module__}.{type(exc).__qualname__}"
