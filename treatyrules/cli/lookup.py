"""Reading what a user types for a treaty, a state or an obligation kind.

Treaties: an id or alias (``CHN-SUN-1950``, ``Warsaw Pact``), an ATOP atopid (``3200``,
``ATOP-3200``; in a mix, the id of an ATOP alliance that a hand-coded treaty replaced finds that
treaty), an id spelled with other state codes (``CHN-USSR-1950``), or words of its title or aliases
(``Sino-Soviet``: every word must occur, in any order). States are read as on the query day
(``Registry.resolve(text, day)``: ``365`` is the USSR in 1985). Kinds take the ATOP spellings too
(``defense``, ``nonagg``).
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from typing import Any

import click

from ..compiled import CompiledCorpus
from ..corpus import Corpus
from ..errors import AmbiguousTreatyError, UnknownKindError, UnknownTreatyError
from ..queries.obligations import KINDS
from ..states import normalize

__all__ = ["KIND", "KIND_WORDS", "kind", "state", "treaty_id"]

#: other spellings of the obligation kinds: American English and ATOP's column names
KIND_WORDS = {
    "defense": "defence",
    "offense": "offence",
    "neutral": "neutrality",
    "nonagg": "non_aggression",
    "non-aggression": "non_aggression",
    "consul": "consultation",
}

_ATOPID = re.compile(r"^(?:atop[-: ]?)?(\d+)$", re.IGNORECASE)
_YEAR = re.compile(r"^\d{4}$")


def treaty_id(corpus: Corpus, text: str) -> str:
    """The canonical id of the treaty ``text`` names (see the module docstring).

    Raises ``AmbiguousTreatyError`` when words fit several treaties, ``UnknownTreatyError``
    (with the closest ids and aliases) when nothing fits.
    """
    c = corpus.compiled
    try:
        return c.resolve(text)
    except UnknownTreatyError:
        pass
    found = _by_atopid(c, text) or _by_state_codes(c, text)
    if found is not None:
        return found
    hits = _by_words(c, text)
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AmbiguousTreatyError(text, hits)
    raise UnknownTreatyError(text, [*c.treaties, *(a for t in c.treaties.values() for a in t.aliases)])


def _by_atopid(c: CompiledCorpus, text: str) -> str | None:
    m = _ATOPID.match(text.strip())
    if m is None:
        return None
    n = int(m[1])
    ids = [t.id for t in c.treaties.values() if t.atopid == n]
    if len(ids) == 1:
        return ids[0]
    return next((o.kept for o in c.overlaps if o.atopid == n), None)


def _by_state_codes(c: CompiledCorpus, text: str) -> str | None:
    """``CHN-USSR-1950``: the state parts read as registry codes (on 1 January of the year), in any order."""
    parts = [p for p in re.split(r"[-\s]+", text.strip()) if p]
    if len(parts) < 2 or len(parts) > 4 or not _YEAR.match(parts[-1]):
        return None
    day = dt.date(max(int(parts[-1]), 1), 1, 1)
    codes = []
    for p in parts[:-1]:
        if p not in c.registry:
            return None
        codes.append(c.registry.resolve(p, day))
    for perm in itertools.permutations(codes):
        key = "-".join([*perm, parts[-1]]).upper()
        if key in c.aliases:
            return c.aliases[key]
    return None


def _by_words(c: CompiledCorpus, text: str) -> list[str]:
    """The treaties whose id, aliases and title together hold every word of ``text``."""
    words = set(normalize(text).split())
    if not words:
        return []
    return [
        t.id
        for t in c.treaties.values()
        if words <= {w for s in (t.id, t.title, *t.aliases) for w in normalize(s).split()}
    ]


def state(corpus: Corpus, text: str, day: dt.date | None) -> str:
    """The registry code ``text`` names on ``day`` (a ccode or COW letters by the day)."""
    return corpus.registry.resolve(text, day)


def kind(text: str) -> str:
    """An obligation kind in the engine's words (``defense`` -> ``defence``)."""
    t = text.strip().lower().replace(" ", "_")
    t = KIND_WORDS.get(t, t)
    if t not in KINDS:
        raise UnknownKindError(text, KINDS)
    return t


class _Kind(click.ParamType[str, Any]):
    """``--kind``: one of the five kinds, in the engine's or ATOP's spelling."""

    name = "kind"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(KINDS) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return kind(str(value))


KIND = _Kind()
