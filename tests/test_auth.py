"""Editor login: salted hashes, wrong passwords, lock-out."""

from geo import auth


def test_hash_is_salted_and_verifies():
    first, second = auth.hash_password("geheim"), auth.hash_password("geheim")
    assert first != second and first.startswith("$argon2")
    editors = {"anna": first}
    assert auth.check_password(editors, "anna", "geheim")
    assert not auth.check_password(editors, "anna", "falsch")
    assert not auth.check_password(editors, "ben", "geheim")
    assert not auth.check_password({"anna": "kein-hash"}, "anna", "geheim")


def test_lockout_after_repeated_failures_then_release():
    guard = auth.LoginGuard()
    editors = {"anna": auth.hash_password("geheim")}
    for _ in range(auth.MAX_FAILURES):
        assert guard.login(editors, "anna", "falsch", now=1000.0) == "wrong"
    assert guard.login(editors, "anna", "geheim", now=1001.0) == "locked"  # even the right password
    assert guard.login(editors, "anna", "geheim", now=1000.0 + auth.LOCKOUT_SECONDS + 1) == "ok"
    assert guard.locked_for("anna", now=1000.0 + auth.LOCKOUT_SECONDS + 2) == 0
