"""ATOP's CSV files read into typed rows, every value checked at the boundary.

Each file must carry ATOP 5.1's header (the columns the import reads; other columns are kept
verbatim) and every row the header's number of values. Dates are ATOP's year/month/day triples:
a year from 1 to 9998 (``0`` only for "still in force", on an exit or end), a month 0–12 and a day
0–31 (``0`` or blank = not known) that the calendar has. Every other value is a whole number
``>= 0`` or blank, except the text columns (``version``, ``atopidphase``). A UTF-8 byte-order
mark at the start is accepted (spreadsheets write one); any other damage raises
``InputDataError`` naming the file, the line and the column, with what was expected.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import gzip
import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ..errors import InputDataError
from .coding import ALLIANCE_FILE, MEMBER_FILE, PHASE_FILE

__all__ = [
    "KINDS",
    "AllianceRow",
    "Day",
    "Directed",
    "MemberRow",
    "PhaseRow",
    "read_alliances",
    "read_directed",
    "read_members",
    "read_phases",
]

#: ATOP's obligation columns, in ATOP's order.
KINDS = ("defense", "offense", "neutral", "nonagg", "consul")
_ENTRY = ("yrent", "moent", "dayent")
_EXIT = ("yrexit", "moexit", "dayexit")
_BEGIN = ("begyr", "begmo", "begday")
_END = ("endyr", "endmo", "endday")
_REQUIRED = {
    MEMBER_FILE: ("atopid", "member", "phase", *_ENTRY, *_EXIT, "termmode", "termcaus", *KINDS),
    ALLIANCE_FILE: ("atopid", *_BEGIN, *_END),
    PHASE_FILE: ("atopid", "phase", *_BEGIN, *_END),
}
#: Columns the import reads itself (the rest of a member or alliance row is kept as verbatim codes).
MAPPED = frozenset(
    {*_ENTRY, *_EXIT, *_BEGIN, *_END, *KINDS, "atopid", "member", "phase", "termmode", "termcaus"}
    | {"version", "source", "statthr1", "statthr2", "atopidphase"}
)
_TEXT = frozenset({"version", "atopidphase"})
_FLAGS = frozenset({"0", "1", ""})
_DIGITS = re.compile(r"[0-9]+")
_MEM = re.compile(r"mem[0-9]+")
_DAMAGE = re.compile("[\x00\udc80-\udcff]")
MAX_YEAR = 9998  # the day after a last day in force must still be a date


@dataclass(frozen=True, slots=True)
class Day:
    """An ATOP date: ``year`` 0 = none (still in force); ``month`` or ``day`` 0 = not known."""

    year: int
    month: int
    day: int

    @property
    def known(self) -> bool:
        return self.year != 0

    def text(self) -> str:
        """The day as a (partial) date string: ``1950-03-01``, ``1965-05`` or ``1815``."""
        if not self.month:
            return f"{self.year:04d}"
        if not self.day:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def after(self) -> str:
        """The half-open end of a last day in force: the next day (a partial date stays as it is)."""
        if not (self.month and self.day):
            return self.text()
        return (dt.date(self.year, self.month, self.day) + dt.timedelta(days=1)).isoformat()

    def span(self) -> tuple[dt.date, dt.date]:
        """The first and last day this (partial) date can be."""
        if not self.month:
            return dt.date(self.year, 1, 1), dt.date(self.year, 12, 31)
        if not self.day:
            last = calendar.monthrange(self.year, self.month)[1]
            return dt.date(self.year, self.month, 1), dt.date(self.year, self.month, last)
        day = dt.date(self.year, self.month, self.day)
        return day, day


@dataclass(frozen=True, slots=True)
class MemberRow:
    """One row of ``atop5_1m.csv``: a member's spell in one phase of an alliance."""

    line: int
    atopid: int
    member: int
    phase: int
    entry: Day
    exit: Day
    exit_text: str  # ``yrexit-moexit-dayexit`` as written ('?' for a blank day), for notes
    termmode: int | None
    termcaus: int | None
    kinds: frozenset[str]
    statthr: tuple[int, ...]
    version: str
    codes: dict[str, int]  # every other column's nonzero value, in the file's order

    def flag(self, column: str) -> bool:
        """Whether a verbatim 0/1 column (``defcoadv``, ``obvary``...) is set."""
        return bool(self.codes.get(column))


