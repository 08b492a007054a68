"""Visitors cannot starve editors' imports (issue 25, point 5): a reserved editor slot, one parse per
session, and XLSX files refused by their declared size before any slot is taken."""

import io
import threading
import zipfile

import openpyxl
import pytest

from geo.config import settings
from geo.intake import sandbox, tablefile
from tests import sandbox_jobs


@pytest.fixture
def visitors_hold_the_public_slots(tmp_path):
    """One parse per public slot, from different visitor sessions, each held until the test lets go."""
    release = tmp_path / "release"
    results: list[object] = []

    def visitor(n: int) -> None:
        try:
            results.append(sandbox.run(sandbox_jobs.hold_until, str(release), 60.0, timeout=60, owner=f"v{n}"))
        except sandbox.SandboxError as exc:
            results.append(exc)

    public, _editors = sandbox._get_pools()
    workers = settings.PARSE_WORKERS.get()
    threads = [threading.Thread(target=visitor, args=(n,)) for n in range(workers)]
    for thread in threads:
        thread.start()
    for _ in range(1000):  # until both have their slot (the public pool is empty)
        if public._value == 0:
            break
        threading.Event().wait(0.01)
    assert public._value == 0
    yield threads
    release.touch()
    for thread in threads:
        thread.join()
    assert results == ["held"] * workers


def test_an_editors_import_runs_while_visitors_hold_every_public_slot(visitors_hold_the_public_slots):
    # timeout=2: without a slot of its own within 2 s the editor's job would end in SandboxBusy
    assert sandbox.run(sandbox_jobs.quick, timeout=2, editor=True, owner="editor") == "done"
    assert all(t.is_alive() for t in visitors_hold_the_public_slots)  # the visitors' parses still hold theirs
    with pytest.raises(sandbox.SandboxBusy):  # a visitor cannot take the editors' slot
        sandbox.run(sandbox_jobs.quick, timeout=0.5, owner="v-other")


def test_one_visitor_gets_one_parse_at_a_time(visitors_hold_the_public_slots):
    with pytest.raises(sandbox.SandboxBusy, match="dieser Sitzung"):  # refused at once, not queued
        sandbox.run(sandbox_jobs.quick, timeout=30, editor=True, owner="v0")


def _xlsx_declaring(rows: int, columns: str = "Z") -> bytes:
    """A tiny workbook whose sheet declares ``A1:{columns}{rows}`` (what a crafted file may claim)."""
    book = openpyxl.Workbook()
    book.active.append(["AGS", "Wert"])
    book.active.append(["01001", 1])
    raw = io.BytesIO()
    book.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b'<dimension ref="A1:B2"/>', f'<dimension ref="A1:{columns}{rows}"/>'.encode())
            dst.writestr(item, data)
    return out.getvalue()


def test_a_visitors_xlsx_declaring_too_many_cells_is_refused_before_a_slot_is_taken(monkeypatch):
    taken = []
    monkeypatch.setattr(sandbox, "_acquire", lambda *a: taken.append(a))
    small = _xlsx_declaring(400, "B")
    tablefile.check_declared_size(small, "ok.xlsx", tablefile.MAX_VISITOR_CELLS)  # a Kreis table passes
    big = _xlsx_declaring(400_000)
    with pytest.raises(tablefile.TableFileError, match="zu groß"):
        tablefile.check_declared_size(big, "gross.xlsx", tablefile.MAX_VISITOR_CELLS)
    assert not taken
