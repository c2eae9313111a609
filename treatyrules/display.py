"""What a notebook, IPython and hypothesis show of an answer: a line, a few lines, a small table.

Every answer type (``StatusAnswer``, ``PeriodAnswer``, ``ObligationAnswer``, ``ScenarioAnswer``,
``CascadeAnswer``, ``Explanation``), ``Corpus``, ``Treaty``, ``Life`` and ``Membership`` shows itself
three ways:

* ``repr``: one line, ``<StatusAnswer CHN-PRK-1961 on 1995-01-01: in_force since 1961-09-10>``;
* ``_repr_pretty_`` (IPython's text, hypothesis' falsifying examples): a few lines, the reason
  wrapped; a ``Treaty`` as the YAML of its rules file, a small ``Corpus`` as its ids and the YAML of
  its treaties;
* ``_repr_html_`` (Jupyter): a small table (status, since, until, reason; obligations grouped by
  treaty), at most ``HTML_ROWS`` rows.

``Answers`` is the list that ``Corpus.statuses``, ``statuses_over`` and ``obligations`` return: a
``list`` (indexing, iteration, ``==`` as ever) that shows a one-line summary, a short table, and
turns into a DataFrame (``to_pandas``, ``to_polars``, ``to_arrow``: ``treatyrules.frames``).
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from .dates import MIN_DAY
from .frames import Column, Tabular
from .output import render_table, wrap_note

__all__ = [
    "HTML_ROWS",
    "TEXT_ROWS",
    "Answers",
    "Shown",
    "clipped",
    "counted",
    "frame_html",
    "frame_lines",
    "grouped",
    "html_table",
    "interval",
    "joined",
    "model_html",
    "model_pretty",
    "more",
    "plain",
    "pretty_lines",
    "sample",
    "segment_rows",
    "status_words",
    "tally",
    "text_table",
    "timeline_brief",
    "timeline_html",
    "timeline_lines",
    "wrapped",
    "yaml_line",
    "yaml_text",
]

#: rows an HTML table shows before it says how many more there are
HTML_ROWS = 40
#: rows a text table shows before it says how many more there are
TEXT_ROWS = 20


# ------------------------------------------------------------ YAML text (the one home of the
# project's YAML writing: ``serialize`` writes rules files with it, reprs show models with it)


def plain(model: Any) -> Any:
    """A pydantic model as plain JSON-like data, defaults left out (what a rules file holds)."""
    return model.model_dump(mode="json", exclude_defaults=True)


@lru_cache(maxsize=1)
def _dumper() -> Any:
    """The safe dumper (C-accelerated where libyaml is present) that quotes every string, with plain
    keys (field names); built on first use, so showing an answer in text never imports yaml."""
    import yaml

    class Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):  # type: ignore[misc]
        pass

    def quoted(dumper: yaml.SafeDumper, data: str) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:str", data, style='"')

    def mapping(dumper: yaml.SafeDumper, data: dict[Any, Any]) -> yaml.Node:
        pairs = [
            (
                dumper.represent_scalar("tag:yaml.org,2002:str", k) if isinstance(k, str) else dumper.represent_data(k),
                dumper.represent_data(v),
            )
            for k, v in data.items()
        ]
        return yaml.MappingNode("tag:yaml.org,2002:map", pairs, flow_style=dumper.default_flow_style)

    Dumper.add_representer(str, quoted)
    Dumper.add_representer(dict, mapping)
    return Dumper


def _dump(data: Any, **options: Any) -> str:
    import yaml

    text: str = yaml.dump(data, Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=10_000, **options)
    return text


def yaml_text(data: Any) -> str:
    """Plain data as block YAML, keys in the given order, strings quoted, lines never folded.

    >>> print(yaml_text({"id": "A-B-1961", "parties": ["CHN", "PRK"]}), end="")
    id: "A-B-1961"
    parties:
    - "CHN"
    - "PRK"
    """
    return _dump(data)


def yaml_line(data: Any) -> str:
    """Plain data as one line of flow YAML.

    >>> yaml_line({"type": "signed", "date": "1961-07-11", "source": "UNTS"})
    '{type: "signed", date: "1961-07-11", source: "UNTS"}'
    """
    return _dump(data, default_flow_style=True).strip()


# ------------------------------------------------------------ text and HTML


class _Printer(Protocol):
    """What IPython's and hypothesis' pretty printers offer a ``_repr_pretty_``."""

    def text(self, obj: str) -> None: ...

    def break_(self) -> None: ...


def pretty_lines(p: _Printer, lines: Sequence[str]) -> None:
    """Print ``lines`` through an IPython or hypothesis pretty printer, keeping its indentation."""
    for i, line in enumerate(lines):
        if i:
            p.break_()
        p.text(line)


def counted(n: int, one: str, many: str | None = None) -> str:
    """``1 treaty``, ``3 treaties``.

    >>> counted(1, "treaty", "treaties"), counted(2, "step")
    ('1 treaty', '2 steps')
    """
    return f"{n} {one if n == 1 else (many or one + 's')}"


def _cell(value: object) -> str:
    return "" if value is None else html.escape(str(value))


def html_table(
    header: Sequence[str], rows: Iterable[Sequence[object]], *, caption: str = "", notes: Sequence[str] = ()
) -> str:
    """A small HTML table, every cell escaped; ``notes`` as lines under it.

    >>> html_table(["id", "status"], [["A<B", "in_force"]], caption="Status")
    '<table><caption>Status</caption><thead><tr><th>id</th><th>status</th></tr></thead><tbody><tr><td>A&lt;B</td><td>in_force</td></tr></tbody></table>'
    """
    head = "".join(f"<th>{_cell(h)}</th>" for h in header)
    body = "".join("<tr>" + "".join(f"<td>{_cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    cap = f"<caption>{_cell(caption)}</caption>" if caption else ""
    table = f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    return table + "".join(f"<p><small>{_cell(n)}</small></p>" for n in notes)


def text_table(header: Sequence[str], rows: Sequence[Sequence[object]], limit: int = 40) -> list[str]:
    """Fixed-width text columns, each at most ``limit`` characters wide."""
    cells = [[_plain(c) for c in r] for r in rows]
    widths = [min(max([len(h), *(len(r[i]) for r in cells)]), limit) for i, h in enumerate(header)]
    return render_table([h.upper() for h in header], widths, [(r, None) for r in cells], width=200).splitlines()


def _plain(value: object) -> str:
    return "-" if value is None or value == "" else clipped(str(value), 10_000)


def clipped(text: str, n: int = 100) -> str:
    """``text`` cut to at most ``n`` characters, an ellipsis saying it was cut.

    >>> clipped("armed attack; state of war", 15)
    'armed attack; …'
    """
    return text if len(text) <= n else text[: n - 1] + "…"


def segment_rows(segments: Iterable[Any]) -> list[tuple[object, ...]]:
    """A timeline's segments as ``(status, since, until, reason)`` rows; ``since`` is empty for the
    open start (the first representable day), ``until`` for an open end."""
    return [
        (status_words(s.status, None, s.possible), None if s.start == MIN_DAY else s.start, s.end, s.reason)
        for s in segments
    ]


def more(shown: int, total: int, how: str) -> list[str]:
    """``... 12 more (how)`` when a display shows fewer rows than there are, else nothing."""
    return [f"... {total - shown} more" + (f" ({how})" if how else "")] if total > shown else []


def timeline_brief(what: str, segments: Sequence[Any], extra: str = "") -> str:
    """``NATO-1949: in_force since 1949-08-24 (3 segments; 32 memberships)``: the last segment."""
    last = segments[-1]
    since = None if last.start == MIN_DAY else last.start
    said = f"{status_words(last.status, last.reason, last.possible)} {interval(since, last.end)}".rstrip()
    return f"{what}: {said} ({counted(len(segments), 'segment')}{'; ' + extra if extra else ''})"


def timeline_lines(head: str, segments: Sequence[Any]) -> list[str]:
    """A heading and the segments as a text table (status, since, until, reason)."""
    return [head, *("  " + ln for ln in text_table(_SEGMENT_HEADER, segment_rows(segments)))]


def timeline_html(head: str, segments: Sequence[Any], notes: Sequence[str] = ()) -> str:
    """The segments as an HTML table (status, since, until, reason) under ``head``."""
    rows = segment_rows(segments)
    return html_table(
        _SEGMENT_HEADER, rows[:HTML_ROWS], caption=head, notes=[*more(min(len(rows), HTML_ROWS), len(rows), ""), *notes]
    )


_SEGMENT_HEADER = ("status", "since", "until", "reason")


def _frame_rows(first: Any) -> list[tuple[object, ...]]:
    """A table's rows with list cells (a panel's ``treaties``) as comma-separated text."""
    return [tuple(", ".join(map(str, v)) if isinstance(v, list) else v for v in r) for r in first.rows()]


def frame_lines(head: str, names: Sequence[str], first: Any, total: int) -> list[str]:
    """A table's first rows as text under ``head`` (a panel: ``first`` is its ``head()``, with ``rows()``)."""
    rows = _frame_rows(first)
    cut = [f"... {total - len(rows):,} more rows"] if total > len(rows) else []
    return [head, *("  " + ln for ln in [*text_table(names, rows, limit=24), *cut])]


