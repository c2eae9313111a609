"""Fuzz what users run: the whole shipped rules folder with one treaty file mutated, through ``load``,
``statuses``, ``explain`` and the command line (issue 16.6).

Two kinds of mutation of one shipped treaty file:

* **a bad value on one line** (an impossible date, an unknown state code, an obligation kind that is
  none, a YAML tag, an alias, an unclosed bracket, a control character): the folder must be refused
  with an error located on that very line;
* **a structural change** (lines deleted, duplicated, swapped, indented, dedented; a bad value
  inserted anywhere): the folder loads, or is refused with every problem located inside an existing
  file's lines.

Either way ``status`` and ``explain`` answer without any exception but ours, the command line
(``treatyrules --rules FOLDER status``) exits 1 exactly when ``load`` refuses the folder and 0
otherwise, never 3 and never with a traceback, and each example ends within a time bound. Under the
``ci`` profile a few dozen examples run, fixed and derandomized; the ``thorough`` profile
(``HYPOTHESIS_PROFILE=thorough``) runs a tenth of its examples here, each a whole folder.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import re
import shutil
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import treatyrules
from treatyrules.cli import main
from treatyrules.errors import RulesError, TreatyRulesError
from treatyrules.explain import explain

from ._mutations import OPS, mutate_lines

ROOT = Path(__file__).resolve().parents[1]
RULES = ROOT / "rules"
FILES = sorted((RULES / "treaties").glob("*.yaml"))
BOUND = 30.0  # seconds per example (two cold loads of the shipped folder on a busy machine take 3-6 s)
EXAMPLES = max(20, settings.default.max_examples // 10) if settings.default.max_examples > 150 else 20
DAY = dt.date(1995, 1, 1)

#: one line's value, refused wherever it stands, each reported on its line
BAD_VALUES = {
    "date": ['"1995-02-30"', '"1995-13-01"', '"0000-01-01"', '"19950101x"'],
    "code": ['"ZZQ"'],
    "kind": ['"alliance_of_sorts"'],
    "any": ['!!python/object/apply:os.system ["true"]', "*nowhere", "[[", '"\x01"', "{a: [}"],
}
_DATE_LINE = re.compile(r'^(\s*(?:- )?[a-z_]+: )"\d{4}-\d{2}-\d{2}"\s*$')
_CODE_ITEM = re.compile(r'^(\s*- )"[A-Z]{3}"\s*$')
_KIND_LINE = re.compile(r'^(\s*(?:- )?kind: )"?[a-z_]+"?\s*$')
_VALUE_LINE = re.compile(r"^(\s*(?:- )?[a-z_]+: )\S.*$")
INSERTS = [t.encode() for t in ("\t", "&a ", "!custom ", "? ", "- ", ": ", "'", "#", "\x00", "\ufeff", "NO", "[" * 200)]


@dataclass(frozen=True)
class Mutation:
    file: Path
    text: bytes
    line: int | None  # the line a bad value was put on (1-based), or None for a structural change
    what: str

    def __repr__(self) -> str:  # what a falsifying example prints: the file and the change, not the text
        return f"Mutation({self.file.name}: {self.what})"

    def _repr_pretty_(self, printer: Any, cycle: bool) -> None:  # hypothesis' printer
        printer.text(repr(self))


def _value_sites(lines: list[str]) -> Iterator[tuple[int, str, str]]:
    """(line index, the line's prefix, the kind of value) for every line a bad value can replace."""
    for i, line in enumerate(lines):
        for kind, rx in (("date", _DATE_LINE), ("code", _CODE_ITEM), ("kind", _KIND_LINE), ("any", _VALUE_LINE)):
            m = rx.match(line)
            if m:
                yield i, m[1], kind
                break


@st.composite
def bad_value(draw: st.DrawFn) -> Mutation:
    f = draw(st.sampled_from(FILES))
    lines = f.read_text(encoding="utf-8").split("\n")
    i, prefix, kind = draw(st.sampled_from(list(_value_sites(lines))))
    value = draw(st.sampled_from(BAD_VALUES[kind] + (BAD_VALUES["any"] if kind != "any" else [])))
    lines[i] = prefix + value
    return Mutation(f, "\n".join(lines).encode(), i + 1, f"line {i + 1} := {lines[i]!r}")


@st.composite
def structural(draw: st.DrawFn) -> Mutation:
    f = draw(st.sampled_from(FILES))
    lines = f.read_bytes().split(b"\n")
    ops = mutate_lines(draw, lines, INSERTS, [op for op in OPS if op != "flip"], most=3)
    return Mutation(f, b"\n".join(lines), None, ", ".join(ops))


@contextlib.contextmanager
def folder_with(m: Mutation) -> Iterator[Path]:
    """The shipped folder in a temporary place, ``m.file`` replaced by ``m.text``."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "rules"
        shutil.copytree(RULES, root)
        (root / "treaties" / m.file.name).write_bytes(m.text)
        yield root


def _load(root: Path) -> treatyrules.Corpus | RulesError:
    try:
        return treatyrules.load(root)
    except RulesError as exc:
        return exc


def _answers(corpus: treatyrules.Corpus, treaty_file: str) -> None:
    """status and explain answer (or raise one of our errors, never another exception)."""
    corpus.statuses(DAY)
    tid = next((t for t in corpus.ids if treaty_file.startswith(t)), corpus.ids[0])
    with contextlib.suppress(TreatyRulesError):
        explain(corpus, tid, DAY)


def _cli(root: Path) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["--rules", str(root), "status", "--date", DAY.isoformat()])
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue() + err.getvalue()


def _located(exc: RulesError, root: Path) -> None:
    for p in exc.problems:
        path = Path(p.file) if Path(p.file).is_absolute() else Path.cwd() / p.file
        assert path.is_file(), p
        n = len(path.read_bytes().split(b"\n"))
        assert 1 <= p.line <= n + 1 and p.col >= 1 and "\n" not in p.message, p


def _run(m: Mutation) -> None:
    start = time.perf_counter()
    with folder_with(m) as root:
        got = _load(root)
        code, printed = _cli(root)
        assert "Traceback" not in printed, (m.what, printed[-2000:])
        if isinstance(got, RulesError):
            _located(got, root)
            assert code == 1, (m.what, code, printed[-1000:])
            if m.line is not None:
                here = [p for p in got.errors if Path(p.file).name == m.file.name and p.line == m.line]
                assert here, (m.what, [str(p) for p in got.errors][:5])
        else:
            assert m.line is None or m.text == m.file.read_bytes(), f"{m.what} was accepted"
            assert code == 0, (m.what, code, printed[-1000:])
            _answers(got, m.file.name)
    assert time.perf_counter() - start < BOUND, m.what


FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE", "0")


@FUZZ
@given(bad_value())
def test_a_bad_value_in_a_shipped_treaty_is_refused_on_its_line(m: Mutation) -> None:
    _run(m)


@FUZZ
@given(structural())
def test_a_shipped_folder_with_a_mangled_treaty_loads_or_is_refused_where_it_is(m: Mutation) -> None:
    _run(m)
