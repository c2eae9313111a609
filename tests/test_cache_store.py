"""The cache is data: planted files run nothing, damaged entries are rebuilt, writes are atomic, it is bounded."""

from __future__ import annotations

import os
import pickle
import random
import re
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import treatyrules
from treatyrules import atop, cache, cachekey, foldercache, load, loader, strategies
from treatyrules.cli.panel import _key as panel_key
from treatyrules.folderfiles import shipped_rules
from treatyrules.loader import RulesFolder, read_folder
from treatyrules.schema import Treaty
from treatyrules.states import Registry

from ._atop_sample import atop_sample
from ._cli import run_cli
from .conftest import FIXTURES

FOLDERS = [shipped_rules(), FIXTURES / "honest", FIXTURES / "atop-mix-rules"]


def _same(a: RulesFolder, b: RulesFolder) -> None:
    assert (a.root, a.treaties, a.states, a.files, a.meta, a.problems) == (
        b.root,
        b.treaties,
        b.states,
        b.files,
        b.meta,
        b.problems,
    )
    assert {k: v[0] for k, v in a.extra.items()} == {k: v[0] for k, v in b.extra.items()}
    assert {k: dict(v) for k, v in a.marks.items()} == {k: dict(v) for k, v in b.marks.items()}


def _entries(base: Path, name: str = "folder") -> list[Path]:
    """The entries of ``name`` (not those of ``<name>-over``, which record an entry over the bound)."""
    return [p for p in sorted(base.glob(f"{name}-*.trc")) if re.fullmatch(rf"{name}-[0-9a-f]{{64}}\.trc", p.name)]


@pytest.mark.parametrize("root", FOLDERS, ids=lambda p: p.name)
def test_a_folder_from_the_cache_is_the_folder_read(root: Path, store: Path) -> None:
    first, key = foldercache.read_folder_cached(root)
    again, key2 = foldercache.read_folder_cached(root)
    assert key is not None and key == key2 and len(_entries(store)) == 1
    _same(first, read_folder(root))
    _same(again, read_folder(root))  # positions too: re-read from the files when asked


def test_an_imported_atop_folder_without_states_is_cached(tmp_path: Path, store: Path) -> None:
    atop.import_atop(atop_sample("atop"), tmp_path / "rules")
    assert not (tmp_path / "rules" / "states.yaml").exists()
    _, key = foldercache.read_folder_cached(tmp_path / "rules")
    assert key is not None and (store / f"folder-{key}.trc").is_file()
    _same(foldercache.read_folder_cached(tmp_path / "rules")[0], read_folder(tmp_path / "rules"))


@pytest.mark.parametrize("cached", [True, False], ids=["cache", "no-cache"])
def test_a_folder_without_states_borrows_the_shipped_states_alone(
    tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch, cached: bool
) -> None:
    """A folder without ``states.yaml`` gets exactly the shipped folder's states, read from its
    ``states.yaml`` alone: no shipped treaty file is read, with the cache or without it (with it, the
    import has stored the states' entry, and both loads read that)."""
    if not cached:
        monkeypatch.setenv("TREATYRULES_CACHE", "0")
    atop.import_atop(atop_sample("atop"), tmp_path / "rules")
    expected = Registry(read_folder(shipped_rules()).states).states
    read: list[Path] = []
    real = loader._read_file
    monkeypatch.setattr(loader, "_read_file", lambda f, *a, **k: read.append(Path(f)) or real(f, *a, **k))
    for _ in range(2):  # the second time from the entry, when cached
        corpus = load(tmp_path / "rules")
        assert corpus.registry.states == expected
    shipped = [p for p in read if p.is_relative_to(shipped_rules())]
    assert shipped == ([] if cached else [shipped_rules() / "states.yaml"] * 2)
    assert len(_entries(store, "states")) == (1 if cached else 0)


def test_a_states_file_with_problems_is_not_stored(tmp_path: Path, store: Path) -> None:
    (tmp_path / "states.yaml").write_text("states:\n- code: X\n")  # no name, a code too short
    states, problems = loader.read_states(tmp_path / "states.yaml")
    assert foldercache.read_states_cached(tmp_path) == (states, problems) and problems
    assert not _entries(store, "states")
    assert [p.code for p in loader.read_states(tmp_path / "missing.yaml")[1]] == ["io"]


def test_a_copy_elsewhere_shares_the_entry_and_speaks_its_own_paths(tmp_path: Path, store: Path) -> None:
    shutil.copytree(FIXTURES / "honest", tmp_path / "copy")
    foldercache.read_folder_cached(FIXTURES / "honest")
    folder, _ = foldercache.read_folder_cached(tmp_path / "copy")
    assert len(_entries(store)) == 1
    _same(folder, read_folder(tmp_path / "copy"))


