"""The errors treatyrules raises: public API, one class per kind, each message saying the fix.

``TreatyRulesError`` is the base of them all. ``UsageError`` subclasses are a user's bad query,
a damaged input data file (``InputDataError``: file, line, column) or an output path that cannot be
written (``OutputExistsError``, ``OutputPathError``): the CLI exits 2. ``RulesError`` is a broken
rules folder (the CLI exits 1) and carries every ``Problem`` found, each with ``file:line:col``.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

__all__ = [
    "AmbiguousStateError",
    "AmbiguousTreatyError",
    "DateFormatError",
    "DateKindError",
    "DateTypeError",
    "DurationFormatError",
    "EmptyReportError",
    "InputDataError",
    "OutputExistsError",
    "OutputPathError",
    "Problem",
    "ReportRangeError",
    "ReportWindowError",
    "RulesError",
    "TreatyRulesError",
    "UnknownKindError",
    "UnknownPlaceError",
    "UnknownReadingError",
    "UnknownStateError",
    "UnknownStateNameError",
    "UnknownTreatyError",
    "UsageError",
    "closest",
]


def closest(word: str, candidates: Iterable[str], n: int = 3) -> list[str]:
    """Up to ``n`` candidates closest to ``word`` (case-insensitive).

    >>> closest("CHN-PRK-1916", ["CHN-PRK-1961", "USA-JPN-1960"])
    ['CHN-PRK-1961']
    """
    cands = list(candidates)
    by_upper = {c.upper(): c for c in cands}
    hits = difflib.get_close_matches(word.upper(), list(by_upper), n=n, cutoff=0.6)
    return [by_upper[h] for h in hits]


class TreatyRulesError(Exception):
    """Base class of every error treatyrules raises on purpose."""


class UsageError(TreatyRulesError, ValueError):
    """A query that cannot be answered as asked (bad date, unknown id or code)."""


class DateFormatError(UsageError):
    """A date string that is not one of the accepted forms."""

    def __init__(self, value: str, why: str | None = None) -> None:
        self.value = value
        reason = f": {why}" if why else ""
        super().__init__(
            f"{value!r} is not a valid date{reason} (expected YYYY, YYYY-MM or YYYY-MM-DD, "
            "e.g. 1961-09-10, 1995-09 or 1995, or a range such as 1995-08/1995-09 or ../1995)"
        )


class DateKindError(DateFormatError):
    """A valid date of the wrong kind for the question: a period where one day is needed, or an open
    range where a period needs both ends. The message says what the text is and what to give.

    >>> str(DateKindError("1979", "a year (1979-01-01 to 1979-12-31); this question needs one day, e.g. 1979-01-01"))
    "'1979' is a year (1979-01-01 to 1979-12-31); this question needs one day, e.g. 1979-01-01"
    """

    def __init__(self, value: str, why: str) -> None:
        super().__init__(value, why)
        self.args = (f"{value!r} is {why}",)


class DateTypeError(DateFormatError):
    """A value of a type that holds no day (``None``, an int, a list), or a date-like value without one
    (``pandas.NaT``, a ``numpy.datetime64`` of month precision). The message says what is accepted.

    >>> str(DateTypeError(1995, "give an ISO day such as 1995-01-01"))
    '1995 (int) is not a day: give an ISO day such as 1995-01-01'
    """

    def __init__(self, value: object, why: str) -> None:
        super().__init__(repr(value), why)
        self.value = repr(value)
        self.args = (f"{value!r} ({type(value).__name__}) is not a day: {why}",)


class DurationFormatError(UsageError):
    """A duration that is not ISO 8601 ``PnYnMnD``."""

    def __init__(self, value: str) -> None:
        self.value = value
        super().__init__(f"{value!r} is not an ISO 8601 duration (e.g. P10Y, P6M, P1Y6M, P30D)")


class EmptyReportError(UsageError):
    """A report query that selects no treaty."""

    def __init__(self, why: str) -> None:
        super().__init__(f"nothing to report: {why}; give --party CODE, --treaty ID (repeatable) or --all")


class ReportRangeError(UsageError):
    """A report window whose end is not after its start."""

    def __init__(self, start: str, end: str) -> None:
        super().__init__(f"--from {start} is not before --to {end}; give an earlier --from or a later --to")


class ReportWindowError(UsageError):
    """A report window before every selected treaty's signature: nothing in it to draw."""

    def __init__(self, start: str, last: str, first: str, signed: str) -> None:
        super().__init__(
            f"nothing to report from {start} to {last}: the first of the selected treaties, {first},"
            f" is signed on {signed}; give a --to on or after that day (or leave --from and --to out)"
        )


class _UnknownName(UsageError):
    kind = "name"

    def __init__(self, value: str, known: Sequence[str]) -> None:
        self.value = value
        self.suggestions = closest(value, known)
        hint = f"; did you mean {', '.join(self.suggestions)}?" if self.suggestions else ""
        super().__init__(f"unknown {self.kind} {value!r}{hint}")


class UnknownTreatyError(_UnknownName):
    """A treaty id (or alias) that the corpus does not hold."""

    kind = "treaty id"


