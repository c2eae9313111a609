"""The one-file page: the template filled with the legend, the timeline, the kind boxes, the sources,
the styles, the script and the data, all inline so that the file opens offline."""

from __future__ import annotations

import datetime as dt
import html
import json
import re
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

from ..compiled import CorpusLike, core
from .cascade import cascade_html
from .gantt import gantt_svg, glyph
from .payload import STATUS_COLOURS, payload
from .selection import Window

__all__ = ["render"]

_MARK_LABELS = {
    "signature": "signature",
    "ratification": "ratification",
    "entry": "entry into force / accession",
    "notice": "notice (denunciation, non-renewal, withdrawal)",
    "suspension": "suspension",
    "supersession": "supersession",
    "end": "end recorded (lapsed, terminated, dissolved)",
    "amendment": "amendment",
}
_HATCH_CSS = "repeating-linear-gradient(45deg,#868e96 0 3px,#fff3bf 3px 7px)"
_URL = re.compile(r"https?://[^\s<>\"']+")
_TOKEN = re.compile(r"@@([A-Z]+)@@")


def render(
    corpus: CorpusLike,
    ids: Sequence[str],
    win: Window,
    *,
    day: dt.date | None = None,
    parties: Sequence[str] = (),
    title: str | None = None,
    cascades: Sequence[tuple[str, str]] = (),
) -> str:
    """The self-contained HTML page (deterministic: same corpus and query, same bytes); with
    ``cascades`` (each ``(attacker, attacked)``), a cascade view of each on the opening day."""
    corpus = core(corpus)
    data = payload(corpus, ids, win, day=day, parties=parties, cascades=cascades)
    view = cascade_html(data.get("cascades", ()))
    if title is None:
        title = _title(data["query"]["parties"], ids, every=set(ids) == set(corpus.ids))
    last = win.end - dt.timedelta(days=1)
    return _fill(
        _asset("template.html"),
        {
            "TITLE": html.escape(f"{title}, {win.start.isoformat()} to {last.isoformat()}"),
            "CSS": _asset("report.css"),
            "HEADING": html.escape(title),
            "SUBTITLE": html.escape(_subtitle(data, win)),
            "LEGEND": _legend(),
            "GANTT": _fold_buttons(data) + '<div class="scroll">' + gantt_svg(data, win) + "</div>",
            "KINDS": _kind_boxes(data),
            "SOURCES": _sources_html(data),
            "DATA": _script_json(data),
            "SCRIPT": _asset("report.js"),
            "NAVCASCADE": ' · <a href="#cascade">Cascade</a>' if view else "",
            "CASCADE": view,
            "CASCADESCRIPT": f"<script>\n{_asset('cascade.js')}</script>\n" if view else "",
        },
    )


def _asset(name: str) -> str:
    """A file of this package: the template, the styles or the script."""
    text = resources.files(__package__).joinpath(name).read_text("utf-8")
    if name != "template.html" and re.search(r"</(script|style)", text, re.I):
        raise AssertionError(f"{name} must not close its own element")
    return text


def _fill(template: str, parts: Mapping[str, str]) -> str:
    """Each ``@@NAME@@`` of the template replaced by its part, in one pass (a part's text is never
    read for tokens); each must occur exactly once."""
    for name in parts:
        if template.count(f"@@{name}@@") != 1:
            raise AssertionError(f"report template must hold @@{name}@@ exactly once")
    return _TOKEN.sub(lambda m: parts[m.group(1)], template)


def _title(parties: Sequence[str], ids: Sequence[str], *, every: bool = False) -> str:
    """``Treaties of PRK``, ``Every treaty in the rules (16)``, ``Treaties: A, B``, or ``Treaties: A, B
    and 9 more``."""
    if parties:
        return f"Treaties of {', '.join(parties)}"
    if every and len(ids) > 3:
        return f"Every treaty in the rules ({len(ids)})"
    if len(ids) <= 3:
        return f"Treaties: {', '.join(ids)}"
    return f"Treaties: {', '.join(ids[:2])} and {len(ids) - 2} more"


def _subtitle(data: dict[str, Any], win: Window) -> str:
    last = win.end - dt.timedelta(days=1)
    n = len(data["treaties"])
    bits = [f"{n} treat{'y' if n == 1 else 'ies'}, {win.start.isoformat()} to {last.isoformat()}"]
    if data["query"]["left_out"]:
        bits.append(f"left out, signed after {last.isoformat()}: {', '.join(data['query']['left_out'])}")
    if data["knowledge_date"]:
        bits.append(f"the rules record events up to {data['knowledge_date']}; later days assume no later events")
    if data["query"]["reading"]:
        bits.append(f"reading: {data['query']['reading']}")
    if data["query"]["as_of"]:
        bits.append(f"as known on {data['query']['as_of']}")
    return " · ".join(bits)


