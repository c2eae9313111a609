"""``validate`` reads each folder once and derives each life once (``corpus.checked_folder``, reused for
the merge), and says what the library's ``validate_folder`` and ``load`` say."""

from __future__ import annotations

import gc
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from treatyrules import atop, compiled, corpus, load
from treatyrules.corpus import checked_folder, validate_folder
from treatyrules.folderfiles import shipped_rules

from ._atop_sample import atop_sample
from ._cli_inproc import cli

INVALID = Path(__file__).resolve().parents[1] / "fixtures" / "invalid"


@pytest.fixture(scope="module")
def imported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The atop-mix sample imported as a rules folder (no states.yaml: it reads the shipped states)."""
    out = tmp_path_factory.mktemp("import") / "atop"
    atop.import_atop(atop_sample("atop-mix"), out)
    return out


@pytest.fixture()
def broken(tmp_path: Path) -> Path:
    """A small folder with an error: an entry into force before the signature."""
    root = tmp_path / "broken"
    shutil.copytree(INVALID / "_base", root)
    shutil.copy(INVALID / "eif-before-signature.yaml", root / "treaties" / "AAA-BBB-2000.yaml")
    return root


def counting(monkeypatch: pytest.MonkeyPatch, module: Any, name: str) -> Counter[str]:
    """Count the calls of ``module.name`` by their first argument (a folder, or a treaty's id)."""
    calls: Counter[str] = Counter()
    real: Callable[..., Any] = getattr(module, name)

    def spy(first: Any, *args: Any, **kwargs: Any) -> Any:
        calls[str(getattr(first, "id", first))] += 1
        return real(first, *args, **kwargs)

    monkeypatch.setattr(module, name, spy)
    return calls


@pytest.mark.parametrize("cache", ["0", "1"])
@pytest.mark.parametrize("shipped_first", [True, False])
def test_validate_reads_each_folder_once_and_derives_each_life_once(
    imported: Path, monkeypatch: pytest.MonkeyPatch, cache: str, shipped_first: bool
) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE", cache)
    n = len(load().ids) + len(load(imported).ids)
    reads = counting(monkeypatch, corpus, "read_folder_cached")
    lives = counting(monkeypatch, compiled, "evaluate")
    folders = [str(shipped_rules()), str(imported)][:: 1 if shipped_first else -1]
    code, out, err = cli("--rules", folders[0], "--rules", folders[1], "validate")
    assert code == 0, err
    assert "overlap: " in out and out.endswith("0 errors, 0 warnings\n")
    assert sorted(reads.values()) == [1, 1] and set(reads) == set(folders)
    assert len(lives) == n  # every treaty derived, by its folder
    # the import first: its ATOP-3375 wins over USA-JPN-1960, which no longer supersedes USA-JPN-1951
    assert {t for t, k in lives.items() if k > 1} == (set() if shipped_first else {"USA-JPN-1951"})


def test_the_collector_is_back_on_after_validate(broken: Path) -> None:
    assert gc.isenabled()
    assert cli("validate")[0] == 0 and gc.isenabled()
    assert cli("--rules", str(broken), "validate")[0] == 1 and gc.isenabled()
    assert validate_folder(broken) and gc.isenabled()


def shipped_and_imported(imported: Path) -> Iterator[Path]:
    yield shipped_rules()
    yield imported


def test_checked_folder_gives_validate_folders_problems_and_loads_corpus(imported: Path) -> None:
    for root in shipped_and_imported(imported):
        problems, got = checked_folder(root)
        assert got is not None and problems == validate_folder(root)
        want = load(root)
        assert got.ids == want.ids and dict(got.compiled.lives) == dict(want.compiled.lives)
        assert got.registry.states == want.registry.states and got.knowledge_date == want.knowledge_date


def test_a_folder_with_errors_has_no_corpus(broken: Path) -> None:
    problems, got = checked_folder(broken)
    assert got is None and problems == validate_folder(broken)
    assert any(p.severity == "error" and "before signature" in p.message for p in problems)


def test_the_states_of_the_shipped_folder_already_read_are_the_ones_it_would_read(imported: Path) -> None:
    _, shipped = checked_folder()
    assert shipped is not None and shipped.compiled.folder is not None
    lent, own = checked_folder(imported, shipped=shipped.compiled.folder), checked_folder(imported)
    assert lent[0] == own[0] and lent[1] is not None and own[1] is not None
    assert lent[1].registry.states == own[1].registry.states == shipped.registry.states
