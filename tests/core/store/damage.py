"""Damaged data files for the tests (issue 16): a valid file with some fields of some records
flipped (a bit of a string, a value of another JSON type, a field removed), at any depth.
Each damaged file stays valid JSON in the layout oneonone writes, so opening it must work and
every record left untouched must come through."""

from __future__ import annotations

import copy
import json
import random
import tempfile
from functools import cache
from pathlib import Path
from typing import Any

import pendulum
from hypothesis import strategies as st

from oneonone.core.store.tables import META, dumps_tables
from oneonone.demo.files import demo_file

TODAY = pendulum.date(2026, 11, 27)

#: Values of every JSON type, and the edge cases of each, put in place of a field.
OTHER_VALUES: list[Any] = [
    None,
    True,
    False,
    0,
    -1,
    7,
    10**30,
    1e300,
    -0.5,
    "",
    " ",
    "x",
    "2026-02-30",
    "25:99",
    "2026-11-27T10:00:00",
    "\x1b[31m",
    [],
    [1],
    ["x"],
    [None],
    {},
    {"a": 1},
    {"id": "x"},
]

#: How to damage one value: replace it (an index in OTHER_VALUES), flip a bit of a string
#: (position, bit), remove it (a dict's field), or go into a list or dict (a path of choices).
damage_step = st.one_of(
    st.tuples(st.just("replace"), st.integers(0, len(OTHER_VALUES) - 1)),
    st.tuples(st.just("flip"), st.tuples(st.integers(0, 10_000), st.integers(0, 6))),
    st.tuples(st.just("remove"), st.just(0)),
)
#: (table choice, record choice, field choice, nested choices, the step)
one_damage = st.tuples(
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.integers(0, 10_000),
    st.lists(st.integers(0, 50), max_size=3),
    damage_step,
)
damages = st.lists(one_damage, min_size=1, max_size=4)


def _apply(value: Any, path: list[int], step: tuple[str, Any], parent: Any, key: Any) -> None:
    """Damage ``value``, held in ``parent[key]``, or something inside it along ``path``."""
    if path and isinstance(value, (list, dict)) and value:
        keys = list(range(len(value))) if isinstance(value, list) else list(value)
        inner = keys[path[0] % len(keys)]
        _apply(value[inner], path[1:], step, value, inner)
        return
    kind, arg = step
    if kind == "remove":
        if isinstance(parent, dict):
            del parent[key]
        else:
            parent[key] = None
    elif kind == "flip" and isinstance(value, str) and value:
        at, bit = arg
        at %= len(value)
        code = ord(value[at]) ^ (1 << bit)
        parent[key] = value[:at] + chr(code) + value[at + 1 :]
    elif kind == "flip" and type(value) is int:
        parent[key] = value ^ (1 << arg[1])
    else:
        other = OTHER_VALUES[(arg if kind == "replace" else arg[0]) % len(OTHER_VALUES)]
        parent[key] = copy.deepcopy(other)


def damage(tables: dict[str, Any], plan: list[Any]) -> tuple[dict[str, Any], set[tuple[str, str]]]:
    """A copy of ``tables`` with ``plan`` applied, and the (table, key) of the records it
    touched (a record damaged may still be sound: a flipped bit in a note)."""
    out = copy.deepcopy(tables)
    names = sorted(t for t, docs in out.items() if t != META and docs)
    touched: set[tuple[str, str]] = set()
    for table_pick, pick, field_pick, path, step in plan:
        table = names[table_pick % len(names)]
        keys = list(out[table])
        key = keys[pick % len(keys)]
        doc = out[table][key]
        if not doc:
            continue
        fields = sorted(doc)
        name = fields[field_pick % len(fields)]
        _apply(doc[name], path, step, doc, name)
        touched.add((table, key))
    return out, touched


def damaged_bytes(tables: dict[str, Any], plan: list[Any]) -> tuple[bytes, set[tuple[str, str]]]:
    """``damage`` written as oneonone writes a file."""
    out, touched = damage(tables, plan)
    return dumps_tables(out), touched


def load(raw: bytes) -> dict[str, Any]:
    tables: dict[str, Any] = json.loads(raw)
    return tables


@cache
def team_bytes() -> bytes:
    """A small generated team (two reps, seven months) with every kind of record, closed
    history in partitions included: the file the damage is done to."""
    with tempfile.TemporaryDirectory() as tmp:
        return demo_file(Path(tmp), reps=2, years=0.6, today=TODAY).read_bytes()


def random_plan(rng: random.Random) -> list[Any]:
    """A damage plan (as ``damages`` draws them) from ``rng``: for sized runs by hand."""
    return [
        (
            rng.randrange(10_000),
            rng.randrange(10_000),
            rng.randrange(10_000),
            [rng.randrange(50) for _ in range(rng.randrange(4))],
            rng.choice(
                [
                    ("replace", rng.randrange(len(OTHER_VALUES))),
                    ("flip", (rng.randrange(10_000), rng.randrange(7))),
                    ("remove", 0),
                ]
            ),
        )
        for _ in range(rng.randint(1, 4))
    ]
