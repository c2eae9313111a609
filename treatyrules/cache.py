"""The compiled cache: data, never code, in the user's cache folder (``docs/cache.md``).

One store holds every cached value. An entry is one file, ``<name>-<key>.trc``: a header line
``treatyrules-cache <version> <name> <key> <sha256>`` and a payload the value's codec reads (JSON
through a pydantic ``TypeAdapter``, which checks the shape; raw bytes for arrays). The SHA-256 covers
the header and the payload. Any mismatch (another version, name or key, a checksum that fails, a
payload of the wrong shape, a file not ours or not a regular file) counts as a miss: the value is
rebuilt and rewritten, never raised, never used. Nothing is unpickled or executed.

Entries are written to a temp file in the same folder and renamed into place (``os.replace``), so a
reader sees a whole entry or none; temp files of writers that died are removed. After each write the
oldest entries (by last use) are evicted until the folder holds at most ``TREATYRULES_CACHE_MAX_MB``
(default 256) MiB. Keys cover everything a value depends on: for a rules folder, each file
``read_folder`` reads (its relative path and its bytes as ``yamlfile.read_rules_bytes`` reads them),
the engine's source (every module, subpackages included), the versions of the libraries that shape
the value, and ``VERSION``. Location: ``$TREATYRULES_CACHE_DIR``, else ``$XDG_CACHE_HOME/treatyrules``,
else ``~/.cache/treatyrules``; ``TREATYRULES_CACHE=0`` turns it off. Nothing is written inside a rules
folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Any, Generic, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, TypeAdapter

from .errors import Problem, RulesError
from .loader import RulesFolder, paused_gc, read_folder, rules_files
from .schema import CorpusMeta, Treaty
from .states import State
from .yamlfile import LazyMarks, read_rules_bytes

__all__ = [
    "MAX_MB",
    "VERSION",
    "Codec",
    "JsonCodec",
    "cache_dir",
    "cached",
    "folder_digest",
    "read_folder_cached",
]

T = TypeVar("T")
#: the entry format; a change to it (or to what a codec writes) bumps it, and older entries are rebuilt
VERSION = 2
#: the default bound on the cache folder, in MiB (``TREATYRULES_CACHE_MAX_MB`` overrides it)
MAX_MB = 256
_MAGIC = b"treatyrules-cache"
_ENTRY = re.compile(r"^[a-z0-9-]+-[0-9a-f]{64}\.trc$")
_LEGACY = re.compile(r"^[0-9a-f]{32}-[a-z-]+\.pickle$")  # the pickles of format 1: removed, never read
_TEMP = re.compile(r"^\.tmp-(\d+)-.*\.trc$")
_STALE_TEMP_SECONDS = 3600  # a temp file this old is a dead writer's, whatever its pid says
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class Codec(Protocol[T]):
    """How a value becomes bytes and back; ``decode`` raises on anything it did not write."""

    def encode(self, value: T) -> bytes: ...

    def decode(self, data: bytes) -> T: ...


class JsonCodec(Generic[T]):
    """JSON through a pydantic ``TypeAdapter``: the type is checked on the way back in."""

    def __init__(self, tp: Any) -> None:
        self.adapter: TypeAdapter[T] = TypeAdapter(tp)

    def encode(self, value: T) -> bytes:
        return self.adapter.dump_json(value)

    def decode(self, data: bytes) -> T:
        return self.adapter.validate_json(data)


def cache_dir() -> Path | None:
    """Where cache entries live, or None when caching is off."""
    if os.environ.get("TREATYRULES_CACHE", "1").lower() in ("0", "false", "no", "off"):
        return None
    env = os.environ.get("TREATYRULES_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "treatyrules"


def max_bytes() -> int:
    """The bound on the cache folder: ``TREATYRULES_CACHE_MAX_MB`` MiB (default ``MAX_MB``)."""
    try:
        mb = float(os.environ.get("TREATYRULES_CACHE_MAX_MB", MAX_MB))
    except ValueError:
        mb = MAX_MB
    return int(max(mb, 0) * 2**20)


def cached(
    key: str | None, name: str, build: Callable[[], T], codec: Codec[T], keep: Callable[[T], bool] | None = None
) -> T:
    """The value stored under ``name`` and ``key``, or ``build()`` when there is none usable (then
    stored, unless ``keep`` says the value must not be)."""
    base = cache_dir()
    if key is None or base is None:
        return build()
    path = base / f"{name}-{key}.trc"
    found = _read_entry(path, name, key)
    if found is not None:
        try:
            with paused_gc():  # decoding makes many objects and no cycles
                return codec.decode(found)
        except Exception:  # wrong shape: a miss like any other (the checksum passed, the codec did not)
            pass
    value = build()
    if keep is None or keep(value):
        _write_entry(base, path, _header(name, key), codec.encode(value))
    return value


def _header(name: str, key: str) -> bytes:
    return b" ".join((_MAGIC, str(VERSION).encode(), name.encode(), key.encode()))


def _read_entry(path: Path, name: str, key: str) -> bytes | None:
    """The payload of a whole, intact entry of ours for ``name``/``key``, else None."""
    raw = _read_own_file(path)
    if raw is None:
        return None
    head, sep, payload = raw.partition(b"\n")
    want = _header(name, key) + b" "
    if not sep or not head.startswith(want) or head[len(want) :] != _checksum(want[:-1], payload).encode():
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # last use, for eviction
    return payload


def _checksum(header: bytes, payload: bytes) -> str:
    h = hashlib.sha256(header)
    h.update(b"\n")
    h.update(payload)
    return h.hexdigest()


def _read_own_file(path: Path) -> bytes | None:
    """The bytes of a regular file this user owns and no one else may write, within the bound."""
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except OSError:
        return None
    try:
        st = os.fstat(fd)
        mine = not hasattr(os, "getuid") or st.st_uid == os.getuid()
        if not stat.S_ISREG(st.st_mode) or not mine or st.st_mode & 0o022 or st.st_size > max_bytes():
            return None
        with os.fdopen(os.dup(fd), "rb") as f:
            return f.read(st.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)


def _write_entry(base: Path, path: Path, header: bytes, payload: bytes) -> None:
    """Write an entry atomically (temp file in the same folder, then rename); failures are ignored."""
    data = header + b" " + _checksum(header, payload).encode() + b"\n" + payload
    if len(data) > max_bytes():
        return
    try:
        base.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=base, prefix=f".tmp-{os.getpid()}-", suffix=".trc")
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.replace(tmp, path)
    except OSError:
        _remove(Path(tmp))
        return
    evict(base)


def _remove(path: Path) -> None:
    with contextlib.suppress(OSError):
        path.unlink()


def evict(base: Path) -> None:
    """Remove dead writers' temp files and old pickles, then the least recently used entries over the bound."""
    entries: list[tuple[float, int, Path]] = []
    try:
        names = os.listdir(base)
    except OSError:
        return
    now = time.time()
    for n in names:
        p = base / n
        try:
            st = os.lstat(p)
        except OSError:
            continue
        temp = _TEMP.match(n)
        if (temp and _dead(int(temp.group(1)), now - st.st_mtime)) or _LEGACY.match(n):
            _remove(p)
        elif _ENTRY.match(n) and stat.S_ISREG(st.st_mode):
            entries.append((st.st_mtime, st.st_size, p))
    total = sum(size for _, size, _ in entries)
    for _, size, p in sorted(entries):
        if total <= max_bytes():
            break
        _remove(p)
        total -= size


