"""A damaged data file is refused with the store's own error, and never written to."""

from __future__ import annotations

import contextlib
import json
import tempfile
from functools import cache
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone.core.model import RECORD_TYPES, Agreement, Rep
from oneonone.core.store import (
    SCHEMA_VERSION,
    DamagedRecord,
    DamagedTable,
    Store,
    StoreError,
    UnreadableFile,
    files,
)
from tests.core.core_support import sha256, write_sample

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@cache
def valid_bytes() -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        return write_sample(Path(tmp) / "oneonone.json").read_bytes()


def _truncate(raw: bytes, at: int) -> bytes:
    return raw[: at % (len(raw) + 1)]


def _flip(raw: bytes, flips: list[tuple[int, int]]) -> bytes:
    data = bytearray(raw)
    for pos, bit in flips:
        data[pos % len(data)] ^= 1 << bit
    return bytes(data)


def _splice(raw: bytes, at: int, junk: bytes) -> bytes:
    at %= len(raw) + 1
    return raw[:at] + junk + raw[at + len(junk) :]


damaged = st.one_of(
    st.integers(min_value=0).map(lambda n: _truncate(valid_bytes(), n)),
    st.lists(st.tuples(st.integers(min_value=0), st.integers(0, 7)), min_size=1, max_size=8).map(
        lambda flips: _flip(valid_bytes(), flips)
    ),
    st.binary(max_size=400),
    st.tuples(st.integers(min_value=0), st.binary(min_size=1, max_size=16)).map(
        lambda t: _splice(valid_bytes(), *t)
    ),
)


def _open_checked(path: Path) -> None:
    """Open ``path``: success, or a ``StoreError`` that names it and left it untouched."""
    before = sha256(path)
    try:
        store = Store.open(path)
    except StoreError as exc:
        assert str(path) in str(exc)
        assert sha256(path) == before
        assert not files.backups_folder(path).exists()  # nothing was written anywhere
        return
    with store:
        for cls in RECORD_TYPES:
            with contextlib.suppress(DamagedTable):
                store.all(cls)


