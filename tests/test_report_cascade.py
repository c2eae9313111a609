"""The report's cascade view without a browser: the embedded cascades against ``cascade``, the
treaties a cascade-only report selects, the markup (present only when asked, self-contained), the CLI."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from treatyrules import load
from treatyrules.cascade import RULES, cascade
from treatyrules.cli import main
from treatyrules.corpus import Corpus
from treatyrules.errors import UsageError
from treatyrules.report import payload, render, select, window
from treatyrules.report.cascade import cascade_part, cascade_treaties, parse_attack

from .conftest import FIXTURES
from .test_report import embedded

ASSETS = Path(__file__).resolve().parent.parent / "treatyrules" / "report"
CHAIN = FIXTURES / "cascade" / "chain"
DAY = dt.date(2000, 1, 1)


@pytest.fixture(scope="module")
def chain() -> Corpus:
    return load(CHAIN)


def _without_checks(doc: dict[str, Any]) -> dict[str, Any]:
    for r in doc["rounds"]:
        for e in r["entries"]:
            for link in e["via"]:
                del link["checks"]
    return doc


def test_each_rule_embeds_the_cascade_without_link_checks(chain: Corpus) -> None:
    (part,) = cascade_part(chain, DAY, [("AAA", "VVV")])
    assert (part["attacker"], part["attacked"], part["date"]) == ("AAA", "VVV", "2000-01-01")
    assert list(part["rules"]) == list(RULES)
    for rule in RULES:
        whole = cascade(chain, DAY, "AAA", "VVV", defence_is_attack=rule).to_json()
        assert part["rules"][rule] == _without_checks(whole)
    # the reasons stay: what to judge and what fails, with why
    judged = [e for r in part["rules"]["judged"]["rounds"] for e in r["entries"] if e["needs_judgement"]]
    assert judged and all(j["why"] for e in judged for j in e["needs_judgement"])


def test_every_state_mentioned_has_its_name(chain: Corpus) -> None:
    (part,) = cascade_part(chain, DAY, [("AAA", "VVV")])
    mentioned = {"AAA", "VVV"}
    for doc in part["rules"].values():
        for r in doc["rounds"]:
            for e in r["entries"]:
                mentioned |= {x for link in e["via"] for x in (link["obligor"], link["beneficiary"], link["against"])}
    assert set(part["names"]) == mentioned
    assert part["names"]["AAA"] != "AAA"  # a name from the registry, not the code again


def test_aliases_resolve_to_the_canonical_codes(corpus: Corpus) -> None:
    (part,) = cascade_part(corpus, dt.date(2026, 1, 1), [("Russia", "Estonia")])
    assert (part["attacker"], part["attacked"]) == ("RUS", "EST")


def test_a_cascade_only_report_shows_the_treaties_its_chains_run_through(chain: Corpus) -> None:
    found = cascade_treaties(chain, DAY, [("AAA", "VVV")])
    every = {
        link.treaty
        for rule in RULES
        for e in cascade(chain, DAY, "AAA", "VVV", defence_is_attack=rule).entries
        for link in e.via
    }
    assert found == sorted(every) and found
    # under the default rule alone, HHH's treaty is never reached: the other rules add it
    default = {link.treaty for e in cascade(chain, DAY, "AAA", "VVV").entries for link in e.via}
    assert default < set(found)
    assert cascade_treaties(chain, dt.date(1900, 1, 1), [("AAA", "VVV")]) == []  # before every treaty


@pytest.mark.parametrize("text", ["RUS", "RUS:", ":EST", " : ", "RUS-EST"])
def test_an_attack_is_attacker_colon_attacked(text: str) -> None:
    with pytest.raises(UsageError, match="ATTACKER:ATTACKED"):
        parse_attack(text)
    assert parse_attack(" RUS : EST ") == ("RUS", "EST")


def test_the_view_is_on_the_page_only_when_asked(chain: Corpus) -> None:
    ids = select(chain, all_treaties=True)
    win = window(chain, ids, None, None)
    plain = render(chain, ids, win, day=DAY)
    assert 'id="cascade"' not in plain and "treatyCascade" not in plain and "cascades" not in embedded(plain)
    assert "cascades" not in payload(chain, ids, win, day=DAY)
    page = render(chain, ids, win, day=DAY, cascades=[("AAA", "VVV")])
    assert page.count('id="cascade"') == 1 and '<a href="#cascade">Cascade</a>' in page
    assert embedded(page)["cascades"] == cascade_part(chain, DAY, [("AAA", "VVV")])
    assert "window.treatyCascade" in page and page.index("treatyCascade") > page.index('id="report-data"')
    assert not re.search(r"<script[^>]*\bsrc=", page) and "fetch(" not in page
    # without its section, its script and its link the page is the page without the view
    view = re.search(r'<h2 id="cascade">.*?\n\n', page, re.S)
    script = re.search(r"<script>\n// The report's cascade view.*?</script>\n", page, re.S)
    assert view is not None and script is not None
    rest = page.replace(view.group(0), "").replace(script.group(0), "").replace(' · <a href="#cascade">Cascade</a>', "")
    assert _strip_data(rest) == _strip_data(plain)


def _strip_data(page: str) -> str:
    return re.sub(r'(<script type="application/json" id="report-data">).*?(</script>)', r"\1\2", page, flags=re.S)


def test_the_cascade_follows_the_opening_day(chain: Corpus) -> None:
    ids = select(chain, all_treaties=True)
    win = window(chain, ids, None, None)
    for day in (dt.date(1999, 1, 1), DAY):
        (part,) = payload(chain, ids, win, day=day, cascades=[("AAA", "VVV")])["cascades"]
        assert part["date"] == day.isoformat()
        assert part["rules"]["no"] == _without_checks(cascade(chain, day, "AAA", "VVV").to_json())


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed (apt-get install nodejs)")
def test_the_cascade_script_parses() -> None:
    res = subprocess.run(["node", "--check", str(ASSETS / "cascade.js")], capture_output=True, text=True)
    assert res.returncode == 0, res.stderr


# ---------------------------------------------------------------- the CLI


def test_cli_cascade_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.html"
    code = main(["report", "--cascade", "RUS:EST", "--date", "2026-01-01", "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 0, err
    data = embedded(out.read_text("utf-8"))
    want = cascade_treaties(load(), dt.date(2026, 1, 1), [("RUS", "EST")])
    assert "NATO-1949" in want and data["query"]["treaties"] == want
    assert [(c["attacker"], c["attacked"], c["date"]) for c in data["cascades"]] == [("RUS", "EST", "2026-01-01")]
    assert "<h1>Cascade: RUS attacks EST</h1>" in out.read_text("utf-8")
    assert err.startswith(f"wrote {out}: {len(want)} treaties")


def test_cli_cascade_beside_a_party(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "c.html"
    args = ["report", "--party", "PRK", "--cascade", "RUS:EST", "--cascade", "TUR:GRC", "--out", str(out)]
    assert main([*args, "--date", "2026-01-01"]) == 0, capsys.readouterr().err
    data = embedded(out.read_text("utf-8"))
    assert "NATO-1949" not in data["query"]["treaties"]  # the party's treaties, not the cascade's
    assert [c["attacker"] for c in data["cascades"]] == ["RUS", "TUR"]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--cascade", "RUS-EST"], "--cascade takes ATTACKER:ATTACKED"),
        (["--cascade", "RUS:XXQ"], "XXQ"),
        (["--cascade", "RUS:RUS"], "one state (RUS)"),
        (["--cascade", "RUS:EST", "--date", "1800-01-01"], "no treaty draws a state into the cascade of RUS:EST"),
    ],
)
def test_cli_usage_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    out = tmp_path / "c.html"
    code = main(["report", *args, "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 2 and message in err and "Traceback" not in err, err
    assert not out.exists()
