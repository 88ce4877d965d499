"""Files written before the store went through TinyDB's own API open unchanged.

``fixtures/schema2-demo.json`` is a demo team (2 reps, a quarter of a year, seed 7, today
2026-11-27) written by the store as it was at commit 94d20f5, when it used TinyDB only as a
``Storage`` base class: schema 2, one table per line, the open records in the main tables,
the marker, then the partitions of each rep's history. The store opens it without a
migration or a write, reads every record as stock TinyDB reads it, and what it writes stock
TinyDB reads back.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path
from typing import Any

import pendulum
import pytest
from tinydb import TinyDB

from oneonone.core import codec, model
from oneonone.core.model import Commitment, Owner, Rep, Session
from oneonone.core.store import SCHEMA_VERSION, Store, files
from oneonone.core.store.tables import SEPARATOR

FIXTURE = Path(__file__).parent / "fixtures" / "schema2-demo.json"
KINDS = [
    cls
    for cls in vars(model).values()
    if isinstance(cls, type) and dataclasses.is_dataclass(cls) and hasattr(cls, "TABLE")
]


def stock_documents(path: Path) -> dict[str, list[dict[str, Any]]]:
    """Table kind (the partitions folded into their kind) -> documents, as stock TinyDB
    reads them, sorted by record id."""
    found: dict[str, list[dict[str, Any]]] = {}
    db = TinyDB(path, access_mode="r")
    try:
        for name in db.tables():
            kind = name.split(SEPARATOR, 1)[0]
            if name == "~" or kind == "meta":  # the marker before the partitions; no records
                continue
            found.setdefault(kind, []).extend(dict(doc) for doc in db.table(name).all())
    finally:
        db.close()
    return {kind: sorted(docs, key=lambda d: str(d.get("id"))) for kind, docs in found.items()}


def as_today(documents: dict[str, list[dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    """The documents as today's model encodes them: a field added since the fixture was
    written (with its default) is in them, every other value as it is in the file."""
    classes = {cls.TABLE: cls for cls in KINDS}
    return {
        kind: [codec.encode(codec.decode(classes[kind], doc)) for doc in docs]
        for kind, docs in documents.items()
    }


def store_documents(store: Store) -> dict[str, list[dict[str, Any]]]:
    """The same, as the store reads and decodes them (then encoded again to compare)."""
    found = {}
    for cls in KINDS:
        docs = [codec.encode(record) for record in store.all(cls)]
        if docs:
            found[cls.TABLE] = sorted(docs, key=lambda d: str(d.get("id")))
    return found


@pytest.fixture
def old_file(tmp_path: Path) -> Path:
    path = tmp_path / "data" / "oneonone.json"
    path.parent.mkdir()
    shutil.copy(FIXTURE, path)
    return path


def test_the_fixture_is_in_the_layout_the_store_writes() -> None:
    raw = FIXTURE.read_bytes()
    lines = raw.split(b"\n")
    assert lines[0] == b'{"meta": {"1": {"schema_version": 2}},'
    assert b'\n"~": {},\n' in raw
    assert any(line.startswith(b'"sessions~') for line in lines)
    assert any(line.startswith(b'"commitments~') for line in lines)


def test_an_old_file_opens_unchanged_and_every_record_reads_as_stock_tinydb_reads_it(
    old_file: Path,
) -> None:
    before = old_file.read_bytes()
    expected = stock_documents(old_file)
    assert {"reps", "sessions", "commitments", "agreements"} <= set(expected)
    with Store.open(old_file) as store:
        assert store.schema_version() == SCHEMA_VERSION
        assert store.last_backup is None  # no migration
        assert store_documents(store) == as_today(expected)
        for kind, docs in as_today(expected).items():
            cls = next(c for c in KINDS if kind == c.TABLE)
            for doc in docs:
                found = store.get(cls, doc["id"], rep_id=doc.get("rep_id"))
                assert found is not None and codec.encode(found) == doc
                assert store.get(cls, doc["id"]) == found  # without the rep: every table
        assert not store.has_unsaved
    assert old_file.read_bytes() == before  # opened, read, closed: not written
    assert files.list_backups(files.backups_folder(old_file), old_file) == []


def test_what_the_store_writes_to_an_old_file_stock_tinydb_reads(old_file: Path) -> None:
    expected = stock_documents(old_file)
    with Store.open(old_file) as store:
        rep = store.all(Rep)[0]
        renamed = dataclasses.replace(rep, name="Renamed Rep")
        closed = next(s for s in store.where(Session, rep_id=rep.id) if s.closed)
        commitment = Commitment(
            rep_id=rep.id,
            owner=Owner.REP,
            text="Send the \N{SNOWMAN} deck",
            due=pendulum.Date(2026, 12, 4),
            session_id=closed.id,
        )
        store.put_many([renamed, commitment, dataclasses.replace(closed, notes="more")])
        assert store.last_backup is not None  # the run's backup, before the first write

    raw = old_file.read_bytes()
    json.loads(raw)
    assert raw.startswith(b'{"meta": {"1": {"schema_version": 2}},\n')
    after = stock_documents(old_file)
    expected["reps"] = [codec.encode(renamed) if d["id"] == rep.id else d for d in expected["reps"]]
    expected["commitments"] = sorted(
        [*expected["commitments"], codec.encode(commitment)], key=lambda d: str(d["id"])
    )
    expected["sessions"] = [
        codec.encode(dataclasses.replace(closed, notes="more")) if d["id"] == closed.id else d
        for d in expected["sessions"]
    ]
    assert as_today(after) == as_today(expected)
    with Store.open(old_file) as store:  # and the store reads back what it wrote
        assert store_documents(store) == as_today(expected)

    # Stock TinyDB writing to the file (its own layout, on one line) keeps it ours to read.
    db = TinyDB(old_file)
    try:
        added = Rep(name="Added by stock TinyDB", start_date=pendulum.Date(2026, 1, 5))
        db.table("reps").insert(codec.encode(added))
    finally:
        db.close()
    with Store.open(old_file) as store:
        assert "Added by stock TinyDB" in {r.name for r in store.all(Rep)}
        assert len(store.all(Session)) == len(expected["sessions"])
