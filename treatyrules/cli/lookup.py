"""Reading what a user types for a treaty, a state or an obligation kind (treaties and kinds have
their one home in ``treatyrules.lookup``, shared with the library).

Treaties: an id or alias (``CHN-SUN-1950``, ``Warsaw Pact``), an ATOP atopid (``3200``,
``ATOP-3200``; in a mix, the id of an ATOP alliance that a hand-coded treaty replaced finds that
treaty), an id spelled with other state codes (``CHN-USSR-1950``), or words of its title or aliases
(``Sino-Soviet``: every word must occur, in any order). States are read as on the query day
(``Registry.resolve(text, day)``: ``365`` is the USSR in 1985). Kinds take the ATOP spellings too
(``defense``, ``nonagg``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import click

from ..corpus import Corpus
from ..lookup import KIND_WORDS, KINDS, obligation_kind

__all__ = ["KIND", "KIND_WORDS", "kind", "state", "treaty_id"]


def treaty_id(corpus: Corpus, text: str) -> str:
    """The canonical id of the treaty ``text`` names (``CompiledCorpus.resolve``, ``treatyrules.lookup``).

    Raises ``AmbiguousTreatyError`` when words fit several treaties, ``UnknownTreatyError``
    (with the closest ids and aliases) when nothing fits.
    """
    return corpus.compiled.resolve(text)


def state(corpus: Corpus, text: str, day: dt.date | None) -> str:
    """The registry code ``text`` names on ``day`` (a ccode or COW letters by the day)."""
    return corpus.registry.resolve(text, day)


def kind(text: str) -> str:
    """An obligation kind in the engine's words (``defense`` -> ``defence``; ``lookup.obligation_kind``)."""
    return obligation_kind(text)


class _Kind(click.ParamType[str, Any]):
    """``--kind``: one of the five kinds, in the engine's or ATOP's spelling."""

    name = "kind"

    def get_metavar(self, param: click.Parameter, ctx: click.Context | None = None) -> str:
        return "[" + "|".join(KINDS) + "]"

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> str:
        return kind(str(value))


KIND = _Kind()
