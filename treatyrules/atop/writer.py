"""Write an imported ATOP corpus as a rules folder, atomically.

The folder is built in a temporary sibling of the target (``.<name>.treatyrules-<pid>-<random>.tmp``)
and renamed into place only when complete, so an interruption at any moment (kill -9, Ctrl-C, a
full disk) leaves either the old folder untouched or the new one whole. A target that already holds
files is refused unless ``replace`` is given; then it is replaced whole (swapped in one step with
``renameat2(RENAME_EXCHANGE)`` where Linux offers it), never merged. Temporary siblings left by
writers that have died are removed on the next run.
"""

from __future__ import annotations

import contextlib
import ctypes
import errno
import os
import shutil
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ..errors import OutputExistsError, OutputPathError
from ..serialize import dump_yaml, plain
from ..states import Registry
from .coding import KNOWLEDGE_DATE
from .importer import AtopImport, build

__all__ = ["import_atop", "write_folder"]

_MARK = ".treatyrules-"
_EDIT = "edit the source data, not this file.\n"
_CORPUS_HEAD = (
    "# ATOP 5.1 observes alliances up to 2018-12-31: 'ongoing' (exit 0/0/0) is right-censored there.\n"
    "# Without a states.yaml the treaties speak the shipped registry's codes, and the folder is read with it.\n"
)


def import_atop(
    data_dir: str | Path,
    out_dir: str | Path,
    registry: Registry | None = None,
    directed: str | Path | None = None,
    *,
    replace: bool = False,
) -> AtopImport:
    """Write ``out_dir/treaties/ATOP-<atopid>.yaml`` and ``corpus.yaml`` from ATOP.

    The treaties speak the codes of ``registry``. By default that is the shipped registry, and the
    folder has no ``states.yaml`` (it is read with the shipped one); a registry passed here is
    written as the folder's ``states.yaml``, so that the folder is read with it.

    ``directed``: ATOP's directed dyad-year file, for the per-partner obligations of ``obvary``
    members (``build``). ``replace``: replace a folder that already holds files (else
    ``OutputExistsError``).
    """
    out = Path(out_dir)
    _prepare(out, replace)
    imp = build(data_dir, registry, directed)
    write_folder(imp, out, replace=replace, states=registry is not None)
    return imp


def check_target(out: Path, replace: bool) -> None:
    """Refuse, before any work, a target that is a file or a symlink, or holds files without ``replace``."""
    if out.is_symlink():
        raise OutputPathError(out, "it is a symlink; give the folder itself")
    if out.exists() and not out.is_dir():
        raise OutputPathError(out, "it is a file, not a folder; give a folder for the rules")
    above = next((p for p in out.absolute().parents if p.exists()), None)
    if above is not None and not above.is_dir():
        raise OutputPathError(out, f"{above} is a file, not a folder; give a path inside a folder")
    if out.is_dir() and not replace and _holds_files(out):
        raise OutputExistsError(out)


def _holds_files(folder: Path) -> bool:
    try:
        return any(True for _ in os.scandir(folder))
    except OSError as exc:
        raise OutputPathError(folder, f"cannot list it: {exc.strerror or exc}") from None


def _prepare(out: Path, replace: bool) -> None:
    """Clean up after dead writers (which may put an old folder back), then check the target."""
    try:
        _clean_stale(out)
    except OSError as exc:
        raise OutputPathError(out, f"{exc.strerror or exc}; check the folder") from None
    check_target(out, replace)


def write_folder(imp: AtopImport, out: Path, *, replace: bool = False, states: bool = False) -> None:
    """Write ``imp`` as a rules folder at ``out``, built aside and renamed into place when complete.

    ``states``: also write ``imp.registry`` as ``states.yaml`` (else the folder relies on the shipped one).
    """
    _prepare(out, replace)
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        with _staging(out) as tmp:
            _write_into(tmp, imp, states)
            _swap_in(tmp, out)
    except OSError as exc:
        raise OutputPathError(out, f"{exc.strerror or exc}; check the folder and the free space") from None


@contextlib.contextmanager
def _staging(out: Path) -> Iterator[Path]:
    """A fresh temporary sibling of ``out``, removed whatever happens (once swapped in, it holds the old folder)."""
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}{_MARK}{os.getpid()}-", suffix=".tmp", dir=out.parent))
    try:
        yield tmp
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _write_into(folder: Path, imp: AtopImport, states: bool) -> None:
    tdir = folder / "treaties"
    tdir.mkdir()
    for t in imp.treaties:
        head = f"# ATOP 5.1 alliance {t.atopid}, imported by treatyrules import-atop; {_EDIT}"
        (tdir / f"{t.id}.yaml").write_text(head + dump_yaml(plain(t)), encoding="utf-8")
    if states:
        body = dump_yaml({"states": [plain(s) for s in imp.registry.states.values()]})
        (folder / "states.yaml").write_text(f"# The registry the treaties were imported with; {_EDIT}" + body, "utf-8")
    corpus = {
        "knowledge_date": KNOWLEDGE_DATE.isoformat(),
        "source": "ATOP 5.1 (Leeds et al.), atop5_1m.csv, atop5_1a.csv, atop5_1aph.csv",
    }
    (folder / "corpus.yaml").write_text(_CORPUS_HEAD + dump_yaml(corpus), encoding="utf-8")


def _swap_in(tmp: Path, out: Path) -> None:
    """Put the complete folder ``tmp`` at ``out`` in one step; an old ``out`` ends up at ``tmp``."""
    if not out.exists():
        os.rename(tmp, out)
    elif not _exchange(tmp, out):
        _swap_by_renames(tmp, out)


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2`` with ``RENAME_EXCHANGE``); False where unsupported."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.EINVAL, errno.ENOSYS, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap_by_renames(tmp: Path, out: Path) -> None:
    """Two renames where no atomic exchange exists: ``out`` is absent only between them, and a
    writer killed there leaves the old folder at ``<tmp>.old`` for the next run to put back."""
    old = tmp.with_suffix(".old")
    os.rename(out, old)
    os.rename(tmp, out)
    os.rename(old, tmp)


def _clean_stale(out: Path) -> None:
    """Remove the temporary siblings of ``out`` that writers now dead left behind (and put back an
    old folder that a writer killed between its two renames had moved aside)."""
    prefix = f".{out.name}{_MARK}"
    for entry in sorted(out.parent.glob(f"{prefix}*")):
        pid = entry.name[len(prefix) :].split("-", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        if entry.suffix == ".old" and not out.exists():
            os.rename(entry, out)
        else:
            shutil.rmtree(entry, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
