"""Editor accounts: salted Argon2 password hashes, login throttling in the database, recovery codes.

Accounts live in Streamlit secrets (``[editors]`` table: user name → hash; ``[recovery]``: user
name → hash of a recovery code). ``python -m geo.storage.auth`` asks for name and password and prints both
lines for ``.streamlit/secrets.toml``, with a fresh recovery code shown once.

Throttling (issue 11): every attempt is counted BEFORE any hash is checked, atomically in the
database, so several app processes share the counts and 60 parallel tries cannot slip past the
limit. Two counters per attempt:

* per user name: after ``MAX_FAILURES`` attempts in ``LOCKOUT_SECONDS`` the name is locked — but its
  owner still gets in with the password plus the per-editor recovery code, so a stranger who tries a
  name cannot lock its owner out;
* per client (IP address, IPv6 per /64): after ``MAX_CLIENT_ATTEMPTS`` the client is refused for every
  name — for password-only attempts.

An attempt with a recovery code does not depend on the client counter (issue 25: behind NAT or a proxy
everyone shares one address, and 20 wrong logins from it locked the owner's recovery path too). It has
bounds of its own: ``MAX_RECOVERY_ATTEMPTS`` per name and client, and ``MAX_RECOVERY_CLIENT`` per client
for all names, which bound guessing codes and the Argon2 work the recovery path can cause.

Argon2 verification is memory-heavy (64 MiB each), so at most ``VERIFY_SLOTS`` run at once per process.
"""

from __future__ import annotations

import getpass
import ipaddress
import secrets
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy.engine import Engine

from geo.storage import ratelimit

MAX_FAILURES = 5
MAX_CLIENT_ATTEMPTS = 20
MAX_RECOVERY_ATTEMPTS = 5
MAX_RECOVERY_CLIENT = 60
LOCKOUT_SECONDS = 15 * 60
VERIFY_SLOTS = 2
VERIFY_WAIT_SECONDS = 30
_hasher = PasswordHasher()
_verifications = threading.BoundedSemaphore(VERIFY_SLOTS)


class Busy(RuntimeError):
    """No verification slot became free in time; nothing was checked."""


def hash_password(password: str) -> str:
    """Salted Argon2id hash of ``password``."""
    return _hasher.hash(password)


def _verify(stored: str, password: str) -> bool:
    """One Argon2 check, at most ``VERIFY_SLOTS`` at a time in this process (each needs 64 MiB)."""
    if not _verifications.acquire(timeout=VERIFY_WAIT_SECONDS):
        raise Busy("Anmeldung gerade ausgelastet")
    try:
        return _hasher.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return False
    finally:
        _verifications.release()


def check_password(editors: Mapping[str, str], user: str, password: str) -> bool:
    """True if ``user`` is an editor and ``password`` matches; constant work for unknown users."""
    stored = editors.get(user)
    return _verify(stored or _DUMMY, password) and stored is not None


_DUMMY = _hasher.hash("dummy password for unknown users")


def client_key(address: str | None) -> str:
    """The throttling unit of a client address: the IPv4 address, the /64 network of an IPv6 one."""
    if not isinstance(address, str) or not address:
        return "local"  # Streamlit gives no address for connections from localhost
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address[:64]
    if ip.version == 6:
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


@dataclass
class LoginGuard:
    """Login with attempt counts per user name and per client in the database (shared by all processes)."""

    engine: Engine
    max_failures: int = MAX_FAILURES
    max_client_attempts: int = MAX_CLIENT_ATTEMPTS
    window: float = LOCKOUT_SECONDS

    def login(
        self,
        editors: Mapping[str, str],
        user: str,
        password: str,
        client: str | None = None,
        recovery_code: str = "",
        recovery: Mapping[str, str] | None = None,
        now: float | None = None,
    ) -> str:
        """ "ok", "wrong", "locked" (the name), "throttled" (the client) or "busy".

        Every attempt is reserved in the database before any hash is checked; a refused attempt costs
        no hashing. A locked name is opened only by its password together with its recovery code.
        """
        now = time.time() if now is None else now
        client_id = ("client", _digest(client_key(client)))
        name_id = ("name", _digest(user))
        with_code = bool(recovery_code)
        if with_code:  # its own bounds, whatever the client counter of password attempts says
            pair = ("recovery", _digest(f"{client_key(client)}\n{user}"))
            if not self._reserve("rec_addr", client_id[1], MAX_RECOVERY_CLIENT, now):
                return "throttled"
            if not self._reserve(*pair, MAX_RECOVERY_ATTEMPTS, now):
                return "throttled"
        elif not self._reserve(*client_id, self.max_client_attempts, now):
            return "throttled"
        elif not self._reserve(*name_id, self.max_failures, now):
            return "locked"
        try:
            if with_code:
                stored_code = (recovery or {}).get(user)
                code_ok = _verify(stored_code or _DUMMY, recovery_code) and stored_code is not None
                ok = code_ok and check_password(editors, user, password)
            else:
                ok = check_password(editors, user, password)
        except Busy:
            return "busy"
        if ok:
            self._clear(*name_id)
            self._clear(*client_id)
            return "ok"
        return "wrong"

    def attempts(self, kind: str, subject: str, now: float | None = None) -> int:
        """Attempts counted in the current window for a user name or client address (0 when none)."""
        now = time.time() if now is None else now
        key = client_key(subject) if kind == "client" else subject
        return ratelimit.count(self.engine, kind, _digest(key), self.window, now)

    def _reserve(self, kind: str, subject: str, limit: int, now: float) -> bool:
        """Count one attempt atomically in the database (see :func:`geo.storage.ratelimit.reserve`)."""
        return ratelimit.reserve(self.engine, kind, subject, limit, self.window, now)

    def _clear(self, kind: str, subject: str) -> None:
        ratelimit.clear(self.engine, kind, subject)


def _digest(text: str) -> str:
    """Names and addresses are stored hashed: a password typed into the name field never lands in the database."""
    return ratelimit.digest(text)


def new_recovery_code() -> str:
    """A random recovery code (about 100 bits), grouped for reading aloud."""
    raw = secrets.token_hex(13)[:25].upper()
    return "-".join(raw[i : i + 5] for i in range(0, 25, 5))


if __name__ == "__main__":
    name = input("Benutzername: ").strip()
    secret = getpass.getpass("Passwort: ")
    code = new_recovery_code()
    print("[editors]")
    print(f'{name} = "{hash_password(secret)}"')
    print("[recovery]")
    print(f'{name} = "{hash_password(code)}"')
    print(f"\nWiederherstellungscode für {name} (nur jetzt sichtbar, sicher aufbewahren): {code}")
