"""Import the ATOP 5.1 alliance dataset (Leeds et al.) into treatyrules rules.

Reads ``atop5_1m.csv`` (members), ``atop5_1a.csv`` (alliances) and, when present, ``atop5_1aph.csv``
(phases) from a folder, and builds one treaty ``ATOP-<atopid>`` per alliance. The modules, in the
order data flows:

* ``coding``: ATOP's names and the ``atop`` block an imported treaty keeps (``schema`` imports it);
* ``rows``: the CSV files read into typed rows, every value checked (``InputDataError`` names the
  file, line and column of any damage);
* ``importer``: treaties, events, obligations and the registry built from the rows (``build``, ``load``);
* ``writer``: the rules folder written atomically (``import_atop``).

Only ``coding`` is imported with the package; the rest loads on first use of its names, because
``schema`` imports ``coding`` and ``importer`` imports ``schema``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .coding import KNOWLEDGE_DATE, AtopCoding, AtopMemberRow, AtopPhase, state_code

if TYPE_CHECKING:
    from .importer import AtopImport, build, load
    from .rows import read_directed
    from .writer import import_atop

__all__ = [
    "KNOWLEDGE_DATE",
    "AtopCoding",
    "AtopImport",
    "AtopMemberRow",
    "AtopPhase",
    "build",
    "import_atop",
    "load",
    "read_directed",
    "state_code",
]

_HOMES = {
    "AtopImport": "importer",
    "build": "importer",
    "load": "importer",
    "read_directed": "rows",
    "import_atop": "writer",
}


def __getattr__(name: str) -> Any:
    """``build``, ``load``, ``import_atop``... from their modules, on first use."""
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{home}", __name__), name)
    globals()[name] = value
    return value
