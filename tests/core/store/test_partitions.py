"""Closed sessions and commitments done with live in their rep's table, parsed only when
needed; the file stays one JSON object that stock TinyDB reads."""

from __future__ import annotations

import json
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from oneonone.core.agreements import revise, superseded_by
from oneonone.core.model import (
    Agreement,
    AgreementState,
    Commitment,
    CommitmentState,
    Owner,
    Rep,
    Session,
    SessionKind,
)
from oneonone.core.store import SCHEMA_VERSION, Store, backup_now
from oneonone.core.store.errors import DamagedTable
from oneonone.core.store.tables import Raw, Tables, dumps_tables, split
from oneonone.core.team import load_team

T0 = pendulum.datetime(2026, 3, 2, 9, tz="UTC")


def _team(path: Path) -> tuple[Rep, Rep, list[Session], list[Commitment]]:
    ann = Rep(name="Ann", start_date=pendulum.date(2024, 1, 1), id="ann")
    bo = Rep(name="Bo", start_date=pendulum.date(2024, 1, 1), id="bo")
    sessions = [
        Session(
            rep_id=rep.id,
            kind=SessionKind.REGULAR,
            started_at=T0.add(weeks=w),
            closed=w < 3,
            id=f"{rep.id}-s{w}",
        )
        for rep in (ann, bo)
        for w in range(4)
    ]
    commitments = [
        Commitment(
            rep_id=rep.id,
            owner=Owner.REP,
            text=f"{rep.name} {state}",
            state=state,
            id=f"{rep.id}-c-{state}",
        )
        for rep in (ann, bo)
        for state in CommitmentState
    ]
    with Store.open(path) as store:
        store.put_many([ann, bo, *sessions, *commitments])
    return ann, bo, sessions, commitments


def _unparsed(store: Store) -> set[str]:
    tables = store.storage.read()
    assert isinstance(tables, Tables)
    return set(tables.unparsed())


def test_closed_records_live_in_their_reps_table(data_file: Path) -> None:
    _team(data_file)
    data = json.loads(data_file.read_bytes())
    assert sorted(d["id"] for d in data["sessions"].values()) == ["ann-s3", "bo-s3"]
    assert sorted(d["id"] for d in data["sessions~ann"].values()) == ["ann-s0", "ann-s1", "ann-s2"]
    assert sorted(d["state"] for d in data["commitments~bo"].values()) == ["done", "dropped"]
    assert [d["state"] for d in data["commitments"].values()] == ["open", "open"]
    # one table per line, the partitions after a marker (an empty table "~"): the layout that
    # lets a reader stop before the partitions
    lines = data_file.read_bytes().split(b"\n")
    assert len(lines) == len(data)
    assert lines[len(data) - 5] == b'"~": {},'
    assert data.pop("~") == {}
    # and stock TinyDB reads it all
    stock = TinyDB(data_file, access_mode="r")
    try:
        assert len(stock.table("sessions~bo")) == 3
    finally:
        stock.close()


def test_start_up_questions_leave_the_history_unparsed(data_file: Path) -> None:
    _team(data_file)
    with Store.open(data_file) as store:
        history = {"sessions~ann", "sessions~bo", "commitments~ann", "commitments~bo"}
        assert _unparsed(store) == history
        assert [s.id for s in store.where(Session, closed=False)] == ["ann-s3", "bo-s3"]
        open_ones = store.where(Commitment, state=CommitmentState.OPEN)
        assert len(open_ones) == 2
        assert _unparsed(store) == history
        mine = store.where(Session, rep_id="ann")
        assert sorted(s.id for s in mine) == ["ann-s0", "ann-s1", "ann-s2", "ann-s3"]
        assert _unparsed(store) == history - {"sessions~ann"}
        assert store.get(Session, "bo-s1", rep_id="bo") is not None
        assert _unparsed(store) == {"commitments~ann", "commitments~bo"}
        # a question without the rep still finds everything
        assert len(store.all(Commitment)) == 6
        assert store.get(Commitment, "ann-c-done") is not None


def test_a_save_writes_unparsed_tables_back_as_read(data_file: Path) -> None:
    ann, *_ = _team(data_file)
    before = data_file.read_bytes()
    with Store.open(data_file) as store:
        ann.role = "AE"
        store.put(ann)
        assert _unparsed(store)  # nothing needed them
    after = data_file.read_bytes()
    assert after != before
    assert [line for line in after.split(b"\n") if b"~" in line[:40]] == [
        line for line in before.split(b"\n") if b"~" in line[:40]
    ]


