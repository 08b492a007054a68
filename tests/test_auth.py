"""Editor login: salted hashes, attempts counted before hashing, lock-out with a recovery code, bounded hashing."""

import threading

import pytest

from geo.storage import auth, migrate, store


@pytest.fixture
def guard(tmp_path):
    engine = store.make_engine(f"sqlite:///{tmp_path / 'auth.sqlite3'}")
    migrate.upgrade(engine)
    yield auth.LoginGuard(engine)
    engine.dispose()


@pytest.fixture
def checks(monkeypatch):
    """Counts Argon2 verifications (and the most that ran at the same time)."""
    seen = {"calls": 0, "running": 0, "most": 0}
    lock = threading.Lock()
    real = auth._hasher.verify

    def counting(stored, password):
        with lock:
            seen["calls"] += 1
            seen["running"] += 1
            seen["most"] = max(seen["most"], seen["running"])
        try:
            return real(stored, password)
        finally:
            with lock:
                seen["running"] -= 1

    monkeypatch.setattr(auth, "_hasher", _Hasher(counting))
    return seen


class _Hasher:
    """Stands in for argon2's PasswordHasher (whose attributes are read-only) with a wrapped ``verify``."""

    def __init__(self, verify):
        self.verify = verify


EDITORS = {"anna": auth.hash_password("geheim")}
RECOVERY = {"anna": auth.hash_password("CODE1-CODE2")}


def test_hash_is_salted_and_verifies():
    first, second = auth.hash_password("geheim"), auth.hash_password("geheim")
    assert first != second and first.startswith("$argon2")
    editors = {"anna": first}
    assert auth.check_password(editors, "anna", "geheim")
    assert not auth.check_password(editors, "anna", "falsch")
    assert not auth.check_password(editors, "ben", "geheim")
    assert not auth.check_password({"anna": "kein-hash"}, "anna", "geheim")


@pytest.mark.hostile
def test_a_locked_name_is_refused_without_hashing_but_its_owner_gets_in_with_the_recovery_code(guard, checks):
    for i in range(auth.MAX_FAILURES):
        assert guard.login(EDITORS, "anna", "falsch", client=f"10.0.0.{i}", now=1000.0) == "wrong"
    calls = checks["calls"]
    assert guard.login(EDITORS, "anna", "geheim", client="10.0.1.1", now=1001.0) == "locked"  # even the right one
    assert checks["calls"] == calls  # refused before any hash was checked
    assert guard.login(EDITORS, "anna", "geheim", "10.0.1.1", recovery_code="FALSCH", recovery=RECOVERY) == "wrong"
    assert guard.login(EDITORS, "anna", "falsch", "10.0.1.1", recovery_code="CODE1-CODE2", recovery=RECOVERY) == "wrong"
    assert (
        guard.login(EDITORS, "anna", "geheim", "10.0.1.1", recovery_code="CODE1-CODE2", recovery=RECOVERY, now=1002.0)
        == "ok"
    )
    assert guard.attempts("name", "anna", now=1003.0) == 0  # the owner's login ends the lock


def test_the_lock_ends_after_the_window(guard):
    for _ in range(auth.MAX_FAILURES):
        guard.login(EDITORS, "anna", "falsch", client="10.0.0.1", now=1000.0)
    assert guard.login(EDITORS, "anna", "geheim", client="10.0.0.2", now=1001.0) == "locked"
    assert guard.login(EDITORS, "anna", "geheim", client="10.0.0.2", now=1000.0 + auth.LOCKOUT_SECONDS + 1) == "ok"


