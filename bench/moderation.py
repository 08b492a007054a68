"""``python -m bench.moderation``: server time of one rerun of "Meldungen" with many pending reports.

Issue 25, point 4. "before" draws the whole queue as the page did until then (every pending report read
and drawn on each rerun); "after" is the paged queue. Runs the page in Streamlit's AppTest (no browser),
median of ``RERUNS`` reruns, and writes bench/results/moderation.json.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

RERUNS = 3
RESULTS = Path(__file__).resolve().parent / "results" / "moderation.json"


def rerun_seconds(pending: int, whole_queue: bool) -> float:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    from geo.publicreports import reports
    from geo.storage import auth, store
    from tests.test_moderation_queue import fill_queue

    os.environ["NETZWERKATLAS_DB"] = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
    st.cache_resource.clear()
    st.cache_data.clear()
    fill_queue(store.make_engine(), pending)
    paged = reports.page_reports
    if whole_queue:  # the page before issue 25: the whole queue on every rerun
        reports.page_reports = lambda engine, _queue: (reports.list_reports(engine), reports.pending_count(engine))
    try:
        app = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "dashboard.py"), default_timeout=3600)
        app.secrets["editors"] = {"anna": auth.hash_password("x")}
        app.session_state["editor"] = "anna"
        app.run()
        app.switch_page("pages/meldungen.py").run()
        times = []
        for _ in range(RERUNS):
            start = time.perf_counter()
            app.run()
            times.append(time.perf_counter() - start)
        assert not app.exception, app.exception
        return statistics.median(times)
    finally:
        reports.page_reports = paged


def main() -> None:
    cases = [("before", 100, True), ("after", 100, False), ("after", 10_000, False)]
    if "--quick" not in sys.argv:  # the whole queue of 600 took more than 25 minutes for four runs on 2 shared cores
        cases.insert(1, ("before", 600, True))
    figures = {f"{label}_{n}_s": round(rerun_seconds(n, whole), 3) for label, n, whole in cases}
    RESULTS.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, indent=2))


if __name__ == "__main__":
    main()
