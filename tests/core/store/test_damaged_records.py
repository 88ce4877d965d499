"""Damaged records (issue 16): whatever is wrong with one record's fields, opening and reading
the file never raises; the damaged record is named, left out and kept as it is in the file,
and every other record comes through."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any

import pendulum
from hypothesis import HealthCheck, given, settings

from oneonone.core.agenda import build_agenda, load_agenda_input, with_ensured_reviews
from oneonone.core.agreements import current_documents
from oneonone.core.model import RECORD_TYPES, Agreement, Rep, TeamSettings
from oneonone.core.store import Store
from oneonone.core.store.tables import SEPARATOR
from oneonone.core.team import load_team
from tests.core.store.damage import TODAY, damaged_bytes, damages, load, team_bytes

KINDS = {cls.TABLE: cls for cls in RECORD_TYPES}  # type: ignore[attr-defined]


def read_everything(store: Store) -> dict[str, set[str]]:
    """Every record of every kind, the way the app and the command line read them; the ids
    that came through, by table."""
    load_team(store)
    data = load_agenda_input(store)
    build_agenda(with_ensured_reviews(data, TODAY), TODAY)
    store.settings()
    found: dict[str, set[str]] = {}
    for table, cls in KINDS.items():
        found[table] = {r.id for r in store.all(cls)}
    return found


def ids_untouched(tables: dict[str, Any], touched: set[tuple[str, str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for name, docs in tables.items():
        kind = name.split(SEPARATOR, 1)[0]
        if kind not in KINDS:
            continue
        out.setdefault(kind, set()).update(
            doc["id"] for key, doc in docs.items() if (name, key) not in touched
        )
    return out


#: Damaged files tried (``ONEONONE_DAMAGE_EXAMPLES``: more by hand).
EXAMPLES = int(os.environ.get("ONEONONE_DAMAGE_EXAMPLES", "25"))


@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(damages)
def test_damaged_records_are_left_out_and_every_other_one_comes_through(plan: list[Any]) -> None:
    base = load(team_bytes())
    raw, touched = damaged_bytes(base, plan)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "oneonone.json"
        path.write_bytes(raw)
        with Store.open(path) as store:
            found = read_everything(store)
            for kind, ids in ids_untouched(base, touched).items():
                assert ids <= found[kind], kind
            for damaged in store.damaged:
                assert "\n" not in str(damaged) and damaged.table in KINDS
            assert len(store.take_notices()) >= len(store.damaged)
            store.put(Rep(name="New", start_date=pendulum.date(2026, 1, 5)))  # a save
        after = load(path.read_bytes())
    damaged_tables = load(raw)
    for table, key in touched:  # kept as they are by the save
        assert after[table][key] == damaged_tables[table][key]


def test_a_flipped_bit_in_the_timezone_falls_back_to_utc_and_keeps_the_rest(
    tmp_path: Path,
) -> None:
    path = tmp_path / "oneonone.json"
    with Store.open(path) as store:
        store.put(TeamSettings(manager_name="Dana", timezone="America/New_York"))
    path.write_bytes(path.read_bytes().replace(b"America/New_York", b"America/New_Yorj"))
    with Store.open(path) as store:
        found = store.settings()
        assert (found.manager_name, found.timezone) == ("Dana", "UTC")
        (damaged,) = store.damaged
        assert "'settings'" in str(damaged) and "America/New_Yorj" in str(damaged)
        assert "Settings" in str(damaged)
        found.timezone = "America/Chicago"
        store.put(found)  # saving Settings replaces the damaged value
    with Store.open(path) as store:
        assert store.settings().timezone == "America/Chicago"
        assert store.damaged == []


def test_an_agreement_whose_rep_id_is_an_object_or_a_list_is_left_out(tmp_path: Path) -> None:
    path = tmp_path / "oneonone.json"
    path.write_bytes(team_bytes())
    tables = json.loads(path.read_bytes())
    (key, doc), *_ = tables["agreements"].items()
    for bad in ({"a": 1}, [doc["rep_id"]]):
        tables["agreements"][key]["rep_id"] = bad
        path.write_text(json.dumps(tables))
        with Store.open(path) as store:
            team = load_team(store)
            assert doc["id"] not in {a.id for a in team.agreements}
            assert [d.record_id for d in store.damaged] == [f"id {doc['id']!r}"]
            assert "rep_id" in store.damaged[0].problem


def test_an_old_file_with_a_damaged_agreement_is_migrated(tmp_path: Path) -> None:
    path = tmp_path / "oneonone.json"
    agreement = {"id": "a1", "rep_id": ["r1"], "state": "agreed", "version": 1}
    sound = {"id": "a2", "rep_id": "r2", "state": "agreed", "version": 1}
    tables = {"meta": {"1": {"schema_version": 1}}, "agreements": {"1": agreement, "2": sound}}
    path.write_text(json.dumps(tables))
    with Store.open(path) as store:
        assert store.schema_version() == 2
        assert [a.id for a in store.pick(Agreement, current_documents)] == ["a2"]
        assert [d.record_id for d in store.damaged] == ["id 'a1'"]
