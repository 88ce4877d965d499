"""records.py: the store is a TinyDB, its tables TinyDB tables found by record id, its lock
a TinyDB middleware."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import pendulum
import pytest
from tinydb import Query, TinyDB
from tinydb.middlewares import Middleware
from tinydb.table import Table

from oneonone.core.model import Rep
from oneonone.core.store import ReadOnly, Store
from oneonone.core.store.records import Database, OneWriter, RecordTable, matching
from oneonone.core.store.storage import SafeJSONStorage


def rep(name: str, **kwargs: object) -> Rep:
    return Rep(name=name, start_date=pendulum.Date(2024, 1, 8), **kwargs)  # type: ignore[arg-type]


def test_the_store_is_a_tinydb_with_record_tables_and_a_lock_middleware(data_file: Path) -> None:
    with Store.open(data_file) as store:
        assert isinstance(store.db, Database) and isinstance(store.db, TinyDB)
        assert isinstance(store.db.storage, OneWriter) and isinstance(store.db.storage, Middleware)
        assert isinstance(store.db.file, SafeJSONStorage) and store.storage is store.db.file
        table = store.db.table("reps")
        assert isinstance(table, RecordTable) and isinstance(table, Table)
        store.put_many([rep("Ann"), rep("Bo")])
        # What the store wrote, TinyDB's own queries find.
        found = table.search(Query().name == "Bo")
        assert [doc["name"] for doc in found] == ["Bo"] and found[0].doc_id == 2


def test_a_record_is_upserted_by_its_id_under_tinydb_document_ids(data_file: Path) -> None:
    ann, bo = rep("Ann"), rep("Bo")
    with Store.open(data_file) as store:
        store.put_many([ann, bo])
        store.put(dataclasses.replace(ann, name="Ann Lee"))
        table = store.db.records("reps")
        assert table.find(ann.id) == {
            **json.loads(json.dumps(table.find(ann.id))),
            "name": "Ann Lee",
        }
        assert [doc.doc_id for doc in table.all()] == [1, 2]  # replaced in place, not added
        table.discard(bo.id)
        store.put(rep("Cy"))
        assert [doc.doc_id for doc in table.all()] == [1, 3]  # TinyDB never reuses an id
    raw = json.loads(data_file.read_bytes())
    assert sorted(raw["reps"]) == ["1", "3"]
    assert {doc["name"] for doc in raw["reps"].values()} == {"Ann Lee", "Cy"}


def test_the_id_index_follows_the_file_when_another_program_changes_it(data_file: Path) -> None:
    ann = rep("Ann")
    with Store.open(data_file) as store:
        store.put(ann)
        assert store.get(Rep, ann.id) is not None
        data = json.loads(data_file.read_bytes())
        other = rep("Other")
        data["reps"] = {"7": {**data["reps"]["1"], "name": "Ann (theirs)"}}
        data["reps"]["8"] = json.loads(json.dumps(dataclasses.asdict(other), default=str))
        data_file.write_text(json.dumps(data))
        assert store.check_disk()  # reloaded, and said so
        found = store.get(Rep, ann.id)
        assert found is not None and found.name == "Ann (theirs)"
        assert store.get(Rep, other.id) is not None
        store.put(rep("New"))  # takes the next id after theirs, overwriting nothing
    assert sorted(json.loads(data_file.read_bytes())["reps"]) == ["7", "8", "9"]


def test_the_lock_middleware_refuses_a_write_when_another_copy_holds_the_file(
    data_file: Path,
) -> None:
    with Store.open(data_file) as writer:
        writer.put(rep("Ann"))
        with Store.open(data_file, allow_read_only=True) as reader:
            assert reader.read_only and reader.db.writer.lock is None
            with pytest.raises(ReadOnly):
                reader.db.table("reps").insert({"name": "sneaked in"})
            with pytest.raises(ReadOnly):
                reader.put(rep("Bo"))
            assert [r.name for r in reader.all(Rep)] == ["Ann"]


def test_matching_builds_a_tinydb_query_of_equal_fields() -> None:
    assert matching({}) is None
    query = matching({"rep_id": "r1", "closed": False})
    assert query is not None
    assert query({"rep_id": "r1", "closed": False, "x": 1})
    assert not query({"rep_id": "r1", "closed": True})
    assert not query({"closed": False})
