"""The YAML reader locates what it refuses: laws over the shipped treaties with one defect inserted.

A character YAML refuses, an anchor, an explicit tag or nesting too deep is reported in one line at
the place it stands (never at 1:1 unless it stands there), whatever the loader path.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyrules.errors import Problem, RulesError
from treatyrules.yamlfile import MAX_DEPTH, read_yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted(p.read_text() for p in (ROOT / "rules" / "treaties").glob("*.yaml"))
REFUSED = [chr(c) for c in [*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F, 0xFFFE, 0xFFFF]]


def _position(text: str, i: int) -> tuple[int, int]:
    return text.count("\n", 0, i) + 1, i - (text.rfind("\n", 0, i) + 1) + 1


def _only_problem(text: str) -> Problem:
    with pytest.raises(RulesError) as info:
        read_yaml("x.yaml", text)
    problems = info.value.problems
    assert len(problems) == 1 and "\n" not in problems[0].message, problems
    return problems[0]


@given(st.sampled_from(SEEDS), st.sampled_from(REFUSED), st.data())
def test_a_refused_character_is_reported_where_it_stands(seed: str, char: str, data: st.DataObject) -> None:
    i = data.draw(st.integers(0, len(seed)), label="index")
    text = seed[:i] + char + seed[i:]
    p = _only_problem(text)
    assert (p.line, p.col, p.code) == (*_position(text, i), "bad_character")
    assert f"U+{ord(char):04X}" in p.message


@given(st.sampled_from(SEEDS), st.data())
def test_a_refused_character_beside_deep_brackets_is_located(seed: str, data: st.DataObject) -> None:
    """The >=1000-bracket path of fault-probe.md F-1b (it raised ReaderError)."""
    text = seed + 'notes: ["' + "[" * 1000 + '"]\n'
    i = data.draw(st.integers(0, len(text)), label="index")
    bad = text[:i] + "\x01" + text[i:]
    assert (_only_problem(bad).line, _only_problem(bad).col) == _position(bad, i)


@given(st.integers(MAX_DEPTH + 1, 3000), st.booleans(), st.integers(0, 5))
def test_nesting_too_deep_is_located_on_its_line(depth: int, flow: bool, blank_lines: int) -> None:
    head = "id: X\n" + "\n" * blank_lines
    body = "notes: " + "[" * depth + "]" * depth + "\n" if flow else "notes:\n" + "  " + "- " * depth + "x\n"
    p = _only_problem(head + body)
    line = head.count("\n") + (1 if flow else 2)
    assert p.code == "too_deep" and p.line == line and p.col > 1, p


@pytest.mark.parametrize(
    ("text", "where", "words"),
    [
        ("a: 1\nb: &anchor x\n", (2, 4), "remove the anchor '&anchor'"),
        ("a: 1\nb: [x, &y {c: 1}]\n", (2, 8), "remove the anchor '&y'"),
        ("a: !!str x\n", (1, 4), "YAML tag '!!str'"),
        ("a: !!int 3\n", (1, 4), "YAML tag '!!int'"),
        ("a: !!float 3\n", (1, 4), "YAML tag '!!float'"),
        ("--- !!map\na: 1\n", (1, 5), "YAML tag '!!map'"),
        ("a: !<tag:yaml.org,2002:str> x\n", (1, 4), "YAML tag '!!str'"),
        ("a: ! x\n", (1, 4), "YAML tag '!'"),
        ("a: 1\n~: x\n", (2, 1), "key '~' reads as nothing"),
        ("a: 1\ntrue: x\n", (2, 1), "key 'true' reads as true/false"),
    ],
)
def test_anchors_tags_and_non_word_keys_are_refused_where_they_stand(
    text: str, where: tuple[int, int], words: str
) -> None:
    p = _only_problem(text)
    assert (p.line, p.col) == where and words in p.message, p


@pytest.mark.parametrize("text", ["title: 'A & B'\n", "title: Wow!\n", 'title: "x!!str"\n', "a: =\n"])
def test_ampersands_and_exclamation_marks_in_text_are_fine(text: str) -> None:
    data, _ = read_yaml("x.yaml", text)
    assert isinstance(data, dict)
