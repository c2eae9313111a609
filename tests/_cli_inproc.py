"""Run the command line in this process (fast; ``tests/_cli.py`` runs it in a child process)."""

from __future__ import annotations

import contextlib
import io


def cli(*args: str) -> tuple[int, str, str]:
    """``treatyrules ARGS...`` in this process: the exit code, stdout and stderr."""
    from treatyrules.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(list(args))
    return code, out.getvalue(), err.getvalue()
