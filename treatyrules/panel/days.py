"""Days as panels count them: int32 days from 1970-01-01 (Arrow's ``date32``), ``OPEN`` for an end
at the end of time, ``MIN`` for a start before any day."""

from __future__ import annotations

import datetime as dt

__all__ = ["EPOCH", "MIN", "OPEN", "day", "to_days"]

EPOCH = dt.date(1970, 1, 1).toordinal()
OPEN = dt.date.max.toordinal() - EPOCH
MIN = dt.date.min.toordinal() - EPOCH


def to_days(d: dt.date) -> int:
    """Days since 1970-01-01 (negative before).

    >>> to_days(dt.date(1970, 1, 2)), to_days(dt.date(1969, 12, 31))
    (1, -1)
    """
    return d.toordinal() - EPOCH


def day(n: int) -> dt.date:
    """The date ``n`` days after 1970-01-01 (``to_days``' inverse)."""
    return dt.date.fromordinal(n + EPOCH)
