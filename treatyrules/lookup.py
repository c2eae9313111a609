"""Reading what a user types for a treaty or an obligation kind: the one home of both, for the
library (``CompiledCorpus.resolve``, ``Corpus.obligations(kind=...)``) and the command line.

Treaties, tried in this order: an id or alias in any case (``CHN-SUN-1950``, ``Warsaw Pact``); an
ATOP atopid (``3440``, ``ATOP-3440``, the int ``3440``; in a mix, the id of an ATOP alliance that a
hand-coded treaty replaced finds that treaty); an id spelled with other state codes
(``CHN-USSR-1950``, the codes read on 1 January of the year); words of its id, title and aliases
(``Sino-Soviet``: every word must occur, in any order). Kinds take the American and ATOP spellings
too (``defense``, ``nonagg``).

>>> obligation_kind("Defense"), obligation_kind("nonagg"), obligation_kind("consultation")
('defence', 'non_aggression', 'consultation')
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Mapping

from .errors import AmbiguousTreatyError, UnknownKindError, UnknownTreatyError, UsageError
from .schema import ObligationKind, Treaty
from .states import Registry, normalize

__all__ = ["KINDS", "KIND_WORDS", "find_treaty", "obligation_kind"]

#: the five obligation kinds, in the engine's words (ATOP's five)
KINDS = tuple(k.value for k in ObligationKind)

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


def obligation_kind(text: str) -> str:
    """An obligation kind in the engine's words (``defense`` -> ``defence``); ``UnknownKindError`` else."""
    if not isinstance(text, str):
        raise UnknownKindError(repr(text), KINDS)
    t = text.strip().lower().replace(" ", "_")
    t = KIND_WORDS.get(t, t)
    if t not in KINDS:
        raise UnknownKindError(text, KINDS)
    return t


def find_treaty(
    value: str | int,
    treaties: Mapping[str, Treaty],
    aliases: Mapping[str, str],
    registry: Registry,
    replaced: Mapping[int, str],
) -> str:
    """The canonical id of the treaty ``value`` names (see the module docstring).

    ``aliases``: upper-case id or alias -> id; ``replaced``: atopid -> the hand-coded treaty that
    replaced that ATOP alliance in a mix. ``AmbiguousTreatyError`` when words fit several treaties,
    ``UnknownTreatyError`` (with the closest ids and aliases) when nothing fits, ``UsageError`` for a
    value that is neither text nor an atopid.
    """
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise UsageError(f"a treaty is named by its id, an alias, an atopid or words of its title, not {value!r}")
    text = str(value).strip()
    hit = aliases.get(text.upper())
    if hit is not None:
        return hit
    found = _by_atopid(treaties, replaced, text) or _by_state_codes(aliases, registry, text)
    if found is not None:
        return found
    hits = _by_words(treaties, text) if isinstance(value, str) else []
    if len(hits) == 1:
        return hits[0]
    if hits:
        raise AmbiguousTreatyError(text, hits)
    raise UnknownTreatyError(text, [*treaties, *(a for t in treaties.values() for a in t.aliases)])


def _by_atopid(treaties: Mapping[str, Treaty], replaced: Mapping[int, str], text: str) -> str | None:
    m = _ATOPID.match(text)
    if m is None:
        return None
    n = int(m[1])
    ids = [t.id for t in treaties.values() if t.atopid == n]
    return ids[0] if len(ids) == 1 else replaced.get(n)


def _by_state_codes(aliases: Mapping[str, str], registry: Registry, text: str) -> str | None:
    """``CHN-USSR-1950``: the state parts read as registry codes (on 1 January of the year), in any order."""
    parts = [p for p in re.split(r"[-\s]+", text) if p]
    if len(parts) < 2 or len(parts) > 4 or not _YEAR.match(parts[-1]):
        return None
    day = dt.date(max(int(parts[-1]), 1), 1, 1)
    codes = []
    for p in parts[:-1]:
        if p not in registry:
            return None
        codes.append(registry.resolve(p, day))
    for perm in itertools.permutations(codes):
        key = "-".join([*perm, parts[-1]]).upper()
        if key in aliases:
            return aliases[key]
    return None


def _by_words(treaties: Mapping[str, Treaty], text: str) -> list[str]:
    """The treaties whose id, aliases and title together hold every word of ``text``."""
    words = set(normalize(text).split())
    if not words:
        return []
    return [
        t.id
        for t in treaties.values()
        if words <= {w for s in (t.id, t.title, *t.aliases) for w in normalize(s).split()}
    ]
