"""The status table (``treatyrules.statustable``) answers as the corpus does: every piece on both
sides of every cut, every day's list of statuses, through JSON and back, and the ``status``
command the same whether it reads the table, builds it, or has no cache at all."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import treatyrules
from treatyrules import cache, statustable, strategies
from treatyrules.cli import main
from treatyrules.cli.context import Ctx
from treatyrules.compiled import CompiledCorpus
from treatyrules.folderfiles import shipped_rules
from treatyrules.queries.status import answer_on, statuses
from treatyrules.statustable import StatusTable

from .conftest import FIXTURES
from .test_status_fast import FAR, _boundaries

MIX = FIXTURES / "atop-mix-rules"


@pytest.fixture(scope="module")
def corpora(corpus: treatyrules.Corpus) -> dict[str, CompiledCorpus]:
    """The shipped corpus under its text, as of a past day, under a reading, and mixed with a folder
    of another knowledge date (each treaty keeps its own)."""
    c = corpus.compiled
    return {
        "text": c,
        "as_of": c.with_options(as_of="1991-12-31"),
        "reading": c.with_options(reading="twenty-year-renewal"),
        "mix": treatyrules.load([shipped_rules(), MIX]).compiled,
    }


@pytest.fixture(scope="module")
def tables(corpora: dict[str, CompiledCorpus]) -> dict[str, StatusTable]:
    return {name: statustable.build(c) for name, c in corpora.items()}


NAMES = ["text", "as_of", "reading", "mix"]


@pytest.mark.parametrize("name", NAMES)
def test_every_piece_answers_as_the_slow_path_on_both_sides_of_every_cut(
    corpora: dict[str, CompiledCorpus], tables: dict[str, StatusTable], name: str
) -> None:
    c, table = corpora[name], tables[name]
    assert list(table.pieces) == list(c.lives)
    for tid, life in c.lives.items():
        for day in _boundaries(c, tid):
            got = table.pieces[tid].on(day)
            assert got == answer_on(c, life, day) and got.date == day


@pytest.mark.parametrize("name", NAMES)
@given(data=st.data())
def test_a_days_statuses_are_the_corpus_statuses(
    corpora: dict[str, CompiledCorpus], tables: dict[str, StatusTable], name: str, data: st.DataObject
) -> None:
    c, table = corpora[name], tables[name]
    tid = data.draw(st.sampled_from(sorted(c.lives)))
    day = data.draw(st.sampled_from(_boundaries(c, tid)) | st.dates(FAR[0], FAR[-1]))
    in_force = data.draw(st.booleans())
    assert table.statuses(day, in_force=in_force) == statuses(c, day, in_force=in_force)


@pytest.mark.parametrize("name", NAMES)
def test_the_table_comes_back_from_json_equal(tables: dict[str, StatusTable], name: str) -> None:
    table = tables[name]
    back = statustable.decode(statustable.encode(table))
    assert back == table
    assert back.knowledge == table.knowledge


@given(corpus=strategies.corpora(max_treaties=3, exact=False), days=st.lists(strategies.days(), max_size=8))
def test_tables_of_generated_corpora_round_trip_and_answer_as_the_corpus(
    corpus: treatyrules.Corpus, days: list[dt.date]
) -> None:
    c = corpus.compiled
    table = statustable.decode(statustable.encode(statustable.build(c)))
    assert table == statustable.build(c)
    for day in days:
        assert table.statuses(day) == statuses(c, day)


# ---------------------------------------------------------------- what decode refuses


def _paths(value: Any, at: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """The path of every value inside a JSON document."""
    out = [at]
    if isinstance(value, dict):
        out += [p for k, v in value.items() for p in _paths(v, (*at, k))]
    elif isinstance(value, list):
        out += [p for i, v in enumerate(value) for p in _paths(v, (*at, i))]
    return out


def _other_kind(value: Any) -> Any:
    """A value of another JSON kind than ``value``, that no field of the table may hold instead."""
    if isinstance(value, bool):
        return "true"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return 7
    if value is None:
        return 7
    return {} if isinstance(value, list) else []


@pytest.fixture(scope="module")
def small_json(corpora: dict[str, CompiledCorpus]) -> dict[str, Any]:
    """A small table's JSON: two treaties of the shipped corpus."""
    c = corpora["text"]
    ids = ("CHN-PRK-1961", "NATO-1949")
    t = statustable.build(c)
    small = StatusTable(
        dataclasses.replace(t.knowledge, ids=ids, readers=frozenset()),
        {tid: t.pieces[tid] for tid in ids},
    )
    out: dict[str, Any] = json.loads(statustable.encode(small))
    return out


