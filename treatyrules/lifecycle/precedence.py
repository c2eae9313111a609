"""Which of several possible ends comes first, and which reason is reported on a tie."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..timeline import Bound
from ..vocabulary import Reason

__all__ = ["REASON_PRECEDENCE", "earliest", "precedence"]

#: On a tie (two ends on one day) the reason reported is the first of these, whatever the events' order.
REASON_PRECEDENCE = (
    Reason.expired,
    Reason.by_agreement,
    Reason.superseded,
    Reason.dissolved,
    Reason.denounced,
    Reason.withdrawn,
    Reason.party_extinct,
)


def precedence(b: Bound) -> tuple[dt.date, dt.date, int, str]:
    rank = REASON_PRECEDENCE.index(b.reason) if b.reason in REASON_PRECEDENCE else len(REASON_PRECEDENCE)
    return b.earliest, b.latest, rank, b.steps[0].text if b.steps else ""


def earliest(bounds: Iterable[Bound | None]) -> Bound | None:
    """The first of several possible ends (the min of both range ends)."""
    bs = [b for b in bounds if b is not None]
    if not bs:
        return None
    first = min(bs, key=precedence)
    lo = min(b.earliest for b in bs)
    hi = min(b.latest for b in bs)
    if lo == first.earliest and hi == first.latest:
        ties = [b for b in bs if (b.earliest, b.latest) == (lo, hi)]
        if len(ties) == 1:
            return first
        # several causes end it on the same day (a withdrawal and the state's extinction): keep every step
        return Bound(lo, hi, tuple(dict.fromkeys(s for b in ties for s in b.steps)), first.reason, first.candidates)
    return Bound(lo, hi, tuple(dict.fromkeys(s for b in bs for s in b.steps)), first.reason)
