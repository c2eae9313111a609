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
(default 256) MiB; an entry over that bound is not written, and a ``<name>-over`` entry records its
size so that it is not encoded again. Keys cover everything a value depends on
(``treatyrules.cachekey``: each rules file read, the engine's source, the library versions). Location:
``$TREATYRULES_CACHE_DIR``, else ``$XDG_CACHE_HOME/treatyrules``, else ``~/.cache/treatyrules``;
``TREATYRULES_CACHE=0`` turns it off. Nothing is written inside a rules folder.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from pydantic import TypeAdapter

__all__ = [
    "LIBRARIES",
    "MAX_MB",
    "VERSION",
    "Codec",
    "JsonCodec",
    "cache_dir",
    "cached",
    "load_entry",
    "store_entry",
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
#: the libraries whose versions key every entry
LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "yaml-rs")
#: what the header line adds to an entry after the header itself: " <sha256 in hex>\n"
_SEPARATED_CHECKSUM = b" " + b"0" * 64 + b"\n"
_OPEN_FLAGS = os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)


class Codec(Protocol[T]):
    """How a value becomes bytes and back; ``decode`` raises on anything it did not write."""

    def encode(self, value: T) -> bytes: ...

    def decode(self, data: bytes) -> T: ...


class JsonCodec(Generic[T]):
    """JSON through a pydantic ``TypeAdapter``: the type is checked on the way back in."""

    def __init__(self, tp: Any) -> None:
        from pydantic import TypeAdapter  # only the codecs that need pydantic import it

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
    stored, unless ``keep`` says the value must not be, or it was found over the bound before)."""
    base = cache_dir()
    if key is None or base is None:
        return build()
    found = _load(base, name, key)
    if found is not None:
        try:
            return codec.decode(found)
        except Exception:  # wrong shape: a miss like any other (the checksum passed, the codec did not)
            pass
    value = build()
    if (keep is None or keep(value)) and not _known_over(base, name, key):
        _store(base, name, key, codec.encode(value))
    return value


def load_entry(name: str, key: str) -> bytes | None:
    """The payload stored under ``name`` and ``key``, if a whole, intact one is there (None: caching off)."""
    base = cache_dir()
    return _load(base, name, key) if base is not None else None


def store_entry(name: str, key: str, payload: bytes) -> None:
    """Store ``payload`` under ``name`` and ``key`` (atomically; nothing when caching is off)."""
    base = cache_dir()
    if base is not None:
        _store(base, name, key, payload)


def _store(base: Path, name: str, key: str, payload: bytes) -> None:
    """Write the entry; one over the bound is not written, and a small ``<name>-over`` entry records
    its size instead, so that later misses of the same key skip the encoding (``_known_over``)."""
    header = _header(name, key)
    size = _entry_size(header, payload)
    if size <= max_bytes():
        _write_entry(base, _path(base, name, key), header, payload)
    else:
        over = f"{name}-over"
        _write_entry(base, _path(base, over, key), _header(over, key), str(size).encode())


def _known_over(base: Path, name: str, key: str) -> bool:
    """Whether the entry of ``name``/``key`` was found over the bound, and still would be (a bound
    raised since lets it be written)."""
    found = _load(base, f"{name}-over", key)
    return found is not None and found.isdigit() and int(found) > max_bytes()


def _path(base: Path, name: str, key: str) -> Path:
    """Where the entry of ``name``/``key`` lives."""
    return base / f"{name}-{key}.trc"


def _load(base: Path, name: str, key: str) -> bytes | None:
    """The payload of the entry of ``name``/``key`` in ``base``, if whole and intact (``_read_entry``)."""
    return _read_entry(_path(base, name, key), name, key)


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


def _entry_size(header: bytes, payload: bytes) -> int:
    """The bytes of the entry file holding ``payload`` under ``header``."""
    return len(header) + len(_SEPARATED_CHECKSUM) + len(payload)


def _write_entry(base: Path, path: Path, header: bytes, payload: bytes) -> None:
    """Write an entry atomically (temp file in the same folder, then rename); failures are ignored."""
    if _entry_size(header, payload) > max_bytes():  # the bound holds for every entry, markers too
        return
    data = header + b" " + _checksum(header, payload).encode() + b"\n" + payload
    import tempfile  # only a write needs it: a warm read imports none of its modules

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
