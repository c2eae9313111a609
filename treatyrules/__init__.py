"""treatyrules: is this treaty in force on this date, and who must defend whom? Derived from the clauses.

>>> import treatyrules
>>> corpus = treatyrules.load()
>>> corpus.status("CHN-SUN-1950", "1995-01-01").reason
'expired'

Every name here is imported on first use (PEP 562): ``import treatyrules`` alone loads nothing of
the engine, so the command line starts fast; ``treatyrules.load`` brings in what a corpus needs, and
``treatyrules.atop`` (the ATOP import, ``treatyrules.atop.load(folder)``) only when it is asked for.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from . import atop
    from .corpus import Corpus, StatusAnswer, load
    from .dates import Duration, PartialDate, parse_duration, parse_partial
    from .errors import (
        DateFormatError,
        DurationFormatError,
        InputDataError,
        OutputExistsError,
        OutputPathError,
        Problem,
        RulesError,
        TreatyRulesError,
        UnknownReadingError,
        UnknownStateError,
        UnknownTreatyError,
        UsageError,
    )
    from .schema import Event, Obligation, Reading, Treaty
    from .states import Registry, State

__all__ = [
    "Corpus",
    "DateFormatError",
    "Duration",
    "DurationFormatError",
    "Event",
    "InputDataError",
    "Obligation",
    "OutputExistsError",
    "OutputPathError",
    "PartialDate",
    "Problem",
    "Reading",
    "Registry",
    "RulesError",
    "State",
    "StatusAnswer",
    "Treaty",
    "TreatyRulesError",
    "UnknownReadingError",
    "UnknownStateError",
    "UnknownTreatyError",
    "UsageError",
    "atop",
    "load",
    "parse_duration",
    "parse_partial",
]
__version__ = "0.1.0"


#: public name -> the module that defines it (imported when the name is first used)
_HOMES = {
    **dict.fromkeys(["Corpus", "StatusAnswer", "load"], "corpus"),
    **dict.fromkeys(["Duration", "PartialDate", "parse_duration", "parse_partial"], "dates"),
    **dict.fromkeys(["Event", "Obligation", "Reading", "Treaty"], "schema"),
    **dict.fromkeys(["Registry", "State"], "states"),
}


def __getattr__(name: str) -> Any:
    """A public name (``treatyrules.load``, ``treatyrules.atop`` ...), imported when first asked for."""
    if name == "atop":
        return importlib.import_module(".atop", __name__)
    if name in __all__:
        value = getattr(importlib.import_module(f".{_HOMES.get(name, 'errors')}", __name__), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