def test_closing_and_reopening_moves_records_between_tables(data_file: Path) -> None:
    _, _, sessions, commitments = _team(data_file)
    with Store.open(data_file) as store:
        live = next(s for s in sessions if s.id == "ann-s3")
        live.closed = True
        kept = next(c for c in commitments if c.id == "bo-c-open")
        kept.state = CommitmentState.DONE
        store.put_many([live, kept])
        assert store.where(Session, closed=False)[0].id == "bo-s3"
        kept.state = CommitmentState.OPEN  # undone: back to the main table
        store.put(kept)
    with Store.open(data_file) as store:
        assert len(store.all(Session)) == 8
        assert len(store.where(Session, rep_id="ann", closed=True)) == 4
        assert {c.id for c in store.where(Commitment, state=CommitmentState.OPEN)} == {
            "ann-c-open",
            "bo-c-open",
        }
    data = json.loads(data_file.read_bytes())
    ids = [d["id"] for name, t in data.items() if name.startswith("sessions") for d in t.values()]
    assert sorted(ids) == sorted(s.id for s in sessions)  # each exactly once


def test_a_schema_1_file_is_migrated_after_a_backup(data_file: Path) -> None:
    _, _, sessions, commitments = _team(data_file)
    data = json.loads(data_file.read_bytes())
    flat: dict[str, dict[str, object]] = {"sessions": {}, "commitments": {}}
    for name, docs in data.items():
        base = name.split("~")[0]
        if base in flat:
            for doc in docs.values():
                flat[base][str(len(flat[base]) + 1)] = doc
    v1 = {k: v for k, v in data.items() if "~" not in k} | flat
    v1["meta"] = {"1": {"schema_version": 1}}
    data_file.write_text(json.dumps(v1))
    with Store.open(data_file) as store:
        assert store.schema_version() == SCHEMA_VERSION == 2
        assert store.last_backup is not None and "before-migration-v1" in store.last_backup.name
        assert sorted(s.id for s in store.all(Session)) == sorted(s.id for s in sessions)
        assert len(store.all(Commitment)) == len(commitments)
    migrated = json.loads(data_file.read_bytes())
    assert len(migrated["sessions"]) == 2
    assert len(migrated["sessions~ann"]) == 3


def test_a_file_in_another_layout_is_read_whole(data_file: Path) -> None:
    _team(data_file)
    data = json.loads(data_file.read_bytes())
    data_file.write_text(json.dumps(data, indent=2))  # a hand edit, say
    with Store.open(data_file) as store:
        assert not _unparsed(store)
        assert len(store.all(Session)) == 8
        store.put(Rep(name="Cy", start_date=pendulum.date(2025, 1, 1)))
    assert json.loads(data_file.read_bytes())["sessions~bo"] == data["sessions~bo"]


def test_a_damaged_partition_is_reported_when_needed_and_kept(data_file: Path) -> None:
    ann, _, _, _ = _team(data_file)
    backup = backup_now(data_file)
    raw = data_file.read_bytes()
    start = raw.index(b'"sessions~bo": {') + len(b'"sessions~bo": {')
    damaged = raw[:start] + b"\x00garbage" + raw[start:]
    data_file.write_bytes(damaged)
    with Store.open(data_file) as store:  # the rest opens
        assert len(store.where(Session, rep_id="ann")) == 4
        with pytest.raises(DamagedTable) as caught:
            store.where(Session, rep_id="bo")
        message = str(caught.value)
        assert "sessions~bo" in message and str(data_file) in message
        assert str(backup) in message and "oneonone restore" in message
        # what the search sees: everything readable, the damage named
        damaged_tables: list[DamagedTable] = []
        docs = list(store.documents(Session, damaged=damaged_tables))
        assert sorted(d["id"] for d in docs) == ["ann-s0", "ann-s1", "ann-s2", "ann-s3", "bo-s3"]
        assert [d.table for d in damaged_tables] == ["sessions~bo"]
        ann.role = "AE"
        store.put(ann)  # saves; the damaged part is written back byte for byte
    line = next(x for x in data_file.read_bytes().split(b"\n") if x.startswith(b'"sessions~bo"'))
    assert line.rstrip(b",") in damaged