def test_a_folder_with_problems_is_not_cached(tmp_path: Path, store: Path) -> None:
    shutil.copytree(FIXTURES / "honest", tmp_path / "bad")
    victim = next((tmp_path / "bad" / "treaties").glob("*.yaml"))
    victim.write_text(victim.read_text() + "\nunknown_key_here: 1\n")
    folder, key = foldercache.read_folder_cached(tmp_path / "bad")
    assert key is None and folder.problems and not _entries(store)


def test_an_unreadable_rules_file_is_not_a_crash(tmp_path: Path, store: Path) -> None:
    shutil.copytree(FIXTURES / "honest", tmp_path / "dir")
    (tmp_path / "dir" / "treaties" / "X.yaml").mkdir()
    folder, key = foldercache.read_folder_cached(tmp_path / "dir")
    assert key is None and any(p.code == "not_regular" for p in folder.problems)


# ------------------------------------------------------------------ planted files run nothing


class _Payload:
    def __reduce__(self) -> tuple[Any, ...]:
        return (open, (os.environ["PLANT_SIDE_EFFECT"], "w"))


def test_a_planted_pickle_runs_nothing(tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    side = tmp_path / "side-effect"
    monkeypatch.setenv("PLANT_SIDE_EFFECT", str(side))
    key = cachekey.folder_digest(shipped_rules())
    pkey = panel_key([shipped_rules()], as_of=None, reading=None)
    assert key is not None and pkey is not None
    store.mkdir(exist_ok=True)
    blob = pickle.dumps(_Payload())
    names = [f"{key[:32]}-folder.pickle", f"{pkey[:32]}-panel.pickle", f"{pkey[:32]}-panel.npz"]
    names += [f"folder-{key}.trc", f"panel-{pkey}.trc", f"panel-provenance-{pkey}.trc"]
    for name in names:
        (store / name).write_bytes(blob)
        os.chmod(store / name, 0o600)
    assert run_cli("status", "--date", "1995-01-01").returncode == 0
    assert run_cli("panel", "--from", "1990", "--to", "1991").returncode == 0
    load()
    assert not side.exists()
    for name in (f"folder-{key}.trc", f"panel-{pkey}.trc", f"panel-provenance-{pkey}.trc"):
        assert (store / name).read_bytes() != blob  # each was looked up, refused and rebuilt
    assert not list(store.glob("*.pickle"))  # the old format's entries are removed, never read


@pytest.mark.parametrize("planted", ["fifo", "dir", "symlink", "other-writable"])
def test_a_planted_non_entry_is_a_miss(planted: str, tmp_path: Path, store: Path) -> None:
    key = cachekey.folder_digest(FIXTURES / "honest")
    store.mkdir(exist_ok=True)
    path = store / f"folder-{key}.trc"
    good = store / "good"
    if planted == "fifo":
        os.mkfifo(path)
    elif planted == "dir":
        path.mkdir()
    else:  # a valid entry for this key that holds another folder: used, it would answer wrongly
        foldercache.read_folder_cached(shipped_rules())
        payload = _entries(store)[0].read_bytes().partition(b"\n")[2]
        head = f"treatyrules-cache {cache.VERSION} folder {key}".encode()
        good.write_bytes(head + b" " + cache._checksum(head, payload).encode() + b"\n" + payload)
        os.chmod(good, 0o600)
        if planted == "symlink":
            path.symlink_to(good)
        else:
            shutil.copy(good, path)
            os.chmod(path, 0o666)
    folder, _ = foldercache.read_folder_cached(FIXTURES / "honest")  # never blocks, never follows, never trusts
    _same(folder, read_folder(FIXTURES / "honest"))


# ------------------------------------------------------------------ damage → the uncached answer


def _corrupt(data: bytes, rng: random.Random, other: bytes) -> bytes:
    how = rng.randrange(6)
    if how == 0:  # flip bytes
        out = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            i = rng.randrange(len(out))
            out[i] = rng.randrange(256) if out[i] != rng.randrange(256) else out[i] ^ 1
        return bytes(out)
    if how == 1:  # truncate
        return data[: rng.randrange(len(data))]
    if how == 2:  # append
        return data + rng.randbytes(rng.randint(1, 64))
    if how == 3:  # another entry's bytes under this name
        return other
    if how == 4:  # a run of zeros
        i = rng.randrange(len(data))
        return data[:i] + bytes(rng.randint(1, 100)) + data[i + 100 :]
    i, j = sorted(rng.randrange(len(data)) for _ in range(2))  # two pieces swapped
    return data[j:] + data[i:j] + data[:i]


@settings(max_examples=1000, derandomize=True, deadline=None, database=None)
@given(st.integers(0, 2**32 - 1))
def test_a_thousand_corruptions_each_give_the_uncached_answer(seed: int) -> None:
    s = _corruption_setup()
    rng = random.Random(seed)
    with _cache_at(s["base"]):
        path = s["path"]
        damaged = _corrupt(s["good"], rng, s["other"])
        path.write_bytes(damaged)
        folder, _ = foldercache.read_folder_cached(s["root"])
        assert (folder.treaties, folder.states, folder.meta, folder.problems) == s["truth"]
        assert path.read_bytes() == s["good"]  # rebuilt and rewritten (or never damaged)


_SETUP: dict[str, Any] = {}


@contextmanager
def _cache_at(base: Path) -> Iterator[None]:
    old = os.environ.get("TREATYRULES_CACHE_DIR")
    os.environ["TREATYRULES_CACHE_DIR"] = str(base)
    try:
        yield
    finally:
        if old is None:
            del os.environ["TREATYRULES_CACHE_DIR"]
        else:
            os.environ["TREATYRULES_CACHE_DIR"] = old


def _corruption_setup() -> dict[str, Any]:
    """One cache folder for the whole fuzz (hypothesis runs its examples in one test call)."""
    if not _SETUP:
        base = Path(tempfile.mkdtemp(prefix="treatyrules-cachefuzz-")) / "cache"
        root = FIXTURES / "honest"
        with _cache_at(base):
            foldercache.read_folder_cached(shipped_rules())
            other = _entries(base)[0].read_bytes()
            _entries(base)[0].unlink()
            foldercache.read_folder_cached(root)
        f = read_folder(root)
        path = _entries(base)[0]
        truth = (f.treaties, f.states, f.meta, f.problems)
        _SETUP.update(base=base, root=root, path=path, good=path.read_bytes(), other=other, truth=truth)
    return _SETUP


def test_an_entry_of_another_format_version_is_rebuilt(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    foldercache.read_folder_cached(FIXTURES / "honest")
    path = _entries(store)[0]
    written = path.read_bytes()
    old = written.replace(f"treatyrules-cache {cache.VERSION} ".encode(), b"treatyrules-cache 1 ", 1)
    path.write_bytes(old)
    calls: list[Path] = []

    def counted(root: Path) -> RulesFolder:
        calls.append(root)
        return read_folder(root)

    monkeypatch.setattr("treatyrules.foldercache.read_folder", counted)
    folder, _ = foldercache.read_folder_cached(FIXTURES / "honest")
    assert len(calls) == 1 and path.read_bytes() == written
    _same(folder, read_folder(FIXTURES / "honest"))


def test_a_well_formed_entry_of_the_wrong_shape_is_rebuilt(store: Path) -> None:
    foldercache.read_folder_cached(FIXTURES / "honest")
    path = _entries(store)[0]
    head = path.read_bytes().partition(b"\n")[0].rsplit(b" ", 1)[0]
    payload = b'{"treaties": 1}'
    path.write_bytes(head + b" " + cache._checksum(head, payload).encode() + b"\n" + payload)
    folder, _ = foldercache.read_folder_cached(FIXTURES / "honest")
    _same(folder, read_folder(FIXTURES / "honest"))


# ------------------------------------------------------------------ atomic writes, dead writers, the bound


def test_an_interrupted_writer_is_cleaned_and_never_read(store: Path) -> None:
    store.mkdir(exist_ok=True)
    key = cachekey.folder_digest(FIXTURES / "honest")
    dead = store / ".tmp-999999999-abc.trc"  # no such pid
    dead.write_bytes(f"treatyrules-cache {cache.VERSION} folder {key} ".encode() + b"0" * 64 + b"\n{")
    live = store / f".tmp-{os.getpid()}-xyz.trc"
    live.write_bytes(b"partial")
    folder, _ = foldercache.read_folder_cached(FIXTURES / "honest")
    _same(folder, read_folder(FIXTURES / "honest"))
    assert not dead.exists() and live.exists()  # this process is alive: its temp file stays
    old = store / f".tmp-{os.getpid()}-old.trc"
    old.write_bytes(b"x")
    os.utime(old, (1, 1))  # an hour and more: a dead writer whatever its pid says
    cache.evict(store)
    assert not old.exists()


def test_eviction_keeps_the_folder_under_the_bound(
    tmp_path: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE_MAX_MB", "1.5")  # the shipped entry is ~0.6 MB
    roots = []
    for i in range(5):
        shutil.copytree(shipped_rules(), tmp_path / f"r{i}")
        (tmp_path / f"r{i}" / "treaties" / "CHN-PRK-1961.yaml").open("a").write(f"\n# copy {i}\n")
        roots.append(tmp_path / f"r{i}")
    for i, r in enumerate(roots):
        foldercache.read_folder_cached(r)
        size = sum(p.stat().st_size for p in store.iterdir())
        assert size <= 1.5 * 2**20, (i, size)
    assert 1 <= len(_entries(store)) < 5
    newest = cachekey.folder_digest(roots[-1])
    assert (store / f"folder-{newest}.trc").exists()  # the oldest went first


def test_an_entry_over_the_bound_is_not_written(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE_MAX_MB", "0.01")
    folder, _ = foldercache.read_folder_cached(shipped_rules())
    assert not _entries(store) and folder.treaties


class _Bytes:
    def encode(self, value: bytes) -> bytes:
        return value

    def decode(self, data: bytes) -> bytes:
        return data


@pytest.mark.parametrize("over", [0, 1], ids=["at the bound", "a byte over"])
def test_an_entry_of_the_bound_s_size_is_written_and_one_byte_more_is_not(
    store: Path, monkeypatch: pytest.MonkeyPatch, over: int
) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE_MAX_MB", "0.001")  # 1,048 bytes
    key = "ab" * 32
    room = cache.max_bytes() - len(cache._header("blob", key)) - (1 + 64 + 1)  # " <sha256>\n"
    payload = b"x" * (room + over)
    assert cache.cached(key, "blob", lambda: payload, _Bytes()) == payload
    written = _entries(store, "blob")
    assert len(written) == (0 if over else 1)
    assert not written or written[0].stat().st_size == cache.max_bytes()


class _Counted(_Bytes):
    def __init__(self) -> None:
        self.encoded = 0

    def encode(self, value: bytes) -> bytes:
        self.encoded += 1
        return value


def test_an_entry_found_over_the_bound_is_not_encoded_again_until_the_bound_is_raised(
    store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A value too big to store is encoded once: a small ``<name>-over`` entry records its size, and
    the misses after it skip the encoding (at 100,000 treaties the folder's JSON is 650 MB, about a
    quarter of a load to encode). Raised above that size, the bound lets it be written."""
    monkeypatch.setenv("TREATYRULES_CACHE_MAX_MB", "0.001")
    key, codec, payload = "cd" * 32, _Counted(), b"x" * 2000
    for _ in range(3):
        assert cache.cached(key, "blob", lambda: payload, codec) == payload
    assert codec.encoded == 1 and not _entries(store, "blob")
    (marker,) = _entries(store, "blob-over")
    assert marker.read_bytes().endswith(b"\n" + str(len(cache._header("blob", key)) + 66 + 2000).encode())
    monkeypatch.setenv("TREATYRULES_CACHE_MAX_MB", "0.01")
    assert cache.cached(key, "blob", lambda: payload, codec) == payload
    assert codec.encoded == 2 and len(_entries(store, "blob")) == 1
    assert cache.cached(key, "blob", lambda: b"never built", codec) == payload  # read back
    assert codec.encoded == 2


def test_a_folder_over_the_bound_is_encoded_once(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE_MAX_MB", "0.01")
    calls = []
    encode = foldercache._FolderCodec.encode
    monkeypatch.setattr(foldercache._FolderCodec, "encode", lambda self, f: calls.append(1) or encode(self, f))
    for _ in range(2):  # the shipped folder's entry is about 0.6 MB
        folder, _ = foldercache.read_folder_cached(shipped_rules())
        assert folder.treaties
    assert len(calls) == 1 and not _entries(store) and len(_entries(store, "folder-over")) == 1


def test_caching_off_writes_nothing(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE", "0")
    assert foldercache.read_folder_cached(FIXTURES / "honest")[1] is None
    assert not store.exists()


def test_the_key_covers_the_engine_and_every_file_read(tmp_path: Path, store: Path) -> None:
    shutil.copytree(FIXTURES / "honest", tmp_path / "r")
    key = cachekey.folder_digest(tmp_path / "r")
    (tmp_path / "r" / "notes.txt").write_text("not read")
    (tmp_path / "r" / "treaties" / ".hidden.yaml").write_text("not read")
    assert cachekey.folder_digest(tmp_path / "r") == key
    (tmp_path / "r" / "corpus.yaml").write_text('knowledge_date: "2020-01-01"\n')
    assert cachekey.folder_digest(tmp_path / "r") != key


@given(corpus=strategies.corpora(max_treaties=3, exact=False))
def test_treaties_stored_without_their_defaults_come_back_equal(corpus: treatyrules.Corpus) -> None:
    """The folder entry leaves out every value equal to its default (``_FolderCodec.encode``): a law
    over generated treaties, beside the shipped and fixture folders compared whole above."""
    for t in corpus.treaties.values():
        assert Treaty.model_validate_json(t.model_dump_json(exclude_defaults=True)) == t
