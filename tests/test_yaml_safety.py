"""The YAML reader never runs code, never expands bombs, never crashes, and reads YAML 1.2 scalars."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from treatyrules.errors import RulesError
from treatyrules.folderfiles import MAX_BYTES
from treatyrules.yamlfile import MAX_DEPTH, read_yaml

ROOT = Path(__file__).resolve().parents[1]


def _codes(text: str | bytes) -> list[str]:
    with pytest.raises(RulesError) as info:
        read_yaml("x.yaml", text)
    return [p.code for p in info.value.problems]


def test_alias_bomb_fails_fast() -> None:
    lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for i in range(1, 9):
        prev, cur = chr(ord("a") + i - 1), chr(ord("a") + i)
        lines.append(f"{cur}: &{cur} [" + ",".join([f"*{prev}"] * 9) + "]")
    start = time.perf_counter()
    assert _codes("\n".join(lines)) == ["alias"]
    assert time.perf_counter() - start < 1.0


def test_recursive_alias_is_refused() -> None:
    with pytest.raises(RulesError):
        read_yaml("x.yaml", "a: &a [*a]\n")


def test_python_tags_never_run() -> None:
    assert _codes('a: !!python/object/apply:os.system ["echo pwned"]\n') == ["tag"]
    assert _codes("a: !!python/name:os.system\n") == ["tag"]
    assert _codes("!!python/object:builtins.dict {}\n") == ["tag"]
    assert _codes("a: !custom x\n") == ["tag"]


@pytest.mark.parametrize(
    "text",
    ["a: !!timestamp 2000-01-01\n", "a: !!set {x}\n", "a: !!binary aGk=\n", "a: !!omap [{x: 1}]\n"],
)
def test_object_building_standard_tags_are_refused(text: str) -> None:
    assert _codes(text) == ["tag"]


def test_duplicate_keys_are_an_error() -> None:
    with pytest.raises(RulesError) as info:
        read_yaml("x.yaml", "a: 1\nb: 2\na: 3\n")
    assert [(p.line, p.col, p.code) for p in info.value.problems] == [(3, 1, "duplicate_key")]


def test_yaml_1_1_surprises_stay_text() -> None:
    data, _ = read_yaml(
        "x.yaml",
        "a: NO\nb: on\nc: yes\nd: 010\ne: 2000-01-01\nf: 1:30\ng: 0x1F\nh: Off\ni: y\nj: true\nk: 10\nl: null\n",
    )
    assert data == {
        "a": "NO",
        "b": "on",
        "c": "yes",
        "d": "010",
        "e": "2000-01-01",
        "f": "1:30",
        "g": "0x1F",
        "h": "Off",
        "i": "y",
        "j": True,
        "k": 10,
        "l": None,
    }


def test_nesting_is_bounded() -> None:
    ok = "a: " + "[" * (MAX_DEPTH - 1) + "]" * (MAX_DEPTH - 1)
    read_yaml("x.yaml", ok)
    assert _codes("a: " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)) == ["too_deep"]


_DEEP = {
    "flow-unclosed": "a: " + "[" * 100_000,
    "flow": "a: " + "[" * 60_000 + "]" * 60_000,
    "block": "- " * 60_000 + "x\n",
    "flow-mappings": "a: " + "{a: " * 40_000 + "}" * 40_000,
}
_CHILD = """import sys
from treatyrules.errors import RulesError
from treatyrules.yamlfile import read_yaml
try:
    read_yaml("x.yaml", sys.stdin.read())
except RulesError as e:
    print(e.problems[0].code)
"""


@pytest.mark.parametrize("name", sorted(_DEEP))
def test_pathological_nesting_does_not_crash_the_process(name: str) -> None:
    # libyaml's C composer would overflow the C stack here; run in a child so a crash is a failure
    res = subprocess.run(
        [sys.executable, "-c", _CHILD],
        input=_DEEP[name],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert res.returncode == 0, res.stderr[-500:]
    assert res.stdout.strip() in ("too_deep", "yaml_syntax")


def test_size_is_bounded() -> None:
    assert _codes("a: " + "x" * MAX_BYTES) == ["too_large"]
    data, _ = read_yaml("x.yaml", "a: " + "x" * (MAX_BYTES - 10))  # a very long line is fine
    assert len(data["a"]) == MAX_BYTES - 10


def test_huge_integer_is_an_error_not_a_crash() -> None:
    assert _codes("a: " + "9" * 5000) == ["bad_value"]
    assert _codes("a: " + "9" * 31) == ["bad_value"]
    assert read_yaml("x.yaml", "a: " + "9" * 30)[0] == {"a": int("9" * 30)}


def test_not_utf8_names_the_place() -> None:
    with pytest.raises(RulesError) as info:
        read_yaml("x.yaml", b"a: 1\nb: caf\xe9\n")
    assert [(p.line, p.col, p.code) for p in info.value.problems] == [(2, 7, "encoding")]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   \n\n", "empty"),
        ("# only\n# comments\n", "empty"),
        ("a: 1\n---\nb: 2\n", "yaml_syntax"),
        ("a:\n\tb: 1\n", "yaml_syntax"),
    ],
)
def test_files_without_one_document(text: str, code: str) -> None:
    assert _codes(text) == [code]


def test_crlf_and_bom_load_fine() -> None:
    assert read_yaml("x.yaml", b"a: 1\r\nb: [x,\r\n  y]\r\n")[0] == {"a": 1, "b": ["x", "y"]}
    data, marks = read_yaml("x.yaml", "\ufeffa: 1\nb: x\n".encode())
    assert data == {"a": 1, "b": "x"} and marks[("b",)] == (2, 4)
