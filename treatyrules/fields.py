"""The pydantic base and field types that every rules model shares (treaties, states, regions, ATOP coding).

A module of its own so that ``schema`` and ``atop.coding`` can both build on it without importing
each other. ``PDate`` holds a partial date (``treatyrules.dates``), ``Dur`` an ISO 8601 duration,
``Code`` a state code, ``Parties`` state codes or ``all``.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PlainSerializer, PlainValidator, WithJsonSchema

from .dates import Duration, PartialDate, parse_duration, parse_partial

__all__ = ["Code", "Dur", "Model", "PDate", "Parties"]


def _to_partial(value: Any) -> PartialDate:
    if type(value) is str:  # the common case (YAML, JSON): straight to the memoized parser
        return parse_partial(value)
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise ValueError(f"expected a date such as 1961-09-10, 1995-09 or 1995, got {type(value).__name__}")
    return parse_partial(value)


def _to_duration(value: Any) -> Duration:
    if isinstance(value, Duration):
        return value
    if not isinstance(value, str):
        raise ValueError(f"expected an ISO 8601 duration such as P10Y or P6M, got {type(value).__name__}")
    return parse_duration(value)


PDate = Annotated[
    PartialDate,
    PlainValidator(_to_partial),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["1961-09-10", "1995-09", "1995", "199X", "1995-09~"]}),
]
Dur = Annotated[
    Duration,
    PlainValidator(_to_duration),
    PlainSerializer(str, return_type=str),
    WithJsonSchema({"type": "string", "examples": ["P10Y", "P6M", "P1Y6M"]}),
]
Code = Annotated[str, Field(min_length=2, max_length=8, pattern=r"^[A-Z][A-Z0-9]{1,7}$")]
#: state codes, or ``all`` (every current party). Read left to right, the list first: the smart union
#: tried ``"all"`` first and built that failure for every list, a quarter of validating an ATOP obligation
Parties = Annotated[list[Code] | Literal["all"], Field(union_mode="left_to_right")]


class Model(BaseModel):
    """Base of every rules model: unknown keys are errors; instances are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)
