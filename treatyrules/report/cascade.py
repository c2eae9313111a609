"""The report's cascade view: who the treaties draw in, round by round, for attacks given on the
command line (``report --cascade RUS:EST``), under each rule for force after the first attack, so
the page switches the rule without a server.

The data is ``CascadeAnswer.to_json()`` per rule, with each link's condition checks left out (the
conditions to judge and those that fail stay, with their reasons, in ``needs_judgement`` and
``fails``), and the names of the states it mentions.
"""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Iterable, Sequence
from typing import Any

from ..cascade import RULES, CascadeAnswer, cascade
from ..compiled import CompiledCorpus, CorpusLike, core
from ..errors import UsageError

__all__ = ["RULE_WORDS", "cascade_html", "cascade_part", "cascade_treaties", "parse_attack"]

#: what each rule says about force in the war after the first attack (the page's rule picker)
RULE_WORDS = {
    "no": "is no armed attack on the state it is used against (the default: the treaties' words)",
    "judged": "is an armed attack on the state it is used against only if judged so",
    "yes": "counts as an armed attack on the state it is used against (the war spreads along every alliance)",
}


def parse_attack(text: str) -> tuple[str, str]:
    """``ATTACKER:ATTACKED`` as two texts (codes, aliases or names; the corpus resolves them).

    >>> parse_attack("RUS:EST")
    ('RUS', 'EST')
    """
    attacker, sep, attacked = text.partition(":")
    if not sep or not attacker.strip() or not attacked.strip():
        raise UsageError(f"--cascade takes ATTACKER:ATTACKED (e.g. RUS:EST), not {text!r}")
    return attacker.strip(), attacked.strip()


def _answers(c: CompiledCorpus, day: dt.date, attacker: str, attacked: str) -> dict[str, CascadeAnswer]:
    return {rule: cascade(c, day, attacker, attacked, defence_is_attack=rule) for rule in RULES}


def cascade_treaties(corpus: CorpusLike, day: dt.date, attacks: Iterable[tuple[str, str]]) -> list[str]:
    """The treaties of every link of the cascades of ``attacks`` on ``day``, under any rule (sorted)."""
    c = core(corpus)
    found = {
        link.treaty
        for attacker, attacked in attacks
        for ans in _answers(c, day, attacker, attacked).values()
        for e in ans.entries
        for link in e.via
    }
    return sorted(found)


def _slim(doc: dict[str, Any]) -> dict[str, Any]:
    """A cascade's JSON without each link's checks (the entry's judgements and failures keep the whys)."""
    for r in doc["rounds"]:
        for e in r["entries"]:
            e["via"] = [{k: v for k, v in link.items() if k != "checks"} for link in e["via"]]
    return doc


def cascade_part(corpus: CorpusLike, day: dt.date, attacks: Sequence[tuple[str, str]]) -> list[dict[str, Any]]:
    """Per attack: its states, the day, each rule's answer (slimmed) and the names of every state in them."""
    c = core(corpus)
    out = []
    for attacker, attacked in attacks:
        answers = _answers(c, day, attacker, attacked)
        first = answers["no"]
        codes = {first.attacker, first.attacked}
        for ans in answers.values():
            codes |= {x for e in ans.entries for link in e.via for x in (link.obligor, link.beneficiary, link.against)}
        names = {code: (st.name if (st := c.registry.states.get(code)) else code) for code in sorted(codes)}
        out.append(
            {
                "attacker": first.attacker,
                "attacked": first.attacked,
                "date": day.isoformat(),
                "names": names,
                "rules": {rule: _slim(ans.to_json()) for rule, ans in answers.items()},
            }
        )
    return out


def _legend() -> str:
    """Sample chips: each side in each verdict, and a conflict."""
    keys = [
        (f"side-{side} v-{verdict}", f"{words} ({side} side)" if verdict == "bound" else words)
        for side in ("attacked", "attacker")
        for verdict, words in (("bound", "bound"), ("bound_if_judged", "bound if judged"), ("not_bound", "not bound"))
    ]
    chips = [f'<span class="key"><span class="cas-chip {cls}">XXX</span>{text}</span>' for cls, text in keys]
    chips.append(
        '<span class="key"><span class="cas-chip side-attacked v-bound conflict">XXX<span class="cas-torn">⚔</span>'
        "</span>conflict of obligations (drawn in on both sides)</span>"
    )
    return "".join(chips)


def cascade_html(part: Sequence[dict[str, Any]]) -> str:
    """The view's skeleton (the page's script draws the rounds): the attack and rule pickers, the
    legend and the panels; empty without a cascade."""
    if not part:
        return ""
    options = "".join(
        f'<option value="{i}">{html.escape(p["attacker"])} attacks {html.escape(p["attacked"])}</option>'
        for i, p in enumerate(part)
    )
    rules = "".join(
        f'<label title="{html.escape(RULE_WORDS[r])}"><input type="radio" name="cascade-rule" value="{r}"'
        f"{' checked' if r == 'no' else ''}> {r}</label>"
        for r in RULES
    )
    return f"""<h2 id="cascade">Cascade: who is drawn in, on {html.escape(part[0]["date"])}</h2>
<div class="controls">
  <label class="picker">Attack <select id="cascade-pick" aria-label="Attack">{options}</select></label>
  <div class="views" role="radiogroup" aria-label="Rule">Collective self-defence is an armed attack on the aggressor
  (<code>--defence-is-attack</code>): {rules}</div>
</div>
<div class="legend" aria-label="Cascade legend">{_legend()}</div>
<p class="howto muted">A row per round (round 0: the attack itself), the attacked state's side on the left, the
attacker's on the right; a state not bound is listed once, with the reason. Hover a state for the chain of articles
that draws it in (its states ringed in orange); click to keep it. The cascade is evaluated on this day, whatever the
date chosen for the map above.</p>
<p id="cascade-rule-words" class="muted"></p>
<p id="cascade-summary"></p>
<div class="caswrap">
  <div id="cascade-rounds" role="table" aria-label="Cascade rounds"></div>
  <div id="cascade-chain" class="side" aria-live="polite"></div>
</div>

"""