@dataclass(frozen=True, slots=True)
class AllianceRow:
    """One row of ``atop5_1a.csv``: an alliance's first and last day, and its codes."""

    line: int
    atopid: int
    begin: Day
    end: Day
    codes: dict[str, int]  # nonzero values of unmapped columns (``mem*`` left out)
    listed: frozenset[int] | None  # the members ``mem1``... name (None: the file has no such columns)


@dataclass(frozen=True, slots=True)
class PhaseRow:
    """One row of ``atop5_1aph.csv``: a phase of an alliance."""

    line: int
    atopid: int
    phase: int
    begin: Day
    end: Day
    listed: frozenset[int] | None  # the members ``mem1``... name (None: the file has no such columns)


Values = Mapping[str, str]
R = TypeVar("R")


# ---------------------------------------------------------------- the files


def read_members(path: Path) -> list[MemberRow]:
    """Every row of ATOP's member file, checked."""
    return _rows(path, MEMBER_FILE, _member)


def read_alliances(path: Path) -> list[AllianceRow]:
    """Every row of ATOP's alliance file, checked."""
    return _rows(path, ALLIANCE_FILE, _alliance)


def read_phases(path: Path) -> list[PhaseRow]:
    """Every row of ATOP's phase file, checked."""
    return _rows(path, PHASE_FILE, _phase)


def _rows(path: Path, kind: str, make: Callable[[_Cells], R]) -> list[R]:
    text = _text(path, kind)
    out = [make(cells) for cells in _records(path, kind, text)]
    if not out:
        raise InputDataError(path, f"the file has ATOP's header but no rows; expected ATOP 5.1's {kind}", 2)
    return out


def _text(path: Path, kind: str) -> str:
    """The file's text; non-UTF-8 bytes are kept as escapes and refused where they stand."""
    if not path.is_file():
        where = f"pass the folder that holds {MEMBER_FILE} and {ALLIANCE_FILE}"
        raise InputDataError(path, f"missing ATOP file {kind}; {where}")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputDataError(path, f"cannot read the file: {exc.strerror or exc}") from None
    return _decoded(path, raw, f"ATOP 5.1's {kind}")


def _decoded(path: Path, raw: bytes, what: str) -> str:
    """The text of a CSV file: a leading byte-order mark dropped; empty or cut files refused.

    A file cut at any byte ends without a line end, or at one, which the checks of the rows catch.
    """
    text = raw.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    if not text.strip():
        raise InputDataError(path, f"the file is empty; expected {what}, header line first", 1)
    if not text.endswith("\n"):
        msg = "the last row has no line end, so the file may be cut; restore it from ATOP (or end it with a newline)"
        raise InputDataError(path, msg, text.count("\n") + 1)
    return text


@dataclass(frozen=True, slots=True)
class _Cells:
    """One record's values by column, with where it stands (for messages)."""

    path: Path
    line: int
    values: Values

    def fail(self, column: str, message: str) -> InputDataError:
        return InputDataError(self.path, message, self.line, column)

    def text(self, column: str) -> str:
        return self.values.get(column, "")

    def number(self, column: str, lo: int = 0, hi: int | None = None) -> int | None:
        """A whole number in ``[lo, hi]``, or None when blank."""
        raw = self.text(column).strip()
        if not raw:
            return None
        if not _DIGITS.fullmatch(raw) or int(raw) < lo or (hi is not None and int(raw) > hi):
            span = f"between {lo} and {hi}" if hi is not None else f"of at least {lo}"
            raise self.fail(column, f"{raw!r} is not a valid value; expected a whole number {span} or a blank")
        return int(raw)

    def required(self, column: str, lo: int = 1, hi: int | None = None) -> int:
        value = self.number(column, lo, hi)
        if value is None:
            raise self.fail(column, f"the value is blank; expected a whole number of at least {lo}")
        return value

    def flag(self, column: str) -> int:
        raw = self.text(column).strip()
        if raw not in _FLAGS:
            raise self.fail(column, f"{raw!r} is not a valid value; expected 0, 1 or a blank")
        return int(raw or 0)

    def codes(self, skip: Callable[[str], bool]) -> dict[str, int]:
        """Every unmapped column's nonzero value (text columns left out), in the file's order."""
        out: dict[str, int] = {}
        for column in self.values:
            if column in MAPPED or column in _TEXT or skip(column):
                continue
            value = self.number(column)
            if value:
                out[column] = value
        return out


