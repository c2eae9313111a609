"""The fast YAML path reads every file exactly as the position-keeping reader does.

``fast_data`` either declines a text (``None``: the position-keeping reader takes it) or gives the
very data ``read_yaml`` gives; and a whole folder read with the fast parser gives the same treaties,
states and problems (positions included) as one read without it. Checked over the fixtures, the
shipped corpus, a small ATOP import, the real ATOP import when ../shared/data/atop is present, and
hypothesis-generated documents.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from treatyrules import atop, yamlfile
from treatyrules.errors import RulesError
from treatyrules.folderfiles import shipped_rules
from treatyrules.loader import RulesFolder, read_folder

from ._atop_sample import atop_sample
from .conftest import FIXTURES, ROOT, SHARED_DATA

ALL_YAML = sorted({*FIXTURES.rglob("*.y*ml"), *(ROOT / "rules").rglob("*.y*ml"), *(ROOT / "tests").rglob("*.y*ml")})


def _slow(text: str) -> tuple[str, Any]:
    """What the position-keeping reader makes of ``text``: ("data", value) or ("error", problems)."""
    try:
        return "data", yamlfile.read_yaml("x.yaml", text)[0]
    except RulesError as exc:
        return "error", [str(p) for p in exc.problems]


def _agrees(text: str) -> None:
    fast = yamlfile.fast_data(text)
    if fast is not None:
        assert _slow(text) == ("data", fast)


def _folder(root: Path) -> tuple[Any, ...]:
    f: RulesFolder = read_folder(root)
    marks = {name: dict(m) for name, m in f.marks.items()}
    return f.treaties, f.states, f.files, f.meta, f.problems, marks


def _same_folder(root: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Read ``root`` with and without the fast parser; return how many files the fast path took."""
    fast = _folder(root)
    taken = sum(yamlfile.fast_data(p.read_text("utf-8", "replace")) is not None for p in root.rglob("*.yaml"))
    with monkeypatch.context() as m:
        m.setattr(yamlfile, "_yaml_rs", None)
        assert _folder(root) == fast
    return taken


def test_the_fast_parser_is_installed() -> None:
    assert yamlfile._yaml_rs is not None, "yaml-rs is a dependency: pip install -e ."


