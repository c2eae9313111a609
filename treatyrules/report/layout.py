"""Where the obligation map puts each state, and the colour of each treaty.

A few states and arrows are drawn as a graph (arrows between nodes on a ring, the ``--party``
state in the centre). Past ``GRAPH_STATES`` states or ``GRAPH_PAIRS`` directed pairs the arrows
cross into a solid disc (NATO alone has 992 a day), so the map is a matrix instead: a row per
obliged state, a column per state owed, in an order that keeps each alliance's members together.
Past ``MATRIX_STATES`` states the matrix no longer fits a 1400×900 screen at a legible cell size
(every treaty at once: 125 states on one day), so the map opens on the treaties: a row per treaty,
a column per state, and each treaty's own map (graph or matrix, by the same rule) one click away.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

__all__ = [
    "PALETTE",
    "drill_down",
    "graph_layout",
    "map_box",
    "matrix_order",
    "members",
    "treaty_colours",
    "treaty_order",
    "view",
]

#: The most states, and the most directed pairs over the window, drawn as a graph.
GRAPH_STATES, GRAPH_PAIRS = 10, 12
#: The most states drawn as a matrix: at its smallest legible cell (11 px, labels of 9 px) a
#: matrix of 72 states is 864 px tall with its column labels, within a 900-px screen.
MATRIX_STATES = 72
#: Treaty colours (Category10), given so that treaties sharing a state differ where they can.
PALETTE = (
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    "#7f7f7f",
    "#bcbd22",
)


def members(spells: Iterable[Mapping[str, Any]]) -> dict[str, set[str]]:
    """Per treaty, the states on either side of its spells."""
    out: dict[str, set[str]] = {}
    for s in spells:
        out.setdefault(s["treaty"], set()).update((s["obligor"], s["beneficiary"]))
    return out


def view(spells: Iterable[Mapping[str, Any]], codes: Sequence[str]) -> str:
    """``graph`` for a few states and pairs (PRK's treaties: 4 and 6), ``matrix`` for up to
    ``MATRIX_STATES`` states (NATO: 32), else ``treaties``."""
    pairs = {(s["obligor"], s["beneficiary"]) for s in spells}
    if len(codes) <= GRAPH_STATES and len(pairs) <= GRAPH_PAIRS:
        return "graph"
    return "matrix" if len(codes) <= MATRIX_STATES else "treaties"


def _by_size(groups: Mapping[str, set[str]]) -> list[str]:
    return sorted(groups, key=lambda t: (-len(groups[t]), t))


def treaty_order(groups: Mapping[str, set[str]]) -> list[str]:
    """The rows of the treaties view: largest treaty first, ties by id (the order in which
    ``matrix_order`` lays out their blocks, so the rows descend the columns as a staircase).

    >>> treaty_order({"B": {"X", "Y"}, "A": {"X", "Y"}, "C": {"X", "Y", "Z"}})
    ['C', 'A', 'B']
    """
    return _by_size(groups)


def drill_down(
    spells: Sequence[Mapping[str, Any]], groups: Mapping[str, set[str]], centre: str | None
) -> dict[str, dict[str, Any]]:
    """Per treaty, its own map: the view its spells alone call for, its number of states, and for
    a graph the nodes' places (the ``--party`` state, if a member, in the centre)."""
    out: dict[str, dict[str, Any]] = {}
    for tid in treaty_order(groups):
        codes = sorted(groups[tid])
        own = [s for s in spells if s["treaty"] == tid]
        shown = view(own, codes)
        entry: dict[str, Any] = {"view": "matrix" if shown == "treaties" else shown, "states": len(codes)}
        if shown == "graph":
            nodes = graph_layout(codes, centre if centre in codes else None, [{"code": c} for c in codes])
            entry["nodes"] = {n["code"]: [n["x"], n["y"], n["r"]] for n in nodes}
            entry["box"] = map_box(nodes)
        out[tid] = entry
    return out


def treaty_colours(treaty_ids: Sequence[str], groups: Mapping[str, set[str]]) -> dict[str, str]:
    """A colour per treaty, largest first: the least used colour that no treaty sharing a state has.

    >>> treaty_colours(["A", "B", "C"], {"A": {"X", "Y"}, "B": {"Y", "Z"}, "C": {"Q", "R"}})
    {'A': '#1f77b4', 'B': '#d62728', 'C': '#2ca02c'}
    """
    out: dict[str, str] = {}
    for tid in [*_by_size(groups), *(t for t in treaty_ids if t not in groups)]:
        taken = {out[o] for o in out if groups.get(o, set()) & groups.get(tid, set())}
        used = list(out.values())
        out[tid] = min(PALETTE, key=lambda c: (c in taken, used.count(c), PALETTE.index(c)))
    return {tid: out[tid] for tid in treaty_ids}


def matrix_order(codes: Iterable[str], groups: Mapping[str, set[str]]) -> list[str]:
    """States in an order that keeps each treaty's members together, largest treaties first.

    Each state's key is its membership of every treaty (largest first), reflected like a Gray
    code: inside a treaty's block, the members that also belong to the next treaty come last, next
    to that treaty's block. Ties by code.

    >>> matrix_order("ABCDE", {"big": {"A", "B", "C"}, "small": {"A", "D"}})
    ['B', 'C', 'A', 'D', 'E']
    """
    order = _by_size(groups)

    def key(code: str) -> tuple[int, ...]:
        bits, ones = [], 0
        for t in order:
            inside = code in groups[t]
            bits.append(-int(inside != (ones % 2 == 1)))
            ones += inside
        return tuple(bits)

    return sorted(codes, key=lambda c: (key(c), c))


def graph_layout(codes: Sequence[str], centre: str | None, states: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Fixed node positions on a 640×480 canvas: the focus state in the centre, others on a ring."""
    width, height = 640, 480
    ring = [c for c in codes if c != centre]
    n = max(len(ring), 1)
    radius = 185.0 if len(ring) > 2 else 150.0
    node_r = max(12.0, min(28.0, math.pi * radius / n * 0.55))
    by_code = {s["code"]: s for s in states}
    out = []
    for code in codes:
        if code == centre:
            x, y = width / 2, height / 2
        else:
            i = ring.index(code)
            angle = -math.pi / 2 + 2 * math.pi * i / n
            x, y = width / 2 + radius * math.cos(angle), height / 2 + radius * math.sin(angle)
        out.append({**by_code[code], "x": round(x, 1), "y": round(y, 1), "r": round(node_r, 1)})
    return out


def map_box(nodes: Sequence[dict[str, Any]]) -> list[float]:
    """The graph's viewBox ``[x, y, width, height]``: full width, cropped to the nodes vertically."""
    if not nodes:
        return [0, 0, 640, 200]
    top = min(n["y"] - n["r"] for n in nodes) - 44
    bottom = max(n["y"] + n["r"] for n in nodes) + 24
    return [0, round(top, 1), 640, round(max(bottom - top, 200), 1)]