def _records(path: Path, kind: str, text: str) -> Iterator[_Cells]:
    """The data rows of a CSV text as cells, after checking the header and each row's length."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader)
        _check_header(path, kind, header)
        for row in reader:
            if not row:
                continue
            _check_row(path, reader.line_num, header, row)
            yield _Cells(path, reader.line_num, dict(zip(header, row, strict=True)))
    except csv.Error as exc:
        raise InputDataError(path, f"not a CSV row: {exc}; restore the file from ATOP", reader.line_num) from None


def _check_header(path: Path, kind: str, header: Sequence[str]) -> None:
    missing = [c for c in _REQUIRED[kind] if c not in header]
    if missing:
        cols = ", ".join(missing)
        raise InputDataError(
            path,
            f"the header lacks {cols}; expected ATOP 5.1's {kind} header, with {', '.join(_REQUIRED[kind])}",
            1,
        )
    seen: set[str] = set()
    for column in header:
        if column in seen:
            raise InputDataError(path, "the header names this column twice; keep one", 1, column)
        seen.add(column)


def _check_row(path: Path, line: int, header: Sequence[str], row: Sequence[str]) -> None:
    if len(row) < len(header):
        column = header[len(row)]
        raise InputDataError(
            path,
            f"the row has {len(row)} values, the header {len(header)}: the row is cut short "
            "(a truncated or damaged file?); restore it from ATOP's files",
            line,
            column,
        )
    if len(row) > len(header):
        raise InputDataError(
            path, f"the row has {len(row)} values, the header {len(header)}; remove the extra values", line
        )
    for column, value in zip(header, row, strict=True):
        bad = _DAMAGE.search(value)
        if bad is not None:
            char = bad.group()
            what = "a NUL byte" if char == "\x00" else f"byte 0x{ord(char) - 0xDC00:02X}, which is not UTF-8"
            raise InputDataError(path, f"the value holds {what}; save the file as UTF-8 text", line, column)


# ---------------------------------------------------------------- the rows


def _day(cells: _Cells, columns: Sequence[str], *, open_end: bool) -> Day:
    """A year/month/day triple, checked against the calendar (year 0 only where ``open_end``)."""
    y, m, d = columns
    year = _year(cells, y, open_end)
    month = cells.number(m, 0, 12) or 0
    day = cells.number(d, 0, 31) or 0
    if not year:
        if month or day:
            raise cells.fail(m if month else d, "a month or day without a year; a year 0 (still in force) has 0/0/0")
        return Day(0, 0, 0)
    if day and not month:
        raise cells.fail(d, "a day without a month; give the month, or 0 for the day too")
    if day and day > calendar.monthrange(year, month)[1]:
        raise cells.fail(d, f"{year:04d}-{month:02d}-{day:02d} is not a day of the calendar; check the day")
    return Day(year, month, day)


def _year(cells: _Cells, column: str, open_end: bool) -> int:
    """A year from 1 to ``MAX_YEAR``; 0 or blank only where ``open_end`` (still in force)."""
    raw = cells.text(column).strip()
    if raw in ("", "0") and open_end:
        return 0
    if _DIGITS.fullmatch(raw) and 1 <= int(raw) <= MAX_YEAR:
        return int(raw)
    shown = "the year is blank or 0" if raw in ("", "0") else f"{raw!r} is not a year"
    also = " (or 0 while still in force)" if open_end else ""
    raise cells.fail(column, f"{shown}; expected a year between 1 and {MAX_YEAR}{also}, e.g. 1815")


def _ordered(cells: _Cells, start: Day, end: Day, column: str) -> None:
    if end.known and end.span()[1] < start.span()[0]:
        raise cells.fail(column, f"the end {end.text()} is before the start {start.text()}; check both dates")


def _member(cells: _Cells) -> MemberRow:
    entry = _day(cells, _ENTRY, open_end=False)
    exit_ = _day(cells, _EXIT, open_end=True)
    _ordered(cells, entry, exit_, "yrexit")
    yrexit, moexit, dayexit = (cells.text(c) for c in _EXIT)
    return MemberRow(
        line=cells.line,
        atopid=cells.required("atopid"),
        member=cells.required("member"),
        phase=cells.number("phase") or 0,
        entry=entry,
        exit=exit_,
        exit_text=f"{yrexit}-{moexit}-{dayexit or '?'}",
        termmode=cells.number("termmode"),
        termcaus=cells.number("termcaus"),
        kinds=frozenset(k for k in KINDS if cells.flag(k)),
        statthr=tuple(c for c in (cells.number("statthr1"), cells.number("statthr2")) if c),
        version=cells.text("version"),
        codes=cells.codes(lambda c: False),
    )


def _alliance(cells: _Cells) -> AllianceRow:
    begin = _day(cells, _BEGIN, open_end=False)
    end = _day(cells, _END, open_end=True)
    _ordered(cells, begin, end, "endyr")
    codes = cells.codes(lambda c: c.startswith("mem"))
    return AllianceRow(cells.line, cells.required("atopid"), begin, end, codes, _listed(cells))


def _listed(cells: _Cells) -> frozenset[int] | None:
    """The ccodes in the ``mem1``, ``mem2``... columns (None when the file has none)."""
    listing = [c for c in cells.values if _MEM.fullmatch(c)]
    return frozenset(m for c in listing if (m := cells.number(c))) if listing else None


def _phase(cells: _Cells) -> PhaseRow:
    begin = _day(cells, _BEGIN, open_end=False)
    end = _day(cells, _END, open_end=True)
    _ordered(cells, begin, end, "endyr")
    return PhaseRow(cells.line, cells.required("atopid"), cells.number("phase") or 0, begin, end, _listed(cells))


# ---------------------------------------------------------------- ATOP's directed dyad-year file

Directed = dict[tuple[int, int, str], set[int]]
_ONE = frozenset({"1", "1.0"})
_DIRECTED_FLAGS = frozenset({"0", "1", "0.0", "1.0", ""})


def read_directed(path: str | Path) -> Directed:
    """ATOP's directed dyad-year obligations as ``(ccode1, ccode2, kind) -> years`` (1-cells only).

    Reads ``atop5_1_ddyr_obligations.csv.gz`` (columns ``atop_defense`` ...) or ATOP's own ``atop5_1ddyr``
    CSV (``defense`` ... or upper case); ``.gz`` files are decompressed. Every row is checked.
    """
    path = Path(path)
    if not path.is_file():
        what = "pass the path of atop5_1_ddyr_obligations.csv.gz or atop5_1ddyr.csv"
        raise InputDataError(path, f"missing ATOP directed dyad-year file; {what}")
    out: Directed = {}
    reader = csv.reader(io.StringIO(_directed_text(path), newline=""))
    try:
        header = next(reader, [])
        cols, names = _directed_columns(path, header)
        for row in reader:
            if not row:
                continue
            _check_row(path, reader.line_num, header, row)
            cells = _Cells(path, reader.line_num, dict(zip(header, row, strict=True)))
            a, b, year, kinds = _directed_row(cells, cols, names)
            for kind in kinds:
                out.setdefault((a, b, kind), set()).add(year)
    except csv.Error as exc:
        raise InputDataError(path, f"not a CSV row: {exc}; restore the file", reader.line_num) from None
    return out


def _directed_text(path: Path) -> str:
    try:
        raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    except (OSError, EOFError, gzip.BadGzipFile) as exc:
        raise InputDataError(path, f"cannot read the file: {exc}; restore it from ATOP") from None
    return _decoded(path, raw, "ATOP's directed dyad-year obligations")


def _directed_columns(path: Path, header: Sequence[str]) -> tuple[dict[str, str], dict[str, str]]:
    """(lower-case name -> column) and (kind -> column) of a directed file's header."""
    cols = {c.lower(): c for c in header}
    names = {k: cols.get(f"atop_{k}") or cols.get(k) for k in KINDS}
    missing = [k for k, v in names.items() if v is None]
    missing += [c for c in ("ccode1", "ccode2", "year") if c not in cols]
    if missing:
        raise InputDataError(path, f"not an ATOP directed dyad-year file: no column for {', '.join(missing)}", 1)
    return cols, {k: v for k, v in names.items() if v is not None}


def _directed_row(cells: _Cells, cols: Mapping[str, str], names: Mapping[str, str]) -> tuple[int, int, int, list[str]]:
    """``(ccode1, ccode2, year, kinds coded 1)`` of one row of the directed file."""
    a, b = cells.required(cols["ccode1"]), cells.required(cols["ccode2"])
    year = cells.required(cols["year"], 1, MAX_YEAR)
    kinds = []
    for kind, column in names.items():
        raw = cells.text(column).strip()
        if raw not in _DIRECTED_FLAGS:
            raise cells.fail(column, f"{raw!r} is not a valid value; expected 0 or 1")
        if raw in _ONE:
            kinds.append(kind)
    return a, b, year, kinds