def _script_json(data: dict[str, Any]) -> str:
    """JSON safe inside a ``<script>`` element (no ``</script>``, no HTML comment openers)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _url_end(url: str) -> int:
    """Where a URL found in prose ends: without trailing punctuation, nor a closing parenthesis
    that opened before it (``(see https://x/a_(b))`` ends at ``a_(b)``).

    >>> u = "https://w/Treaty_(US–ROK)),"
    >>> u[: _url_end(u)]
    'https://w/Treaty_(US–ROK)'
    """
    end = len(url)
    while end:
        last = url[end - 1]
        if last in ".,;:!?" or (last == ")" and url.count(")", 0, end) > url.count("(", 0, end)):
            end -= 1
        else:
            break
    return end


def _linkify(text: str) -> str:
    """Escaped text with each http(s) URL a link."""
    out, pos = [], 0
    for m in _URL.finditer(text):
        end = m.start() + _url_end(m.group(0))
        if end <= m.start() + len("https://"):
            continue
        out.append(html.escape(text[pos : m.start()]))
        url = html.escape(text[m.start() : end])
        out.append(f'<a href="{url}" rel="noreferrer">{url}</a>')
        pos = end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _sources_html(data: dict[str, Any]) -> str:
    """Per treaty, its sources folded under its id and title; then the registry's, per state."""
    parts = []
    for t in data["treaties"]:
        items = "".join(f"<li>{_linkify(s)}</li>" for s in t["sources"])
        parts.append(
            f'<details class="src" id="src-{html.escape(t["id"])}"><summary><b>{html.escape(t["id"])}</b>'
            f' <span class="muted">{html.escape(t["title"])} ({_count(len(t["sources"]), "source")})</span>'
            f"</summary><ol>{items}</ol></details>"
        )
    states = [n for n in data["nodes"] if n.get("source")]
    if states:
        items = "".join(
            f"<li><b>{html.escape(n['code'])}</b> {html.escape(n['name'])}: {_linkify(n['source'])}</li>"
            for n in states
        )
        parts.append(
            f'<details class="src" id="src-states"><summary><b>States</b> <span class="muted">registry'
            f" (names, continuity) ({_count(len(states), 'state')})</span></summary><ul>{items}</ul></details>"
        )
    return "\n".join(parts)


def _fold_buttons(data: dict[str, Any]) -> str:
    """Buttons that show or fold every membership row, where a treaty has them."""
    if not any(r["party"] is not None for r in data["rows"]):
        return ""
    return (
        '<div class="folds muted">Memberships: <button type="button" data-fold="none">show all</button>'
        ' <button type="button" data-fold="all">fold all</button> (or ▸/▾ beside a treaty)</div>'
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _legend() -> str:
    items = []
    for status, fill in STATUS_COLOURS.items():
        label = status.replace("_", " ")
        if status == "unknown":
            label = "unknown (uncertain dates: the change falls somewhere in this span)"
        css = _HATCH_CSS if status == "unknown" else fill
        items.append(
            f'<span class="key" data-status="{status}"><span class="chip" style="background:{css}"></span>'
            f"{html.escape(label)}</span>"
        )
    for mark, label in _MARK_LABELS.items():
        items.append(
            '<span class="key"><svg width="14" height="14" viewBox="-7 -7 14 14"'
            ' aria-hidden="true">'
            f"{glyph(mark, 0.0, 0.0)}</svg>{html.escape(label)}</span>"
        )
    return "".join(items)


def _kind_boxes(data: dict[str, Any]) -> str:
    """A checkbox per obligation kind, with the number of directed obligations of that kind on the
    opening day (the script keeps it in step with the date); kinds absent from the window are
    disabled."""
    present = {s["kind"] for s in data["spells"]}
    day = data["query"]["date"]
    out = []
    for kind in data["kinds"]:
        checked = " checked" if kind == "defence" else ""
        count = sum(1 for s in data["spells"] if s["kind"] == kind and _holds(s, day))
        dis = "" if kind in present else " disabled"
        weight = "strong" if kind in data["strong_kinds"] else "light"
        out.append(
            f'<label class="kind"><input type="checkbox" name="kind" value="{kind}"{checked}{dis}>'
            f'<span class="swatch {weight}"></span>{kind.replace("_", " ")}'
            f' <span class="muted">(<span class="count" data-kind="{kind}">{count}</span>)</span></label>'
        )
    return "".join(out)


def _holds(spell: Mapping[str, Any], day: str) -> bool:
    """Whether a spell of the payload holds on an ISO day (the script's ``holds``)."""
    return bool(spell["start"] <= day and (spell["end"] is None or day < spell["end"]))
