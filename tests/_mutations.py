"""Line mutations of a YAML file for the fuzz tests (``test_fuzz_loader``, ``test_fuzz_folder``)."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import strategies as st

OPS = ("delete", "duplicate", "swap", "flip", "insert", "indent", "dedent")


def mutate_lines(
    draw: st.DrawFn, lines: list[bytes], inserts: Sequence[bytes], ops: Sequence[str] = OPS, most: int = 4
) -> list[str]:
    """Apply 1..``most`` drawn mutations to ``lines`` in place; returns what was done (``"swap@3"``...)."""
    done = []
    for _ in range(draw(st.integers(1, most))):
        op = draw(st.sampled_from(list(ops)))
        i = draw(st.integers(0, len(lines) - 1))
        if op == "delete" and len(lines) > 1:
            del lines[i]
        elif op == "duplicate":
            lines.insert(i, lines[i])
        elif op == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif op == "flip" and lines[i]:
            k = draw(st.integers(0, len(lines[i]) - 1))
            lines[i] = lines[i][:k] + bytes([draw(st.integers(0, 255))]) + lines[i][k + 1 :]
        elif op == "insert":
            k = draw(st.integers(0, len(lines[i])))
            lines[i] = lines[i][:k] + draw(st.sampled_from(list(inserts))) + lines[i][k:]
        elif op == "indent":
            lines[i] = b" " * draw(st.integers(1, 4)) + lines[i]
        elif op == "dedent":
            lines[i] = lines[i].lstrip(b" ")
        done.append(f"{op}@{i + 1}")
    return done