def frame_html(head: str, names: Sequence[str], first: Any, total: int) -> str:
    """A table's first rows as HTML, captioned ``head``, then how many rows there are in all."""
    rows = _frame_rows(first)
    notes = [f"{total - len(rows):,} more rows ({total:,} in all; .to_pandas() has them)"] if total > len(rows) else []
    return html_table(names, rows, caption=head, notes=notes)


def model_pretty(p: _Printer, model: Any, cycle: bool) -> None:
    """A rules model through a pretty printer: its YAML (what its rules file would hold)."""
    pretty_lines(p, [repr(model)] if cycle else yaml_text(plain(model)).splitlines())


def model_html(caption: str, header: Sequence[str], rows: Sequence[Sequence[object]]) -> str:
    """A model's table: its first ``HTML_ROWS`` rows under ``caption``, then how many more."""
    return html_table(header, rows[:HTML_ROWS], caption=caption, notes=more(min(len(rows), HTML_ROWS), len(rows), ""))


# ------------------------------------------------------------ the mixin and the list


class Shown:
    """Mixin: ``repr`` from ``brief()``, pretty text from ``_lines()``, HTML from ``_html()``.

    A class gives ``brief()`` (one line), ``html_header`` and ``html_cells()`` (its row in a table),
    and may give ``_lines()`` and ``_html()`` for more than one row; lists of it (``Answers``) use
    ``_list_lines``/``_list_html``, which a class may replace (obligations group by treaty).
    """

    __slots__ = ()
    #: how a list of these counts them: ``("treaty", "treaties")``
    noun: ClassVar[tuple[str, str]] = ("answer", "answers")
    #: the columns of this type's row in a table
    html_header: ClassVar[tuple[str, ...]] = ()

    def brief(self) -> str:
        """One line: what this is and its answer."""
        raise NotImplementedError

    def html_cells(self) -> Sequence[object]:
        """This object's row in a table (the columns of ``html_header``)."""
        raise NotImplementedError

    def _lines(self) -> list[str]:
        return [self.brief()]

    def _html(self) -> str:
        return html_table(self.html_header, [self.html_cells()], caption=self.brief())

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.brief()}>"

    def _repr_pretty_(self, p: _Printer, cycle: bool) -> None:
        pretty_lines(p, [repr(self)] if cycle else self._lines())

    def _repr_html_(self) -> str:
        return self._html()

    @classmethod
    def list_summary(cls, items: Sequence[Any]) -> str:
        """What a list of these holds, after its count (``9 in_force, 5 terminated``)."""
        return ""

    @classmethod
    def _list_lines(cls, items: Sequence[Any], head: str) -> list[str]:
        shown = items[:TEXT_ROWS]
        table = text_table(cls.html_header, [i.html_cells() for i in shown]) if shown else []
        return [head, *("  " + line for line in table), *more(len(shown), len(items), ".to_pandas() has all")]

    @classmethod
    def _list_html(cls, items: Sequence[Any], head: str) -> str:
        shown = items[:HTML_ROWS]
        rows = [i.html_cells() for i in shown]
        return html_table(cls.html_header, rows, caption=head, notes=more(len(shown), len(items), ".to_pandas()"))


