"""The README's command-line examples ("The command line", "Obligations", "cascades") are the real output."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

from ._cli_inproc import cli

README = Path(__file__).resolve().parents[1] / "README.md"
SECTIONS = ("## The command line", "## Obligations: who must defend whom", "## Who is drawn in: cascades")


def _examples() -> list[tuple[str, str]]:
    """``(command line, expected output)`` for every ``$ treatyrules ...`` in the sections."""
    text = README.read_text(encoding="utf-8")
    out: list[tuple[str, str]] = []
    for title in SECTIONS:
        body = text[text.index(title) :]
        body = body[: body.find("\n## ", 1)]
        for block in re.findall(r"```\n(.*?)```", body, flags=re.S):
            for run in re.split(r"^(?=\$ )", block, flags=re.M):
                if run.startswith("$ treatyrules "):
                    line, _, expected = run.partition("\n")
                    out.append((line[2:], expected.rstrip("\n") + "\n"))
    return out


EXAMPLES = _examples()


def test_the_sections_have_examples() -> None:
    assert len(EXAMPLES) >= 5


@pytest.mark.parametrize(("line", "expected"), EXAMPLES, ids=[line for line, _ in EXAMPLES])
def test_readme_example_is_the_real_output(line: str, expected: str) -> None:
    command, _, pipe = line.partition(" | ")
    code, out, err = cli(*shlex.split(command)[1:])
    assert code == 0, err
    if pipe:
        m = re.fullmatch(r"head -(\d+)", pipe.strip())
        assert m is not None, pipe
        out = "".join(out.splitlines(keepends=True)[: int(m[1])])
    assert out == expected
