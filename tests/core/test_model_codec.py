"""Every record type survives encode -> JSON -> decode, and a trip through a real file."""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import json
import tempfile
import types
import typing
from pathlib import Path
from typing import Any

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tinydb import TinyDB

from oneonone.core import codec
from oneonone.core.model import RECORD_TYPES, Rep, TeamSettings
from oneonone.core.store import Store, files
from oneonone.core.store.tables import table_for

ROUND_TRIP = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Any code point, lone surrogates included: the file is written with ensure_ascii=True.
text = st.text(st.characters(exclude_categories=()), max_size=20)

dates = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31)).map(
    lambda d: pendulum.Date(d.year, d.month, d.day)
)

_fixed_zone = st.integers(min_value=-86_399, max_value=86_399).map(pendulum.FixedTimezone)
_named_zone = st.sampled_from(
    [
        "UTC",
        "Europe/Paris",
        "America/New_York",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "Pacific/Chatham",
        "Australia/Lord_Howe",
        "America/St_Johns",
    ]
).map(pendulum.timezone)


@st.composite
def moments(draw: st.DrawFn) -> pendulum.DateTime:
    """Aware datetimes, years 1 to 9999, with whole-second offsets or named zones."""
    naive = draw(st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)))
    zone = draw(st.one_of(_fixed_zone, _named_zone))
    return pendulum.instance(naive.replace(tzinfo=zone))