T = TypeVar("T", bound=Shown)


class Answers(Tabular, list[T], Generic[T]):
    """A list of answers that shows itself short and turns into a DataFrame.

    It is a ``list``: existing code that indexes, iterates or compares it keeps working. ``of`` is the
    answers' type (its table's columns, also when the list is empty), ``title`` what was asked.

    >>> from treatyrules import load
    >>> load().statuses("1995-01-01", party="PRK")
    <Status on 1995-01-01, party PRK: 3 treaties; 3 in_force>
    """

    def __init__(self, items: Iterable[T] = (), *, of: type[T], title: str = "") -> None:
        super().__init__(items)
        self.of = of
        self.title = title

    def _head(self) -> str:
        one, many = self.of.noun
        summary = self.of.list_summary(self)
        title = f"{self.title}: " if self.title else ""
        return f"{title}{counted(len(self), one, many)}" + (f"; {summary}" if summary else "")

    def __repr__(self) -> str:
        return f"<{self._head()}>"

    def _repr_pretty_(self, p: _Printer, cycle: bool) -> None:
        pretty_lines(p, [repr(self)] if cycle else self.of._list_lines(self, self._head()))

    def _repr_html_(self) -> str:
        return self.of._list_html(self, self._head())

    def columns(self) -> tuple[Column, ...]:
        return getattr(self.of, "frame_columns", ())

    def frame_rows(self) -> list[dict[str, Any]]:
        """Every answer's rows (through the type's ``rows_of(items)`` where it has one: a faster path)."""
        rows_of = getattr(self.of, "rows_of", None)
        if rows_of is not None:
            return list(rows_of(self))
        return [r for a in self for r in a.frame_rows()]  # type: ignore[attr-defined]


