"""The history (the partitions after the marker) is known by where it lies in the file, not
held in memory: read again when a table is parsed or written back, and checked then."""

from __future__ import annotations

import errno
import json
import os
import tracemalloc
from pathlib import Path

import pendulum
import pytest

from oneonone.core.model import Rep, Session, SessionKind
from oneonone.core.store import NotSaved, Store, files
from oneonone.core.store.errors import DamagedTable
from oneonone.core.store.tables import Raw, Slice, read_tables

T0 = pendulum.datetime(2026, 3, 2, 9, tz="UTC")


def _history(path: Path, *, weeks: int = 3, notes: str = "", others: int = 0) -> None:
    names = ["Ann", "Bo", *(f"Rep{i}" for i in range(others))]
    reps = [Rep(name=n, start_date=pendulum.date(2024, 1, 1), id=n.lower()) for n in names]
    sessions = [
        Session(
            rep_id=rep.id,
            kind=SessionKind.REGULAR,
            started_at=T0.add(weeks=w),
            closed=True,
            notes=f"{notes} {rep.id} week {w}",
            id=f"{rep.id}-s{w}",
        )
        for rep in reps
        for w in range(weeks)
    ]
    with Store.open(path) as store:
        store.put_many([*reps, *sessions])


def _change_in_place(path: Path, old: bytes, new: bytes) -> None:
    """Another program rewrites part of the file where it lies (same length, new mtime)."""
    raw = path.read_bytes()
    assert raw.count(old) == 1 and len(old) == len(new)
    with open(path, "r+b") as f:
        f.seek(raw.index(old))
        f.write(new)
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))


def test_the_history_is_read_without_holding_the_file(data_file: Path) -> None:
    _history(data_file, weeks=20, notes="x" * 2_000, others=8)
    size = data_file.stat().st_size
    assert size > 400_000
    with Store.open(data_file) as store:
        tables = store.storage.read()
        assert tables is not None
        tracemalloc.start()
        try:
            tables.complete()
            assert len(tables.peek("sessions~bo")) == 20  # parsed for a scan, not kept
            held, peak = tracemalloc.get_traced_memory()
        finally:
            tracemalloc.stop()
        assert type(dict.get(tables, "sessions~bo")) is Raw
        assert isinstance(tables.texts["sessions~bo"], Slice)
    # Before, the file's text after the marker was held whole, and read twice over at the peak.
    assert held < size * 0.1, (held, size)
    assert peak < size * 0.5, (peak, size)


def test_a_history_changed_in_place_is_named_not_misread(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    _history(path)
    with open(path, "rb") as handle:
        tables = read_tables(path, tmp_path / "backups")
        assert tables is not None
        tables.complete()
        _change_in_place(path, b"ann week 1", b"ann WEEK 1")
        assert len(tables.peek("sessions~bo")) == 3  # unchanged where it lies: its CRC holds
        with pytest.raises(DamagedTable) as caught:
            tables.peek("sessions~ann")
        assert "changed the file in place" in str(caught.value)
        tables.close()
    assert handle.closed


def test_a_failed_save_keeps_the_history_in_memory_until_written(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _history(data_file)
    real_write = files.atomic_write_bytes

    def disk_full(path: Path, payload: files.Payload) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    with Store.open(data_file) as store:
        monkeypatch.setattr(files, "atomic_write_bytes", disk_full)
        cy = Rep(name="Cy", start_date=pendulum.date(2024, 1, 1), id="cy")
        with pytest.raises(NotSaved):
            store.put(cy)
        # Before the retry, another program rewrites the history in place: the retry writes
        # the history as this copy read it (theirs is kept as a backup), not a broken file.
        _change_in_place(data_file, b"ann week 1", b"ann WEEK 1")
        monkeypatch.setattr(files, "atomic_write_bytes", real_write)
        store.save_pending()
        assert any("kept as" in notice for notice in store.take_notices())
    data = json.loads(data_file.read_bytes())
    notes = sorted(doc["notes"] for doc in data["sessions~ann"].values())
    assert notes == [" ann week 0", " ann week 1", " ann week 2"]
    assert "cy" in {doc["id"] for doc in data["reps"].values()}


def test_a_save_copies_the_history_as_read_or_refuses(tmp_path: Path) -> None:
    path = tmp_path / "data.json"
    _history(path)
    raw = path.read_bytes()
    with open(path, "rb"):
        tables = read_tables(path, tmp_path / "backups")
        tables.complete()
        ann, bo = tables.texts["sessions~ann"], tables.texts["sessions~bo"]
        assert isinstance(ann, Slice) and isinstance(bo, Slice)
        copied = files.write_temp(path, [b"<", ann, b">"])  # the file unchanged: copied
        assert Path(copied).read_bytes() == b"<" + raw[ann.start : ann.end] + b">"
        _change_in_place(path, b"bo week 1", b"bo WEEK 1")
        checked = files.write_temp(path, [ann])  # changed elsewhere: read, and its CRC holds
        assert Path(checked).read_bytes() == raw[ann.start : ann.end]
        with pytest.raises(OSError, match="changed the file in place"):
            files.write_temp(path, [bo])
        tables.close()


def test_where_the_file_cannot_be_read_by_place_the_history_is_held(
    data_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from oneonone.core.store import tables as tables_module

    monkeypatch.setattr(tables_module, "BY_PLACE", False)  # as on Windows
    _history(data_file)
    with Store.open(data_file) as store:
        tables = store.storage.read()
        assert tables is not None
        tables.complete()
        assert isinstance(tables.texts["sessions~bo"], memoryview)
        assert tables._source is None  # the file is not kept open: Windows could not save
        assert len(store.where(Session, rep_id="ann")) == 3
        store.put(Rep(name="Cy", start_date=pendulum.date(2024, 1, 1), id="cy"))
    with Store.open(data_file) as store:
        assert len(store.all(Session)) == 6
        assert len(store.all(Rep)) == 3
