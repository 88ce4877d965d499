"""A save re-encodes only the documents it changed; the file must still be exactly what a full
encoding of the data gives."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from oneonone.core.model import Commitment, CommitmentState, Owner, Rep, TeamSettings
from oneonone.core.store import NotSaved, Store
from oneonone.core.store.tables import dumps_tables

names = st.text(min_size=1, max_size=12)
ops = st.lists(
    st.tuples(
        st.sampled_from(
            ["new rep", "edit rep", "commitment", "keep", "reopen", "settings", "reload"]
        ),
        names,
    ),
    min_size=1,
    max_size=25,
)


def full_encoding(store: Store) -> bytes:
    tables = store.storage.read()
    assert tables is not None
    return dumps_tables({name: tables.peek(name) for name in tables})  # Raw kept Raw


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(steps=ops)
def test_incremental_file_equals_full_encoding(
    tmp_path: Path, steps: list[tuple[str, str]]
) -> None:
    path = tmp_path / f"{abs(hash(tuple(steps)))}.json"
    reps: list[Rep] = []
    made: list[Commitment] = []
    store = Store.open(path)
    try:
        for kind, text in steps:
            if kind == "new rep" or not reps:
                reps.append(Rep(name=text, start_date=pendulum.date(2025, 1, 1)))
                store.put(reps[-1])
            elif kind == "edit rep":
                reps[len(text) % len(reps)].role = text
                store.put(reps[len(text) % len(reps)])
            elif kind == "commitment" or not made:
                rep = reps[len(text) % len(reps)]
                made.append(Commitment(rep_id=rep.id, owner=Owner.REP, text=text))
                store.put_many([made[-1], rep])
            elif kind in ("keep", "reopen"):  # moves it to its rep's partition and back
                made[len(text) % len(made)].state = (
                    CommitmentState.DONE if kind == "keep" else CommitmentState.OPEN
                )
                store.put(made[len(text) % len(made)])
            elif kind == "reload":  # partitions unparsed again: written back as read
                store.close()
                store = Store.open(path)
            else:
                store.put(TeamSettings(manager_name=text))
            assert path.read_bytes() == full_encoding(store)
            assert sorted(c.id for c in store.all(Commitment)) == sorted(c.id for c in made)
    finally:
        store.close()
    path.unlink()


def test_a_failed_save_then_retry_writes_the_full_state(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "d.json"
    with Store.open(path) as store:
        rep = Rep(name="Ann", start_date=pendulum.date(2025, 1, 1))
        store.put(rep)
        real = os.replace

        def full(*a: object, **k: object) -> None:
            raise OSError(errno.ENOSPC, "full")

        monkeypatch.setattr(os, "replace", full)
        rep.role = "AE"
        with pytest.raises(NotSaved):
            store.put(rep)
        monkeypatch.setattr(os, "replace", real)
        store.save_pending()
        assert path.read_bytes() == full_encoding(store)
        store.put(Rep(name="Bo", start_date=pendulum.date(2025, 1, 1)))
        assert path.read_bytes() == full_encoding(store)
    with Store.open(path) as again:
        assert {r.role for r in again.all(Rep)} == {"AE", ""}
