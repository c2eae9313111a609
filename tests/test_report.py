"""The HTML report without a browser: selection, window, payload against the corpus, markup."""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from treatyrules import load
from treatyrules.cli import main
from treatyrules.corpus import Corpus
from treatyrules.dates import MIN_DAY
from treatyrules.errors import EmptyReportError, ReportRangeError, ReportWindowError, UnknownStateError
from treatyrules.obligations import obligation_spells
from treatyrules.report import KINDS, STATUS_COLOURS, Window, payload, render, select, window, within
from treatyrules.report.axis import QUIET_YEARS, SCALED_YEARS, Axis, quiet_pieces
from treatyrules.report.gantt import FOLD_HEIGHT, changes, folded_treaties
from treatyrules.report.layout import (
    GRAPH_PAIRS,
    GRAPH_STATES,
    MATRIX_STATES,
    PALETTE,
    matrix_order,
    treaty_colours,
    view,
)
from treatyrules.report.page import _linkify, _script_json
from treatyrules.schema import ObligationKind

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "fixtures" / "report"
PRK_TREATIES = ("CHN-PRK-1961", "SUN-PRK-1961", "RUS-PRK-2000", "RUS-PRK-2024")


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return load()


@pytest.fixture(scope="module")
def fixture() -> Corpus:
    return load(FIXTURE)


def embedded(page: str) -> dict[str, Any]:
    m = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page, re.S)
    assert m is not None
    data: dict[str, Any] = json.loads(m.group(1))
    return data


