"""treatyrules: is this treaty in force on this date, and who must defend whom? Derived from the clauses.

>>> import treatyrules
>>> corpus = treatyrules.load()
>>> corpus.status("CHN-SUN-1950", "1995-01-01").reason
'expired'

``treatyrules.atop`` imports the ATOP dataset (``treatyrules.atop.load(folder)``); it is imported
on first use, so ``import treatyrules`` loads none of the ATOP, panel or dataframe code.
"""

from __future__ import annotations

import importlib
from types import ModuleType
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from . import atop

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


def __getattr__(name: str) -> ModuleType:
    """``treatyrules.atop``, imported when first asked for."""
    if name == "atop":
        return importlib.import_module(".atop", __name__)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