@pytest.mark.parametrize("path", ALL_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_each_fixture_reads_alike(path: Path) -> None:
    _agrees(path.read_bytes().decode("utf-8", "replace"))


def test_the_shipped_corpus_reads_alike_and_mostly_fast(monkeypatch: pytest.MonkeyPatch) -> None:
    """Hand-written files use one-line flow collections (``[CHN, PRK]``) and URLs in quotes: the fast
    path takes them; a file with an escape or a flow collection over several lines is the
    position-keeping reader's."""
    root = shipped_rules()
    files = list(root.rglob("*.yaml"))
    for p in files:
        _agrees(p.read_text("utf-8"))
    assert yamlfile.fast_data((root / "states.yaml").read_text("utf-8")) is not None
    assert _same_folder(root, monkeypatch) >= 0.9 * len(files)


def test_an_imported_atop_sample_reads_alike_and_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    atop.import_atop(atop_sample("atop"), tmp_path / "rules")
    files = list((tmp_path / "rules").rglob("*.yaml"))
    assert _same_folder(tmp_path / "rules", monkeypatch) == len(files)  # every imported file is common


@pytest.mark.skipif(not (SHARED_DATA / "atop").is_dir(), reason="ATOP 5.1 is not in ../shared/data/atop")
def test_the_atop_import_reads_alike_and_fast(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    atop.import_atop(SHARED_DATA / "atop", tmp_path / "rules")
    files = list((tmp_path / "rules").rglob("*.yaml"))
    assert _same_folder(tmp_path / "rules", monkeypatch) == len(files) >= 789


def test_problems_are_located_in_files_read_fast(tmp_path: Path) -> None:
    """A file read fast has no marks until a problem asks; then the problem stands where it is."""
    root = tmp_path / "rules"
    (root / "treaties").mkdir(parents=True)
    (root / "states.yaml").write_text("states:\n- code: AAA\n  name: A\n")
    (root / "treaties" / "AAA-BBB-2000.yaml").write_text("id: AAA-BBB-2001\ntitle: x\nparties: [AAA]\n")
    body = "id: AAA-BBB-2002\ntitle: x\nparties:\n- AAA\nextra_key: 1\n"
    (root / "treaties" / "AAA-BBB-2002.yaml").write_text(body)
    assert yamlfile.fast_data(body) is not None
    where = {(Path(p.file).name, p.line, p.col, p.code) for p in read_folder(root).problems}
    assert ("AAA-BBB-2002.yaml", 5, 1, "unknown_key") in where


# ------------------------------------------------------------------ generated documents

_WORDS = st.sampled_from(
    [
        *("id", "title", "a", "b-c", "x_y", "yes", "NO", "null", "~", "on", "true", "False", "1", "017", "0x1F"),
        *("0o7", "1_000", "1e3", "1.5", ".inf", ".NaN", "-0", "+12", "1:20", "1815-01-03", "2001-12-14t21:59:43"),
        *("a: b", "- x", "#c", "a #b", "&a", "*a", "!x", "!!str", "@", "`", "%", "|", ">", "?", "[1]", "{a: 1}"),
        *("'q'", '"q"', "a\\nb", "tab\there", "x\r\ny", "\u2028", "\x85", "\ufeff", "<<", "é", "  lead", "trail  "),
    ]
)
_SCALARS = st.one_of(
    _WORDS,
    st.text(st.characters(codec="utf-8", exclude_categories=["Cs"]), max_size=12),
    st.integers(-(10**31), 10**31),
    st.booleans(),
    st.none(),
    st.floats(allow_nan=False),
)
_DOCS = st.recursive(
    _SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_WORDS | st.text(max_size=6), inner, max_size=4),
    max_leaves=20,
)


@given(_DOCS, st.sampled_from([None, True, False]), st.sampled_from(['"', "'", None]))
def test_generated_documents_read_alike(doc: Any, flow: bool | None, quote: str | None) -> None:
    try:
        text = yaml.safe_dump({"doc": doc}, default_flow_style=flow, default_style=quote, allow_unicode=True)
    except yaml.YAMLError:
        return
    _agrees(text)


_FRAGMENTS = st.sampled_from(["", " ", "  ", "- ", "a: ", "b:", "#x", "\n", "\t", ":", ","])
_FRAGMENTS |= st.sampled_from(["[", "]", "{", "}", '"', "'", ", ", '""', "''", "|", "|+"])


@given(st.lists(_FRAGMENTS | _WORDS, max_size=12))
@example(["a: ", "|", "\n"])
@example(["a: ", "017", "\n"])
@example(["a: ", "1_000.5", "\n"])
@example(["a: ", "|", "\n", "  x", "\n"])
def test_generated_texts_read_alike(parts: list[str]) -> None:
    """Raw fragments glued together: plain scalars, indicators, breaks and comments where they fall."""
    _agrees("".join(parts))


_QUOTED_TEXT = st.text(st.sampled_from(list("ab :#,[]{}-1'\"é&*!|>?%@`")), max_size=10)
_ITEMS = st.one_of(
    st.sampled_from(["CHN", "PRK", "700", "-3", "+4", "1975-11-11", "x_y", "NO", "true", "null", "a.b", "017"]),
    _QUOTED_TEXT.map(lambda t: '"' + t.replace('"', "") + '"'),
    _QUOTED_TEXT.map(lambda t: "'" + t.replace("'", "''") + "'"),
    _WORDS,  # and now and then what no rules file should hold
)
#: mostly what hand-written files hold, now and then what breaks it (weighted by repetition)
_KEYS = st.sampled_from(["a", "b_c", "ccode", "since", "x1"] * 4 + ["x-y", "1", '"k"', "k:", "<<"])
_PREFIXES = st.sampled_from(["a: ", "b:\n  - ", "c:\n- ", "d:\n  e: "] * 3 + ["- ", "", "a:"])
_TAILS = st.sampled_from(["", " # x", "   # y"] * 4 + [",", " ", "]", ":", "#"])
_FLOW_LINE = st.tuples(_PREFIXES, st.booleans(), st.lists(st.tuples(_KEYS, _ITEMS), max_size=3), _TAILS)
_QUOTED_LINE = st.tuples(_PREFIXES, _ITEMS, _TAILS)


def _line(parts: tuple[Any, ...]) -> str:
    if len(parts) == 3:  # a scalar after its key or dash
        return "".join(parts) + "\n"
    prefix, mapping, items, tail = parts
    body = ", ".join(f"{k}: {v}" for k, v in items) if mapping else ", ".join(v for _, v in items)
    return prefix + ("{" + body + "}" if mapping else "[" + body + "]") + tail + "\n"


@settings(max_examples=300)
@given(st.lists(_FLOW_LINE | _QUOTED_LINE, min_size=1, max_size=4))
@example([("a: ", False, [("a", "CHN"), ("a", '"P: R#K"')], "")])
@example([("c:\n- ", True, [("ccode", "700"), ("letters", '"AFG"')], " # c")])
@example([("a: ", '"https://x.org/a#b"', "")])
@example([("a: ", "|", "1")])  # an empty block scalar at the end: yaml-rs reads "\n"
def test_generated_flow_and_quoted_lines_read_alike(lines: list[tuple[Any, ...]]) -> None:
    """One-line flow collections and quoted scalars, the hand-written files' forms, with what may
    follow them: both readers agree wherever the fast path takes a text (about one in eight of these)."""
    _agrees("".join(map(_line, lines)))


@pytest.mark.parametrize(
    ("text", "fast"),
    [
        ("parties: [CHN, PRK]\n", True),
        ('ccodes:\n  - {ccode: 700, letters: "AFG", since: "1975-11-11"}\n', True),
        ("source: \"https://x.org/a: b #c [d]\"\nnote: 'it''s'\n", True),
        ("parties: [CHN, PRK] # two\n", True),
        ("parties: [[CHN], PRK]\n", False),  # nested
        ("parties: [CHN,\n  PRK]\n", False),  # over two lines
        ("a: {b:1}\n", False),  # a colon inside a token
        ("a: [017]\n", False),  # a number YAML 1.1 reads apart
        ('a: ["x"y]\n', False),  # a quote that does not end its scalar
        ("a: [&x b]\n", False),  # an anchor
        ('a: "<<"\n', False),  # a merge key's text, even quoted
        ('"<<": 1\n', False),
        ("a: |\n", False),  # a block scalar that runs to the end
        ("a: |\n  x", False),
        ("a: |\n  x\nb: 1\n", True),
    ],
)
def test_which_flow_and_quoted_texts_the_fast_path_takes(text: str, fast: bool) -> None:
    assert (yamlfile.fast_data(text) is not None) is fast
    _agrees(text)


def test_without_the_fast_parser_every_file_takes_the_slow_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(yamlfile, "_yaml_rs", None)
    assert yamlfile.fast_data("id: X\n") is None
    marks = {(): (1, 1), ("id",): (1, 5), ("id", yamlfile.KEY): (1, 1)}
    assert yamlfile.read_data("x.yaml", b"id: X\n") == ({"id": "X"}, marks)


# ------------------------------------------------------------------ the cheap scans, against their regexes

_SCAN_ALPHABET = st.sampled_from(
    [" ", "  ", "-", "- ", "?", ":", "\t", "\n", "#", "a", "[", "{", "\\", "\r", "é", "\x85"]
)
_SCAN_ALPHABET |= st.sampled_from(
    ["\u2028", "\ufeff", "\x00", "\x7f", "\x9f", "\ufffe", "\U0001f600", "%", "---", "..."]
)


def _nests_by_the_regex(text: str) -> bool:
    """``_may_nest_deep`` as first written: one multi-line regex over every line."""
    if len(text) < yamlfile._C_SAFE_NESTING:
        return False
    opens = text.count("[") + text.count("{")
    if opens >= yamlfile._C_SAFE_NESTING:
        return True
    return re.search(f"^[ \t?:-]{{{yamlfile._C_SAFE_NESTING - opens}}}", text, re.M) is not None


@given(st.lists(_SCAN_ALPHABET, max_size=40).map("".join))
@example("- " * 6 + "x")
@example("a\n" + "- " * 6)
def test_the_byte_scan_finds_what_the_regexes_find(text: str) -> None:
    """Odd characters and deep nesting, found from the bytes, exactly where the regexes find them
    (the nesting bound made small, so that generated texts reach it)."""
    with pytest.MonkeyPatch.context() as m:
        m.setattr(yamlfile, "_C_SAFE_NESTING", 8)
        by_regex = bool(yamlfile._NOT_PRINTABLE.search(text) or yamlfile._DECLINE_CHARS.search(text))
        assert yamlfile._may_nest_deep(text) == _nests_by_the_regex(text)
        assert yamlfile._odd_or_deep(text) == (by_regex or _nests_by_the_regex(text))


def test_a_lone_surrogate_is_odd() -> None:
    assert yamlfile._odd_or_deep("a: \ud800\n")


@given(st.lists(st.sampled_from([" ", "#", "\n", "a", "\r", "# x", "  #", "\x85", "é"]), max_size=30).map("".join))
def test_comment_lines_are_dropped_as_the_regex_drops_them(text: str) -> None:
    assert yamlfile._without_comment_lines(text) == yamlfile._COMMENT_LINE.sub("", text)


def test_a_deep_one_line_sequence_never_reaches_the_fast_parser() -> None:
    """yaml-rs crashes the process on ``- - - ...`` 100,000 deep: the scan declines it first."""
    assert yamlfile.fast_data("a:\n" + "- " * 100_000 + "x\n") is None
