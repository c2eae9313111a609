"""The HTML report rendered in headless Chromium, driven by chromedriver over plain WebDriver HTTP
(the few W3C commands the tests need, over ``urllib``: no selenium dependency).

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them when it
can); skips with the reason otherwise. ``TREATYRULES_SCREENSHOTS=docs`` also writes the screenshots
there (``report-prk.png`` and ``report-all.png``: the ones in the docs are made that way).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import itertools
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from treatyrules import load
from treatyrules.corpus import Corpus
from treatyrules.report import payload, render, select, window
from treatyrules.report.cascade import cascade_treaties

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C web element identifier
TAB = "\ue004"
ENTER = "\ue007"
PRK_TREATIES = ("CHN-PRK-1961", "SUN-PRK-1961", "RUS-PRK-2000", "RUS-PRK-2024")
CHROME_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--hide-scrollbars",
    "--window-size=1400,1000",
    "--force-device-scale-factor=1",
    "--lang=en-US",  # the date field's segments in the order month, day, year
]
#: The screen the map must be legible on.
SCREEN = (1400, 900)


def _binary(*names: str) -> str | None:
    for n in names:
        found = shutil.which(n)
        if found:
            return found
    return None


class WebDriver:
    """The few W3C WebDriver commands the tests need, over ``urllib``."""

    def __init__(self, base: str, session: str) -> None:
        self.base = f"{base}/session/{session}"

    @staticmethod
    def call(url: str, method: str = "GET", body: Any = None, timeout: float = 60) -> Any:
        data = json.dumps(body).encode() if body is not None else None
        req = urllib.request.Request(url, data=data, method=method, headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=timeout) as resp:
                return json.loads(resp.read())["value"]
        except urllib.error.HTTPError as exc:
            raise AssertionError(f"WebDriver {method} {url}: {exc.read().decode(errors='replace')[:500]}") from None

    def cmd(self, path: str, body: Any = None) -> Any:
        return self.call(self.base + path, "POST" if body is not None else "GET", body)

    def js(self, script: str, *args: Any) -> Any:
        return self.cmd("/execute/sync", {"script": script, "args": list(args)})

    def find(self, css: str) -> str:
        found = self.cmd("/element", {"using": "css selector", "value": css})
        assert ELEMENT in found, found
        return str(found[ELEMENT])

    def click(self, css: str) -> None:
        """Click an element as a user does (scrolled into view, at its centre)."""
        self.cmd(f"/element/{self.find(css)}/click", {})

    def hover(self, css: str) -> None:
        origin = {ELEMENT: self.find(css)}
        self.cmd(
            "/actions",
            {
                "actions": [
                    {
                        "type": "pointer",
                        "id": "mouse",
                        "parameters": {"pointerType": "mouse"},
                        "actions": [{"type": "pointerMove", "duration": 0, "origin": origin, "x": 0, "y": 0}],
                    }
                ]
            },
        )

    def keys(self, text: str) -> None:
        """Press and release each key of ``text`` (``TAB`` for the tab key), as a user types."""
        actions = []
        for ch in text:
            actions += [{"type": "keyDown", "value": ch}, {"type": "keyUp", "value": ch}]
        self.cmd("/actions", {"actions": [{"type": "key", "id": "keyboard", "actions": actions}]})

    def screenshot(self) -> bytes:
        return base64.b64decode(self.cmd("/screenshot"))

    def viewport(self, width: int, height: int) -> None:
        """Size the window so that the page's viewport is ``width`` × ``height``: the window's frame
        is measured, not assumed, and a resize may land late on a busy machine, so each size is
        read once it holds still and corrected until it is right."""
        outer, inner = [width, height], [0, 0]
        for _ in range(8):
            self.cmd("/window/rect", {"width": outer[0], "height": outer[1]})
            inner = self._settled_viewport()
            if inner == [width, height]:
                return
            outer = [outer[0] + width - inner[0], outer[1] + height - inner[1]]
        raise AssertionError(f"the viewport stays {inner}, not {[width, height]}")

    def _settled_viewport(self) -> list[int]:
        last = self.js("return [window.innerWidth, window.innerHeight]")
        for _ in range(20):
            time.sleep(0.05)
            now = self.js("return [window.innerWidth, window.innerHeight]")
            if now == last:
                return list(now)
            last = now
        return list(last)

    def requests(self) -> list[tuple[str, str]]:
        """``(document, url)`` of every request since the last call (chromedriver's performance log)."""
        out = []
        for entry in self.cmd("/se/log", {"type": "performance"}):
            message = json.loads(entry["message"])["message"]
            if message["method"] == "Network.requestWillBeSent":
                out.append((message["params"].get("documentURL", ""), message["params"]["request"]["url"]))
        return out


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    chrome = _binary("chromium", "chromium-browser", "google-chrome")
    driver = _binary("chromedriver")
    if chrome is None or driver is None:
        pytest.skip("headless Chromium is not installed (apt-get install -y chromium chromium-driver)")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    base = f"http://127.0.0.1:{port}"
    proc = subprocess.Popen([driver, f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if WebDriver.call(base + "/status", timeout=5).get("ready"):
                    break
            except (OSError, AssertionError):
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                pytest.skip(f"chromedriver ({driver}) did not start")
            time.sleep(0.2)
        profile = tmp_path_factory.mktemp("chromium-profile")
        caps = {
            "capabilities": {
                "alwaysMatch": {
                    "browserName": "chrome",
                    "goog:chromeOptions": {"binary": chrome, "args": [*CHROME_ARGS, f"--user-data-dir={profile}"]},
                    "goog:loggingPrefs": {"performance": "ALL"},  # every request the page makes
                }
            }
        }
        try:
            session = WebDriver.call(base + "/session", "POST", caps, timeout=120)["sessionId"]
        except (OSError, AssertionError) as exc:
            pytest.skip(f"Chromium would not start under chromedriver: {exc}")
        wd = WebDriver(base, session)
        try:
            yield wd
        finally:
            with contextlib.suppress(OSError, AssertionError):
                WebDriver.call(wd.base, "DELETE", timeout=30)
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


@pytest.fixture(scope="module")
def shipped() -> Corpus:
    return load()


@dataclass(frozen=True)
class Page:
    """A report written to a file: its path and its payload as Python computes it."""

    path: Path
    data: dict[str, Any]


@pytest.fixture(scope="module")
def pages(shipped: Corpus, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Page]:
    """The reports the tests open: PRK 1950-2026, NATO alone, and every treaty."""
    folder = tmp_path_factory.mktemp("report")
    out = {}
    for name, parties, treaties, span in (
        ("prk", ["PRK"], [], ("1950", "2026")),
        ("nato", [], ["NATO-1949"], (None, None)),
        ("all", [], [], (None, None)),
    ):
        ids = select(shipped, parties, treaties, all_treaties=name == "all")
        win = window(shipped, ids, *span)
        path = folder / f"report-{name}.html"
        path.write_text(render(shipped, ids, win, parties=parties), encoding="utf-8")
        out[name] = Page(path, payload(shipped, ids, win, parties=parties))
    return out


def open_page(wd: WebDriver, page: Page, screen: tuple[int, int] = SCREEN) -> dict[str, Any]:
    wd.viewport(*screen)
    wd.cmd("/url", {"url": page.path.as_uri()})
    assert wd.js("return typeof window.treatyReport === 'object'"), "the report's script did not run"
    return page.data


@pytest.fixture
def prk(browser: WebDriver, pages: dict[str, Page]) -> dict[str, Any]:
    """The PRK report, 1950-2026, opened in the browser; its payload as Python computes it."""
    return open_page(browser, pages["prk"])


def set_date(wd: WebDriver, day: str) -> None:
    """Set the date field's value and let the page react, as a date picker does."""
    wd.js(
        "var f = document.getElementById('date-field'); f.value = arguments[0];"
        "f.dispatchEvent(new Event('change', {bubbles: true}));",
        day,
    )


def holds(s: dict[str, Any], day: str) -> bool:
    return bool(s["start"] <= day and (s["end"] is None or day < s["end"]))


def arrows(wd: WebDriver) -> set[tuple[str, str, str, str]]:
    got = wd.js(
        "return Array.from(document.querySelectorAll('#map path.edge')).map(function (e) {"
        " return [e.dataset.from, e.dataset.to, e.dataset.kind, e.dataset.treaty]; });"
    )
    return {tuple(x) for x in got}  # type: ignore[misc]


def expected_arrows(data: dict[str, Any], day: str, kinds: tuple[str, ...] = ("defence",)) -> set[tuple[str, ...]]:
    return {
        (s["obligor"], s["beneficiary"], s["kind"], s["treaty"])
        for s in data["spells"]
        if s["kind"] in kinds and holds(s, day)
    }


def cells(wd: WebDriver) -> list[tuple[str, str, str]]:
    got = wd.js(
        "return Array.from(document.querySelectorAll('#map rect.cell')).map(function (e) {"
        " return [e.dataset.from, e.dataset.to, e.dataset.treaty]; });"
    )
    return [tuple(x) for x in got]  # type: ignore[misc]


def counts(wd: WebDriver) -> dict[str, int]:
    got = wd.js(
        "var out = {}; document.querySelectorAll('.kinds .count').forEach(function (c) {"
        " out[c.dataset.kind] = +c.textContent; }); return out;"
    )
    return dict(got)


def field_and_date(wd: WebDriver) -> list[str]:
    return list(wd.js("return [document.getElementById('date-field').value, document.body.dataset.date]"))


# ---------------------------------------------------------------- the timeline


def test_bars_for_every_treaty_and_membership_are_in_the_dom(browser: WebDriver, prk: dict[str, Any]) -> None:
    bars = browser.js(
        "return Array.from(document.querySelectorAll('#gantt rect.bar')).map(function (b) {"
        " return [b.dataset.treaty, b.dataset.status, b.dataset.start, b.dataset.end,"
        " b.getBBox().width]; });"
    )
    want = [[b["treaty"], b["status"], b["start"] or "", b["end"] or ""] for b in prk["bars"]]
    assert [b[:4] for b in bars] == want
    for tid in PRK_TREATIES:
        assert [tid, "in_force"] in [b[:2] for b in bars], tid
    assert all(b[4] > 0 for b in bars)
    shown = browser.js("return document.querySelectorAll('#gantt g.event').length")
    assert shown == len(prk["events"])


def test_hovering_a_bar_shows_its_basis(browser: WebDriver, prk: dict[str, Any]) -> None:
    bar = next(b for b in prk["bars"] if b["treaty"] == "SUN-PRK-1961" and b["status"] == "in_force")
    browser.hover(f'#gantt rect.bar[data-key="{bar["key"]}"]')
    tip = browser.js("var t = document.getElementById('tip');return [getComputedStyle(t).display, t.textContent];")
    assert tip[0] == "block"
    assert bar["summary"] in tip[1]
    for i in bar["basis"]:
        assert prk["steps"][i]["step"] in tip[1]
    sources = [prk["steps"][i]["source"] for i in bar["basis"] if "source" in prk["steps"][i]]
    assert sources and all(s in tip[1] for s in sources)


# ---------------------------------------------------------------- the date


def test_moving_the_date_changes_the_map(browser: WebDriver, prk: dict[str, Any]) -> None:
    assert prk["map"]["view"] == "graph"
    for day in ("1995-01-01", "1991-12-25", "1996-09-09", "1996-09-10", "2000-06-01", "2024-12-03", "2025-01-01"):
        set_date(browser, day)
        assert browser.js("return document.getElementById('gantt-cursor').dataset.date") == day
        assert arrows(browser) == expected_arrows(prk, day), day
    set_date(browser, "1995-01-01")
    in_1995 = arrows(browser)
    assert ("RUS", "PRK", "defence", "SUN-PRK-1961") in in_1995
    assert ("CHN", "PRK", "defence", "CHN-PRK-1961") in in_1995
    set_date(browser, "1991-12-25")
    assert ("SUN", "PRK", "defence", "SUN-PRK-1961") in arrows(browser)
    set_date(browser, "2000-06-01")
    assert not {a for a in arrows(browser) if a[0] == "RUS" and a[1] == "PRK"}
    set_date(browser, "2025-01-01")
    assert ("RUS", "PRK", "defence", "RUS-PRK-2024") in arrows(browser)
    listed = browser.js("return document.getElementById('map-list').textContent")
    assert "RUS-PRK-2024 Art. 4, defence: PRK ↔ RUS" in listed


def test_the_slider_moves_the_date(browser: WebDriver, prk: dict[str, Any]) -> None:
    offset = 16_436
    day = browser.js(
        "var s = document.getElementById('date-slider'); s.value = arguments[0];"
        "s.dispatchEvent(new Event('input', {bubbles: true}));"
        "return document.getElementById('date-field').value;",
        offset,
    )
    assert day == (dt.date.fromisoformat(prk["query"]["from"]) + dt.timedelta(days=offset)).isoformat()
    assert arrows(browser) == expected_arrows(prk, day)


def test_typing_a_year_moves_the_date_once_the_year_is_whole(
    browser: WebDriver, prk: dict[str, Any], shipped: Corpus
) -> None:
    opened = prk["query"]["date"]
    assert shipped.knowledge_date is not None and opened == shipped.knowledge_date.isoformat()  # in the window
    day = opened[4:]  # the month and day stay as the field holds them: -MM-DD
    browser.js("document.getElementById('date-field').focus();")
    browser.keys(TAB + TAB)  # month, day, year
    seen = []
    for digit in "1985":
        browser.keys(digit)
        seen.append(field_and_date(browser))
    # the field shows what was typed; the map waits for a day inside the window
    assert seen == [
        ["0001" + day, opened],
        ["0019" + day, opened],
        ["0198" + day, opened],
        ["1985" + day, "1985" + day],
    ]
    assert arrows(browser) == expected_arrows(prk, "1985" + day)
    assert browser.js("return document.getElementById('date-slider').value") == str(
        (dt.date.fromisoformat("1985" + day) - dt.date.fromisoformat(prk["query"]["from"])).days
    )


def test_a_typed_day_outside_the_window_is_clamped_when_committed(browser: WebDriver, prk: dict[str, Any]) -> None:
    opened = prk["query"]["date"]
    browser.js("document.getElementById('date-field').focus();")
    browser.keys(TAB + TAB + "2099")
    assert field_and_date(browser) == ["2099" + opened[4:], opened]
    assert browser.js("return document.getElementById('date-field').getAttribute('aria-invalid')") == "true"
    browser.keys(ENTER)
    last = (dt.date.fromisoformat(prk["query"]["to"]) - dt.timedelta(days=1)).isoformat()
    assert field_and_date(browser) == [last, last]
    browser.js("var f = document.getElementById('date-field'); f.blur(); f.focus();")
    browser.keys(TAB + TAB + "1949")  # the year before the window's first
    browser.js("document.getElementById('date-field').blur();")
    assert field_and_date(browser) == [prk["query"]["from"], prk["query"]["from"]]


def test_kind_counts_follow_the_date(browser: WebDriver, pages: dict[str, Page]) -> None:
    for name, days in (("prk", ("1996-09-09", "1996-09-10", "2024-12-03", "2024-12-04")), ("all", ("1970-01-01",))):
        data = open_page(browser, pages[name])
        for day in (data["query"]["date"], *days):
            set_date(browser, day)
            want = {k: sum(1 for s in data["spells"] if s["kind"] == k and holds(s, day)) for k in data["kinds"]}
            assert counts(browser) == want, (name, day)
    # both sides of the day the Soviet treaty's defence clause lapsed for Russia
    data = open_page(browser, pages["prk"])
    set_date(browser, "1996-09-09")
    before = counts(browser)["defence"]
    set_date(browser, "1996-09-10")
    assert counts(browser)["defence"] == before - 2


def test_an_arrow_shows_its_basis_on_focus(browser: WebDriver, prk: dict[str, Any]) -> None:
    set_date(browser, "2025-01-01")
    spell = next(s for s in prk["spells"] if s["treaty"] == "RUS-PRK-2024" and s["kind"] == "defence")
    browser.js("document.querySelector('#map path.edge-hit[data-key=\"' + arguments[0] + '\"]').focus();", spell["key"])
    tip = browser.js("return document.getElementById('tip').textContent")
    assert f"{spell['obligor']} → {spell['beneficiary']}: defence" in tip
    assert all(prk["steps"][i]["step"] in tip for i in spell["basis"])
    conditions = prk["conditions"][spell["conditions"]]
    assert conditions and all(k.replace("_", " ") in tip for k in conditions)


def test_other_kinds_are_toggled_by_their_checkbox(browser: WebDriver, prk: dict[str, Any]) -> None:
    set_date(browser, "2001-01-01")
    assert arrows(browser) == expected_arrows(prk, "2001-01-01")
    browser.js("var b = document.querySelector('input[name=kind][value=consultation]'); b.click();")
    both = expected_arrows(prk, "2001-01-01", ("defence", "consultation"))
    assert ("RUS", "PRK", "consultation", "RUS-PRK-2000") in both
    assert arrows(browser) == both
    browser.js("document.querySelector('input[name=kind][value=consultation]').click();")
    assert arrows(browser) == expected_arrows(prk, "2001-01-01")


# ---------------------------------------------------------------- the map


def test_many_states_are_drawn_as_a_matrix_of_their_obligations(browser: WebDriver, pages: dict[str, Page]) -> None:
    assert pages["nato"].data["map"]["view"] == "matrix"
    data = open_page(browser, pages["all"])
    browser.js("window.treatyReport.setView('matrix');")  # every treaty's states at once: it scrolls
    for day in ("1955-06-01", "1970-01-01", "1991-12-26", data["query"]["date"]):
        set_date(browser, day)
        shown = [s for s in data["spells"] if s["kind"] == "defence" and holds(s, day)]
        want = {(s["obligor"], s["beneficiary"], s["treaty"]) for s in shown}
        got = cells(browser)
        assert len(got) == len(set(got)) and set(got) == want, day  # one mark per state, state and treaty
        rows = browser.js("return Array.from(document.querySelectorAll('#map .mx-row')).map(e => e.dataset.code)")
        active = {c for s in shown for c in (s["obligor"], s["beneficiary"])}
        assert rows == [c for c in data["map"]["order"] if c in active], day
    assert not browser.js("return document.querySelectorAll('#map path.edge').length")


def test_a_matrix_cell_shows_each_obligation_in_it(browser: WebDriver, pages: dict[str, Page]) -> None:
    data = open_page(browser, pages["all"])
    browser.js("window.treatyReport.setView('matrix');")
    day = data["query"]["date"]
    browser.hover('#map rect.cell[data-from="USA"][data-to="GBR"]')
    tip = browser.js("return document.getElementById('tip').textContent")
    owed = [s for s in data["spells"] if (s["obligor"], s["beneficiary"], s["kind"]) == ("USA", "GBR", "defence")]
    owed = [s for s in owed if holds(s, day)]
    assert {s["treaty"] for s in owed} == {"NATO-1949", "SEATO-1954"}  # a cell of two treaties: two stripes
    assert len(cells(browser)) > len({(c[0], c[1]) for c in cells(browser)})
    for s in owed:
        assert f"USA → GBR: defence{s['treaty']}, Art. {s['article']}" in tip
    hot = browser.js("return Array.from(document.querySelectorAll('#map .mx-label.hot')).map(e => e.dataset.code)")
    assert sorted(hot) == ["GBR", "USA"]


def list_lines(data: dict[str, Any], day: str, kinds: tuple[str, ...] = ("defence",)) -> set[tuple[Any, ...]]:
    """The lines the list should have: one per treaty, kind, certainty and set of pairs (articles
    that bind the same pairs the same way share a line)."""
    groups: dict[tuple[str, str, str, bool], set[tuple[str, str]]] = {}
    for s in data["spells"]:
        if s["kind"] in kinds and holds(s, day):
            groups.setdefault((s["treaty"], s["article"], s["kind"], s["certain"]), set()).add(
                (s["obligor"], s["beneficiary"])
            )
    return {(t, k, c, frozenset(pairs)) for (t, _, k, c), pairs in groups.items()}


def test_the_list_gives_a_mutual_pact_one_line(browser: WebDriver, pages: dict[str, Page]) -> None:
    data = open_page(browser, pages["all"])
    day = data["query"]["date"]
    lines = browser.js("return Array.from(document.querySelectorAll('#map-list li')).map(e => e.textContent)")
    nato = sorted({s["obligor"] for s in data["spells"] if s["treaty"] == "NATO-1949" and holds(s, day)})
    assert len(nato) == 32
    assert f"NATO-1949 Art. 5, defence: mutual among 32 states: {', '.join(nato)}" in lines
    # ANZUS since 1986: the United States owes New Zealand nothing, New Zealand still owes it
    assert "ANZUS-1951 Art. IV, defence: AUS ↔ NZL; AUS ↔ USA; NZL → USA" in lines
    # two articles of the same pact binding the same pairs the same way: one line
    assert any(line.startswith("ECOWAS-PMAD-1981 Art. 2 and 4, defence: mutual among ") for line in lines)
    # the bound: a line per treaty, kind and way of binding, however many states
    shown = [s for s in data["spells"] if s["kind"] == "defence" and holds(s, day)]
    articles = {(s["treaty"], s["article"]) for s in shown}
    # at most two lines an article (pairs bound for certain, pairs that may be bound), never a line a state
    assert len(lines) == len(list_lines(data, day)) <= 2 * len(articles) < len(shown) / 50
    for day in ("1955-06-01", "1991-12-26"):
        set_date(browser, day)
        got = browser.js("return document.querySelectorAll('#map-list li').length")
        assert got == len(list_lines(data, day)), day


def test_the_view_can_be_switched(browser: WebDriver, prk: dict[str, Any]) -> None:
    set_date(browser, "1995-01-01")
    want = {(a, b, t) for a, b, _, t in expected_arrows(prk, "1995-01-01")}
    browser.js("document.querySelector('input[name=view][value=matrix]').click();")
    assert set(cells(browser)) == want and not arrows(browser)
    browser.js("document.querySelector('input[name=view][value=graph]').click();")
    assert {(a, b, t) for a, b, _, t in arrows(browser)} == want and not cells(browser)


def _overlaps(boxes: list[list[float]]) -> list[tuple[int, int]]:
    """Pairs of boxes ``[x, y, width, height]`` that overlap by more than a hairline."""
    out = []
    for i, (ax, ay, aw, ah) in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            bx, by, bw, bh = boxes[j]
            if min(ax + aw, bx + bw) - max(ax, bx) > 0.5 and min(ay + ah, by + bh) - max(ay, by) > 0.5:
                out.append((i, j))
    return out


LABEL_BOXES = """
return Array.from(document.querySelectorAll('#map .node text, #map .mx-label')).map(function (t) {
  var r = t.getBoundingClientRect(); return [t.textContent, [r.x, r.y, r.width, r.height]]; });
"""
PANEL = """
var b = document.getElementById('mapbox'), r = b.getBoundingClientRect();
return [r.width, r.height, b.scrollWidth - b.clientWidth, b.scrollHeight - b.clientHeight];
"""


def assert_legible(wd: WebDriver, what: Any) -> None:
    """No two state or treaty labels overlap, none is under 9 px, and the whole map shows at once
    on a 1400×900 screen: its panel fits, with nothing to scroll to."""
    labels = wd.js(LABEL_BOXES)
    assert labels, what
    clash = [(labels[i][0], labels[j][0]) for i, j in _overlaps([b for _, b in labels])]
    assert not clash, (what, clash[:5])
    width, height, wider, taller = wd.js(PANEL)
    assert width <= SCREEN[0] - 64 and height <= SCREEN[1], (what, width, height)
    assert wider <= 1 and taller <= 1, (what, "scrolls", wider, taller)
    fonts = wd.js(
        "return Array.from(document.querySelectorAll('#map .node text, #map .mx-label'))"
        ".map(function (t) { return parseFloat(getComputedStyle(t).fontSize); })"
    )
    assert min(fonts) >= 9, what


@pytest.mark.parametrize("name", ["prk", "nato", "all"])
def test_the_map_is_legible_at_1400_by_900(browser: WebDriver, pages: dict[str, Page], name: str) -> None:
    """In the view each report opens on (arrows for PRK, a matrix for NATO, the treaties for every
    treaty), on days from 1970 to the knowledge date; and the page is not 41,000 px tall."""
    data = open_page(browser, pages[name])
    assert browser.js("return document.getElementById('map').dataset.view") == data["map"]["view"]
    for day in ("1970-01-01", "1995-01-01", data["query"]["date"]):
        set_date(browser, day)
        assert_legible(browser, (name, day))
    if name == "all":
        assert data["map"]["view"] == "treaties"
        day = data["query"]["date"]
        parts = {
            (s["treaty"], c)
            for s in data["spells"]
            if s["kind"] == "defence" and holds(s, day)
            for c in (s["obligor"], s["beneficiary"])
        }
        marks = browser.js("return document.querySelectorAll('#map rect.mcell').length")
        assert marks == len(parts)  # a mark per treaty and state, not per obligation (3,319)
        assert browser.js("return document.documentElement.scrollHeight") < 6_000  # was 11,000 with 35 treaties


def test_every_treatys_own_map_is_legible(browser: WebDriver, pages: dict[str, Page]) -> None:
    data = open_page(browser, pages["all"])
    browser.js("document.querySelectorAll('input[name=kind]:not(:checked):not(:disabled)').forEach(b => b.click());")
    for tid in data["map"]["treaties"]:  # every kind, on the knowledge date or the last day it bound anyone
        spells = [s for s in data["spells"] if s["treaty"] == tid]
        if not any(holds(s, data["query"]["date"]) for s in spells):
            set_date(browser, (dt.date.fromisoformat(max(s["end"] for s in spells)) - dt.timedelta(days=1)).isoformat())
        else:
            set_date(browser, data["query"]["date"])
        browser.js("window.treatyReport.pick(arguments[0]);", tid)
        own = data["map"]["drill"][tid]
        assert browser.js("return document.getElementById('map').dataset.view") == own["view"], tid
        assert_legible(browser, tid)


def memberships(data: dict[str, Any], day: str) -> set[tuple[str, str, str]]:
    """(treaty, state, role) on a day: ``both`` where the state owes and is owed, else ``owes`` or
    ``owed``."""
    owes: set[tuple[str, str]] = set()
    owed: set[tuple[str, str]] = set()
    for s in data["spells"]:
        if s["kind"] == "defence" and holds(s, day):
            owes.add((s["treaty"], s["obligor"]))
            owed.add((s["treaty"], s["beneficiary"]))
    return {
        (t, c, "both" if (t, c) in owes and (t, c) in owed else "owes" if (t, c) in owes else "owed")
        for t, c in owes | owed
    }


def test_the_treaties_view_gives_each_state_its_part_in_each_treaty(browser: WebDriver, pages: dict[str, Page]) -> None:
    data = open_page(browser, pages["all"])
    for day in ("1955-06-01", "1991-12-26", data["query"]["date"]):
        set_date(browser, day)
        got = browser.js(
            "return Array.from(document.querySelectorAll('#map rect.mcell')).map(function (e) {"
            " return [e.dataset.treaty, e.dataset.code, e.dataset.role]; });"
        )
        want = memberships(data, day)
        assert len(got) == len(want) and {tuple(g) for g in got} == want, day
        rows = browser.js("return Array.from(document.querySelectorAll('#map .tx-row')).map(e => e.dataset.treaty)")
        assert rows == [t for t in data["map"]["treaties"] if any(m[0] == t for m in want)], day
        cols = browser.js("return Array.from(document.querySelectorAll('#map .mx-col')).map(e => e.dataset.code)")
        assert cols == [c for c in data["map"]["order"] if any(m[1] == c for m in want)], day
    # one-way: the United States defends Japan, Japan does not defend it
    assert ("USA-JPN-1960", "USA", "owes") in want and ("USA-JPN-1960", "JPN", "owed") in want
    browser.hover('#map rect.mcell[data-treaty="NATO-1949"][data-code="FRA"]')
    tip = browser.js("return document.getElementById('tip').textContent")
    assert "France (FRA) in NATO-1949" in tip and "owes 31 states" in tip and "is owed by 31 states" in tip


def test_a_treaty_picked_gets_its_own_map(browser: WebDriver, pages: dict[str, Page]) -> None:
    data = open_page(browser, pages["all"])
    day = data["query"]["date"]
    browser.click('#map .tx-row[data-treaty="NATO-1949"]')  # a treaty's name in the treaties view
    assert browser.js(
        "return [document.getElementById('map').dataset.view, document.getElementById('map-treaty').value]"
    ) == [
        "matrix",
        "NATO-1949",
    ]
    nato = [s for s in data["spells"] if s["treaty"] == "NATO-1949" and holds(s, day)]
    assert set(cells(browser)) == {
        (s["obligor"], s["beneficiary"], "NATO-1949") for s in nato if s["kind"] == "defence"
    }
    assert counts(browser) == {k: sum(1 for s in nato if s["kind"] == k) for k in data["kinds"]}  # the counts follow
    assert all(
        line.startswith("NATO-1949 ")
        for line in browser.js("return Array.from(document.querySelectorAll('#map-list li')).map(e => e.textContent)")
    )
    browser.js(  # the list above the map
        "var p = document.getElementById('map-treaty'); p.value = 'ANZUS-1951';"
        "p.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    assert browser.js("return document.getElementById('map').dataset.view") == "graph"
    assert arrows(browser) == {a for a in expected_arrows(data, day) if a[3] == "ANZUS-1951"}
    nodes = browser.js("return Array.from(document.querySelectorAll('#map .node')).map(e => e.dataset.code)")
    assert sorted(nodes) == ["AUS", "NZL", "USA"]
    browser.js(
        "var p = document.getElementById('map-treaty'); p.value = '';"
        "p.dispatchEvent(new Event('change', {bubbles: true}));"
    )
    assert browser.js("return document.getElementById('map').dataset.view") == "treaties"
    assert counts(browser)["defence"] == sum(1 for s in data["spells"] if s["kind"] == "defence" and holds(s, day))


STUCK = """
var b = document.getElementById('mapbox');
function at(css) { return Array.from(document.querySelectorAll(css)).map(function (e) {
  var r = e.getBoundingClientRect(); return [Math.round(r.x), Math.round(r.y)]; }); }
return [at('#map .mx-row'), at('#map .mx-col'), at('#map rect.cell').slice(0, 50)];
"""


def test_a_large_matrix_scrolls_under_its_labels(browser: WebDriver, pages: dict[str, Page]) -> None:
    open_page(browser, pages["all"])
    browser.js("window.treatyReport.setView('matrix'); document.getElementById('mapbox').scrollIntoView();")
    rows, cols, marks = browser.js(STUCK)
    dx, dy = browser.js(
        "var b = document.getElementById('mapbox'); b.scrollLeft = 240; b.scrollTop = 300;"
        "b.dispatchEvent(new Event('scroll')); return [b.scrollLeft, b.scrollTop];"
    )
    assert dx > 100 and dy > 100  # it does scroll: 125 states are more than a screen
    rows2, cols2, marks2 = browser.js(STUCK)
    assert rows2 == [[x, y - dy] for x, y in rows]  # the row labels stay at the left edge
    assert cols2 == [[x - dx, y] for x, y in cols]  # the column labels stay at the top
    assert marks2 == [[x - dx, y - dy] for x, y in marks]  # the cells move


# ---------------------------------------------------------------- the timeline of many treaties


def gantt_rows(wd: WebDriver) -> dict[str, list[Any]]:
    """Per row: whether it is shown, and its top below the timeline's."""
    got = wd.js(
        "var out = {}, top = document.getElementById('gantt').getBoundingClientRect().y;"
        " document.querySelectorAll('#gantt g.row').forEach(function (g) {"
        " out[g.dataset.row] = [getComputedStyle(g).display !== 'none', g.getBoundingClientRect().y - top]; });"
        " return out;"
    )
    return dict(got)


def test_memberships_fold_under_their_treaty(browser: WebDriver, pages: dict[str, Page]) -> None:
    data = open_page(browser, pages["all"])
    rows = {r["key"]: r for r in data["rows"]}
    before = gantt_rows(browser)
    assert {k for k, (shown, _) in before.items() if shown} == {k for k, r in rows.items() if r["party"] is None}
    height = browser.js("return document.getElementById('gantt').viewBox.baseVal.height")
    browser.click('#gantt g.fold[data-treaty="NATO-1949"]')
    after = gantt_rows(browser)
    nato = {k for k, r in rows.items() if r["treaty"] == "NATO-1949" and r["party"]}
    assert (
        len(nato) == 32
        and {k for k, (shown, _) in after.items() if shown} == {k for k, r in rows.items() if r["party"] is None} | nato
    )
    assert browser.js("return document.getElementById('gantt').viewBox.baseVal.height") == height + 32 * 22
    rio = next(k for k, r in rows.items() if r["treaty"] == "RIO-1947" and r["party"] is None)
    scale = browser.js(
        "var g = document.getElementById('gantt'); return g.getBoundingClientRect().width / g.viewBox.baseVal.width"
    )
    assert after[rio][1] - before[rio][1] == pytest.approx(32 * 22 * scale, abs=1)  # the rows below move down
    assert (
        browser.js(
            "return document.querySelector('#gantt g.fold[data-treaty=\"NATO-1949\"]').getAttribute('aria-expanded')"
        )
        == "true"
    )
    browser.click('button[data-fold="none"]')
    assert all(shown for shown, _ in gantt_rows(browser).values())
    cursor = browser.js("var c = document.getElementById('gantt-cursor'); return [+c.getAttribute('y2')]")[0]
    assert cursor == browser.js("return document.getElementById('gantt').viewBox.baseVal.height") - 10
    browser.click('button[data-fold="all"]')
    folded = gantt_rows(browser)
    assert {k: round(v[1], 1) for k, v in folded.items() if v[0]} == {
        k: round(v[1], 1) for k, v in before.items() if v[0]
    }
    assert {k for k, v in folded.items() if not v[0]} == {k for k, v in before.items() if not v[0]}


def test_the_cursor_and_slider_follow_the_axis_with_its_breaks(browser: WebDriver, pages: dict[str, Page]) -> None:
    data = open_page(browser, pages["all"])
    assert browser.js("return document.querySelectorAll('#gantt .axis-break').length") >= 2  # 1373 to today
    known = browser.js("return +document.querySelector('#gantt line.known').getAttribute('x1')")
    set_date(browser, data["knowledge_date"])
    assert browser.js("return +document.getElementById('gantt-cursor').getAttribute('x1')") == pytest.approx(
        known, abs=0.1
    )
    for day in ("1386-05-09", "1661-06-01", "1955-06-01", "1991-12-26", "2024-12-04"):
        set_date(browser, day)
        v = browser.js("return document.getElementById('date-slider').value")
        got = browser.js(
            "var s = document.getElementById('date-slider'); s.value = arguments[0];"
            "s.dispatchEvent(new Event('input', {bubbles: true})); return document.getElementById('date-field').value;",
            v,
        )
        assert abs((dt.date.fromisoformat(got) - dt.date.fromisoformat(day)).days) <= 1, day  # a step a day to scale
    # the slider spends most of its length on the days drawn to scale, since 1945
    modern = browser.js(
        "window.treatyReport.setDate('1947-01-01'); return +document.getElementById('date-slider').value"
        " / +document.getElementById('date-slider').max"
    )
    assert modern < 0.3


# ---------------------------------------------------------------- one self-contained file


def test_the_page_requests_nothing_but_itself(browser: WebDriver, pages: dict[str, Page]) -> None:
    browser.requests()  # drop what earlier pages asked for
    data = open_page(browser, pages["all"])
    for day in ("1955-06-01", "1991-12-26", data["query"]["date"]):
        set_date(browser, day)
    browser.js("document.querySelector('input[name=kind][value=consultation]').click();")
    browser.js("window.treatyReport.setView('graph'); window.treatyReport.setView('matrix');")
    browser.hover("#map rect.cell")
    browser.js(
        "window.treatyReport.pick('NATO-1949'); window.treatyReport.pick('ANZUS-1951'); window.treatyReport.pick('');"
    )
    browser.hover("#map rect.mcell")
    browser.js("window.treatyReport.foldAll(false);")
    browser.hover("#gantt rect.bar")
    browser.js("document.querySelectorAll('details').forEach(function (d) { d.open = true; });")
    me = pages["all"].path.as_uri()
    made = [url for document, url in browser.requests() if document == me]
    assert me in made  # the log saw the page itself
    foreign = [url for url in made if url != me and not url.startswith("data:")]
    assert not foreign
    fetched = browser.js("return performance.getEntriesByType('resource').map(function (e) { return e.name; })")
    assert all(u.startswith("data:") for u in fetched)


# ---------------------------------------------------------------- other reports


def test_uncertain_windows_and_multilateral_rows_render(browser: WebDriver, tmp_path: Path) -> None:
    corpus = load(Path(__file__).resolve().parent.parent / "fixtures" / "report")
    ids = select(corpus, all_treaties=True)
    win = window(corpus, ids, "1945", "1975")
    data = payload(corpus, ids, win)
    out = tmp_path / "fixture.html"
    out.write_text(render(corpus, ids, win), encoding="utf-8")
    browser.cmd("/url", {"url": out.as_uri()})
    assert browser.js("return typeof window.treatyReport === 'object'")
    hatched = browser.js(
        "return Array.from(document.querySelectorAll('#gantt rect.bar[data-status=unknown]'))"
        ".map(function (b) { return [b.dataset.treaty, b.dataset.party,"
        " getComputedStyle(b).fill.indexOf('hatch-unknown') >= 0]; });"
    )
    assert hatched == [[b["treaty"], b["party"] or "", True] for b in data["bars"] if b["status"] == "unknown"]
    assert hatched
    browser.js("window.treatyReport.setView('graph');")
    for day in ("1966-12-31", "1967-01-01", "1967-12-30", "1967-12-31"):
        set_date(browser, day)
        assert arrows(browser) == expected_arrows(data, day), day
        dashed = browser.js("return document.querySelectorAll('#map path.edge.uncertain').length")
        assert dashed == sum(
            1 for s in data["spells"] if s["kind"] == "defence" and not s["certain"] and holds(s, day)
        ), day
    browser.js("window.treatyReport.setView('matrix');")
    set_date(browser, "1967-01-01")
    pale = browser.js("return Array.from(document.querySelectorAll('#map rect.cell.uncertain')).length")
    assert pale == len(
        {
            (s["obligor"], s["beneficiary"], s["treaty"])
            for s in data["spells"]
            if s["kind"] == "defence" and holds(s, "1967-01-01") and not s["certain"]
        }
    )
    title = browser.js("return document.querySelector('#gantt .rowlabel title').textContent")
    assert title == data["rows"][0]["title"]


def test_a_picked_treaty_that_binds_nobody_on_the_date_says_so(browser: WebDriver, pages: dict[str, Page]) -> None:
    open_page(browser, pages["all"])
    browser.js("window.treatyReport.pick('WARSAW-1955');")  # ended 1991
    assert browser.js("return document.getElementById('map').dataset.view") == "matrix"
    assert not cells(browser)
    text = browser.js("return document.getElementById('map').textContent")
    assert "WARSAW-1955: nothing of the checked kinds on this date" in text
    set_date(browser, "1970-01-01")
    assert len(cells(browser)) == 7 * 6  # the seven members then, each owing the six others


def test_a_report_without_obligations_opens(browser: WebDriver, shipped: Corpus, tmp_path: Path) -> None:
    ids = ["CHN-PRK-BORDER-1962"]
    win = window(shipped, ids, None, None)
    assert not payload(shipped, ids, win)["spells"]
    out = tmp_path / "border.html"
    out.write_text(render(shipped, ids, win), encoding="utf-8")
    browser.cmd("/url", {"url": out.as_uri()})
    assert browser.js("return typeof window.treatyReport === 'object'")
    assert arrows(browser) == set()
    assert "none of the selected kinds" in browser.js("return document.getElementById('map-list').textContent")


# ---------------------------------------------------------------- the screenshots in the docs


@pytest.mark.parametrize("name", ["prk", "all"])
def test_screenshot(browser: WebDriver, pages: dict[str, Page], name: str, tmp_path: Path) -> None:
    """PRK: the page from its top to the map's bottom; every treaty: the map, one 1400×900 screen."""
    data = open_page(browser, pages[name])
    assert browser.js("return document.getElementById('date-field').value") == data["query"]["date"]
    if name == "prk":
        height = browser.js("return document.getElementById('map').getBoundingClientRect().bottom + 24")
        browser.viewport(SCREEN[0], int(height))
    else:
        browser.js("document.getElementById('obligations').scrollIntoView();")
    png = browser.screenshot()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert int.from_bytes(png[16:20], "big") == SCREEN[0]
    (tmp_path / f"report-{name}.png").write_bytes(png)
    target = os.environ.get("TREATYRULES_SCREENSHOTS")
    if target:
        (Path(target) / f"report-{name}.png").write_bytes(png)


# ---------------------------------------------------------------- the cascade view

CASCADE_DAY = dt.date(2026, 1, 1)
ATTACKS = [("RUS", "EST"), ("TUR", "GRC")]


@pytest.fixture(scope="module")
def cascade_page(shipped: Corpus, tmp_path_factory: pytest.TempPathFactory) -> Page:
    """``report --cascade RUS:EST --cascade TUR:GRC --date 2026-01-01``: the treaties the chains run through."""
    ids = cascade_treaties(shipped, CASCADE_DAY, ATTACKS)
    win = window(shipped, ids, None, None)
    path = tmp_path_factory.mktemp("cascade") / "report-cascade.html"
    path.write_text(render(shipped, ids, win, day=CASCADE_DAY, cascades=ATTACKS), encoding="utf-8")
    return Page(path, payload(shipped, ids, win, day=CASCADE_DAY, cascades=ATTACKS))


def open_cascade(wd: WebDriver, page: Page, attack: int, rule: str) -> dict[str, Any]:
    """The page opened at 1400×900, scrolled to the view, with an attack and a rule picked as a user does."""
    open_page(wd, page)
    assert wd.js("return typeof window.treatyCascade === 'object'"), "the cascade script did not run"
    wd.js("document.getElementById('cascade').scrollIntoView();")
    wd.js(
        "var p = document.getElementById('cascade-pick'); p.value = arguments[0];"
        "p.dispatchEvent(new Event('change', {bubbles: true}));",
        str(attack),
    )
    wd.click(f"input[name=cascade-rule][value={rule}]")
    answer: dict[str, Any] = page.data["cascades"][attack]["rules"][rule]
    return answer


def chips(wd: WebDriver) -> list[list[Any]]:
    """Each state drawn: [round, column side, class side, state, verdict, conflict], in page order."""
    got = wd.js(
        "var out = []; document.querySelectorAll('#cascade-rounds .cas-row:not(.cas-head)').forEach(function (row) {"
        " var n = +row.querySelector('.cas-round').textContent;"
        " row.querySelectorAll('.cas-cell').forEach(function (cell, i) {"
        "  cell.querySelectorAll('.cas-chip').forEach(function (c) {"
        "   var cls = Array.from(c.classList);"
        "   var side = cls.filter(function (k) { return k.indexOf('side-') === 0; })[0].slice(5);"
        "   var v = cls.filter(function (k) { return k.indexOf('v-') === 0; })[0].slice(2);"
        "   var torn = c.classList.contains('conflict');"
        "   out.push([n, i === 0 ? 'attacked' : 'attacker', side, c.dataset.state, v, torn]);"
        "  }); }); }); return out;"
    )
    return list(got)


def expected_chips(answer: dict[str, Any]) -> list[list[Any]]:
    torn = {c["state"] for c in answer["conflicts"]}
    out: list[list[Any]] = [
        [0, side, side, answer[side], "bound", answer[side] in torn] for side in ("attacked", "attacker")
    ]
    for r in answer["rounds"]:
        for side in ("attacked", "attacker"):
            out += [
                [r["round"], side, side, e["state"], e["verdict"], e["conflict"]]
                for e in r["entries"]
                if e["side"] == side
            ]
    return out


@pytest.mark.parametrize(("attack", "rule"), [(0, "no"), (0, "judged"), (0, "yes"), (1, "no"), (1, "judged")])
def test_the_cascade_view_draws_each_round_by_side_and_verdict(
    browser: WebDriver, cascade_page: Page, attack: int, rule: str
) -> None:
    answer = open_cascade(browser, cascade_page, attack, rule)
    assert chips(browser) == expected_chips(answer)
    summary = browser.js("return document.getElementById('cascade-summary').textContent")
    drawn = {e["state"] for r in answer["rounds"] for e in r["entries"] if e["verdict"] != "not_bound"}
    assert summary.startswith(
        f"If {answer['attacker']} attacks {answer['attacked']} on 2026-01-01: {len(drawn)} states"
    )
    assert f"{len(answer['conflicts'])} conflict" in summary
    assert f"Rule {rule}: " in browser.js("return document.getElementById('cascade-rule-words').textContent")


def test_conflicts_are_marked_only_where_the_answer_has_them(browser: WebDriver, cascade_page: Page) -> None:
    assert not open_cascade(browser, cascade_page, 1, "no")["conflicts"]  # by default no conflict arises
    assert not any(c[5] for c in chips(browser))
    answer = open_cascade(browser, cascade_page, 1, "judged")  # NATO bound to both Greece and Turkey
    marked = {c[3] for c in chips(browser) if c[5]}
    assert marked == {c["state"] for c in answer["conflicts"]} and {"USA", "GRC", "TUR"} <= marked
    badges = browser.js("return document.querySelectorAll('#cascade-rounds .cas-chip.conflict .cas-torn').length")
    assert badges == sum(1 for c in chips(browser) if c[5])


def chain_text(wd: WebDriver) -> str:
    return str(wd.js("return document.getElementById('cascade-chain').textContent"))


def in_chain(wd: WebDriver) -> set[str]:
    got = wd.js(
        "return Array.from(document.querySelectorAll('#cascade-rounds .inchain'))"
        ".map(function (c) { return c.dataset.state; })"
    )
    return set(got)


def test_hovering_a_state_shows_its_chain_and_a_click_keeps_it(browser: WebDriver, cascade_page: Page) -> None:
    answer = open_cascade(browser, cascade_page, 0, "judged")
    (chn,) = [e for r in answer["rounds"] for e in r["entries"] if e["state"] == "CHN"]
    assert "Hover or click a state" in chain_text(browser)
    browser.hover("#cascade-rounds .cas-chip[data-state=CHN]")
    text = chain_text(browser)
    assert text.startswith("CHN (People's Republic of China): with RUS, bound if judged")
    assert "Round 0: RUS attacks EST (the first attack)" in text
    for link in chn["via"]:
        assert f"Round {link['round']}: {link['treaty']} Art. {link['article']}, defence: {link['obligor']} → " in text
    assert all(j["why"] in text for j in chn["needs_judgement"])
    assert in_chain(browser) == {"CHN", "PRK", "RUS"}
    browser.click("#cascade-rounds .cas-chip[data-state=CHN]")
    browser.hover("#cascade-rounds .cas-chip[data-state=ALB]")
    assert chain_text(browser).startswith("CHN ") and "Kept: click it again" in chain_text(browser)
    browser.click("#cascade-rounds .cas-chip[data-state=CHN]")  # let go
    browser.hover("#cascade-rounds .cas-chip[data-state=ALB]")
    assert chain_text(browser).startswith("ALB (Albania): with EST, bound if judged")
    # a state not bound says why: the rule
    answer = open_cascade(browser, cascade_page, 0, "no")
    browser.hover("#cascade-rounds .cas-chip[data-state=ARG]")
    text = chain_text(browser)
    assert text.startswith("ARG (Argentina): with EST, not bound")
    assert "Fails" in text and "armed attack (RIO-1947" in text


def test_the_cascade_view_is_legible_and_requests_nothing(browser: WebDriver, cascade_page: Page) -> None:
    browser.requests()
    for attack, rule in ((0, "yes"), (1, "judged")):
        open_cascade(browser, cascade_page, attack, rule)
        browser.hover("#cascade-rounds .cas-chip[data-entry]")
        boxes = browser.js(
            "return Array.from(document.querySelectorAll('#cascade-rounds .cas-chip')).map(function (c) {"
            " var r = c.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom,"
            " parseFloat(getComputedStyle(c).fontSize)]; })"
        )
        assert min(b[4] for b in boxes) >= 9
        for a, b in itertools.combinations(boxes, 2):  # no two states overlap
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1], (a, b)
        assert browser.js("return document.documentElement.scrollWidth") <= SCREEN[0]
    me = cascade_page.path.as_uri()
    made = [url for document, url in browser.requests() if document == me]
    assert me in made and not [u for u in made if u != me and not u.startswith("data:")]


@pytest.mark.parametrize(("name", "rule", "state"), [("cascade", "no", "ARG"), ("cascade-judged", "judged", "CHN")])
def test_cascade_screenshot(
    browser: WebDriver, cascade_page: Page, name: str, rule: str, state: str, tmp_path: Path
) -> None:
    """RUS attacks EST on 2026-01-01, one 1400×900 screen from the view's heading, a state's chain kept."""
    open_cascade(browser, cascade_page, 0, rule)
    browser.click(f"#cascade-rounds .cas-chip[data-state={state}]")
    browser.js("document.getElementById('cascade').scrollIntoView();")
    assert chain_text(browser).startswith(f"{state} ")
    png = browser.screenshot()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and int.from_bytes(png[16:20], "big") == SCREEN[0]
    (tmp_path / f"report-{name}.png").write_bytes(png)
    target = os.environ.get("TREATYRULES_SCREENSHOTS")
    if target:
        (Path(target) / f"report-{name}.png").write_bytes(png)