def _dead(pid: int, age: float) -> bool:
    """Whether the writer of a temp file is gone (no such process here, or the file is an hour old)."""
    if age > _STALE_TEMP_SECONDS:
        return True
    if pid == os.getpid():
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:  # alive, another user's
        return False
    return False


# ---------------------------------------------------------------- keys


@lru_cache(maxsize=1)
def engine_digest() -> bytes:
    """SHA-256 of the engine: every module's source (subpackages too), the format and library versions."""
    h = hashlib.sha256(_MAGIC + str(VERSION).encode())
    h.update(sys.version.encode())
    for lib in ("pydantic", "pydantic-core", "PyYAML", "yaml-rs"):
        try:
            h.update(f"{lib}={metadata.version(lib)};".encode())
        except metadata.PackageNotFoundError:
            h.update(f"{lib}=none;".encode())
    pkg = Path(__file__).resolve().parent
    for f in sorted(pkg.rglob("*.py")):
        h.update(str(f.relative_to(pkg)).encode() + b"\0")
        h.update(f.read_bytes() + b"\0")
    return h.digest()


def folder_digest(root: str | Path) -> str | None:
    """SHA-256 of what ``read_folder(root)`` reads (each file's relative path and bytes) and of the
    engine; None when a file cannot be read (``read_folder`` reports it; nothing is cached)."""
    root = Path(root)
    h = hashlib.sha256(engine_digest())
    try:
        for f in rules_files(root):
            h.update(str(f.relative_to(root)).encode() + b"\0")
            h.update(read_rules_bytes(f))
            h.update(b"\0")
    except (RulesError, OSError, ValueError):
        return None
    return h.hexdigest()


