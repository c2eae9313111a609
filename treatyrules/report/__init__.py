"""The HTML report: a Gantt timeline of treaties and an obligation map for a chosen date, one file.

Everything is computed from the corpus: status segments of each treaty (and each membership of a
multilateral treaty), its events, and its directed obligation spells (``payload``). The timeline is
drawn as SVG in Python (``gantt``: no dependency, deterministic, testable without a browser); the
obligation map is drawn by the page's script (``report.js``) from the spells embedded as JSON, so
moving the date needs no server. ``page`` inlines the styles, the script and the data into one
file that loads nothing from the network.

>>> import datetime as dt
>>> from treatyrules import load
>>> c = load()
>>> ids = select(c, parties=["PRK"])
>>> "SUN-PRK-1961" in ids and "USA-JPN-1960" not in ids
True
>>> html = render(c, ids, Window(dt.date(1950, 1, 1), dt.date(2027, 1, 1)))
>>> html.startswith("<!DOCTYPE html>") and "http://" not in html.split("<body")[0]
True
"""

from __future__ import annotations

from .gantt import gantt_svg
from .page import render
from .payload import EVENT_MARKS, KINDS, STATUS_COLOURS, payload
from .selection import Window, select, window, within

__all__ = [
    "EVENT_MARKS",
    "KINDS",
    "STATUS_COLOURS",
    "Window",
    "gantt_svg",
    "payload",
    "render",
    "select",
    "window",
    "within",
]
