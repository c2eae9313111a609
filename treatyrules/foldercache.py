"""A rules folder as cached data: ``read_folder`` through the store of ``treatyrules.cache``.

The folder is stored as JSON (pydantic checks the shape on the way back in), paths relative to the
folder, without positions: they are re-read from the files when a problem needs them
(``yamlfile.LazyMarks``). Only folders without problems are stored (docs/cache.md).
"""

from __future__ import annotations

import os
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .cache import JsonCodec, cache_dir, cached
from .cachekey import folder_digest
from .collector import paused_gc
from .errors import Problem
from .loader import RulesFolder, read_folder, read_states
from .schema import CorpusMeta, Treaty
from .states import State
from .yamlfile import LazyMarks

__all__ = ["read_folder_cached", "read_states_cached"]


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
        return data.model_dump_json(exclude_defaults=True).encode()  # defaults come back on validation

    def decode(self, data: bytes) -> RulesFolder:
        with paused_gc():  # decoding makes many objects and no cycles
            d = _FolderData.model_validate_json(data)
        root = self.root
        names = [*d.files.values(), *d.extra] + ["states.yaml"] * os.path.lexists(root / "states.yaml")
        paths = {n: root / n for n in names}  # one Path per file (each join parses the path again)
        marks = {str(p): LazyMarks(p) for p in paths.values()}
        return RulesFolder(
            root,
            treaties=d.treaties,
            states=d.states,
            files={tid: paths[rel] for tid, rel in d.files.items()},
            marks=dict(marks),
            extra={name: (body, marks[str(paths[name])]) for name, body in d.extra.items()},
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


def read_states_cached(root: str | Path) -> tuple[list[State], list[Problem]]:
    """The states of ``root``'s ``states.yaml`` alone and its problems (``loader.read_states``),
    through the cache: what a folder without a registry of its own takes from the shipped folder,
    whose treaties it does not need. Stored only when the file has no problem."""
    root = Path(root)
    key = folder_digest(root, ["states.yaml"]) if cache_dir() is not None else None
    found: list[Problem] = []

    def build() -> list[State]:
        states, problems = read_states(root / "states.yaml")
        found.extend(problems)
        return states

    return cached(key, "states", build, _states_codec(), keep=lambda _: not found), found


@lru_cache(maxsize=1)
def _states_codec() -> JsonCodec[list[State]]:
    return JsonCodec(list[State])  # a TypeAdapter's schema is built once
