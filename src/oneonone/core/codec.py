"""Turn domain dataclasses into JSON-ready dicts and back.

Dates and times live as pendulum values in the core and as ISO 8601 strings in the file; a
datetime keeps its UTC offset. Enums are stored by value. The codec is driven by the dataclass
type hints, so adding a field to a domain type needs no code here.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import enum
import types
import typing
from collections.abc import Callable
from functools import cache
from typing import Any, TypeVar

import pendulum

T = TypeVar("T")


class DecodeError(ValueError):
    """A stored record does not have the shape its type needs."""


def date_to_iso(value: _dt.date) -> str:
    """A date as the file stores it: ``2026-11-27``."""
    return value.isoformat()


def date_from_iso(text: str) -> pendulum.Date:
    """A date read from the file, as a ``pendulum.Date``."""
    d = _dt.date.fromisoformat(text)
    return pendulum.Date(d.year, d.month, d.day)


def datetime_to_iso(value: _dt.datetime) -> str:
    """A date and time as the file stores it, with its UTC offset (refused without one)."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"datetime without a UTC offset cannot be stored: {value!r}")
    return value.isoformat()


#: The zone of each UTC offset met so far (a handful): pendulum.UTC for +00:00, as
#: ``pendulum.instance`` gives it, and one FixedTimezone per other offset.
_ZONES: dict[int, pendulum.Timezone | pendulum.FixedTimezone] = {0: pendulum.UTC}


def datetime_from_iso(text: str) -> pendulum.DateTime:
    """The pendulum DateTime that ``pendulum.instance`` makes of the parsed time, built
    directly (2 µs instead of 8: a rep's history decodes 600 of them, the whole file 50,000)."""
    parsed = _dt.datetime.fromisoformat(text)
    offset = parsed.utcoffset()
    if parsed.tzinfo is None or offset is None:
        raise DecodeError(f"stored time has no UTC offset: {text!r}")
    seconds = int(offset.total_seconds())
    zone = _ZONES.get(seconds)
    if zone is None:
        zone = _ZONES[seconds] = pendulum.FixedTimezone(seconds)
    return pendulum.DateTime(
        parsed.year,
        parsed.month,
        parsed.day,
        parsed.hour,
        parsed.minute,
        parsed.second,
        parsed.microsecond,
        tzinfo=zone,
        fold=parsed.fold,
    )


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def encode(value: Any) -> Any:
    """Encode a domain value (dataclass, list, enum, date, ...) into JSON-ready data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, _dt.datetime):
        return datetime_to_iso(value)
    if isinstance(value, _dt.date):
        return date_to_iso(value)
    if isinstance(value, list | tuple):
        return [encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): encode(v) for k, v in value.items()}
    return value


def decode(cls: type[T], data: Any) -> T:
    """Build a dataclass of type ``cls`` from stored data; unknown keys are ignored so that
    newer files with extra fields still read, and missing keys take the field default."""
    decoder = _decoder(typing.cast(Any, cls))
    return typing.cast(T, decoder(data))


Decoder = Callable[[Any], Any]


@cache
def _decoder(tp: Any) -> Decoder:
    """A decoding function for ``tp``, built once per type from its hints (start-up decodes
    hundreds of records: walking the type hints for each one was the bulk of the time)."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        (inner,) = [a for a in typing.get_args(tp) if a is not type(None)][:1]
        inner_decode = _decoder(inner)
        return lambda data: None if data is None else inner_decode(data)
    if origin in (list, tuple):
        item = _decoder(typing.get_args(tp)[0])

        def decode_list(data: Any) -> Any:
            if not isinstance(data, list):
                raise DecodeError(f"expected a list, found {type(data).__name__}")
            return [item(v) for v in data]

        return decode_list
    if origin is dict:
        value = _decoder(typing.get_args(tp)[1])

        def decode_dict(data: Any) -> Any:
            if not isinstance(data, dict):
                raise DecodeError(f"expected an object, found {type(data).__name__}")
            return {str(k): value(v) for k, v in data.items()}

        return decode_dict
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass_decoder(tp)
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        enum_type = tp
        members = dict(tp._value2member_map_)

        def decode_enum(data: Any) -> Any:
            try:
                return members[data]
            except (KeyError, TypeError):
                pass
            try:
                return enum_type(data)
            except ValueError as exc:
                raise DecodeError(str(exc)) from exc

        return decode_enum
    if tp in (pendulum.DateTime, _dt.datetime):
        return lambda data: datetime_from_iso(data if isinstance(data, str) else _expect(str, data))
    if tp in (pendulum.Date, _dt.date):
        return lambda data: date_from_iso(_expect(str, data))
    if tp is float:

        def decode_float(data: Any) -> float:
            if isinstance(data, bool) or not isinstance(data, int | float):
                raise DecodeError(f"expected a number, found {type(data).__name__}")
            return float(data)

        return decode_float
    if tp is str:

        def decode_str(data: Any) -> str:
            if isinstance(data, str):
                return data
            raise DecodeError(f"expected str, found {type(data).__name__}")

        return decode_str
    if tp in (int, bool):
        return lambda data: _expect(tp, data)
    if tp is Any:
        return lambda data: data
    raise DecodeError(f"cannot decode type {tp!r}")


_ABSENT = object()


def _dataclass_decoder(cls: type) -> Decoder:
    """A plain dataclass (the domain's: no ``__post_init__``, not frozen, no slots) is filled
    in directly, defaults included, as its ``__init__`` would: a call with a dozen keyword
    arguments was a third of the time of decoding a session."""
    hints = _hints(cls)
    plan = [(f.name, _decoder(hints[f.name]), _default_of(f)) for f in dataclasses.fields(cls)]
    params = getattr(cls, dataclasses._PARAMS)  # type: ignore[attr-defined]
    direct = not (hasattr(cls, "__post_init__") or params.frozen or hasattr(cls, "__slots__"))
    new = object.__new__

    def decode_record(data: Any) -> Any:
        if not isinstance(data, dict):
            raise DecodeError(f"expected an object for {cls.__name__}, found {type(data).__name__}")
        values = {}
        for name, field_decode, default in plan:
            raw = data.get(name, _ABSENT)
            if raw is not _ABSENT:
                try:
                    values[name] = field_decode(raw)
                except DecodeError as exc:
                    raise DecodeError(f"{name}: {exc}") from exc
                except (ValueError, TypeError, OverflowError) as exc:
                    raise DecodeError(f"{name}: {exc}") from exc
            elif default is None:
                raise DecodeError(f"{cls.__name__} is missing {name!r}")
            elif direct:
                values[name] = default()
        if not direct:
            return cls(**values)
        record: Any = new(cls)
        record.__dict__ = values
        return record

    return decode_record


def _default_of(f: dataclasses.Field[Any]) -> Callable[[], Any] | None:
    """How a field missing from the stored data is filled in; None when it is required."""
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory
    if f.default is not dataclasses.MISSING:
        value = f.default
        return lambda: value
    return None


def _expect(tp: type[T], data: Any) -> T:
    if not isinstance(data, tp) or (tp is int and isinstance(data, bool)):
        raise DecodeError(f"expected {tp.__name__}, found {type(data).__name__}")
    return data
