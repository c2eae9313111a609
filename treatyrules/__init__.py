"""treatyrules: is this treaty in force on this date, and who must defend whom? Derived from the clauses.

>>> import treatyrules
>>> corpus = treatyrules.load()
>>> corpus.status("CHN-SUN-1950", "1995-01-01").reason
'expired'
"""

from __future__ import annotations

from .corpus import Corpus, StatusAnswer, load
from .dates import Duration, PartialDate, parse_duration, parse_partial
from .errors import (
    DateFormatError,
    DurationFormatError,
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
    "Obligation",
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
    "load",
    "parse_duration",
    "parse_partial",
]
__version__ = "0.1.0"
