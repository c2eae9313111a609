"""Fuzz the loader: random and mutated YAML either loads or yields our positioned problems.

Never any other exception, every problem located and one line, and always within a time bound per
example. The seeds are the valid
fixture treaty, the shipped rules (when present) and every broken fixture; mutations delete,
duplicate and swap lines, flip characters, insert tags and anchors, and change indentation.
"""

from __future__ import annotations

import shutil
import tempfile
import time
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from treatyrules.corpus import validate_folder
from treatyrules.errors import Problem, RulesError
from treatyrules.loader import read_folder
from treatyrules.yamlfile import read_yaml

from ._mutations import mutate_lines

ROOT = Path(__file__).resolve().parents[1]
CASES = ROOT / "fixtures" / "invalid"
BASE = CASES / "_base"
SEEDS = sorted(
    {
        p.read_bytes()
        for p in [
            *BASE.rglob("*.yaml"),
            *CASES.glob("*.yaml"),
            *(ROOT / "rules" / "treaties").glob("*.yaml"),
        ]
        if p.name != "expected.yaml"
    }
)
BOUND = 5.0  # seconds per example: generous; a bomb or a runaway would take far longer
INSERTS = [
    b'!!python/object/apply:os.system ["true"] ',
    b"&a ",
    b"*a",
    b"<<: *a\n",
    b"!!timestamp ",
    b"!custom ",
    b"\t",
    b"---\n",
    b"{",
    b"[",
    b"? ",
    b"- ",
    b": ",
    b'"',
    b"'",
    b"#",
    b"\xff",
    b"\xef\xbb\xbf",
    b"\r\n",
    b"NO",
    b"010",
    b"1995-02-30",
    b"9" * 40,
    b"\x00",
    b"\x01",
    b"!!str ",
    b"[" * 1000,  # past the C composer's safe nesting: the event scan and libyaml's own bound
    b"- " * 40,
]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    lines = draw(st.sampled_from(SEEDS)).split(b"\n")
    mutate_lines(draw, lines, INSERTS)
    return b"\n".join(lines)


random_yaml = st.one_of(
    st.binary(max_size=400),
    st.text(alphabet=st.sampled_from(list("ab:-[]{}?&*!#|>'\" \n\t,01%@`")), max_size=300).map(str.encode),
    mutated(),
)


def _check(problems: list[Problem]) -> None:
    """Every problem is located and one line (no second, unlocated line such as PyYAML's 'in "<unicode string>"')."""
    for p in problems:
        assert isinstance(p, Problem) and p.line >= 1 and p.col >= 1 and p.message
        assert "\n" not in p.message and "<unicode string>" not in p.message, p


@given(random_yaml)
def test_read_yaml_loads_or_raises_rules_error(text: bytes) -> None:
    start = time.perf_counter()
    try:
        read_yaml("fuzz.yaml", text)
    except RulesError as exc:
        assert exc.problems
        _check(exc.problems)
    assert time.perf_counter() - start < BOUND


@given(mutated())
def test_folder_with_a_mutated_treaty_loads_or_reports(text: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "rules"
        shutil.copytree(BASE, root)
        (root / "treaties" / "AAA-BBB-2000.yaml").write_bytes(text)
        start = time.perf_counter()
        _check(read_folder(root).problems)
        _check(validate_folder(root))  # the whole report, cross-file checks and derivation too
        assert time.perf_counter() - start < BOUND
