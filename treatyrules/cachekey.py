"""The keys of cached values: the engine's digest and a rules folder's (``docs/cache.md``, "The key").

A key is the SHA-256 of the SHA-256 of each file it covers (with its relative path), so a file's
digest can be kept between processes. Each folder's file digests are kept in one cache entry,
``digests-<key of the folder's real path>.trc``, beside ``os.stat`` of each file when its digest
was taken: device, inode, size, and the modification and change times in nanoseconds. A file whose
``stat`` is the same is not read again. A write moves both times to now, and so does ``touch -d``
for the change time, which no user command sets back (only moving the clock back does); an editor's
save by rename is a new inode. What stat cannot see is two writes within one tick of the file
system's clock, the second after the digest was taken: so a digest is kept only for a file both of
whose times are more than ``RACY_NS`` before the clock when it was read, and only when ``stat`` is
the same before and after the read (git's "racily clean" entries, answered the same way).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import sys
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from time import time_ns

from .cache import _MAGIC, LIBRARIES, VERSION, cache_dir, load_entry, store_entry
from .errors import RulesError
from .folderfiles import read_rules_bytes, rules_names

__all__ = ["RACY_NS", "engine_digest", "file_digests", "folder_digest", "library_versions"]

#: a file modified or changed this recently (ns) when its digest is taken keeps no digest
RACY_NS = 2_000_000_000
_DIST_INFO = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)-([^-]+)\.dist-info$")
Stat = tuple[int, int, int, int, int]


def _stat_of(st: os.stat_result) -> Stat:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


def _memo_key(root: str) -> str:
    return hashlib.sha256(b"digests\0" + os.path.realpath(root).encode(errors="surrogateescape")).hexdigest()


def _read_memo(key: str) -> dict[str, tuple[Stat, str]]:
    """The kept digests of a folder: name -> (stat, hex digest); empty when none is usable."""
    raw = load_entry("digests", key)
    try:
        data = json.loads(raw) if raw is not None else {}
        return {n: ((d, i, s, m, c), h) for n, (d, i, s, m, c, h) in data.items()}
    except (ValueError, TypeError, AttributeError):  # an entry of another shape: none kept
        return {}


def _digest_now(path: str, before: Stat) -> tuple[str, Stat | None]:
    """A file's digest read afresh, and its stat when the digest may be kept: the same before and after
    the read, and neither time within ``RACY_NS`` of now."""
    digest = hashlib.sha256(read_rules_bytes(path)).hexdigest()
    after = _stat_of(os.stat(path))
    old = max(after[3], after[4]) < time_ns() - RACY_NS
    return digest, after if old and after == before else None


def file_digests(root: str | Path, names: Sequence[str]) -> list[str]:
    """The SHA-256 (hex) of each file ``names`` (relative to ``root``), each read as
    ``folderfiles.read_rules_bytes`` reads it, or kept from an earlier read (module docstring).

    Raises what ``read_rules_bytes`` raises, and ``OSError``, for a file that cannot be read.
    """
    base = os.path.join(root, "")
    key = _memo_key(base) if cache_dir() is not None else None
    memo = _read_memo(key) if key is not None else {}
    kept: dict[str, tuple[Stat, str]] = {}
    out = []
    for name in names:
        path = base + name
        st = _stat_of(os.stat(path))
        was = memo.get(name)
        digest, keep = (was[1], st) if was is not None and was[0] == st else _digest_now(path, st)
        out.append(digest)
        if keep is not None:
            kept[name] = (keep, digest)
    if key is not None and kept != memo:
        store_entry("digests", key, json.dumps({n: [*s, h] for n, (s, h) in kept.items()}).encode())
    return out


def _add_files(h: hashlib._Hash, root: str | Path, names: Sequence[str]) -> None:
    """Add each file's relative path and digest (``file_digests``) to ``h``, in order."""
    for name, digest in zip(names, file_digests(root, names), strict=True):
        h.update(f"{name}\0{digest}\0".encode())


@lru_cache(maxsize=1)
def engine_digest() -> bytes:
    """SHA-256 of the engine: every module's source (subpackages too), the format and library versions."""
    h = hashlib.sha256(_MAGIC + str(VERSION).encode())
    h.update(sys.version.encode())
    h.update(";".join(f"{lib}={v}" for lib, v in library_versions().items()).encode())
    pkg = Path(__file__).resolve().parent
    _add_files(h, pkg, sorted(str(f.relative_to(pkg)) for f in pkg.rglob("*.py")))
    return h.digest()


@lru_cache(maxsize=1)
def library_versions() -> dict[str, str]:
    """The installed versions of the libraries that shape a cached value (``none``: not installed).

    Read from the ``<name>-<version>.dist-info`` folders on ``sys.path``, the first one found winning
    as in ``importlib.metadata``, which is asked only for a library not found that way (importing it
    would cost a warm ``status`` command a fifth of its start-up).
    """
    found: dict[str, str] = {}
    for entry in sys.path:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for n in names:
            m = _DIST_INFO.match(n)
            if m:
                found.setdefault(_normal(m[1]), m[2])
    return {lib: found.get(_normal(lib)) or _metadata_version(lib) for lib in LIBRARIES}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


def _metadata_version(lib: str) -> str:
    from importlib import metadata

    try:
        return metadata.version(lib)
    except metadata.PackageNotFoundError:
        return "none"


def folder_digest(root: str | Path, names: list[str] | None = None) -> str | None:
    """SHA-256 of what ``read_folder(root)`` reads (each file's relative path and digest; only ``names``,
    paths inside ``root``, when given) and of the engine; None when a file cannot be read
    (``read_folder`` reports it; nothing is cached)."""
    root = Path(root)
    h = hashlib.sha256(engine_digest())
    try:
        _add_files(h, root, rules_names(root) if names is None else names)
    except (RulesError, OSError, ValueError):
        return None
    return h.hexdigest()
