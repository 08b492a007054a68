"""Parallel login attempts queue for the password check instead of each taking 64 MiB at once (issue 11)."""

import threading

import pytest

from geo import auth

pytestmark = pytest.mark.hostile


def test_parallel_logins_check_at_most_two_passwords_at_once(monkeypatch):
    editors = {"anna": auth.hash_password("richtig")}
    real = auth._hasher
    counter = threading.Lock()
    state = {"active": 0, "peak": 0}

    class CountingHasher:
        def verify(self, stored, password):
            with counter:
                state["active"] += 1
                state["peak"] = max(state["peak"], state["active"])
            try:
                return real.verify(stored, password)
            finally:
                with counter:
                    state["active"] -= 1

    monkeypatch.setattr(auth, "_hasher", CountingHasher())
    start = threading.Barrier(12)
    results = {}

    def attempt(i):
        start.wait()
        results[i] = auth.check_password(editors, "anna", "richtig" if i % 3 == 0 else f"falsch{i}")

    threads = [threading.Thread(target=attempt, args=(i,)) for i in range(12)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert results == {i: i % 3 == 0 for i in range(12)}
    assert 1 <= state["peak"] <= auth.MAX_PARALLEL_CHECKS
