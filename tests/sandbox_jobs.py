"""Module-level jobs for the sandbox tests (a child process imports them by name)."""

import re


def stall_in_c() -> None:
    """Catastrophic backtracking: one C call that holds the interpreter lock and never returns in practice."""
    re.fullmatch(r"(a+)+b", "a" * 64)


def allocate(megabytes: int) -> int:
    return len(bytearray(megabytes * 1024 * 1024))


def fail_on(value: str) -> None:
    raise KeyError(value)