def strategy_for(tp: Any) -> st.SearchStrategy[Any]:
    """A strategy for any type the domain model uses, built from its type hints."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)]
        return st.none() | strategy_for(inner)
    if origin is list:
        (item,) = typing.get_args(tp)
        return st.lists(strategy_for(item), max_size=3)
    if origin is dict:
        key, value = typing.get_args(tp)
        assert key is str
        return st.dictionaries(text, strategy_for(value), max_size=3)
    if dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        fields = {f.name: strategy_for(hints[f.name]) for f in dataclasses.fields(tp)}
        return st.builds(tp, **fields)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return st.sampled_from(list(tp))
    if tp is pendulum.DateTime:
        return moments()
    if tp is pendulum.Date:
        return dates
    if tp is float:
        return st.floats(allow_nan=False, allow_infinity=False)
    if tp is bool:
        return st.booleans()
    if tp is int:
        return st.integers(min_value=-(2**63), max_value=2**63)
    if tp is str:
        return text
    raise AssertionError(f"no strategy for {tp!r}")


records = st.one_of([strategy_for(cls) for cls in RECORD_TYPES])

_hhmm = st.tuples(st.integers(0, 23), st.integers(0, 59)).map(lambda t: f"{t[0]:02d}:{t[1]:02d}")
#: Settings the app can work with: the store sets any others aside as damaged (issue 16).
sound_settings = strategy_for(TeamSettings).flatmap(
    lambda s: st.builds(
        dataclasses.replace,
        st.just(s),
        timezone=st.sampled_from(["UTC", "Europe/Paris", "Asia/Kathmandu", "America/St_Johns"]),
        work_start=_hhmm,
        work_end=_hhmm,
        work_days=st.lists(st.integers(0, 6), min_size=1, max_size=7),
    )
)
#: Records as the app writes them.
sound_records = st.one_of(
    [strategy_for(cls) for cls in RECORD_TYPES if cls is not TeamSettings] + [sound_settings]
)


def _moments_in(value: Any) -> list[dt.datetime]:
    """Every datetime inside a record, in field order."""
    if isinstance(value, dt.datetime):
        return [value]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [m for f in dataclasses.fields(value) for m in _moments_in(getattr(value, f.name))]
    if isinstance(value, list):
        return [m for v in value for m in _moments_in(v)]
    return []


def _fixed(value: Any) -> Any:
    """``value`` with every datetime moved to a fixed-offset zone with the same offset and wall
    time (what the file keeps). Needed for equality: under PEP 495, an ambiguous wall time in a
    named zone never compares equal to a datetime in another zone, even at the same instant."""
    if isinstance(value, dt.datetime):
        offset = value.utcoffset()
        assert offset is not None
        return value.replace(tzinfo=pendulum.FixedTimezone(int(offset.total_seconds())))
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {f.name: _fixed(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return dataclasses.replace(value, **changes)
    if isinstance(value, list):
        return [_fixed(v) for v in value]
    return value


def _assert_same(decoded: Any, original: Any) -> None:
    assert type(decoded) is type(original)
    assert decoded == _fixed(original)
    for got, want in zip(_moments_in(decoded), _moments_in(original), strict=True):
        assert isinstance(got, pendulum.DateTime)
        # The same wall time and the same offset: the same instant, shown the same way.
        assert got.utcoffset() == want.utcoffset()
        assert got.replace(tzinfo=None) == want.replace(tzinfo=None)


@pytest.mark.parametrize("cls", RECORD_TYPES, ids=lambda c: c.__name__)
def test_every_record_type_has_a_strategy(cls: type) -> None:
    assert strategy_for(cls) is not None
    assert isinstance(cls.TABLE, str)  # type: ignore[attr-defined]


@ROUND_TRIP
@given(records)
def test_encode_decode_round_trip(record: Any) -> None:
    data = codec.encode(record)
    text_json = json.dumps(data, allow_nan=False)  # JSON-ready: plain types only
    assert json.loads(text_json) == data
    _assert_same(codec.decode(type(record), json.loads(text_json)), record)
    # The exact bytes the store writes decode back too.
    _assert_same(codec.decode(type(record), json.loads(files.dumps(data))), record)
    assert codec.encode(codec.decode(type(record), data)) == data


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(sound_records)
def test_round_trip_through_the_store(record: Any) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "oneonone.json"
        with Store.open(path) as store:
            store.put(record)
            assert store.get(type(record), record.id) == _fixed(record)
        with Store.open(path) as store:
            got = store.get(type(record), record.id)
            assert got is not None
            _assert_same(got, record)
            assert store.all(type(record)) == [got]
        # The bytes are pure ASCII and stock TinyDB reads them (a closed session or a kept
        # commitment is in its rep's table).
        path.read_bytes().decode("ascii")
        stock = TinyDB(path)
        try:
            (doc,) = stock.table(table_for(type(record).TABLE, codec.encode(record))).all()
            assert doc == codec.encode(record)
        finally:
            stock.close()


def test_lone_surrogates_and_astral_text_survive_the_file(data_file: Path) -> None:
    name = "Zoë \ud800 half \udfff 🦊 \u0000 \u202e"
    rep = Rep(name=name, start_date=pendulum.Date(1, 1, 1), role="\U0010ffff")
    with Store.open(data_file) as store:
        store.put(rep)
    with Store.open(data_file) as store:
        got = store.get(Rep, rep.id)
    assert got is not None
    assert got.name == name
    assert got.role == "\U0010ffff"
    assert got.start_date == pendulum.Date(1, 1, 1)


@pytest.mark.parametrize(
    "moment",
    [
        pendulum.datetime(2026, 3, 29, 1, 30, tz="Europe/Paris"),
        pendulum.datetime(2026, 11, 1, 1, 30, tz="America/New_York"),
        pendulum.datetime(1, 1, 1, 0, 0, tz=pendulum.FixedTimezone(5 * 3600)),
        pendulum.datetime(9999, 12, 31, 23, 59, 59, 999_999, tz=pendulum.FixedTimezone(-5 * 3600)),
        pendulum.datetime(2026, 6, 1, 12, tz=pendulum.FixedTimezone(5 * 3600 + 30 * 60 + 15)),
    ],
    ids=["paris-dst", "ny-fold", "year-1-east", "year-9999-west", "seconds-offset"],
)
def test_datetime_keeps_offset_and_instant(moment: pendulum.DateTime) -> None:
    text_iso = codec.datetime_to_iso(moment)
    back = codec.datetime_from_iso(text_iso)
    assert back == _fixed(moment)
    assert back.utcoffset() == moment.utcoffset()
    assert back.replace(tzinfo=None) == moment.replace(tzinfo=None)
    assert codec.datetime_to_iso(back) == text_iso


def test_naive_datetime_is_refused_both_ways() -> None:
    with pytest.raises(ValueError, match="UTC offset"):
        codec.datetime_to_iso(dt.datetime(2026, 1, 1, 12))
    with pytest.raises(codec.DecodeError, match="no UTC offset"):
        codec.datetime_from_iso("2026-01-01T12:00:00")


def test_decode_ignores_unknown_keys_and_fills_defaults() -> None:
    rep = codec.decode(Rep, {"name": "Ann", "start_date": "2026-01-05", "future_field": [1, 2]})
    assert rep.name == "Ann"
    assert rep.start_date == pendulum.Date(2026, 1, 5)
    assert rep.role == ""


@given(
    st.datetimes(timezones=st.just(dt.UTC)),
    st.integers(min_value=-(24 * 3600 - 1), max_value=24 * 3600 - 1),
)
def test_decoded_times_are_what_pendulum_instance_makes(moment: dt.datetime, offset: int) -> None:
    """The codec builds the DateTime itself, for speed: the same value, zone and name as
    ``pendulum.instance`` of the parsed text, which it used to call."""
    text = moment.replace(tzinfo=dt.timezone(dt.timedelta(seconds=offset))).isoformat()
    parsed = dt.datetime.fromisoformat(text)
    expected = pendulum.instance(parsed, tz=parsed.tzinfo)
    found = codec.datetime_from_iso(text)
    assert (found, repr(found), found.fold) == (expected, repr(expected), expected.fold)
    assert type(found.tzinfo) is type(expected.tzinfo)
    assert found.timezone_name == expected.timezone_name


def test_missing_fields_take_fresh_defaults_and_hooks_still_run() -> None:
    """Records are filled in directly: a list default is a new list each time; a dataclass
    that checks itself (``__post_init__``) or is frozen is still made through ``__init__``."""
    first = codec.decode(Rep, {"name": "Ann", "start_date": "2026-01-05"})
    second = codec.decode(Rep, {"name": "Bo", "start_date": "2026-01-05"})
    assert first.id != second.id and first == dataclasses.replace(first)

    @dataclasses.dataclass
    class Checked:
        name: str
        tags: list[str] = dataclasses.field(default_factory=list)

        def __post_init__(self) -> None:
            if not self.name:
                raise ValueError("a name is needed")

    @dataclasses.dataclass(frozen=True)
    class Frozen:
        name: str
        size: int = 3

    a, b = codec.decode(Checked, {"name": "x"}), codec.decode(Checked, {"name": "y"})
    a.tags.append("t")
    assert b.tags == []
    with pytest.raises(ValueError, match="a name is needed"):
        codec.decode(Checked, {"name": ""})
    assert codec.decode(Frozen, {"name": "f"}) == Frozen("f", 3)


@pytest.mark.parametrize(
    "data",
    [
        {"start_date": "2026-01-05"},
        {"name": "Ann"},
        {"name": 3, "start_date": "2026-01-05"},
        {"name": "Ann", "start_date": "2026-13-01"},
        {"name": "Ann", "start_date": "2026-01-05", "status": "gone"},
        {"name": "Ann", "start_date": "2026-01-05", "created_at": 5},
        [],
        "Ann",
    ],
)
def test_decode_of_bad_data_raises_value_errors(data: Any) -> None:
    with pytest.raises(ValueError):
        codec.decode(Rep, data)


def test_every_stored_record_kind_is_known_to_backup_restore_and_the_inbox() -> None:
    """A kind of record left out of ``RECORD_TYPES`` was refused by restore ("tables oneonone
    does not know") and set aside by the inbox (snoozes were, at first)."""
    import inspect

    from oneonone.core import model

    stored = {
        cls
        for _, cls in inspect.getmembers(model, inspect.isclass)
        if cls.__module__ == model.__name__ and isinstance(getattr(cls, "TABLE", None), str)
    }
    assert stored == set(model.RECORD_TYPES)