@pytest.mark.hostile
def test_one_client_trying_many_names_is_throttled_before_hashing(guard, checks):
    outcomes = [guard.login(EDITORS, f"name{i}", "x", client="2001:db8::1", now=1000.0) for i in range(30)]
    assert outcomes.count("wrong") == auth.MAX_CLIENT_ATTEMPTS
    assert outcomes.count("throttled") == 30 - auth.MAX_CLIENT_ATTEMPTS
    assert checks["calls"] == auth.MAX_CLIENT_ATTEMPTS
    # Another address of the same IPv6 /64 is the same client; another network is not.
    assert guard.login(EDITORS, "anna", "geheim", client="2001:db8::ffff", now=1001.0) == "throttled"
    assert guard.login(EDITORS, "anna", "geheim", client="2001:db9::1", now=1001.0) == "ok"


@pytest.mark.hostile
def test_parallel_logins_hash_at_most_two_at_a_time(guard, checks):
    names = [f"editor{i}" for i in range(12)]
    editors = {n: EDITORS["anna"] for n in names}
    threads = [
        threading.Thread(target=guard.login, args=(editors, n, "falsch"), kwargs={"client": f"10.1.0.{i}"})
        for i, n in enumerate(names)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert checks["calls"] == len(names)
    assert checks["most"] <= auth.VERIFY_SLOTS


def test_names_and_addresses_are_stored_hashed(guard):
    guard.login(EDITORS, "mein-passwort-im-namensfeld", "x", client="192.0.2.7")
    with guard.engine.connect() as conn:
        stored = " ".join(str(v) for row in conn.exec_driver_sql("SELECT * FROM login_attempts") for v in row)
    assert "mein-passwort" not in stored and "192.0.2.7" not in stored


def test_a_reconnect_to_a_process_that_never_saw_the_session_counts_as_moved():
    from ui.login import moved

    assert moved("streamlit, xsrf-token, old-session", "new-session")
    assert not moved("streamlit, xsrf-token, same-session", "same-session")  # resumed on its own process
    assert not moved("streamlit, xsrf-token", "new-session")  # a first connection names no session
    assert not moved("streamlit, xsrf-token, ", "new-session")
    assert not moved(None, "new-session")


SHARED = "203.0.113.7"  # one address for everyone behind a NAT or a proxy without X-Forwarded-For


@pytest.mark.hostile
def test_strangers_on_a_shared_address_do_not_block_the_owners_recovery_code(guard):
    """Issue 25, point 8: 20 wrong logins from one address blocked the owner's recovery path for 15 minutes."""
    for i in range(auth.MAX_CLIENT_ATTEMPTS):
        guard.login(EDITORS, "anna" if i % 2 else f"name{i}", "falsch", client=SHARED, now=1000.0)
    assert guard.login(EDITORS, "anna", "geheim", client=SHARED, now=1001.0) == "throttled"  # password alone
    assert (
        guard.login(EDITORS, "anna", "geheim", SHARED, recovery_code="CODE1-CODE2", recovery=RECOVERY, now=1002.0)
        == "ok"
    )


@pytest.mark.hostile
def test_the_recovery_path_has_bounds_of_its_own(guard, checks, monkeypatch):
    monkeypatch.setattr(auth, "MAX_RECOVERY_CLIENT", 12)  # fewer Argon2 checks; the rule is the same

    def try_code(user, client, now=1000.0):
        return guard.login(EDITORS, user, "geheim", client, recovery_code="RATEN", recovery=RECOVERY, now=now)

    outcomes = [try_code("anna", SHARED) for _ in range(auth.MAX_RECOVERY_ATTEMPTS + 3)]
    assert outcomes.count("wrong") == auth.MAX_RECOVERY_ATTEMPTS and outcomes[-1] == "throttled"
    calls = checks["calls"]
    assert try_code("anna", SHARED) == "throttled" and checks["calls"] == calls  # refused before hashing
    assert try_code("anna", "198.51.100.1") == "wrong"  # another address still gets its own tries
    # one address guessing codes over many names is bounded, too
    many = [try_code(f"name{i}", "192.0.2.9") for i in range(auth.MAX_RECOVERY_CLIENT + 5)]
    assert many.count("throttled") == 5
    assert try_code("anna", SHARED, now=1000.0 + auth.LOCKOUT_SECONDS + 1) == "wrong"  # the window ends