class Tags(HTMLParser):
    """Every start tag with its attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))


def tags(page: str) -> list[tuple[str, dict[str, str | None]]]:
    p = Tags()
    p.feed(page)
    return p.tags


# ---------------------------------------------------------------- selection and window


def test_party_selects_its_treaties_including_through_continuity(shipped: Corpus) -> None:
    ids = select(shipped, ["PRK"])
    assert set(PRK_TREATIES) <= set(ids)
    for tid in ids:
        assert "PRK" in shipped.life(tid).memberships
    others = [t for t in shipped.ids if "PRK" not in shipped.life(t).memberships]
    assert others and not set(others) & set(ids)
    # RUS continues SUN: the Soviet treaty is one of Russia's
    assert "SUN-PRK-1961" in select(shipped, ["RUS"])
    assert select(shipped, ["prk"]) == ids  # codes are case-insensitive


def test_party_selection_follows_as_of_and_reading(shipped: Corpus) -> None:
    before = shipped.with_options(as_of="2024-06-18")
    after = shipped.with_options(as_of="2024-06-19")
    assert before.life("RUS-PRK-2024").signature.earliest > dt.date(2024, 6, 18)
    assert "RUS-PRK-2024" not in select(before, ["PRK"])
    assert "RUS-PRK-2024" in select(after, ["PRK"])
    reading = next(r.name for t in shipped.treaties.values() for r in t.readings)
    other = shipped.with_options(reading=reading)
    ids = select(other, ["PRK"])
    data = payload(other, ids, window(other, ids, "1950", "2026"))
    assert data["query"]["reading"] == reading
    for tid in ids:
        segs = [s for s in other.life(tid).timeline.segments if s.status != "not_signed"]
        assert [(b["status"], b["start"]) for b in data["bars"] if b["treaty"] == tid and b["party"] is None] == [
            (s.status, s.start.isoformat()) for s in segs
        ]


def test_selection_by_treaty_all_and_union(shipped: Corpus) -> None:
    assert select(shipped, treaty_ids=["usa-jpn-1960", "USA-JPN-1960"]) == ["USA-JPN-1960"]
    assert select(shipped, all_treaties=True) == sorted(shipped.ids)
    both = select(shipped, ["PRK"], ["USA-JPN-1960"])
    assert both == sorted([*select(shipped, ["PRK"]), "USA-JPN-1960"])


def test_empty_or_unknown_selection_is_a_usage_error(shipped: Corpus, fixture: Corpus) -> None:
    with pytest.raises(EmptyReportError, match="--party CODE"):
        select(shipped)
    with pytest.raises(UnknownStateError):
        select(shipped, ["XXX"])
    with pytest.raises(EmptyReportError, match="no treaty in the rules has CHE"):
        select(fixture, ["CHE"])  # in the registry, party to nothing


def test_window_reads_years_months_and_days_with_an_inclusive_end(shipped: Corpus) -> None:
    ids = ["SUN-PRK-1961"]
    assert window(shipped, ids, "1950", "2026") == Window(dt.date(1950, 1, 1), dt.date(2027, 1, 1))
    assert window(shipped, ids, "1995-09", "1996-02") == Window(dt.date(1995, 9, 1), dt.date(1996, 3, 1))
    assert window(shipped, ids, "1995-09-10", "1995-09-10") == Window(dt.date(1995, 9, 10), dt.date(1995, 9, 11))
    with pytest.raises(ReportRangeError):
        window(shipped, ids, "1995-09-11", "1995-09-10")
    default = window(shipped, ids, None, None)
    assert default.start == dt.date(shipped.life("SUN-PRK-1961").signature.earliest.year, 1, 1)
    assert shipped.knowledge_date is not None and default.end > shipped.knowledge_date


def test_a_treaty_signed_after_the_window_is_left_out(fixture: Corpus) -> None:
    signed = fixture.life("TEST-BI-1950").signature.earliest  # 1950-02-01
    both = ["TEST-BI-1950", "TEST-MULTI-1949"]
    # both sides of the signature: signed on the window's last day is kept, the day after is not
    assert within(fixture, both, Window(dt.date(1900, 1, 1), signed + dt.timedelta(days=1))) == both
    assert within(fixture, both, Window(dt.date(1900, 1, 1), signed)) == ["TEST-MULTI-1949"]
    data = payload(fixture, both, Window(dt.date(1900, 1, 1), signed))
    assert [t["id"] for t in data["treaties"]] == ["TEST-MULTI-1949"]
    assert data["query"]["left_out"] == ["TEST-BI-1950"]
    assert {r["treaty"] for r in data["rows"]} == {"TEST-MULTI-1949"}
    with pytest.raises(ReportWindowError, match="TEST-MULTI-1949, is signed on 1949-"):
        within(fixture, both, Window(dt.date(1900, 1, 1), dt.date(1901, 1, 1)))


def test_a_treaty_that_ended_before_the_window_stays_terminated(shipped: Corpus) -> None:
    ids = ["CHN-SUN-1950"]  # ended 1980
    data = payload(shipped, ids, window(shipped, ids, "1990", "2000"))
    assert [b["status"] for b in data["bars"] if b["party"] is None] == ["terminated"]
    assert data["query"]["left_out"] == []


def test_window_meets_is_half_open_on_both_sides() -> None:
    w = Window(dt.date(1960, 1, 1), dt.date(1970, 1, 1))
    assert not w.meets(dt.date(1950, 1, 1), dt.date(1960, 1, 1))  # ends the day the window starts
    assert w.meets(dt.date(1950, 1, 1), dt.date(1960, 1, 2))
    assert w.meets(dt.date(1969, 12, 31), None)
    assert not w.meets(dt.date(1970, 1, 1), None)  # starts the day after the window's last


# ---------------------------------------------------------------- the payload against the corpus


@pytest.mark.parametrize(
    "rules, parties, treaties",
    [
        (None, ["PRK"], []),
        (None, [], ["USA-JPN-1951", "USA-JPN-1960"]),
        (FIXTURE, ["RUS"], []),
        (FIXTURE, [], ["TEST-MULTI-1949"]),
    ],
)
def test_embedded_payload_matches_the_corpus(rules: Path | None, parties: list[str], treaties: list[str]) -> None:
    corpus = load(rules)
    ids = select(corpus, parties, treaties)
    win = window(corpus, ids, "1950", "2026")
    data = embedded(render(corpus, ids, win, parties=parties))
    assert data == json.loads(json.dumps(payload(corpus, ids, win, parties=parties)))
    assert [t["id"] for t in data["treaties"]] == ids
    bars = iter(data["bars"])
    spells = iter(data["spells"])
    for tid in ids:
        life = corpus.life(tid)
        timelines: list[tuple[str | None, Any]] = [(None, life.timeline)]
        if life.treaty.multilateral:
            timelines += [(m, ms.timeline) for m, ms in life.memberships.items()]
        for party, tl in timelines:
            for seg in tl.segments:
                if seg.status in ("not_signed", "not_party") or not win.meets(seg.start, seg.end):
                    continue
                bar = next(bars)
                assert (bar["treaty"], bar["party"], bar["status"]) == (tid, party, seg.status)
                assert bar["start"] == (seg.start.isoformat() if seg.start != MIN_DAY else None)
                assert bar["end"] == (seg.end.isoformat() if seg.end else None)
                assert bar["summary"] == seg.summary
                assert [data["steps"][i]["step"] for i in bar["basis"]] == [s.text for s in seg.basis]
                assert bar.get("possible", []) == list(seg.possible)
        for sp in obligation_spells(life, corpus.registry):
            if not win.meets(sp.start, sp.end):
                continue
            got = next(spells)
            assert (got["treaty"], got["kind"], got["obligor"], got["beneficiary"], got["article"]) == (
                sp.treaty,
                sp.kind,
                sp.obligor,
                sp.beneficiary,
                sp.article,
            )
            assert (got["start"], got["end"], got["certain"]) == (
                sp.start.isoformat(),
                sp.end.isoformat() if sp.end else None,
                sp.certain,
            )
            assert data["conditions"][got["conditions"]] == sp.conditions.model_dump(mode="json", exclude_defaults=True)
    assert next(bars, None) is None and next(spells, None) is None
    texts = [json.dumps(c, sort_keys=True) for c in data["conditions"]]
    assert len(texts) == len(set(texts))  # each set of conditions once
    codes = {c for s in data["spells"] for c in (s["obligor"], s["beneficiary"])}
    assert codes <= {n["code"] for n in data["nodes"]}


def test_prk_payload_has_the_known_arrows(shipped: Corpus) -> None:
    ids = select(shipped, ["PRK"])
    data = payload(shipped, ids, window(shipped, ids, "1950", "2026"), parties=["PRK"])

    def defence_to_prk(day: str) -> set[tuple[str, str]]:
        return {
            (s["obligor"], s["treaty"])
            for s in data["spells"]
            if s["kind"] == "defence"
            and s["beneficiary"] == "PRK"
            and s["start"] <= day
            and (s["end"] is None or day < s["end"])
        }

    assert ("SUN", "SUN-PRK-1961") in defence_to_prk("1991-12-25")
    assert ("RUS", "SUN-PRK-1961") in defence_to_prk("1991-12-26")
    assert ("RUS", "SUN-PRK-1961") in defence_to_prk("1996-09-09")
    assert not any(o == "RUS" for o, _ in defence_to_prk("1996-09-10"))
    assert not any(o == "RUS" for o, _ in defence_to_prk("2000-12-31"))
    assert ("RUS", "RUS-PRK-2024") not in defence_to_prk("2024-12-03")
    assert ("RUS", "RUS-PRK-2024") in defence_to_prk("2024-12-04")
    centre = next(n for n in data["nodes"] if n["code"] == "PRK")
    assert (centre["x"], centre["y"]) == (320, 240)
    assert data["map"]["view"] == "graph"


def test_events_carry_their_source_and_derived_supersession(shipped: Corpus) -> None:
    ids = select(shipped, ["PRK"])
    data = payload(shipped, ids, window(shipped, ids, "1950", "2026"))
    for e in data["events"]:
        assert e["source"], e
    rec = {(e["treaty"], e["type"]) for e in data["events"]}
    for tid in ids:
        for ev in shipped.life(tid).treaty.events:
            assert (tid, ev.type.value) in rec
    life = shipped.life("RUS-PRK-2000")
    assert life.end is not None and life.end.reason == "superseded"
    sup = [e for e in data["events"] if e["treaty"] == "RUS-PRK-2000" and e["mark"] == "supersession"]
    assert sup and sup[0]["earliest"] == life.end.earliest.isoformat()


def test_uncertain_dates_are_unknown_bars_and_uncertain_spells(fixture: Corpus) -> None:
    ids = select(fixture, treaty_ids=["TEST-BI-1950", "TEST-MULTI-1949"])
    win = window(fixture, ids, "1945", "2000")
    page = render(fixture, ids, win)
    data = embedded(page)
    unknown = [b for b in data["bars"] if b["status"] == "unknown"]
    assert {(b["treaty"], b["party"]) for b in unknown} == {("TEST-BI-1950", None), ("TEST-MULTI-1949", "FRA")}
    for b in unknown:
        assert len(b["possible"]) >= 2
    rects = [a for t, a in tags(page) if t == "rect" and a.get("class") == "bar"]
    assert len(rects) == len(data["bars"])
    for a in rects:
        assert a["fill"] == STATUS_COLOURS[str(a["data-status"])]
    assert any(a["fill"] == "url(#hatch-unknown)" for a in rects)
    assert any(not s["certain"] for s in data["spells"])
    # multilateral: one row for the treaty and one per membership
    rows = [(r["treaty"], r["party"]) for r in data["rows"] if r["treaty"] == "TEST-MULTI-1949"]
    members = fixture.life("TEST-MULTI-1949").memberships
    assert rows == [("TEST-MULTI-1949", None), *[("TEST-MULTI-1949", m) for m in members]]
    notice = next(e for e in data["events"] if e["type"] == "notice_of_denunciation")
    assert notice["row"] == next(r["key"] for r in data["rows"] if r["party"] == "FRA")
    assert (notice["earliest"], notice["latest"]) == ("1966-01-01", "1966-12-31")
    assert notice["alternatives"] == [{"date": "1966-03", "source": "fixture alternative source", "note": None}]


def test_window_clips_what_is_shown(shipped: Corpus) -> None:
    ids = ["SUN-PRK-1961", "RUS-PRK-2024"]
    data = payload(shipped, ids, window(shipped, ids, "1970", "1980"))
    assert {b["treaty"] for b in data["bars"]} == {"SUN-PRK-1961"}
    assert {s["treaty"] for s in data["spells"]} == {"SUN-PRK-1961"}
    assert all(e["earliest"] <= "1980-12-31" and e["latest"] >= "1970-01-01" for e in data["events"])


# ---------------------------------------------------------------- markup


def test_no_network_references(shipped: Corpus, fixture: Corpus) -> None:
    for corpus in (shipped, fixture):
        ids = select(corpus, all_treaties=True)
        page = render(corpus, ids, window(corpus, ids, None, None))
        for tag, attrs in tags(page):
            if tag in ("script", "img", "iframe", "audio", "video", "source", "embed", "object"):
                assert not attrs.get("src"), (tag, attrs)
            if tag == "link":
                raise AssertionError(f"a <link> element: {attrs}")
            for key in ("href", "xlink:href"):
                if tag != "a" and attrs.get(key):
                    assert not re.match(r"\s*(https?:)?//", str(attrs[key])), (tag, attrs)
        styles = " ".join(re.findall(r"<style>(.*?)</style>", page, re.S))
        assert "@import" not in styles and "url(http" not in styles and "url(//" not in styles
        assert not re.search(r"<script[^>]*\bsrc=", page)
        assert "fetch(" not in page and "XMLHttpRequest" not in page


def test_element_ids_are_unique(shipped: Corpus) -> None:
    ids = select(shipped, all_treaties=True)
    found = [str(a["id"]) for _, a in tags(render(shipped, ids, window(shipped, ids, None, None))) if a.get("id")]
    assert found and len(found) == len(set(found))


def test_escaping_keeps_markup_and_data_intact(fixture: Corpus) -> None:
    ids = ["TEST-MULTI-1949"]
    page = render(fixture, ids, window(fixture, ids, "1949", "1970"))
    title = fixture.treaty("TEST-MULTI-1949").title
    assert "</script><b>" in title
    assert page.count("</script>") == 2  # the JSON block and the program, nothing injected
    assert embedded(page)["treaties"][0]["title"] == title
    assert "<b>&" not in page


@given(
    st.recursive(
        st.text() | st.integers() | st.booleans() | st.none(),
        lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
        max_leaves=20,
    )
)
def test_script_json_round_trips_and_cannot_close_the_script(value: Any) -> None:
    text = _script_json({"v": value})
    assert json.loads(text) == {"v": value}
    assert "<" not in text and ">" not in text


def test_render_is_deterministic_and_sources_are_listed(shipped: Corpus) -> None:
    ids = select(shipped, ["PRK"])
    win = window(shipped, ids, "1950", "2026")
    page = render(shipped, ids, win, parties=["PRK"])
    assert page == render(shipped, ids, win, parties=["PRK"])
    data = embedded(page)
    for t in data["treaties"]:
        assert t["sources"]
        assert f'id="src-{t["id"]}"' in page
    cited = {st["source"] for st in data["steps"] if st.get("source")} | {
        e["source"] for e in data["events"] if not e["derived"]
    }
    listed = {s for t in data["treaties"] for s in t["sources"]}
    assert cited <= listed


# ---------------------------------------------------------------- the command


def test_cli_writes_the_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "report.html"
    assert main(["report", "--party", "PRK", "--from", "1950", "--to", "2026", "--out", str(out)]) == 0
    page = out.read_text("utf-8")
    data = embedded(page)
    assert data["query"]["parties"] == ["PRK"]
    assert (data["query"]["from"], data["query"]["to"]) == ("1950-01-01", "2027-01-01")
    assert "wrote" in capsys.readouterr().err
    args = ["report", "--party", "PRK", "--from", "1950", "--to", "2026", "--date", "1995-01-01", "--out", "-"]
    assert main(args) == 0
    assert embedded(capsys.readouterr().out)["query"]["date"] == "1995-01-01"


@pytest.mark.parametrize(
    "args, code, words",
    [
        (["report", "--out", "x.html"], 2, "nothing to report"),
        (["report", "--party", "XXX", "--out", "x.html"], 2, "unknown state code"),
        (["report", "--treaty", "CHN-PRK-1916", "--out", "x.html"], 2, "did you mean CHN-PRK-1961"),
        (["report", "--all", "--from", "2000", "--to", "1990", "--out", "x.html"], 2, "is not before"),
        (["report", "--all", "--from", "19x5", "--out", "x.html"], 2, "not a valid date"),
        (["report", "--all"], 2, "--out"),
    ],
)
def test_cli_usage_errors_are_one_line(
    args: list[str],
    code: int,
    words: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(args) == code
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert not (tmp_path / "x.html").exists()


def test_cli_a_window_before_every_treaty_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["report", "--party", "FIN", "--from", "1800", "--to", "1900", "--out", "x.html"]) == 2
    err = capsys.readouterr().err
    assert "nothing to report from 1800-01-01 to 1900-12-31" in err and "--to" in err
    assert len(err.strip().splitlines()) == 1 and not (tmp_path / "x.html").exists()
    # some treaties in the window, some after it: those are left out, and both messages say so
    assert main(["report", "--party", "GBR", "--from", "1800", "--to", "1900", "--out", "x.html"]) == 0
    err = capsys.readouterr().err
    assert "1 treaty, 1800-01-01 to 1900-12-31 (4 left out, signed after 1900-12-31: " in err
    page = (tmp_path / "x.html").read_text("utf-8")
    data = embedded(page)
    assert [t["id"] for t in data["treaties"]] == ["GBR-PRT-1373"]
    assert "NATO-1949" in data["query"]["left_out"]
    assert "left out, signed after 1900-12-31: EU-TEU-42-7, GBR-DEU-2025, NATO-1949, SEATO-1954" in page


def test_cli_unwritable_out_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["report", "--all", "--out", str(tmp_path / "missing" / "r.html")]) == 2  # usage error
    err = capsys.readouterr().err
    assert "missing" in err and "Traceback" not in err


# ---------------------------------------------------------------- the map


def test_the_map_is_a_graph_for_a_few_states_a_matrix_for_more_and_the_treaties_past_a_screen(
    shipped: Corpus,
) -> None:
    def drawn(**sel: Any) -> dict[str, Any]:
        ids = select(shipped, **sel)
        return dict(payload(shipped, ids, window(shipped, ids, None, None))["map"])

    assert drawn(parties=["PRK"])["view"] == "graph"  # 4 states, 6 directed pairs
    assert drawn(treaty_ids=["USA-KOR-1953"])["view"] == "graph"
    assert drawn(treaty_ids=["NATO-1949"])["view"] == "matrix"
    assert drawn(parties=["AUS"])["view"] == "matrix"  # 8 states, but SEATO alone is 56 arrows
    every = drawn(all_treaties=True)
    assert len(every["order"]) > MATRIX_STATES and every["view"] == "treaties"
    # each treaty's own map, by the same rule
    drill = every["drill"]
    assert set(drill) == set(every["treaties"])
    assert drill["NATO-1949"]["view"] == "matrix" and drill["NATO-1949"]["states"] == 32
    assert drill["ANZUS-1951"]["view"] == "graph" and set(drill["ANZUS-1951"]["nodes"]) == {"AUS", "NZL", "USA"}
    assert all(d["view"] in ("graph", "matrix") for d in drill.values())
    assert all(("nodes" in d) == (d["view"] == "graph") for d in drill.values())
    # the treaties view's rows: largest first, so that they descend the columns as a staircase
    sizes = [drill[t]["states"] for t in every["treaties"]]
    assert sizes == sorted(sizes, reverse=True)


def test_the_focus_state_is_the_centre_of_its_treatys_own_graph(shipped: Corpus) -> None:
    ids = select(shipped, ["AUS"])
    drill = payload(shipped, ids, window(shipped, ids, None, None), parties=["AUS"])["map"]["drill"]
    assert drill["ANZUS-1951"]["nodes"]["AUS"][:2] == [320, 240]
    assert drill["ANZUS-1951"]["nodes"]["USA"][:2] != [320, 240]


def _clique(codes: str) -> list[dict[str, str]]:
    return [{"treaty": "T", "obligor": a, "beneficiary": b} for a, b in itertools.permutations(codes, 2)]


def test_view_boundaries() -> None:
    four = _clique("ABCD")  # 4 states, 12 pairs: the most arrows drawn
    assert len(four) == GRAPH_PAIRS and view(four, list("ABCD")) == "graph"
    assert view([*four, {"treaty": "U", "obligor": "A", "beneficiary": "E"}], list("ABCDE")) == "matrix"
    states = [chr(ord("A") + i) for i in range(GRAPH_STATES + 1)]
    chain = [{"treaty": "T", "obligor": a, "beneficiary": b} for a, b in itertools.pairwise(states)]
    assert view(chain[:-1], states[:-1]) == "graph"
    assert view(chain, states) == "matrix"
    many = [f"S{i:03}" for i in range(MATRIX_STATES + 1)]
    ring = [{"treaty": "T", "obligor": a, "beneficiary": b} for a, b in itertools.pairwise(many)]
    assert view(ring[:-1], many[:-1]) == "matrix"  # the most states a matrix shows on one screen
    assert view(ring, many) == "treaties"


codes_ = st.sets(st.sampled_from("ABCDEFGHIJKLMNOP"), min_size=1)


@given(codes_, codes_, codes_)
def test_matrix_order_keeps_each_of_two_treaties_together(first: set[str], second: set[str], others: set[str]) -> None:
    codes = sorted(first | second | others)
    order = matrix_order(codes, {"T1": first, "T2": second})
    assert sorted(order) == codes
    for group in (first, second):
        at = [i for i, c in enumerate(order) if c in group]
        assert at == list(range(at[0], at[0] + len(at)))  # one block


@given(st.dictionaries(st.sampled_from("ABCDEFGHIJKLMNOPQRST"), codes_, min_size=1))
def test_treaty_colours_differ_where_treaties_share_a_state(groups: dict[str, set[str]]) -> None:
    ids = sorted(groups)
    colours = treaty_colours(ids, groups)
    assert list(colours) == ids and set(colours.values()) <= set(PALETTE)
    if len(ids) <= len(PALETTE):
        assert len(set(colours.values())) == len(ids)

    def sharing(x: str) -> int:  # treaties sharing a state with x, x too
        return sum(1 for t in ids if groups[t] & groups[x])

    for a, b in itertools.combinations(ids, 2):
        if groups[a] & groups[b] and max(sharing(a), sharing(b)) <= len(PALETTE):
            assert colours[a] != colours[b], (a, b)


def test_the_kinds_are_the_obligation_kinds() -> None:
    assert sorted(KINDS) == sorted(ObligationKind)


def _holds(s: dict[str, Any], day: str) -> bool:
    return bool(s["start"] <= day and (s["end"] is None or day < s["end"]))


def test_kind_counts_are_those_of_the_opening_day(shipped: Corpus) -> None:
    ids = select(shipped, ["PRK"])
    win = window(shipped, ids, "1950", "2026")
    # both sides of the day the Soviet treaty's defence clause lapsed for Russia, and the opening day
    for day, defence in ((dt.date(1996, 9, 9), 4), (dt.date(1996, 9, 10), 2), (dt.date(2024, 12, 4), 4)):
        page = render(shipped, ids, win, day=day, parties=["PRK"])
        shown = dict(re.findall(r'<span class="count" data-kind="(\w+)">(\d+)</span>', page))
        spells = embedded(page)["spells"]
        iso = day.isoformat()
        want = {k.value: sum(1 for s in spells if s["kind"] == k and _holds(s, iso)) for k in KINDS}
        assert {k: int(v) for k, v in shown.items()} == want
        assert want["defence"] == defence < sum(1 for s in spells if s["kind"] == "defence")  # not the window's


# ---------------------------------------------------------------- links and the page's parts


KOREA = "https://a.osmarks.net/content/wikipedia_en_all_maxi_2020-08/A/Mutual_Defense_Treaty_(United_States%E2%80%93South_Korea)"


def test_urls_with_parentheses_stay_whole(tmp_path: Path) -> None:
    # a rules folder of our own: the report fixture, with a source that ends in a parenthesis
    shutil.copytree(FIXTURE, tmp_path / "rules")
    bilateral = tmp_path / "rules" / "treaties" / "TEST-BI-1950.yaml"
    text = bilateral.read_text("utf-8").replace(
        'source: "fixture bilateral signature"', f'source: "fixture bilateral signature (see {KOREA})."'
    )
    assert KOREA in text
    bilateral.write_text(text, "utf-8")
    corpus = load(tmp_path / "rules")
    page = render(corpus, ["TEST-BI-1950"], window(corpus, ["TEST-BI-1950"], None, None))
    hrefs = {str(a["href"]) for t, a in tags(page) if t == "a"}
    assert KOREA in hrefs
    assert not any(h.endswith("Mutual_Defense_Treaty_") or h.endswith(").") for h in hrefs)
    for text, url in (
        (f"Wikipedia mirror, {KOREA}", KOREA),
        (f"(see {KOREA}).", KOREA),
        (f"{KOREA}, and more", KOREA),
        ("https://example.org/a_(b)_(c); next", "https://example.org/a_(b)_(c)"),
        ("(https://example.org/plain)", "https://example.org/plain"),
    ):
        assert re.findall(r'href="([^"]+)"', _linkify(text)) == [url], text


url_path = st.lists(
    st.one_of(
        st.text("abcXYZ09_-%", min_size=1, max_size=6), st.text("abc_", min_size=1, max_size=4).map("({})".format)
    ),
    min_size=1,
    max_size=5,
).map("".join)


@given(url_path, st.sampled_from(["", ".", ",", ";", ")", ")."]), st.booleans())
def test_a_url_with_balanced_parentheses_is_one_link(path: str, after: str, wrapped: bool) -> None:
    url = f"https://example.org/{path}"
    text = f"({url}{after}" if wrapped else f"source: {url}{after} end"
    assert re.findall(r'href="([^"]+)"', _linkify(text)) == [url]


ASSETS = ROOT / "treatyrules" / "report"


def test_the_page_parts_are_files_inlined_once(shipped: Corpus) -> None:
    template = (ASSETS / "template.html").read_text("utf-8")
    script = (ASSETS / "report.js").read_text("utf-8")
    styles = (ASSETS / "report.css").read_text("utf-8")
    cascade = ["NAVCASCADE", "CASCADE", "CASCADESCRIPT"]  # empty without a cascade (tests/test_report_cascade.py)
    assert sorted(re.findall(r"@@([A-Z]+)@@", template)) == sorted(
        ["TITLE", "CSS", "HEADING", "SUBTITLE", "LEGEND", "GANTT", "KINDS", "SOURCES", "DATA", "SCRIPT", *cascade]
    )
    ids = ["USA-KOR-1953"]
    page = render(shipped, ids, window(shipped, ids, None, None), title="@@GANTT@@ & <b>")
    assert page.count(script) == 1 and page.count(styles) == 1
    assert "<title>@@GANTT@@ &amp; &lt;b&gt;," in page  # a part's text is never read for tokens
    assert page.count('<svg id="gantt"') == 1


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (apt-get install nodejs)")
def test_the_script_parses() -> None:
    res = subprocess.run(["node", "--check", str(ASSETS / "report.js")], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


# ---------------------------------------------------------------- the timeline's axis and folds


days_ = st.dates(dt.date(1300, 1, 1), dt.date(2100, 1, 1))


@given(days_, days_, st.lists(days_, max_size=12))
def test_quiet_pieces_tile_the_window_and_no_change_falls_in_a_break(
    a: dt.date, b: dt.date, seen: list[dt.date]
) -> None:
    if a == b:
        return
    win = Window(min(a, b), max(a, b))
    pieces = quiet_pieces(win, seen)
    assert pieces[0].start == win.start and pieces[-1].end == win.end
    assert all(p.end == q.start and p.start < p.end for p, q in itertools.pairwise(pieces))
    assert not any(p.broken and q.broken for p, q in itertools.pairwise(pieces))
    for p in pieces:
        if p.broken:
            assert p.days >= QUIET_YEARS * 365
            assert not any(p.start - dt.timedelta(days=700) < d < p.end + dt.timedelta(days=700) for d in seen)
    scaled = sum(p.days for p in pieces if not p.broken)
    if (win.end - win.start).days <= SCALED_YEARS * 365.25:
        assert len(pieces) == 1  # a window of a century or less: one scale
    elif any(p.broken for p in pieces):
        assert scaled >= QUIET_YEARS * 365.25
    axis = Axis(tuple(pieces), 250, 846)
    xs = [axis.x(d) for d in sorted({win.start, *seen, win.end})]
    assert xs == sorted(xs) and axis.x(win.start) == 250 and axis.x(win.end) == pytest.approx(1096)


def test_every_treaty_gives_today_most_of_the_timeline(shipped: Corpus) -> None:
    ids = select(shipped, all_treaties=True)
    win = window(shipped, ids, None, None)
    assert win.start.year == 1373  # the Anglo-Portuguese alliance
    axis = Axis(tuple(quiet_pieces(win, changes(payload(shipped, ids, win)))), 250, 846)
    modern = axis.x(win.end) - axis.x(dt.date(1947, 1, 1))
    assert modern > 0.7 * 846  # to one scale it would be 81 of 655 years: 12%
    assert any(p.broken for p in axis.pieces) and not any(
        p.broken and p.start < dt.date(1899, 10, 14) < p.end for p in axis.pieces
    )
    # GBR-PRT-1373 alone: its 1899 declaration and the century since stay to scale
    alone = window(shipped, ["GBR-PRT-1373"], None, None)
    pieces = quiet_pieces(alone, changes(payload(shipped, ["GBR-PRT-1373"], alone)))
    last = pieces[-1]
    assert not last.broken and last.start < dt.date(1899, 10, 14) and last.end == alone.end
    ticks = Axis(tuple(pieces), 250, 846).ticks()
    assert 1661 in ticks and {1950, 2000} <= set(ticks)


def test_memberships_fold_until_the_timeline_fits_a_screen(shipped: Corpus) -> None:
    def rows(**sel: Any) -> list[dict[str, Any]]:
        ids = select(shipped, **sel)
        return list(payload(shipped, ids, window(shipped, ids, None, None))["rows"])

    nato = rows(treaty_ids=["NATO-1949"])
    assert folded_treaties(nato) == frozenset()  # 33 rows: 782 px
    every = rows(all_treaties=True)
    multilateral = {r["treaty"] for r in every if r["party"] is not None}
    assert folded_treaties(every) == multilateral  # even folded, 35 treaty rows are 1,234 px
    france = rows(parties=["FRA"])  # NATO, EU, SEATO and two bilaterals
    assert folded_treaties(france) == {"NATO-1949", "EU-TEU-42-7"}  # SEATO's 8 fit beside them
    # both sides of the height: a treaty of n members fits up to FOLD_HEIGHT
    fits = (FOLD_HEIGHT - 34 - 10 - 34) // 22
    for n, folded in ((fits, frozenset()), (fits + 1, frozenset({"T"}))):
        some = [{"treaty": "T", "party": None}, *({"treaty": "T", "party": f"M{i}"} for i in range(n))]
        assert folded_treaties(some) == folded, n


def test_the_timeline_draws_folded_rows_hidden_and_each_row_at_its_top(shipped: Corpus) -> None:
    ids = select(shipped, all_treaties=True)
    page = render(shipped, ids, window(shipped, ids, None, None))
    groups = [a for t, a in tags(page) if t == "g" and a.get("class") == "row"]
    data = embedded(page)
    assert [g["data-row"] for g in groups] == [r["key"] for r in data["rows"]]
    shown = [g for g in groups if g.get("display") != "none"]
    assert all(g.get("data-member") is None for g in shown) and len(shown) == len(ids)
    tops = [int(str(g["transform"]).split(",")[1].rstrip(")")) for g in shown]
    assert tops == [34 + 34 * i for i in range(len(ids))]
    toggles = [a for t, a in tags(page) if t == "g" and a.get("class") == "fold"]
    assert {a["data-treaty"] for a in toggles} == {r["treaty"] for r in data["rows"] if r["party"]}
    assert all(a["aria-expanded"] == "false" for a in toggles)
