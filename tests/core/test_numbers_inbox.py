"""The inbox of numbers imported while the app holds the file (issue 19): taken in order,
once, each file removed after its records are saved; a damaged one set aside and named."""

from __future__ import annotations

import stat
from pathlib import Path

import pendulum

from oneonone.core.model import ImportedNumber, Period
from oneonone.core.numbers_inbox import drop, inbox_folder, take, waiting
from oneonone.core.store import Store


def number(value: float, rep_id: str = "ann") -> ImportedNumber:
    return ImportedNumber(
        rep_id=rep_id,
        quota_line_id="arr",
        label="New ARR",
        period=Period.QUARTER,
        period_start=pendulum.date(2026, 10, 1),
        value=value,
        source="report.csv",
    )


def test_imports_are_taken_in_order_once_and_the_newest_wins(tmp_path: Path) -> None:
    path = tmp_path / "team" / "oneonone.json"
    with Store.open(path) as store:
        first = drop(store.path, [number(1), number(5, "bo")], "first.csv")
        drop(store.path, [number(2)], "second.csv")  # the same rep, line and period
        assert stat.S_IMODE(inbox_folder(store.path).stat().st_mode) == 0o700
        assert stat.S_IMODE(first.stat().st_mode) == 0o600
        taken = take(store)
        assert (taken.count, taken.sources) == (3, ["first.csv", "second.csv"])
        assert sorted(n.value for n in store.all(ImportedNumber)) == [2, 5]
        assert take(store).count == 0  # taken once
    assert not inbox_folder(path).exists()


def test_a_damaged_inbox_file_is_set_aside_and_named(tmp_path: Path) -> None:
    path = tmp_path / "oneonone.json"
    with Store.open(path) as store:
        bad = drop(store.path, [number(1)], "a.csv")
        bad.write_text('{"inbox": 1, "source": "a.csv", "records": [{"value": "x"}]}')
        drop(store.path, [number(3)], "b.csv")
        taken = take(store)
        assert taken.count == 1 and [n.value for n in store.all(ImportedNumber)] == [3]
        (problem,) = taken.problems
        assert bad.name in problem and "Run the import again" in problem
        assert waiting(store.path) == []
        assert bad.with_name(bad.name + ".damaged").exists()
