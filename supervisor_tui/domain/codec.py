"""Plain-dict encoding of the domain dataclasses, driven by their type hints.

The store keeps these dicts as JSON; everything a user typed round-trips exactly.
"""

from __future__ import annotations

import dataclasses
import types
import typing
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
    if not isinstance(data, dict):
        raise DecodeError(f"expected an object for {cls.__name__}")
    kwargs: dict[str, Any] = {}
    for name, hint, required in _fields(cast(type, cls)):
        if name in data:
            try:
                kwargs[name] = _decode(hint, data[name])
            except (TypeError, ValueError, OverflowError) as exc:
                raise DecodeError(f"{cls.__name__}.{name}: {exc}") from None
        elif required:
            raise DecodeError(f"{cls.__name__}.{name} is missing")
    return cls(**kwargs)


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


def _decode(tp: Any, value: Any) -> Any:
    if tp is str:  # the commonest field, checked first
        if not isinstance(value, str):
            raise TypeError("expected text")
        return value
    origin, args = _shape(tp)
    if origin is typing.Union:
        if value is None:
            return None
        return _decode(args[0], value)
    if origin is list:
        if not isinstance(value, list):
            raise TypeError("expected a list")
        (item,) = args
        return [_decode(item, v) for v in value]
    if origin is dict:
        if not isinstance(value, dict):
            raise TypeError("expected an object")
        _, item = args
        return {str(k): _decode(item, v) for k, v in value.items()}
    if tp is datetime:
        if not isinstance(value, str):
            raise TypeError("expected a timestamp")
        try:
            parsed = _timestamp(value)
        except (ValueError, OverflowError):
            raise ValueError("not an ISO-8601 timestamp") from None
        if parsed.tzinfo is None:
            raise ValueError("timestamp without a time zone")
        return parsed
    if tp is date:
        if not isinstance(value, str):
            raise TypeError("expected a date")
        try:
            return date.fromisoformat(value)
        except ValueError:
            raise ValueError("not an ISO-8601 date") from None
    if isinstance(tp, type) and issubclass(tp, Enum):
        try:
            return tp(value)
        except (ValueError, TypeError):
            raise ValueError(f"not one of {', '.join(m.value for m in tp)}") from None
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return from_dict(tp, value)
    if tp is bool:
        if not isinstance(value, bool):
            raise TypeError("expected true or false")
        return value
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError("expected a whole number")
        return value
    if tp is float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise TypeError("expected a number")
        return float(value)
    raise TypeError(f"unsupported type {tp!r}")