tables_data = st.dictionaries(
    st.sampled_from(["meta", "reps", "sessions", "sessions~a", 'commitments~"q\\n"', "x y"]),
    st.dictionaries(
        st.integers(1, 50).map(str),
        st.dictionaries(st.text(max_size=5), st.text(max_size=8) | st.integers() | st.none()),
        max_size=3,
    ),
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(tables_data.map(lambda d: d | {"meta": {"1": {"schema_version": 2}}}) | tables_data)
def test_split_reads_back_what_dumps_tables_wrote(data: dict[str, dict[str, object]]) -> None:
    raw = dumps_tables(data)
    assert {k: v for k, v in json.loads(raw).items() if k != "~"} == data
    found = split(raw, Path("f.json"), Path("backups"))
    if "meta" in data:
        assert found is not None
        assert all(type(dict.get(found, n)) is Raw for n in found if n.startswith("sessions~"))
        assert {name: found[name] for name in found} == data


def test_split_refuses_other_layouts() -> None:
    for other in (
        json.dumps({"meta": {}, "sessions~a": {}}).encode(),  # stock TinyDB: one line
        json.dumps({"meta": {}}, indent=1).encode(),
        b'{"meta": {},\n"sessions~a": {"1": {}},\n"reps": {"1": }}',
        b'{"sessions~a": {"1": {}}, "meta": {}}',
        b'{"sessions~a": {"1": {}},\n"meta": {}}',  # not meta first
    ):
        assert split(other, Path("f.json"), Path("backups")) is None, other


def test_no_tables_is_an_empty_object() -> None:
    assert dumps_tables({}) == b"{}"


def _versions() -> tuple[Rep, Agreement, Agreement]:
    rep = Rep(name="Ann", start_date=pendulum.date(2024, 1, 1), id="ann")
    agreed = AgreementState.AGREED
    v1 = Agreement(rep_id="ann", version=1, state=agreed, agreed_on=pendulum.date(2025, 1, 6))
    v2 = Agreement(rep_id="ann", version=2, state=agreed, agreed_on=pendulum.date(2025, 4, 7))
    return rep, v1, v2


def test_superseded_agreement_versions_leave_the_start_up_path(data_file: Path) -> None:
    rep, v1, v2 = _versions()
    v3 = revise(v2)  # a draft
    older = superseded_by([v1, v2, v3], v2)
    assert [(a.version, a.superseded) for a in older] == [(1, True)]
    assert superseded_by([*older, v2], v2) == []  # once is enough
    with Store.open(data_file) as store:
        store.put_many([rep, v2, v3, *older])
    with Store.open(data_file) as store:
        current = load_team(store).agreements
        assert sorted(a.version for a in current) == [2, 3]
        assert "agreements~ann" in set(_unparsed(store))
        assert sorted(a.version for a in store.where(Agreement, rep_id="ann")) == [1, 2, 3]


def test_the_migration_marks_superseded_versions(data_file: Path) -> None:
    rep, v1, v2 = _versions()
    with Store.open(data_file) as store:
        store.put_many([rep, v1, v2])  # as an older oneonone left them: none superseded
    data = json.loads(data_file.read_bytes())
    data["meta"] = {"1": {"schema_version": 1}}
    data_file.write_text(json.dumps(data))
    with Store.open(data_file) as store:
        found = {a.version: a.superseded for a in store.all(Agreement)}
    assert found == {1: True, 2: False}


def test_the_partitions_are_read_from_the_file_only_when_needed(data_file: Path) -> None:
    _team(data_file)
    with Store.open(data_file) as store:
        tables = store.storage.read()
        assert isinstance(tables, Tables)
        assert tables._tail is not None  # start-up questions leave them unread
        assert len(store.where(Session, closed=False)) == 2
        assert tables._tail is not None
        assert len(store.where(Session, rep_id="ann")) == 4
        assert tables._tail is None


def test_a_file_deleted_before_its_history_was_read_is_written_back_whole(
    data_file: Path,
) -> None:
    _, _, sessions, commitments = _team(data_file)
    with Store.open(data_file) as store:
        data_file.unlink()  # another program; the handle kept for the partitions still reads
        assert store.check_disk()  # "was deleted ... written back with the next save"
        store.save_pending()
    with Store.open(data_file) as store:
        assert len(store.all(Session)) == len(sessions)
        assert len(store.all(Commitment)) == len(commitments)


def test_a_file_cut_short_after_opening_is_reported_not_guessed(data_file: Path) -> None:
    _team(data_file)
    size = data_file.stat().st_size
    with Store.open(data_file) as store:
        with open(data_file, "r+b") as f:  # another program truncates it in place
            f.truncate(size - 30)
        with pytest.raises(DamagedTable) as caught:
            store.where(Session, rep_id="bo")
        assert "not in the layout" in str(caught.value)
        assert len(store.where(Session, closed=False)) == 2  # the rest still answers


def test_the_agenda_reads_current_agreements_without_the_history(data_file: Path) -> None:
    from oneonone.core.agenda import load_agenda_input

    rep, v1, v2 = _versions()
    with Store.open(data_file) as store:
        store.put_many([rep, v2, *superseded_by([v1, v2], v2)])
    with Store.open(data_file) as store:
        assert [a.version for a in load_agenda_input(store).agreements] == [2]
        tables = store.storage.read()
        assert isinstance(tables, Tables) and tables._tail is not None  # history never read