@SETTINGS
@given(damaged)
def test_damaged_file_opens_or_is_refused_cleanly(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "oneonone.json"
        path.write_bytes(raw)
        _open_checked(path)
        # Whatever happened, the lock was released: a second open behaves the same.
        _open_checked(path)


def test_valid_sample_opens() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "oneonone.json"
        path.write_bytes(valid_bytes())
        with Store.open(path) as store:
            assert len(store.all(Rep)) == 3
            assert store.settings().manager_name == "Maya"
            assert len(store.all(Agreement)) == 1


CASES = {
    "empty": (b"", "empty"),
    "whitespace": (b"  \n\t \n", "blank space"),
    "not json": (b"hello, world", "not valid JSON"),
    "truncated": (b'{"meta": {"1": {"schema_version": 1}}, "reps": {"1": {"na', "truncated"),
    "not utf-8": (b'{"meta": "\xff\xfe"}', "not UTF-8"),
    "json list": (b"[]", "JSON list"),
    "json string": (b'"oneonone"', "JSON str"),
    "table is a list": (b'{"meta": {"1": {"schema_version": 1}}, "reps": []}', "'reps'"),
    "doc key not a number": (
        b'{"meta": {"1": {"schema_version": 1}}, "reps": {"a": {}}}',
        "not a number",
    ),
    "doc key a non-ascii digit": (
        '{"meta": {"1": {"schema_version": 1}}, "reps": {"\u00b2": {}}}'.encode(),
        "not a number",
    ),
    "doc not an object": (b'{"meta": {"1": {"schema_version": 1}}, "reps": {"1": 3}}', "reps"),
    "schema_version a string": (b'{"meta": {"1": {"schema_version": "1"}}}', "schema_version"),
    "schema_version zero": (b'{"meta": {"1": {"schema_version": 0}}}', "schema_version"),
    "schema_version true": (b'{"meta": {"1": {"schema_version": true}}}', "schema_version"),
    "meta without version": (b'{"meta": {"1": {}}}', "schema_version"),
    "newer schema": (
        json.dumps({"meta": {"1": {"schema_version": SCHEMA_VERSION + 1}}}).encode(),
        "newer oneonone",
    ),
    "huge number": (
        b'{"meta": {"1": {"schema_version": 1}}, "reps": {"1": {"n": ' + b"9" * 5000 + b"}}}",
        "",
    ),
    "nested too deeply": (b"[" * 100_000, ""),
}


@pytest.mark.parametrize(("raw", "words"), list(CASES.values()), ids=list(CASES))
def test_explicit_damage_is_refused(data_file: Path, raw: bytes, words: str) -> None:
    data_file.parent.mkdir()
    data_file.write_bytes(raw)
    with pytest.raises(UnreadableFile) as caught:
        Store.open(data_file)
    message = str(caught.value)
    assert message.startswith(f"Cannot open {data_file}")
    assert words in message
    assert "Nothing was written to it" in message
    assert "There is no backup of it" in message
    assert caught.value.newest_backup is None
    assert data_file.read_bytes() == raw
    assert not files.backups_folder(data_file).exists()
    # The failed open released the lock: a good file opens at once.
    data_file.write_bytes(valid_bytes())
    Store.open(data_file).close()


def test_a_folder_where_the_file_should_be_is_refused(data_file: Path) -> None:
    data_file.mkdir(parents=True)
    with pytest.raises(StoreError) as caught:
        Store.open(data_file)
    assert str(data_file) in str(caught.value)
    assert "folder" in str(caught.value)


def test_error_names_the_newest_backup(sample_file: Path) -> None:
    for name in ("Eve", "Fay"):  # two runs, each with a write: two backups
        with Store.open(sample_file) as store:
            rep = store.get(Rep, "rep-ann")
            assert rep is not None
            rep.role = name
            store.put(rep)
    backups = files.list_backups(files.backups_folder(sample_file), sample_file)
    assert len(backups) == 2
    sample_file.write_bytes(sample_file.read_bytes()[:-5])
    with pytest.raises(UnreadableFile) as caught:
        Store.open(sample_file)
    assert caught.value.newest_backup == backups[-1]
    assert str(backups[-1]) in str(caught.value)
    assert "oneonone restore" in str(caught.value)
    # The named backup is whole: it is the state before the last run.
    reps = json.loads(backups[-1].read_bytes())["reps"]
    assert {doc["role"] for doc in reps.values() if doc["id"] == "rep-ann"} == {"Eve"}


def test_newer_schema_error_names_the_backup_too(sample_file: Path) -> None:
    with Store.open(sample_file) as store:
        store.put(Rep(name="Gus", start_date=pendulum.Date(2026, 1, 1)))
    newest = files.newest_backup(files.backups_folder(sample_file), sample_file)
    assert newest is not None
    tables = json.loads(sample_file.read_bytes())
    tables["meta"] = {"1": {"schema_version": SCHEMA_VERSION + 5}}
    sample_file.write_text(json.dumps(tables))
    before = sha256(sample_file)
    with pytest.raises(UnreadableFile) as caught:
        Store.open(sample_file)
    assert "newer oneonone" in str(caught.value)
    assert f"schema {SCHEMA_VERSION + 5}" in str(caught.value)
    assert str(newest) in str(caught.value)
    assert sha256(sample_file) == before


def _with_damaged_rep(path: Path, **changes: object) -> None:
    tables = json.loads(path.read_bytes())
    for doc in tables["reps"].values():
        if doc["id"] == "rep-ann":
            doc.update(changes)
            for key in [k for k, v in changes.items() if v is _MISSING]:
                del doc[key]
    path.write_text(json.dumps(tables))


class _Missing:
    """A key left out of the record (a stable repr: test ids must match across workers)."""

    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()


@pytest.mark.parametrize(
    "changes",
    [
        {"start_date": "2026-02-30"},
        {"start_date": 20260101},
        {"start_date": _MISSING},
        {"name": None},
        {"status": "promoted"},
        {"created_at": "2026-01-01T10:00:00"},  # no offset
        {"created_at": "yesterday"},
        {"departed_on": [2026, 1, 1]},
    ],
    ids=lambda c: "-".join(f"{k}={v!r}" for k, v in c.items()),
)
def test_a_damaged_record_is_named_and_left_out(sample_file: Path, changes: dict) -> None:
    _with_damaged_rep(sample_file, **changes)
    with Store.open(sample_file) as store:  # the file itself is fine
        assert {r.id for r in store.all(Rep)} == {"rep-bob", "rep-cy"}
        assert store.get(Rep, "rep-ann") is None
        assert "rep-ann" not in {r.id for r in store.where(Rep, role="AE")}
        (damaged,) = store.damaged  # named once, however often it is met
        assert isinstance(damaged, DamagedRecord)
        assert "rep-ann" in str(damaged) and "'reps'" in str(damaged)
        assert "left out" in str(damaged)
        # Other records still read.
        bob = store.get(Rep, "rep-bob")
        assert bob is not None
        assert bob.name == "Bob Øster"
        assert len(store.all(Agreement)) == 1