def wrapped(text: str, indent: str = "  ", width: int = 100) -> list[str]:
    """``text`` as lines of at most ``width`` characters, indented."""
    return wrap_note(text, width=width, indent=indent).splitlines()


def interval(since: object | None, until: object | None) -> str:
    """``since 1961-09-10``, ``until 1996-09-10``, ``since 1961-09-10 until 1996-09-10`` or nothing.

    >>> interval("1961-09-10", None), interval(None, None)
    ('since 1961-09-10', '')
    """
    parts = ([f"since {since}"] if since else []) + ([f"until {until}"] if until else [])
    return " ".join(parts)


def status_words(status: str, reason: str | None = None, possible: Sequence[str] = ()) -> str:
    """``in_force``, ``terminated (expired)``, ``unknown (in_force or terminated)``.

    >>> status_words("unknown", None, ["in_force", "terminated"])
    'unknown (in_force or terminated)'
    """
    why = reason or " or ".join(possible)
    return f"{status} ({why})" if why else status


def tally(words: Iterable[str], order: Sequence[str] = ()) -> str:
    """How often each word occurs, in ``order`` first, then by first appearance.

    >>> tally(["terminated", "in_force", "in_force"], ["in_force", "terminated"])
    '2 in_force, 1 terminated'
    """
    counts: dict[str, int] = {}
    for w in words:
        counts[w] = counts.get(w, 0) + 1
    ranked = sorted(counts, key=lambda w: order.index(w) if w in order else len(order))
    return ", ".join(f"{counts[w]} {w}" for w in ranked)


def joined(values: Iterable[object], sep: str = ",") -> str | None:
    """Values as one text cell (``None`` for none): the frames' way to hold a list in a flat column."""
    out = sep.join(str(v) for v in values)
    return out or None


V = TypeVar("V")


def grouped(items: Iterable[V], key: Any) -> list[tuple[Any, list[V]]]:
    """``items`` in groups of equal ``key(item)``, groups in the order of their first item."""
    out: dict[Any, list[V]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return list(out.items())


def sample(words: Sequence[str], n: int = 6) -> str:
    """The first ``n`` words, then how many more.

    >>> sample(["A", "B", "C"], 2)
    'A, B and 1 more'
    """
    head = ", ".join(words[:n])
    return head + (f" and {len(words) - n} more" if len(words) > n else "")
