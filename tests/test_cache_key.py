"""The file digests behind every cache key, kept between processes by ``os.stat`` (``treatyrules.cachekey``).

A kept digest is used only for a file whose stat is the one it was taken with, and only kept for a
file whose times are more than ``RACY_NS`` before the clock when it was read.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import time
from pathlib import Path

import pytest

from treatyrules import cache, cachekey
from treatyrules.folderfiles import read_rules_bytes, rules_names

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURES / "honest", tmp_path / "r")
    return tmp_path / "r"


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paths ``cachekey`` reads afresh, in order."""
    seen: list[str] = []

    def counted(path: str | Path) -> bytes:
        seen.append(str(path))
        return read_rules_bytes(path)

    monkeypatch.setattr(cachekey, "read_rules_bytes", counted)
    return seen


def _later(monkeypatch: pytest.MonkeyPatch, seconds: float) -> None:
    """Every file looks ``seconds`` older to ``cachekey`` than it is (its clock runs ahead)."""
    ahead = int(seconds * 1e9)
    monkeypatch.setattr(cachekey, "time_ns", lambda: time.time_ns() + ahead)


def _direct(root: Path) -> list[str]:
    return [hashlib.sha256(read_rules_bytes(root / n)).hexdigest() for n in rules_names(root)]


def _memo(root: Path) -> dict[str, tuple[cachekey.Stat, str]]:
    return cachekey._read_memo(cachekey._memo_key(str(root)))


def test_digests_are_the_files_sha256_read_afresh_or_kept(
    folder: Path, store: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    names = rules_names(folder)
    _later(monkeypatch, 10)
    first = cachekey.file_digests(folder, names)
    assert first == _direct(folder)
    assert len(reads) == len(names) and set(_memo(folder)) == set(names)
    reads.clear()
    assert cachekey.file_digests(folder, names) == first
    assert reads == []  # every digest kept: no file read again


def test_a_recent_file_keeps_no_digest(folder: Path, store: Path, reads: list[str]) -> None:
    names = rules_names(folder)  # just copied: every file is within RACY_NS of now
    cachekey.file_digests(folder, names)
    assert _memo(folder) == {}
    reads.clear()
    cachekey.file_digests(folder, names)
    assert len(reads) == len(names)


@pytest.mark.parametrize(("past", "kept"), [(0, False), (1, True)])
def test_racy_bound_on_both_sides(
    folder: Path, store: Path, monkeypatch: pytest.MonkeyPatch, past: int, kept: bool
) -> None:
    """A file whose later time is exactly ``RACY_NS`` before the clock keeps no digest; one ns older, it does."""
    name = "corpus.yaml"
    st = os.stat(folder / name)
    newest = max(st.st_mtime_ns, st.st_ctime_ns)
    monkeypatch.setattr(cachekey, "time_ns", lambda: newest + cachekey.RACY_NS + past)
    cachekey.file_digests(folder, [name])
    assert (name in _memo(folder)) is kept


def _rewrite_in_a_later_tick(path: Path, data: bytes, than: int) -> None:
    """Write ``data`` to ``path`` until its change time differs from ``than`` (the clock of the file
    system may tick coarsely), then put its access and modification times back."""
    st = os.stat(path)
    for _ in range(200):
        path.write_bytes(data)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
        if os.stat(path).st_ctime_ns != than:
            return
        time.sleep(0.01)
    pytest.fail("the change time of a file did not move in 2 s")


def test_a_file_rewritten_with_its_size_and_mtime_kept_is_read_again(
    folder: Path, store: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    name = "corpus.yaml"
    path = folder / name
    _later(monkeypatch, 10)
    before = cachekey.file_digests(folder, [name])
    old = path.read_bytes()
    new = old.replace(b"2", b"3", 1) if b"2" in old else old[:-1] + b"#"
    assert len(new) == len(old) and new != old
    _rewrite_in_a_later_tick(path, new, _memo(folder)[name][0][4])
    assert os.stat(path).st_mtime_ns == _memo(folder)[name][0][3]  # size and mtime as when kept
    reads.clear()
    after = cachekey.file_digests(folder, [name])
    assert after == [hashlib.sha256(new).hexdigest()] != before
    assert reads == [str(path)]


def test_a_file_replaced_by_rename_is_read_again(
    folder: Path, store: Path, reads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """An editor's save (a new file renamed over the old one) is a new inode."""
    name = "corpus.yaml"
    _later(monkeypatch, 10)
    cachekey.file_digests(folder, [name])
    st = os.stat(folder / name)
    tmp = folder / ".corpus.yaml.new"
    tmp.write_bytes((folder / name).read_bytes().replace(b"\n", b" \n", 1))
    os.utime(tmp, ns=(st.st_atime_ns, st.st_mtime_ns))
    os.replace(tmp, folder / name)
    reads.clear()
    assert cachekey.file_digests(folder, [name]) == [hashlib.sha256((folder / name).read_bytes()).hexdigest()]
    assert reads == [str(folder / name)]


def test_a_memo_of_another_shape_is_ignored(folder: Path, store: Path) -> None:
    names = rules_names(folder)
    key = cachekey._memo_key(str(folder))
    for junk in (b"[1, 2]", b'{"corpus.yaml": [1, 2]}', b'{"corpus.yaml": "x"}', b"not json"):
        cache.store_entry("digests", key, junk)
        assert cachekey.file_digests(folder, names) == _direct(folder)


def test_nothing_is_kept_with_the_cache_off(folder: Path, store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE", "0")
    _later(monkeypatch, 10)
    assert cachekey.file_digests(folder, rules_names(folder)) == _direct(folder)
    assert not store.exists()


def test_the_folder_key_follows_a_kept_file_that_changes(
    folder: Path, store: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder's key (what every cached value of it is stored under) moves with a file kept before."""
    _later(monkeypatch, 10)
    key = cachekey.folder_digest(folder)
    assert cachekey.folder_digest(folder) == key
    path = folder / "corpus.yaml"
    _rewrite_in_a_later_tick(path, path.read_bytes() + b"# more\n", _memo(folder)["corpus.yaml"][0][4])
    assert cachekey.folder_digest(folder) not in (None, key)
