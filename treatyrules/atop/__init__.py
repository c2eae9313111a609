"""Import the ATOP 5.1 alliance dataset (Leeds et al.) into treatyrules rules.

Reads ``atop5_1m.csv`` (members), ``atop5_1a.csv`` (alliances) and, when present, ``atop5_1aph.csv``
(phases) from a folder, and builds one treaty ``ATOP-<atopid>`` per alliance. The modules, in the
order data flows:

* ``coding``: ATOP's names and the ``atop`` block an imported treaty keeps (``schema`` imports it);
* ``rows``: the CSV files read into typed rows, every value checked (``InputDataError`` names the
  file, line and column of any damage);
* ``codes``: ATOP's ccodes read as registry states, each on its own day (365 is ``RUS`` in 1914,
  ``SUN`` in 1985);
* ``conditions``: ATOP's condition flags as readable conditions;
* ``importer``: treaties, events and obligations built from the rows (``build``, ``load``);
* ``writer``: the rules folder written atomically (``import_atop``).
"""

from __future__ import annotations

from .codes import Codes, LeftOut, Outside
from .coding import KNOWLEDGE_DATE, AtopCoding, AtopMemberRow, AtopPhase
from .importer import AtopImport, build, load, shipped_registry
from .rows import read_directed
from .writer import import_atop

__all__ = [
    "KNOWLEDGE_DATE",
    "AtopCoding",
    "AtopImport",
    "AtopMemberRow",
    "AtopPhase",
    "Codes",
    "LeftOut",
    "Outside",
    "build",
    "import_atop",
    "load",
    "read_directed",
    "shipped_registry",
]
