"""The HTML report rendered in headless Chromium, driven by chromedriver over plain WebDriver HTTP.

Needs the Debian packages ``chromium`` and ``chromium-driver`` (``.ci/run`` installs them when it
can); skips with the reason otherwise. ``TREATYRULES_SCREENSHOT=docs/report-prk.png`` also writes
the screenshot there (the one in the docs is made that way).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import json
import os
import shutil
import socket
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from treatyrules import load
from treatyrules.corpus import Corpus
from treatyrules.report import payload, render, select, window

ELEMENT = "element-6066-11e4-a52e-4f735466cecf"  # the W3C web element identifier
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
    "--window-size=1280,1000",
    "--force-device-scale-factor=1",
]


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

    def screenshot(self) -> bytes:
        return base64.b64decode(self.cmd("/screenshot"))


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


@pytest.fixture(scope="module")
def prk(browser: WebDriver, shipped: Corpus, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The PRK report, 1950-2026, opened in the browser; its payload as Python computes it."""
    ids = select(shipped, ["PRK"])
    win = window(shipped, ids, "1950", "2026")
    out = tmp_path_factory.mktemp("report") / "report-prk.html"
    out.write_text(render(shipped, ids, win, parties=["PRK"]), encoding="utf-8")
    browser.cmd("/url", {"url": out.as_uri()})
    assert browser.js("return typeof window.treatyReport === 'object'"), "the report's script did not run"
    return payload(shipped, ids, win, parties=["PRK"])


def set_date(wd: WebDriver, day: str) -> None:
    """Type a date into the date field, as a user would, and let the page react."""
    wd.js(
        "var f = document.getElementById('date-field'); f.value = arguments[0];"
        "f.dispatchEvent(new Event('change', {bubbles: true}));",
        day,
    )


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
        if s["kind"] in kinds and s["start"] <= day and (s["end"] is None or day < s["end"])
    }


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


def test_moving_the_date_changes_the_map(browser: WebDriver, prk: dict[str, Any]) -> None:
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
    assert "RUS → PRK: defence (RUS-PRK-2024" in listed


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


def test_other_kinds_are_toggled_by_their_checkbox(browser: WebDriver, prk: dict[str, Any]) -> None:
    set_date(browser, "2001-01-01")
    assert arrows(browser) == expected_arrows(prk, "2001-01-01")
    browser.js("var b = document.querySelector('input[name=kind][value=consultation]'); b.click();")
    both = expected_arrows(prk, "2001-01-01", ("defence", "consultation"))
    assert ("RUS", "PRK", "consultation", "RUS-PRK-2000") in both
    assert arrows(browser) == both
    browser.js("document.querySelector('input[name=kind][value=consultation]').click();")
    assert arrows(browser) == expected_arrows(prk, "2001-01-01")


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


def test_screenshot(browser: WebDriver, prk: dict[str, Any], tmp_path: Path) -> None:
    browser.cmd("/refresh", {})  # as first opened: no hover, no focus
    assert browser.js("return document.getElementById('date-field').value") == prk["query"]["date"]
    height = browser.js(
        "return Math.min(document.documentElement.scrollHeight,"
        " document.getElementById('map').getBoundingClientRect().bottom + 40)"
    )
    browser.cmd("/window/rect", {"width": 1280, "height": int(height) + 140})
    png = browser.screenshot()
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(png[16:20], "big")
    assert width >= 1000
    (tmp_path / "report-prk.png").write_bytes(png)
    target = os.environ.get("TREATYRULES_SCREENSHOT")
    if target:
        Path(target).write_bytes(png)


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
    for day in ("1966-12-31", "1967-01-01", "1967-12-30", "1967-12-31"):
        set_date(browser, day)
        assert arrows(browser) == expected_arrows(data, day), day
        dashed = browser.js("return document.querySelectorAll('#map path.edge.uncertain').length")
        assert dashed == sum(
            1
            for s in data["spells"]
            if s["kind"] == "defence"
            and not s["certain"]
            and s["start"] <= day
            and (s["end"] is None or day < s["end"])
        ), day
    title = browser.js("return document.querySelector('#gantt .rowlabel title').textContent")
    assert title == data["rows"][0]["title"]


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
