"""treatyrules: is this treaty in force on this date, and who must defend whom? Derived from the clauses.

>>> import treatyrules
>>> corpus = treatyrules.load()
>>> corpus.status("CHN-SUN-1950", "1995-01-01").reason
'expired'

``treatyrules.atop`` imports the ATOP dataset (``treatyrules.atop.load(folder)``).
"""

from __future__ import annotations

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
