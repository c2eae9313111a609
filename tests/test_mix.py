"""Mixing the shipped corpus with an imported ATOP corpus (fixtures/atop-mix; the real ATOP files when present)."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from pathlib import Path

import pytest

from treatyrules import atop, load
from treatyrules.corpus import Corpus
from treatyrules.errors import RulesError
from treatyrules.folderfiles import shipped_rules
from treatyrules.states import CcodeSpell, State

from ._atop_sample import atop_sample
from ._cli import run_cli as _cli
from .conftest import FIXTURES

ROOT = Path(__file__).resolve().parents[1]
FIX = atop_sample("atop-mix")
DATA = ROOT.parent / "shared" / "data" / "atop"


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return load()


@pytest.fixture(scope="module")
def imported() -> Corpus:
    return atop.load(FIX)


@pytest.fixture(scope="module")
def mixed(shipped: Corpus, imported: Corpus) -> Corpus:
    return shipped.merge(imported)


def shipped_states() -> set[str]:
    return set(load().registry.states)


def expected_overlaps(hand: Corpus, imp: Corpus) -> list[tuple[int, str]]:
    ids = {t.atopid for t in imp.treaties.values()}
    return sorted((t.atopid, t.id) for t in hand.treaties.values() if t.atopid in ids)


def keys(c: Corpus, start: int, end: int) -> list[tuple[int, int, int]]:
    p = c.panel(start=start, end=end)
    return list(zip(p["ccode1"], p["ccode2"], p["year"], strict=True))


def test_hand_coded_wins_and_overlap_is_reported(shipped: Corpus, imported: Corpus, mixed: Corpus) -> None:
    want = expected_overlaps(shipped, imported)
    assert want  # the fixture copies two alliances the shipped corpus records
    assert sorted((o.atopid, o.kept) for o in mixed.overlaps) == want
    assert all(o.dropped == f"ATOP-{o.atopid}" and o.dropped not in mixed.ids for o in mixed.overlaps)
    assert set(shipped.ids) <= set(mixed.ids)
    assert "ATOP-9101" in mixed.ids


def test_panel_has_no_duplicate_rows_and_keeps_hand_coded_obligations(shipped: Corpus, mixed: Corpus) -> None:
    ks = keys(mixed, 1815, 2025)
    assert [k for k, n in Counter(ks).items() if n > 1] == []
    rus_prk = {
        (r["ccode1"], r["ccode2"], r["year"]) for r in mixed.panel(start=2018, end=2025).to_records() if r["defense"]
    }
    assert (365, 731, 2025) in rus_prk  # RUS-PRK-2024, beyond ATOP's 2018

    # USA–JPN is counted once: the mixed defence cells of the dyad are the hand-coded ones
    def usa_jpn(c: Corpus) -> set[tuple[int, int, int]]:
        return {
            (r["ccode1"], r["ccode2"], r["year"])
            for r in c.panel(start=1950, end=2025).to_records()
            if r["defense"] and {r["ccode1"], r["ccode2"]} == {2, 740}
        }

    assert usa_jpn(mixed) == usa_jpn(shipped)


def test_imported_codes_map_to_shipped_states_by_period(mixed: Corpus) -> None:
    t = mixed.treaty("ATOP-9101")
    assert sorted(t.parties) == ["DEU", "JPN", "SUN", "USA"]
    assert mixed.registry.states.keys() == shipped_states()  # the import added no state
    # FRG 260 -> Germany 255 is one continuing DEU membership, no withdrawal or accession
    assert not [e for e in t.events if e.party == "DEU"]

    def obligors(day: str) -> set[str]:
        return {a.obligor for a in mixed.obligations(day, treaty="ATOP-9101", beneficiary="USA")}

    assert obligors("1991-12-25") == {"DEU", "JPN", "SUN"}
    assert obligors("1991-12-26") == {"DEU", "JPN", "RUS"}
    consul = {
        (r["ccode1"], r["ccode2"], r["year"])
        for r in mixed.panel(start=1989, end=1991).to_records()
        if r["consul"] and r["ccode1"] == 2
    }
    assert (2, 260, 1990) in consul and (2, 255, 1990) in consul  # 260 up to 1990-10-02, 255 from 1990-10-03
    assert (2, 260, 1991) not in consul and (2, 255, 1989) not in consul
    ger = mixed.panel(start=1990, end=1990).to_records()
    assert not [r for r in ger if {r["ccode1"], r["ccode2"]} == {255, 260}]


def test_a_corpus_with_cow_codes_is_refused_with_the_fix(shipped: Corpus) -> None:
    legacy = Corpus([], [State(code="COW2", name="COW state 2", ccodes=[CcodeSpell(ccode=2)])])
    with pytest.raises(RulesError, match=r"COW2 are COW<ccode> codes .* import it again \(treatyrules import-atop"):
        shipped.merge(legacy)
    assert shipped.merge(Corpus([], [State(code="COWX", name="not a ccode state")])).ids == shipped.ids


def test_load_a_list_of_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, mixed: Corpus) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE_DIR", str(tmp_path / "cache"))
    atop.import_atop(FIX, tmp_path / "atop")
    both = load([ROOT / "rules", tmp_path / "atop"])
    assert both.ids == mixed.ids
    assert both.overlaps == mixed.overlaps
    assert both.panel(start=1815, end=2025).to_csv() == mixed.panel(start=1815, end=2025).to_csv()
    assert load([ROOT / "rules"]).ids == load().ids


def test_cli_mixes_repeated_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shipped: Corpus, imported: Corpus
) -> None:
    monkeypatch.setenv("TREATYRULES_CACHE_DIR", str(tmp_path / "cache"))
    assert _cli("import-atop", str(FIX), "--out", str(tmp_path / "atop")).returncode == 0
    r = _cli("--rules", str(ROOT / "rules"), "--rules", str(tmp_path / "atop"), "validate")
    assert r.returncode == 0, r.stderr
    lines = [ln for ln in r.stdout.splitlines() if ln.startswith("overlap: ")]
    assert len(lines) == len(expected_overlaps(shipped, imported))
    assert any("ATOP-3375" in ln and "USA-JPN-1960" in ln for ln in lines)
    r = _cli(
        "--rules",
        str(ROOT / "rules"),
        "--rules",
        str(tmp_path / "atop"),
        "panel",
        "--from",
        "2025",
        "--to",
        "2025",
        "--kind",
        "defense",
    )
    assert r.returncode == 0, r.stderr
    assert "365,731,2025,1" in r.stdout.splitlines()
    rows = r.stdout.splitlines()[1:]
    assert len(rows) == len(set(rows))


@pytest.mark.skipif(not (DATA / "atop5_1m.csv").is_file(), reason=f"ATOP data not found at {DATA}")
def test_real_atop_mixed_with_shipped(shipped: Corpus) -> None:
    real = atop.load(DATA)
    m = shipped.merge(real)
    assert sorted((o.atopid, o.kept) for o in m.overlaps) == expected_overlaps(shipped, real)
    ks = keys(m, 1815, 2025)
    assert len(ks) == len(set(ks))
    d = {(r["ccode1"], r["ccode2"], r["year"]): r for r in m.panel(start=2018, end=2025).to_records()}
    assert d[(365, 731, 2025)]["defense"] == 1
    assert m.knowledge_date is not None and m.knowledge_date >= dt.date(2024, 6, 19)


def test_a_merge_is_evaluated_under_its_base_reading() -> None:
    """``load([a, b], reading=...)`` reads the merged corpus under the reading, as ``with_options`` would
    (the merge used to evaluate the text whatever its corpora were read under)."""
    folders: list[str | Path] = [shipped_rules(), FIXTURES / "atop-mix-rules"]
    merged = load(folders, reading="twenty-year-renewal")
    text = load(folders)
    assert merged.reading == "twenty-year-renewal" and text.reading is None
    again = text.with_options(reading="twenty-year-renewal")
    for tid in merged.ids:
        assert merged.life(tid).timeline == again.life(tid).timeline
    assert merged.life("CHN-PRK-1961").timeline != text.life("CHN-PRK-1961").timeline
