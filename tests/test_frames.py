"""Answers as frames: one call turns a list of answers into a flat table, built once in Arrow, so
every backend has the same columns and types, and dates are dates (date32), never objects."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

import treatyrules
from treatyrules.frames import Tabular, arrow_table, columns
from treatyrules.scenario import CONDITIONS

pa = pytest.importorskip("pyarrow")
pd = pytest.importorskip("pandas")
pl = pytest.importorskip("polars")

DAY = "1995-01-01"
LISTS: dict[str, Callable[[treatyrules.Corpus], Tabular]] = {
    "statuses": lambda c: c.statuses(DAY),
    "statuses_party": lambda c: c.statuses("1980-01-01", party="ALB"),
    "statuses_over": lambda c: c.statuses_over("1990/1992"),
    "obligations": lambda c: c.obligations(DAY),
    "scenario": lambda c: c.scenario("2025-01-01", "FIN", "RUS"),
    "cascade": lambda c: c.cascade("1960-01-01", attacker="USA", attacked="CHN"),
}
EMPTY: dict[str, Callable[[treatyrules.Corpus], Tabular]] = {
    "statuses": lambda c: c.statuses("1000-01-01"),
    "obligations": lambda c: c.obligations("1000-01-01"),
    "scenario": lambda c: c.scenario("1000-01-01", "FIN"),
}
ARROW_TO_POLARS = {"string": pl.String, "date32[day]": pl.Date, "int64": pl.Int64, "bool": pl.Boolean}


def _check_backends(answers: Tabular) -> Any:
    """The three tables agree: same columns in the declared order, same types, same values."""
    table = answers.to_arrow()
    names = [n for n, _ in answers.columns()]
    assert table.column_names == names
    kinds = dict(answers.columns())
    for f in table.schema:
        want = {"str": pa.string(), "date": pa.date32(), "int": pa.int64(), "bool": pa.bool_()}[kinds[f.name]]
        assert f.type == want, f.name
    df = answers.to_pandas()
    assert list(df.columns) == names
    for n, t in df.dtypes.items():
        assert isinstance(t, pd.ArrowDtype) and t.pyarrow_dtype == table.schema.field(n).type, n
    frame = answers.to_polars()
    assert frame.columns == names
    assert [ARROW_TO_POLARS[str(table.schema.field(n).type)] for n in names] == list(frame.schema.values())
    assert pa.Table.from_pandas(df, preserve_index=False).equals(table)
    assert frame.to_arrow().cast(table.schema).equals(table)
    return table


@pytest.mark.parametrize("name", sorted(LISTS))
def test_every_list_is_one_table_on_every_backend(corpus: treatyrules.Corpus, name: str) -> None:
    table = _check_backends(LISTS[name](corpus))
    assert table.num_rows > 0
    for n, kind in LISTS[name](corpus).columns():
        if kind == "date":  # dates are calendar days, not datetimes or objects
            assert all(v is None or type(v) is dt.date for v in table.column(n).to_pylist())


@pytest.mark.parametrize("name", sorted(EMPTY))
def test_an_empty_list_keeps_its_columns_and_types(corpus: treatyrules.Corpus, name: str) -> None:
    answers = EMPTY[name](corpus)
    table = _check_backends(answers)
    assert table.num_rows == 0 and table.num_columns == len(answers.columns()) > 0


def test_status_rows_are_the_answers(corpus: treatyrules.Corpus) -> None:
    answers = corpus.statuses(DAY)
    df = answers.to_pandas()
    assert len(df) == len(answers)
    for row, a in zip(df.to_dict("records"), answers, strict=True):
        assert (row["id"], row["status"], row["date"]) == (a.id, a.status, a.date)
        assert row["since"] == a.since and (pd.isna(row["until"]) if a.until is None else row["until"] == a.until)
        assert row["party_count"] == len(a.parties) and row["basis_steps"] == len(a.basis)
    # a date column compares with datetime.date, as the module doc says
    early = dt.date(1950, 1, 1)
    assert len(df[df.since < early]) == sum(1 for a in answers if a.since and a.since < early)


def test_membership_columns_with_a_party(corpus: treatyrules.Corpus) -> None:
    df = corpus.statuses("1980-01-01", party="ALB").to_polars()
    warsaw = df.filter(pl.col("id") == "WARSAW-1955").row(0, named=True)
    assert warsaw["membership"] == "former_member" and isinstance(warsaw["membership_since"], dt.date)
    assert corpus.statuses(DAY).to_polars()["membership"].null_count() == len(corpus.statuses(DAY))


def test_obligation_conditions_are_one_column_each(corpus: treatyrules.Corpus) -> None:
    answers = corpus.obligations(DAY, treaty="USA-JPN-1960")
    df = answers.to_pandas()
    assert len(df) == len(answers)
    assert {"armed_attack", "state_of_war", "adversaries", "location", "constitutional_processes"} <= set(df.columns)
    for row, a in zip(df.to_dict("records"), answers, strict=True):
        c = a.declared
        assert (row["armed_attack"] is True) == bool(c and c.armed_attack)
        assert (row["constitutional_processes"] is True) == bool(c and c.constitutional_processes)


def test_period_rows_hold_every_status(corpus: treatyrules.Corpus) -> None:
    df = corpus.statuses_over("1991").to_pandas()
    warsaw = df[df.id == "WARSAW-1955"].iloc[0]
    assert warsaw.held_in_force == "part" and warsaw.held_terminated == "part" and warsaw.changes >= 1
    assert warsaw.start == dt.date(1991, 1, 1) and warsaw.end == dt.date(1992, 1, 1)


def test_scenario_rows_flatten_one_column_per_condition(corpus: treatyrules.Corpus) -> None:
    answer = corpus.scenario("2025-01-01", "FIN", "RUS")
    df = answer.to_pandas()
    assert len(df) == len(answer.obligations)
    checked = {ch.condition for o in answer.obligations for ch in o.checks}
    assert {f"check_{c}" for c in checked} <= set(df.columns)
    rank = {"fails": 0, "needs_judgement": 1, "holds": 2}
    for o, row in zip(answer.obligations, df.to_dict("records"), strict=True):
        assert (row["obligor"], row["verdict"]) == (o.obligation.obligor, o.verdict)
        for c in CONDITIONS:  # the weakest check of each condition (EU 42(7) has two 'other'), null if none
            values = [ch.value for ch in o.checks if ch.condition == c]
            want = min(values, key=rank.__getitem__) if values else None
            assert (None if pd.isna(row[f"check_{c}"]) else row[f"check_{c}"]) == want


def test_cascade_rows_are_the_entries(corpus: treatyrules.Corpus) -> None:
    answer = corpus.cascade("1960-01-01", attacker="USA", attacked="CHN")
    df = answer.to_polars()
    assert df.height == len(answer.entries)
    assert set(df["side"].to_list()) <= {"attacker", "attacked"}
    assert sorted(df["round"].to_list()) == df["round"].to_list()


def test_missing_backends_say_which_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real = builtins.__import__

    def no_pandas(name: str, *args: Any, **kw: Any) -> Any:
        if name == "pandas":
            raise ImportError(name)
        return real(name, *args, **kw)

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(treatyrules.UsageError, match=r"pip install 'treatyrules\[pandas\]'"):
        treatyrules.load().statuses(DAY).to_pandas()


def test_columns_spec_and_nulls() -> None:
    cols = columns("d:date n:int b:bool s")
    table = arrow_table(cols, [{"d": dt.date(1, 1, 1), "n": 0, "b": False, "s": ""}, {}])
    assert table.to_pylist() == [{"d": dt.date(1, 1, 1), "n": 0, "b": False, "s": ""}, dict.fromkeys("dnbs")]


def test_the_list_path_gives_the_rows_of_each_answer(corpus: treatyrules.Corpus) -> None:
    """``ObligationAnswer.rows_of`` (conditions worded once per Conditions) = each answer's own rows."""
    answers = corpus.obligations("2025-01-01")
    assert answers.frame_rows() == [r for a in answers for r in a.frame_rows()]
    assert arrow_table(answers.columns(), [r for a in answers for r in a.frame_rows()]).equals(answers.to_arrow())
