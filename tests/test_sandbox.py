"""geo.intake.sandbox: a runaway or hungry parse is killed and reported; the calling process stays responsive."""

import multiprocessing
import threading

import pytest

from geo.intake import sandbox
from geo.intake.tablefile import TableFileError, read_table
from geo.regions import resolver
from tests import sandbox_jobs

pytestmark = pytest.mark.hostile


def test_a_runaway_job_is_killed_and_reported_while_the_caller_keeps_working():
    outcome = {}

    def call():
        try:
            sandbox.run(sandbox_jobs.stall_in_c, timeout=5)
        except sandbox.SandboxError as exc:
            outcome["error"] = exc

    worker = threading.Thread(target=call)
    worker.start()
    # The stalled C call holds the lock of the child's interpreter, not ours: we keep resolving.
    assert resolver.resolve("Landkreis Uckermark").ags == ["12073"]
    assert worker.is_alive()
    worker.join(timeout=60)
    assert not worker.is_alive()
    assert isinstance(outcome["error"], sandbox.SandboxTimeout)
    assert "länger als 5 Sekunden" in str(outcome["error"])
    assert multiprocessing.active_children() == []  # the child was killed and reaped


def test_a_job_beyond_its_memory_bound_is_reported_not_fatal():
    with pytest.raises(sandbox.SandboxMemory, match="zu viel Arbeitsspeicher"):
        sandbox.run(sandbox_jobs.allocate, 2048, memory_mb=300)
    assert sandbox.run(sandbox_jobs.allocate, 10, memory_mb=300) == 10 * 1024 * 1024


def test_the_parsers_own_errors_come_back_as_they_are():
    with pytest.raises(TableFileError, match="Die Datei ist leer"):
        sandbox.run(read_table, b"   ", "leer.csv", expected=(TableFileError,))


def test_a_crash_is_reported_with_its_stack_but_without_the_message():
    with pytest.raises(sandbox.SandboxCrash) as caught:
        sandbox.run(sandbox_jobs.fail_on, "Anna Beispiel, anna@example.org")
    assert "KeyError" in caught.value.report
    assert "fail_on" in caught.value.report
    assert "Anna" not in caught.value.report and "Anna" not in str(caught.value)