class AmbiguousTreatyError(UsageError):
    """A title fragment that several treaties share; the message lists their ids.

    >>> str(AmbiguousTreatyError("mutual defense", ["USA-KOR-1953", "USA-PHL-1951"]))
    "'mutual defense' names 2 treaties: USA-KOR-1953, USA-PHL-1951; give one of their ids"
    """

    def __init__(self, value: str, candidates: Sequence[str]) -> None:
        self.value = value
        self.candidates = list(candidates)
        shown = ", ".join(self.candidates[:8]) + (", ..." if len(self.candidates) > 8 else "")
        super().__init__(f"{value!r} names {len(self.candidates)} treaties: {shown}; give one of their ids")


class UnknownStateError(_UnknownName):
    """A state code, ccode or name that the registry does not hold."""

    kind = "state code"


class UnknownStateNameError(UnknownStateError):
    """An unknown state text whose suggestions come from codes and names, each shown with its name.

    >>> str(UnknownStateNameError("Isreal", [("ISR", "Israel")]))
    "unknown state code 'Isreal'; did you mean ISR (Israel)?"
    """

    def __init__(self, value: str, suggestions: Sequence[tuple[str, str]]) -> None:
        super().__init__(value, [])
        self.suggestions = [code for code, _ in suggestions]
        if suggestions:
            hint = "; did you mean " + ", ".join(f"{c} ({n})" for c, n in suggestions) + "?"
        else:
            hint = "; give an ISO 3166 code (USA), a name (Israel), COW letters (cow:GMY) or a COW ccode (365)"
        self.args = (f"unknown state code {value!r}{hint}",)


class AmbiguousStateError(UsageError):
    """A name that several states share (``Congo``); the message lists them with their codes.

    >>> str(AmbiguousStateError("Congo", [("COD", "DR Congo"), ("COG", "Republic of the Congo")]))
    "'Congo' names 2 states: COD (DR Congo), COG (Republic of the Congo); give one of their codes"
    """

    def __init__(self, value: str, candidates: Sequence[tuple[str, str]]) -> None:
        self.value = value
        self.candidates = [code for code, _ in candidates]
        listed = ", ".join(f"{c} ({n})" for c, n in candidates)
        super().__init__(f"{value!r} names {len(candidates)} states: {listed}; give one of their codes")


class UnknownReadingError(_UnknownName):
    """A reading name that no treaty declares (the message lists the closest, or all, names)."""

    kind = "reading"

    def __init__(self, value: str, known: Sequence[str]) -> None:
        super().__init__(value, known)
        if not self.suggestions:
            self.suggestions = list(known)[:10]
            self.args = (f"unknown reading {value!r}; declared readings: {', '.join(self.suggestions)}",)


@dataclass(frozen=True)
class Problem:
    """One finding about a rules folder: where, what, and how bad."""

    file: str
    line: int
    col: int
    message: str
    field: str = ""
    severity: str = "error"  # "error" | "warning"
    code: str = "invalid"

    def __str__(self) -> str:
        where = f"{self.field}: " if self.field else ""
        sev = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.file}:{self.line}:{self.col}: {sev}{where}{self.message}"

    def to_json(self) -> dict[str, object]:
        return {
            "file": self.file,
            "line": self.line,
            "col": self.col,
            "field": self.field,
            "severity": self.severity,
            "code": self.code,
            "message": self.message,
        }


@dataclass
class RulesError(TreatyRulesError):
    """A rules folder with errors; ``problems`` lists every one found (warnings too)."""

    problems: list[Problem] = field(default_factory=list)

    def __post_init__(self) -> None:
        super().__init__(str(self))

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    def __str__(self) -> str:
        errs = self.errors
        head = f"{len(errs)} error{'s' if len(errs) != 1 else ''} in the rules"
        return head + "".join(f"\n{p}" for p in errs)


class UnknownKindError(_UnknownName):
    """An obligation kind that is not one of the five ATOP kinds."""

    kind = "obligation kind"


class UnknownPlaceError(_UnknownName):
    """A scenario location that is neither a region of ``regions.yaml`` nor a state code."""

    kind = "region or state code"


class InputDataError(UsageError):
    """A data file given as input (ATOP's CSV files) that is missing or damaged.

    ``file``, ``line`` and ``column`` say where (``line``/``column`` None when the whole file is
    concerned); the message says what was expected. The CLI exits 2, as for any usage error.
    """

    def __init__(self, file: str | Path, message: str, line: int | None = None, column: str | None = None) -> None:
        self.file = str(file)
        self.line = line
        self.column = column
        where = f"{file}:{line}" if line is not None else str(file)
        at = f": column {column!r}" if column else ""
        super().__init__(f"{where}{at}: {message}")


class OutputExistsError(UsageError):
    """An output folder that already holds files, where ``--replace`` was not given."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        super().__init__(
            f"{path} already holds files; give a new or empty folder, or --replace to replace it whole "
            "(everything in it is deleted)"
        )


class OutputPathError(UsageError):
    """An output path that cannot be written: a file where a folder belongs, a symlink, no permission, a full disk."""

    def __init__(self, path: str | Path, why: str) -> None:
        self.path = str(path)
        super().__init__(f"cannot write to {path}: {why}")
