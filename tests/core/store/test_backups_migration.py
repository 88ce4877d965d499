"""Backups (one per run, ten kept, sortable names) and migration of stock TinyDB files."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pendulum
import pytest
import time_machine
from filelock import FileLock
from tinydb import TinyDB

from oneonone.core.model import Rep
from oneonone.core.store import SCHEMA_VERSION, Store, files, lock_path
from tests.core.core_support import sha256


def _backups(path: Path) -> list[Path]:
    return files.list_backups(files.backups_folder(path), path)


def _counter(raw: bytes) -> int:
    reps = json.loads(raw).get("reps", {})
    return next(int(d["role"]) for d in reps.values() if d["id"] == "counter")


def _run(path: Path, value: int, writes: int = 1) -> Store:
    """One run of the app: open, write ``writes`` times, close."""
    store = Store.open(path)
    with store:
        for i in range(writes):
            store.put(
                Rep(
                    name="Counter",
                    start_date=pendulum.Date(2026, 1, 1),
                    role=str(value if i == writes - 1 else -1),
                    id="counter",
                )
            )
    return store


def test_a_new_file_needs_no_backup(data_file: Path) -> None:
    store = _run(data_file, 0, writes=3)
    assert store.last_backup is None
    assert not files.backups_folder(data_file).exists()


def test_one_backup_per_run_not_per_write(data_file: Path) -> None:
    _run(data_file, 0)
    before = data_file.read_bytes()

    store = _run(data_file, 1, writes=5)
    made = _backups(data_file)
    assert len(made) == 1
    assert store.last_backup == made[0]
    assert made[0].name.startswith("oneonone-")
    assert made[0].name.endswith("-run.json")
    assert made[0].read_bytes() == before  # the state before this run's first write

    with Store.open(data_file) as reader:  # a run that only reads makes no backup
        assert reader.get(Rep, "counter") is not None
    assert len(_backups(data_file)) == 1


def test_at_most_ten_backups_are_kept_newest_last(data_file: Path) -> None:
    _run(data_file, 0)
    for value in range(1, 14):
        _run(data_file, value)
    made = _backups(data_file)
    assert len(made) == files.BACKUPS_KEPT == 10
    assert [p.name for p in made] == sorted(p.name for p in made)
    # Kept: the ten newest, each the state before one run, in order.
    assert [_counter(p.read_bytes()) for p in made] == list(range(3, 13))
    assert files.newest_backup(files.backups_folder(data_file), data_file) == made[-1]
    assert sorted(os.listdir(files.backups_folder(data_file))) == [p.name for p in made]


def test_backups_made_in_the_same_instant_keep_their_order(data_file: Path) -> None:
    _run(data_file, 0)
    with time_machine.travel(pendulum.datetime(2026, 5, 1, 12), tick=False):
        made = []
        for value in range(1, 4):
            _run(data_file, value)
            made.append(_backups(data_file)[-1])
        assert len(set(made)) == 3
        assert [_counter(p.read_bytes()) for p in made] == [0, 1, 2]
        assert _backups(data_file) == made
        assert files.newest_backup(files.backups_folder(data_file), data_file) == made[-1]


def test_backups_of_a_sibling_file_are_not_ours(data_file: Path) -> None:
    team = data_file.with_name("team.json")
    sibling = data_file.with_name("team-old.json")
    _run(team, 0)
    _run(team, 1)
    (ours,) = _backups(team)
    _run(sibling, 0)
    for value in range(1, 13):
        _run(sibling, value)
    assert _backups(team) == [ours]  # not pruned by the sibling's runs
    assert ours.exists()
    assert files.newest_backup(files.backups_folder(team), team) == ours
    assert all(p.name.startswith("team-old-") for p in _backups(sibling))
    assert len(_backups(sibling)) == 10
    _run(team, 2)  # our pruning leaves the sibling's backups alone, and keeps ours
    assert len(_backups(team)) == 2
    assert _backups(team)[0] == ours
    assert len(_backups(sibling)) == 10


STOCK = {
    "empty default table": b'{"_default": {}}',
    "empty object": b"{}",
    "stock data": b'{"_default": {"1": {"note": "kept"}}, "things": {"1": {"a": 1}}}',
}


@pytest.mark.parametrize("raw", list(STOCK.values()), ids=list(STOCK))
def test_stock_tinydb_file_is_backed_up_then_migrated(data_file: Path, raw: bytes) -> None:
    data_file.parent.mkdir()
    data_file.write_bytes(raw)
    with Store.open(data_file) as store:
        backup = store.last_backup
        assert backup is not None
        assert "before-migration" in backup.name
        assert backup.read_bytes() == raw
        assert store.schema_version() == SCHEMA_VERSION
        on_disk = json.loads(data_file.read_bytes())
        assert on_disk["meta"] == {"1": {"schema_version": SCHEMA_VERSION}}
        for table, docs in json.loads(raw).items():
            assert on_disk[table] == docs  # nothing of the old file is lost
        # The migration backup is this run's backup: writes add no other.
        store.put(Rep(name="Ann", start_date=pendulum.Date(2026, 1, 5), id="ann"))
        store.put(Rep(name="Bob", start_date=pendulum.Date(2026, 1, 5), id="bob"))
        assert _backups(data_file) == [backup]

    # The file stays a plain TinyDB file: stock TinyDB reads it...
    stock = TinyDB(data_file)
    try:
        assert {"meta", "reps"} <= stock.tables()
        assert sorted(d["name"] for d in stock.table("reps").all()) == ["Ann", "Bob"]
        assert stock.table("meta").all() == [{"schema_version": SCHEMA_VERSION}]
        # ...and what stock TinyDB writes, we read.
        stock.table("reps").insert({**stock.table("reps").all()[0], "id": "cy", "name": "Cy"})
    finally:
        stock.close()
    with Store.open(data_file) as store:
        assert sorted(r.name for r in store.all(Rep)) == ["Ann", "Bob", "Cy"]
        assert store.last_backup is None  # no migration this time
    assert len(_backups(data_file)) == 1


def test_a_current_file_is_not_migrated(sample_file: Path) -> None:
    before = sha256(sample_file)
    with Store.open(sample_file) as store:
        assert store.last_backup is None
        assert store.schema_version() == SCHEMA_VERSION
    assert sha256(sample_file) == before
    assert not files.backups_folder(sample_file).exists()


def test_read_only_open_does_not_migrate(data_file: Path) -> None:
    data_file.parent.mkdir()
    data_file.write_bytes(b'{"_default": {}}')
    # Upgraded in memory only (issue 16: a copy that only reads writes nothing).
    with (
        FileLock(str(lock_path(data_file)), timeout=0),
        Store.open(data_file, allow_read_only=True) as store,
    ):
        assert store.read_only and store.schema_version() == SCHEMA_VERSION
    assert data_file.read_bytes() == b'{"_default": {}}'
    assert not files.backups_folder(data_file).exists()
