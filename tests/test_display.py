"""What a notebook, IPython and hypothesis show: a short repr, a few lines of pretty text and a small
HTML table for every answer type, Corpus, Treaty, Life and Membership (treatyrules.display)."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

import treatyrules
from treatyrules.display import HTML_ROWS, TEXT_ROWS, Answers, html_table, yaml_text
from treatyrules.explain import explain
from treatyrules.serialize import dump_treaty
from treatyrules.strategies import corpora, corpus_of, treaties

IPython = pytest.importorskip("IPython.lib.pretty")

OBJECTS: dict[str, Callable[[treatyrules.Corpus], Any]] = {
    "StatusAnswer": lambda c: c.status("SUN-PRK-1961", "1997-01-01"),
    "statuses": lambda c: c.statuses("1995-01-01"),
    "PeriodAnswer": lambda c: c.status_over("WARSAW-1955", "1991"),
    "statuses_over": lambda c: c.statuses_over("1991"),
    "ObligationAnswer": lambda c: c.obligations("2025-01-01", treaty="NATO-1949")[0],
    "obligations": lambda c: c.obligations("2025-01-01"),
    "ScenarioAnswer": lambda c: c.scenario("2025-01-01", "FIN", "RUS"),
    "CascadeAnswer": lambda c: c.cascade("1960-01-01", attacker="USA", attacked="CHN"),
    "Explanation": lambda c: explain(c, "CHN-SUN-1950", "1979-06-01"),
    "Corpus": lambda c: c,
    "Treaty": lambda c: c.treaty("NATO-1949"),
    "Life": lambda c: c.life("NATO-1949"),
    "Membership": lambda c: c.life("WARSAW-1955").memberships["ALB"],
}


@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_repr_is_a_line(corpus: treatyrules.Corpus, name: str) -> None:
    r = repr(OBJECTS[name](corpus))
    assert "\n" not in r and len(r) <= 250, r
    assert " object at 0x" not in r


@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_pretty_text_is_a_few_lines(corpus: treatyrules.Corpus, name: str) -> None:
    obj = OBJECTS[name](corpus)
    text = IPython.pretty(obj)
    lines = text.splitlines()
    limit = 80 if name in ("Treaty", "Explanation") else TEXT_ROWS + 10  # a treaty's YAML, a derivation
    assert 1 <= len(lines) <= max(limit, 400 if name == "Treaty" else 0) and len(text) <= 40_000
    assert lines[0] in repr(obj) or name in ("Treaty", "Explanation", "Membership", "Corpus")


@pytest.mark.parametrize("name", sorted(OBJECTS))
def test_html_is_a_small_escaped_table(corpus: treatyrules.Corpus, name: str) -> None:
    out = OBJECTS[name](corpus)._repr_html_()
    assert out.startswith("<table>") and out.count("<table>") == 1 and len(out) <= 60_000
    assert out.count("<tr>") <= HTML_ROWS + 1
    assert "<script" not in out and not re.search(r"<td>[^<]*['\"<>][^<]*</td>", out)  # every cell escaped


def test_the_5_mb_repr_is_a_line(corpus: treatyrules.Corpus) -> None:
    answers = corpus.obligations("2025-01-01")
    assert len(answers) > 5000
    assert repr(answers).startswith(f"<Obligations on 2025-01-01: {len(answers)} obligations; ")
    assert len(IPython.pretty(answers)) < 10_000 and len(answers._repr_html_()) < 60_000


def test_status_html_has_status_since_until_reason(corpus: treatyrules.Corpus) -> None:
    out = corpus.statuses("1995-01-01", party="PRK")._repr_html_()
    head = re.findall(r"<th>(.*?)</th>", out)
    assert head[:5] == ["treaty", "status", "since", "until", "reason"]
    assert "<td>SUN-PRK-1961</td><td>in_force</td><td>1961-09-10</td><td>1996-09-10</td>" in out
    one = corpus.status("CHN-SUN-1950", "1985-01-01")._repr_html_()
    assert "<td>terminated</td><td>1980-04-11</td><td></td><td>expired</td>" in one


def test_obligations_html_is_grouped_by_treaty(corpus: treatyrules.Corpus) -> None:
    answers = corpus.obligations("2025-01-01")
    out = answers._repr_html_()
    rows = re.findall(r"<tr><td>([^<]*)</td><td>([^<]*)</td><td>([^<]*)</td><td>(\d+)</td>", out)
    groups = {(a.treaty, a.article, a.kind) for a in answers}
    assert len(rows) == min(HTML_ROWS, len({(a.treaty, a.article, a.kind, a.words()) for a in answers}))
    assert {(t, art, k) for t, art, k, _ in rows} <= groups
    nato = [int(n) for t, art, k, n in rows if t == "NATO-1949" and art == "5"]
    assert sum(nato) == sum(1 for a in answers if a.treaty == "NATO-1949" and a.article == "5")
    assert "more (.to_pandas())" in out  # 6,000 pairs in more groups than a table shows


def test_a_long_list_says_how_many_more(corpus: treatyrules.Corpus) -> None:
    answers = corpus.statuses("2025-01-01")
    assert len(answers) > TEXT_ROWS
    text = IPython.pretty(answers)
    assert f"... {len(answers) - TEXT_ROWS} more (.to_pandas() has all)" in text
    short = corpus.statuses("2025-01-01", party="PRK")
    assert len(short) <= TEXT_ROWS and "more" not in IPython.pretty(short)


def test_answers_are_lists(corpus: treatyrules.Corpus) -> None:
    from treatyrules.queries import status as _status

    answers = corpus.statuses("1995-01-01")
    assert isinstance(answers, list) and answers == _status.statuses(corpus.compiled, "1995-01-01")
    assert answers[0] == next(iter(answers)) and isinstance(answers[:2], list)
    empty = corpus.statuses("1000-01-01")
    assert repr(empty) == "<Status on 1000-01-01: 0 treaties>" and "<tbody></tbody>" in empty._repr_html_()


def test_a_cycle_prints_the_repr(corpus: treatyrules.Corpus) -> None:
    """IPython's printer passes ``cycle=True`` for an object inside itself: the repr, not a loop."""

    class Printer:
        def __init__(self) -> None:
            self.out: list[str] = []

        def text(self, s: str) -> None:
            self.out.append(s)

        def break_(self) -> None:
            self.out.append("\n")

    for name, make in OBJECTS.items():
        p = Printer()
        obj = make(corpus)
        obj._repr_pretty_(p, True)
        assert "".join(p.out) == repr(obj), name


