"""Editor accounts: salted Argon2 password hashes and a lock-out after repeated failures.

Accounts live in Streamlit secrets (``[editors]`` table: user name → hash). Make a hash with
``python -m geo.auth`` (asks for the password, prints the line for ``.streamlit/secrets.toml``).
"""

from __future__ import annotations

import getpass
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

MAX_FAILURES = 5
LOCKOUT_SECONDS = 15 * 60
_hasher = PasswordHasher()
#: Argon2 takes 64 MiB per check: at most this many run at once, more logins wait their turn
#: (20 parallel attempts took the server from 0.4 to 1.5 GB, issue 11).
MAX_PARALLEL_CHECKS = 2
_checking = threading.BoundedSemaphore(MAX_PARALLEL_CHECKS)


def hash_password(password: str) -> str:
    """Salted Argon2id hash of ``password``."""
    return _hasher.hash(password)


def check_password(editors: Mapping[str, str], user: str, password: str) -> bool:
    """True if ``user`` is an editor and ``password`` matches; constant work for unknown users."""
    stored = editors.get(user)
    try:
        with _checking:
            return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerificationError, InvalidHashError):
        return False


_DUMMY = _hasher.hash("dummy password for unknown users")


@dataclass
class LoginGuard:
    """Counts failed logins per user name; locks the name for a while after ``MAX_FAILURES``."""

    failures: dict[str, list[float]] = field(default_factory=dict)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def locked_for(self, user: str, now: float | None = None) -> float:
        """Seconds until ``user`` may try again (0 when not locked)."""
        now = time.time() if now is None else now
        with self.lock:
            recent = [t for t in self.failures.get(user, []) if now - t < LOCKOUT_SECONDS]
            self.failures[user] = recent
            return LOCKOUT_SECONDS - (now - recent[-MAX_FAILURES]) if len(recent) >= MAX_FAILURES else 0.0

    def record(self, user: str, success: bool, now: float | None = None) -> None:
        with self.lock:
            if success:
                self.failures.pop(user, None)
            else:
                self.failures.setdefault(user, []).append(time.time() if now is None else now)

    def login(self, editors: Mapping[str, str], user: str, password: str, now: float | None = None) -> str:
        """ "ok", "locked" or "wrong"; a locked name is refused without checking the password."""
        if self.locked_for(user, now) > 0:
            return "locked"
        ok = check_password(editors, user, password)
        self.record(user, ok, now)
        return "ok" if ok else "wrong"


if __name__ == "__main__":
    name = input("Benutzername: ").strip()
    secret = getpass.getpass("Passwort: ")
    print("[editors]")
    print(f'{name} = "{hash_password(secret)}"')
