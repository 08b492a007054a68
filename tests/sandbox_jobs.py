"""Module-level jobs for the sandbox tests (a child process imports them by name)."""

import re


def stall_in_c() -> None:
    """Catastrophic backtracking: one C call that holds the interpreter lock and never returns in practice."""
    re.fullmatch(r"(a+)+b", "a" * 64)


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def fail_on(value: str) -> None:
    raise KeyError(value)


def hold_until(path: str, limit: float = 60.0) -> str:
    """Occupy a parse slot until ``path`` exists (a test releases it), at most ``limit`` seconds."""
    import os
    import time

    end = time.monotonic() + limit
    while not os.path.exists(path) and time.monotonic() < end:
        time.sleep(0.02)  # polling for a condition (the file), bounded by ``limit``
    return "held"


def quick() -> str:
    return "done"