def test_a_treaty_shows_as_its_yaml(corpus: treatyrules.Corpus) -> None:
    t = corpus.treaty("CHN-SUN-1950")
    assert IPython.pretty(t) == dump_treaty(t).rstrip("\n")
    assert repr(t).startswith("<Treaty CHN-SUN-1950: Treaty of Friendship") and "2 parties" in repr(t)
    assert repr(t.events[0]).startswith('Event({type: "signed", date: "1950-02-14"')
    assert repr(t.obligations[0]).startswith('Obligation({article: "1", kind: "defence"')


def test_a_small_corpus_shows_its_ids_and_yaml(corpus: treatyrules.Corpus) -> None:
    ts = [corpus.treaty("CHN-SUN-1950"), corpus.treaty("SUN-PRK-1961")]
    small = corpus_of(ts)
    text = IPython.pretty(small)
    assert re.match(r"Corpus: 2 treaties over \d+ states; knowledge date 1996-09-10\n", text)
    assert "ids: CHN-SUN-1950, SUN-PRK-1961" in text
    for t in ts:
        assert dump_treaty(t).rstrip("\n") in text
    big = IPython.pretty(corpus)
    assert "ids: AES-2023, ANZUS-1951" in big and 'title: "' not in big  # a large corpus: its ids only


def test_html_table_escapes_and_notes() -> None:
    out = html_table(["a"], [["<b>&"]], caption="c<", notes=["n>"])
    assert "<td>&lt;b&gt;&amp;</td>" in out and "<caption>c&lt;</caption>" in out and "<small>n&gt;</small>" in out
    assert html.unescape(re.sub("<[^>]+>", "", out)) == "c<a<b>&n>"