# ---------------------------------------------------------------- the rules folder as data


class _FolderData(BaseModel):
    """A read rules folder as stored: paths relative to the folder, no positions (they are re-read)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    treaties: dict[str, Treaty]
    states: list[State]
    files: dict[str, str]
    extra: dict[str, Any]
    meta: CorpusMeta | None
    problems: list[Problem]


@dataclass(frozen=True)
class _FolderCodec:
    """``RulesFolder`` <-> JSON; read back under ``root``, whose files give the positions when asked."""

    root: Path

    def encode(self, folder: RulesFolder) -> bytes:
        rel = self._relative
        data = _FolderData(
            treaties=folder.treaties,
            states=folder.states,
            files={tid: rel(p) for tid, p in folder.files.items()},
            extra={name: body for name, (body, _) in folder.extra.items()},
            meta=folder.meta,
            problems=[replace(p, file=rel(Path(p.file))) for p in folder.problems],
        )
        return data.model_dump_json().encode()

    def decode(self, data: bytes) -> RulesFolder:
        d = _FolderData.model_validate_json(data)
        root = self.root
        marks = {str(root / n): LazyMarks(root / n) for n in [*d.files.values(), *d.extra, "states.yaml"]}
        if not os.path.lexists(root / "states.yaml"):
            marks.pop(str(root / "states.yaml"))
        return RulesFolder(
            root,
            treaties=d.treaties,
            states=d.states,
            files={tid: root / rel for tid, rel in d.files.items()},
            marks=dict(marks),
            extra={name: (body, marks[str(root / name)]) for name, body in d.extra.items()},
            meta=d.meta,
            problems=[replace(p, file=str(root / p.file)) for p in d.problems],
        )

    def _relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def _cacheable(folder: RulesFolder, root: Path) -> bool:
    """A folder whose only problem (if any) is a missing ``states.yaml`` (it uses the shipped registry),
    and whose extra files hold data JSON keeps exactly (no floats)."""
    missing = str(root / "states.yaml")
    if any(not (p.file == missing and p.code == "io" and not os.path.lexists(missing)) for p in folder.problems):
        return False
    return all(_json_exact(body) for body, _ in folder.extra.values())


def _json_exact(value: Any) -> bool:
    if isinstance(value, dict):
        return all(isinstance(k, str) and _json_exact(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_json_exact(v) for v in value)
    return value is None or isinstance(value, (str, bool, int))


def read_folder_cached(root: str | Path) -> tuple[RulesFolder, str | None]:
    """``read_folder(root)`` through the cache; also returns the content digest (None when not cached).

    Folders with problems are read afresh every time (their problems need positions), except that a
    folder without ``states.yaml`` (an ATOP import, which reads with the shipped registry) is cached.
    """
    root = Path(root)
    key = folder_digest(root) if cache_dir() is not None and root.is_dir() else None
    if key is None:
        return read_folder(root), None
    built: list[RulesFolder] = []

    def build() -> RulesFolder:
        built.append(read_folder(root))
        return built[-1]

    folder = cached(key, "folder", build, _FolderCodec(root), keep=lambda f: _cacheable(f, root))
    return folder, None if built and not _cacheable(built[0], root) else key
