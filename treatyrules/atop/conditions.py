"""ATOP's condition flags as readable conditions, each keeping its flag name.

ATOP codes a condition as a 0/1 flag per obligation (codebook §2.33); the flags do not carry the
condition's content, except the named threats ``statthr1``/``statthr2``. So:

* ``*coadv`` (a specific adversary): the ``adversaries`` that ``statthr1/2`` name; where they name
  none, the text "against a specific adversary (ATOP defcoadv)";
* ``*coloc`` (a location): a ``location`` whose text says so ("a location the treaty names (ATOP
  defcoloc)"): ATOP does not say where;
* ``defconpr``, ``neuconpr`` -> ``non_provocation``; ``neucoatt`` -> ``armed_attack``;
  ``concoreq`` -> ``on_request``;
* ``*cocon``, ``*conum``, ``*codem`` and ``olimob`` -> readable ``other`` texts, each ending with
  its flag ("in a specific ongoing conflict (ATOP defcocon)").

Every flag that is set is also named in the obligation's ``source`` (``flags``), so the booleans,
which have no text of their own, keep their flag name too.
"""

from __future__ import annotations

from typing import Any

from ..atopcoding import CONDITION_FLAGS, flag_text
from ..schema import Conditions, Location
from .rows import MemberRow

__all__ = ["conditions", "flags"]

FLAGS = CONDITION_FLAGS
_BOOLEANS = {"conpr": "non_provocation", "coatt": "armed_attack", "coreq": "on_request"}


def flags(kind: str, r: MemberRow) -> list[str]:
    """The condition flags set for one kind of obligation of a member row, in ATOP's column order.

    >>> from treatyrules.atop.rows import Day
    >>> row = MemberRow(1, 9, 2, 0, Day(1950, 1, 1), Day(0, 0, 0), "0-0-0", None, None,
    ...                 frozenset({"defense"}), (), "5.1", {"defcoloc": 1, "olimob": 1, "concoreq": 1})
    >>> flags("defense", row), flags("nonagg", row)
    (['defcoloc', 'olimob'], ['olimob'])
    """
    own = [f for f in FLAGS.get(kind, ()) if r.flag(f)]
    return own + (["olimob"] if r.flag("olimob") else [])


def conditions(kind: str, r: MemberRow, adversaries: list[str]) -> Conditions:
    """The readable conditions of one kind of obligation of a member row.

    ``adversaries``: the registry codes of the row's named threats (``statthr1/2``), on the day.
    """
    kw: dict[str, Any] = {}
    other: list[str] = []
    for flag in flags(kind, r):
        name = flag[3:]
        if name == "coadv" and adversaries:
            kw["adversaries"] = adversaries
        elif name == "coloc":
            kw["location"] = Location(text=flag_text(flag))
        elif name in _BOOLEANS:
            kw[_BOOLEANS[name]] = True
        else:
            other.append(flag_text(flag))
    return Conditions(other=other, **kw)