@given(data=st.data())
def test_decode_refuses_a_value_of_another_kind_anywhere(small_json: dict[str, Any], data: st.DataObject) -> None:
    doc = json.loads(json.dumps(small_json))
    path = data.draw(st.sampled_from(_paths(doc)[1:]))
    *head, last = path
    parent = doc
    for key in head:
        parent = parent[key]
    parent[last] = _other_kind(parent[last])
    with pytest.raises((ValueError, KeyError, TypeError)):
        statustable.decode(json.dumps(doc).encode())


@pytest.mark.parametrize(
    "change",
    [
        lambda d: d.update(format=0),
        lambda d: d["treaties"].pop(),  # not the corpus' treaties
        lambda d: d["treaties"][0]["answers"].pop(),  # one answer per piece
        lambda d: d["treaties"][0]["cuts"].reverse(),  # out of order
        lambda d: d["treaties"][0]["answers"][0].__setitem__(4, -1),  # an index that is not one
        lambda d: d["treaties"][0]["answers"][0].__setitem__(4, 10**6),
    ],
)
def test_decode_refuses_a_table_that_does_not_hold_together(small_json: dict[str, Any], change: Any) -> None:
    doc = json.loads(json.dumps(small_json))
    change(doc)
    with pytest.raises(ValueError):
        statustable.decode(json.dumps(doc).encode())


# ---------------------------------------------------------------- the command, warm, cold, rebuilt


def _run(*args: str) -> str:
    with contextlib.redirect_stdout(io.StringIO()) as out:
        assert main(list(args)) == 0
    return out.getvalue()


CASES = [
    ("--date", "1995-01-01"),
    ("--date", "2026-03-01"),  # the knowledge date, and the day after it (an answer that assumes)
    ("--date", "2026-03-02", "--in-force"),
    ("--date", "1800-01-01"),
    ("--date", "1991-12-26", "--as-of", "1991-12-31"),
    ("--date", "1985-06-01", "--reading", "twenty-year-renewal"),
    ("--date", "1960-01-01", "--rules", str(shipped_rules()), "--rules", str(MIX)),
]


@pytest.mark.parametrize("fmt", ["table", "json", "csv"])
@pytest.mark.parametrize("args", CASES)
def test_status_says_the_same_from_the_table_built_read_or_absent(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, args: tuple[str, ...], fmt: str
) -> None:
    argv = ["status", *args, "--format", fmt]
    monkeypatch.setenv("TREATYRULES_CACHE", "0")
    without = _run(*argv)
    monkeypatch.setenv("TREATYRULES_CACHE", "1")
    monkeypatch.setenv("TREATYRULES_CACHE_DIR", str(tmp_path))
    built = _run(*argv)
    assert len(list(tmp_path.glob("status-table-*.trc"))) == 1

    def no_corpus(self: Ctx) -> None:
        raise AssertionError("a warm status command compiled the corpus")

    monkeypatch.setattr(Ctx, "corpus", no_corpus)
    assert _run(*argv) == built == without


def test_a_table_entry_that_does_not_decode_is_rebuilt(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE_DIR", str(tmp_path))
    first = _run("status", "--date", "1995-01-01")
    (entry,) = tmp_path.glob("status-table-*.trc")
    key = entry.name.removeprefix("status-table-").removesuffix(".trc")
    header = cache._header("status-table", key)
    cache._write_entry(tmp_path, entry, header, b'{"format": 1, "knowledge": {}}')  # a sound checksum, a bad table
    built: list[int] = []
    real = statustable.build

    def counted(c: CompiledCorpus) -> StatusTable:
        built.append(1)
        return real(c)

    monkeypatch.setattr(statustable, "build", counted)
    assert _run("status", "--date", "1995-01-01") == first
    assert built == [1]
    rewritten = statustable.decode(entry.read_bytes().split(b"\n", 1)[1])  # rewritten whole
    assert rewritten == statustable.build(treatyrules.load().compiled)


def test_the_key_covers_the_rules_and_the_options(tmp_path: Path) -> None:
    shipped = shipped_rules()
    base = statustable.table_key([shipped], None, None)
    assert base == statustable.table_key([], None, None)  # no folder: the shipped one
    assert base != statustable.table_key([shipped], "twenty-year-renewal", None)
    assert base != statustable.table_key([shipped], None, dt.date(1991, 12, 31))
    assert base != statustable.table_key([shipped, MIX], None, None)
    own = tmp_path / "own"
    (own / "treaties").mkdir(parents=True)
    (own / "treaties" / "X.yaml").write_text(
        (MIX / "treaties" / sorted(p.name for p in (MIX / "treaties").iterdir())[0]).read_text()
    )
    k1 = statustable.table_key([own], None, None)
    (own / "treaties" / "X.yaml").write_text((own / "treaties" / "X.yaml").read_text() + "\n# changed\n")
    assert k1 is not None and statustable.table_key([own], None, None) not in (k1, None)