def test_yaml_text_reads_back() -> None:
    import yaml

    data = {"id": "A-B-1961", "n": ["NO", "1995", "yes"], "d": {"x": None}}
    assert yaml.safe_load(yaml_text(data)) == data  # strings quoted: NO and 1995 stay text


# ------------------------------------------------------------ hypothesis' falsifying examples


def _falsifying(test: Callable[[], None]) -> str:
    """What hypothesis prints for a test's falsifying example."""
    with pytest.raises(AssertionError) as err:
        test()
    return "\n".join(getattr(err.value, "__notes__", []))


def test_a_falsifying_treaty_prints_as_yaml() -> None:
    @settings(max_examples=5, database=None, derandomize=True, phases=[Phase.generate])
    @given(treaties())
    def never_holds(t: treatyrules.Treaty) -> None:
        assert len(t.parties) > 99

    out = _falsifying(never_holds)
    assert "Falsifying example" in out or "Failing test case" in out
    assert '    t=id: "' in out and '    parties:\n    - "' in out and "    events:\n    - type: " in out
    assert "PartialDate(" not in out and "datetime.date(" not in out and len(out) < 2_000


def test_a_falsifying_corpus_prints_its_ids_and_treaties() -> None:
    @settings(max_examples=5, database=None, derandomize=True, phases=[Phase.generate])
    @given(corpora(max_treaties=2), st.dates(dt.date(1990, 1, 1), dt.date(2000, 1, 1)))
    def never_holds(c: treatyrules.Corpus, day: dt.date) -> None:
        assert not c.ids

    out = _falsifying(never_holds)
    assert "c=Corpus: 1 treaty over " in out and "      ids: " in out and "    --- # " in out
    assert " object at 0x" not in out and "    day=datetime.date(" in out


def test_answers_type_checks_its_items() -> None:
    a: Answers[Any] = Answers([], of=treatyrules.StatusAnswer, title="t")
    assert a.columns() == treatyrules.StatusAnswer.frame_columns and repr(a) == "<t: 0 treaties>"


# ------------------------------------------------------------ panels


def test_a_panel_shows_its_shape_and_first_rows(corpus: treatyrules.Corpus) -> None:
    p = corpus.panel("directed-dyad-day", "1990", "1991", with_treaties=True, with_censoring=True)
    n = len(p)
    assert n > 10
    r = repr(p)
    assert "\n" not in r and r.startswith(f"<Panel directed-dyad-day 1990-1991: {n:,} rows x {len(p.names)} columns")
    lines = IPython.pretty(p).splitlines()
    assert len(lines) == 1 + 1 + 10 + 1 and lines[-1] == f"  ... {n - 10:,} more rows"
    out = p._repr_html_()
    assert out.count("<tr>") == 11 and f"{n - 10:,} more rows ({n:,} in all" in out
    assert "<td>NATO-1949</td>" in out and "[" not in re.sub(r"<caption>.*?</caption>", "", out)  # lists as text


def test_a_panels_head_is_its_first_rows(corpus: treatyrules.Corpus) -> None:
    p = corpus.panel("directed-dyad-day", 1990, 1991, with_treaties=True)
    for k in (0, 1, 3, len(p), len(p) + 5):
        head = p.head(k)
        assert head.names == p.names and head.types == p.types
        assert head.to_records() == p.to_records()[:k]


def test_an_empty_panel_shows_its_columns(corpus: treatyrules.Corpus) -> None:
    p = corpus.panel(start=1000, end=1001)
    assert len(p) == 0 and "0 rows x 8 columns" in repr(p)
    assert "<tbody></tbody>" in p._repr_html_() and "more rows" not in IPython.pretty(p)


def test_display_imports_no_numpy() -> None:
    import subprocess
    import sys

    code = "import sys, treatyrules.display, treatyrules.panel; print('numpy' in sys.modules)"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"
