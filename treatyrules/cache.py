"""A compiled cache for large rules folders, keyed by content hash, kept in the user's cache folder.

The key is a SHA-256 over every rules file (relative path and bytes) and over the engine's own
source files, so any edit to the rules or to treatyrules gives a new key; stale entries are simply
never read again. Nothing is ever written inside the rules folder. Location: ``$TREATYRULES_CACHE_DIR``,
else ``$XDG_CACHE_HOME/treatyrules``, else ``~/.cache/treatyrules``; ``TREATYRULES_CACHE=0`` turns it
off. Only folders without problems are cached (a folder with problems is re-read for positions).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from .loader import RulesFolder, read_folder

__all__ = ["cache_dir", "cached", "folder_digest", "read_folder_cached"]

T = TypeVar("T")
_FORMAT = b"treatyrules-cache-1"


def cache_dir() -> Path | None:
    """Where cache entries live, or None when caching is off."""
    if os.environ.get("TREATYRULES_CACHE", "1") in ("0", "false", "no", "off"):
        return None
    env = os.environ.get("TREATYRULES_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "treatyrules"


@lru_cache(maxsize=1)
def _engine_digest() -> bytes:
    h = hashlib.sha256(_FORMAT)
    pkg = Path(__file__).resolve().parent
    for f in sorted(pkg.glob("*.py")):
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.digest()


def folder_digest(root: str | Path) -> str:
    """SHA-256 of a rules folder's YAML files (paths and bytes) and of the engine's source."""
    root = Path(root)
    h = hashlib.sha256(_engine_digest())
    files = sorted([*root.glob("*.yaml"), *(root / "treaties").glob("*.y*ml")])
    for f in files:
        h.update(str(f.relative_to(root)).encode())
        h.update(b"\0")
        h.update(f.read_bytes())
        h.update(b"\0")
    return h.hexdigest()


def cached(key: str | None, name: str, build: Callable[[], T]) -> T:
    """``build()``, or its pickled result from an earlier run with the same key."""
    base = cache_dir()
    if key is None or base is None:
        return build()
    path = base / f"{key[:32]}-{name}.pickle"
    try:
        with path.open("rb") as f:
            return pickle.load(f)  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, TypeError, ValueError):
        pass
    value = build()
    try:
        base.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=base, suffix=".tmp")
        with os.fdopen(fd, "wb") as f:
            pickle.dump(value, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
    except OSError:
        pass
    return value


def read_folder_cached(root: str | Path) -> tuple[RulesFolder, str | None]:
    """``read_folder(root)`` through the cache; also returns the content digest (None when off)."""
    root = Path(root)
    if cache_dir() is None or not root.is_dir():
        return read_folder(root), None
    key = folder_digest(root)

    def build() -> RulesFolder:
        folder = read_folder(root)
        if folder.problems:
            raise _Uncacheable(folder)
        folder.marks = {}
        return folder

    try:
        folder = cached(key, "folder", build)
    except _Uncacheable as exc:
        return exc.folder, None
    folder.root = root
    return folder, key


class _Uncacheable(Exception):
    def __init__(self, folder: RulesFolder) -> None:
        super().__init__("folder has problems")
        self.folder = folder
