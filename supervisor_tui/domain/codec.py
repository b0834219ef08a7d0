"""Plain-dict encoding of the domain dataclasses, driven by their type hints.

The store keeps these dicts as JSON; everything a user typed round-trips exactly.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

T = TypeVar("T")


class DecodeError(ValueError):
    """Stored data does not have the shape of a domain object.

    The message names the field and what was expected, never the stored value: it is shown to
    the user and could otherwise carry record text.
    """


def to_dict(obj: Any) -> dict[str, Any]:
    """Encode a domain dataclass as a JSON-ready dict."""
    return {f.name: _encode(getattr(obj, f.name)) for f in dataclasses.fields(obj)}


def _encode(value: Any) -> Any:
    if value is None or isinstance(value, (bool, int, float, str)):
        return value.value if isinstance(value, Enum) else value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if dataclasses.is_dataclass(value):
        return to_dict(value)
    if isinstance(value, (list, tuple)):
        return [_encode(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _encode(v) for k, v in value.items()}
    raise TypeError(f"cannot encode {type(value).__name__}")


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_dict(cls: type[T], data: Any) -> T:
    """Decode a dict made by `to_dict`; unknown keys are ignored, missing ones take defaults."""
    return cast(T, _decoder(cast(Any, cls))(data))


@cache
def _fields(cls: type) -> tuple[tuple[str, Any, bool], ...]:
    """(name, type hint, required) of each field of a dataclass."""
    hints = _hints(cls)
    return tuple(
        (f.name, hints[f.name],
         f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING)
        for f in dataclasses.fields(cls)
    )


@cache
def _shape(tp: Any) -> tuple[Any, tuple[Any, ...]]:
    """(origin, args) of a type hint, worked out once per hint: decoding a large history
    asks this about a million times."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        return typing.Union, tuple(a for a in typing.get_args(tp) if a is not type(None))
    return origin, typing.get_args(tp)


def _timestamp(value: str) -> datetime:
    try:
        return datetime.fromisoformat(value)  # fast path for what to_dict writes
    except ValueError:
        from dateutil.parser import isoparse  # rare: other ISO-8601 spellings

        return isoparse(value)


Decoder = Callable[[Any], Any]


@cache
def _decoder(tp: Any) -> Decoder:
    """A function that decodes values of type hint `tp`, made once per hint: decoding a large
    history calls these millions of times, so each does only the checks its type needs."""
    if tp is str:
        return _text
    origin, args = _shape(tp)
    if origin is typing.Union:
        return _optional(_decoder(args[0]))
    if origin is list:
        return _list_of(_decoder(args[0]))
    if origin is dict:
        return _dict_of(_decoder(args[1]))
    if tp is datetime:
        return decode_moment
    if tp is date:
        return _day
    if isinstance(tp, type) and issubclass(tp, Enum):
        return _member_of(tp)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _record_of(tp)
    if tp is bool:
        return _flag
    if tp is int:
        return _whole
    if tp is float:
        return _number
    raise TypeError(f"unsupported type {tp!r}")


def _text(value: Any) -> str:
    if value.__class__ is not str and not isinstance(value, str):
        raise TypeError("expected text")
    return value


def _optional(inner: Decoder) -> Decoder:
    def decode(value: Any) -> Any:
        return None if value is None else inner(value)
    return decode


def _list_of(inner: Decoder) -> Decoder:
    def decode(value: Any) -> list[Any]:
        if not isinstance(value, list):
            raise TypeError("expected a list")
        return [inner(v) for v in value]
    return decode


def _dict_of(inner: Decoder) -> Decoder:
    def decode(value: Any) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise TypeError("expected an object")
        return {str(k): inner(v) for k, v in value.items()}
    return decode


def decode_moment(value: Any) -> datetime:
    """A stored timestamp with its zone; TypeError or ValueError if it is not one."""
    if not isinstance(value, str):
        raise TypeError("expected a timestamp")
    try:
        parsed = _timestamp(value)
    except (ValueError, OverflowError):
        raise ValueError("not an ISO-8601 timestamp") from None
    if parsed.tzinfo is None:
        raise ValueError("timestamp without a time zone")
    return parsed


def _day(value: Any) -> date:
    if not isinstance(value, str):
        raise TypeError("expected a date")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise ValueError("not an ISO-8601 date") from None


def _member_of(tp: type[Enum]) -> Decoder:
    members = {m.value: m for m in tp}
    wanted = f"not one of {', '.join(str(m.value) for m in tp)}"

    def decode(value: Any) -> Enum:
        try:
            return members[value]
        except (KeyError, TypeError):  # TypeError: an unhashable value
            try:
                return tp(value)  # a value the enum accepts by another spelling
            except (ValueError, TypeError):
                raise ValueError(wanted) from None
    return decode


def _record_of(cls: type) -> Decoder:
    fields = [(name, _decoder(hint), required) for name, hint, required in _fields(cls)]
    name_of = cls.__name__

    def decode(data: Any) -> Any:
        if not isinstance(data, dict):
            raise DecodeError(f"expected an object for {name_of}")
        kwargs: dict[str, Any] = {}
        for name, decode_field, required in fields:
            if name in data:
                try:
                    kwargs[name] = decode_field(data[name])
                except (TypeError, ValueError, OverflowError) as exc:
                    raise DecodeError(f"{name_of}.{name}: {exc}") from None
            elif required:
                raise DecodeError(f"{name_of}.{name} is missing")
        return cls(**kwargs)
    return decode


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise TypeError("expected true or false")
    return value


def _whole(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError("expected a whole number")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise TypeError("expected a number")
    return float(value)
