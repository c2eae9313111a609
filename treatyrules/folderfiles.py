"""Which files a rules folder is made of: the shipped folder, the files ``read_folder`` reads, in its
order, and the rule that every one of them lies inside the folder.

Light on purpose (no models): the cache keys a folder by these files before anything is parsed.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .errors import Problem, RulesError

__all__ = [
    "MAX_BYTES",
    "TOP_FILES",
    "inside",
    "outside",
    "read_rules_bytes",
    "rules_files",
    "rules_names",
    "shipped_rules",
    "treaty_paths",
]

#: the files of a rules folder beside ``treaties/``, in the order they are read
TOP_FILES = ("states.yaml", "regions.yaml", "corpus.yaml")
#: the largest rules file read, in bytes
MAX_BYTES = 1_000_000
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NOCTTY", 0)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def shipped_rules() -> Path:
    """The rules folder shipped with treatyrules (inside a wheel, or the checkout's ``rules/``)."""
    pkg = Path(__file__).resolve().parent
    for cand in (pkg / "_rules", pkg.parent / "rules"):
        if (cand / "treaties").is_dir():
            return cand
    raise RulesError(
        [
            Problem(
                str(pkg / "_rules"),
                1,
                1,
                "the shipped rules folder is missing; reinstall treatyrules or pass --rules DIR",
                code="io",
            )
        ]
    )


def inside(path: Path, real_root: str) -> bool:
    """Whether ``path`` (symlinks resolved) is the folder ``real_root`` or lies inside it."""
    real = os.path.realpath(path)
    return real == real_root or real.startswith(real_root + os.sep)


def outside(path: Path) -> Problem:
    """The problem of a path that leads outside the rules folder."""
    return Problem(
        str(path),
        1,
        1,
        f"a symlink to {os.path.realpath(path)}, outside the rules folder; rules files must lie inside it: "
        "copy the file in instead of linking to it",
        code="outside",
    )


def treaty_paths(tdir: Path, real_root: str) -> tuple[list[Path], list[Problem]]:
    """The ``*.yaml`` entries of ``treaties/`` (hidden ones skipped), or why they cannot be listed."""
    names, problems = _treaty_names(tdir, real_root)
    return [tdir / n for n in names], problems


def _treaty_names(tdir: Path, real_root: str) -> tuple[list[str], list[Problem]]:
    if not inside(tdir, real_root):
        return [], [outside(tdir)]
    try:
        names = sorted(os.listdir(tdir))
    except OSError as exc:
        why = "permission denied; make it readable (chmod a+rx)" if exc.errno in (errno.EACCES, errno.EPERM) else ""
        msg = f"cannot list the folder: {why or (exc.strerror or str(exc)) + '; check the folder and rerun'}"
        return [], [Problem(str(tdir), 1, 1, msg, code="io")]
    return [n for n in names if not n.startswith(".") and n.endswith((".yaml", ".yml"))], []


def rules_files(root: Path) -> list[Path]:
    """Every file ``read_folder(root)`` reads, in its order."""
    return [root / n for n in rules_names(root)]


def rules_names(root: Path) -> list[str]:
    """The path inside ``root`` (``treaties/X.yaml``) of every file ``read_folder(root)`` reads, in
    its order: what keys a cached folder."""
    top = [n for n in TOP_FILES if os.path.lexists(root / n)]
    tdir = root / "treaties"
    if not tdir.is_dir():
        return top
    return top + [f"treaties/{n}" for n in _treaty_names(tdir, os.path.realpath(root))[0]]


def read_rules_bytes(path: str | Path) -> bytes:
    """The bytes of one rules file: a regular file only, and never more than ``MAX_BYTES`` + 1.

    A folder, a FIFO, a device, a dangling symlink, a symlink loop or an unreadable file raises
    ``RulesError`` with one problem at ``1:1`` of that path. ``os.stat`` comes first, so nothing
    but a regular file is opened; the open does not block, and ``fstat`` re-checks what was opened.
    """
    name = str(path)
    try:
        _check_regular(name, os.stat(path).st_mode)
        fd = os.open(path, _OPEN_FLAGS)
    except OSError as exc:
        raise _io_problem(name, exc) from None
    try:
        _check_regular(name, os.fstat(fd).st_mode)  # replaced between the stat and the open
        chunks: list[bytes] = []
        size = 0
        while size <= MAX_BYTES and (chunk := os.read(fd, MAX_BYTES + 1 - size)):
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as exc:
        raise _io_problem(name, exc) from None
    finally:
        os.close(fd)


def _check_regular(name: str, mode: int) -> None:
    if stat.S_ISREG(mode):
        return
    kind = next((word for test, word in _KINDS if test(mode)), "not a plain file")
    raise _problem(
        name,
        f"not a regular file ({kind}); a rules file is plain text: remove it, or rename it so it does not end in .yaml",
        "not_regular",
    )


def _io_problem(name: str, exc: OSError) -> RulesError:
    if exc.errno == errno.ELOOP:
        return _problem(name, "a symlink loop (the link leads back to itself); remove the link", "io")
    if exc.errno == errno.ENOENT and os.path.islink(name):
        return _problem(name, "a symlink to a missing file; remove the link or restore its target", "io")
    if exc.errno in (errno.EACCES, errno.EPERM):
        return _problem(
            name, "cannot read the file: permission denied; make it readable (chmod a+r) or remove it", "io"
        )
    return _problem(name, f"cannot read the file: {exc.strerror or exc}; check the file and rerun", "io")


def _problem(name: str, message: str, code: str) -> RulesError:
    return RulesError([Problem(name, 1, 1, message, code=code)])
