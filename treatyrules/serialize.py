"""Write rules back out as YAML: a treaty to text, a corpus to a rules folder that ``load`` reads.

Only what differs from the defaults is written (``exclude_defaults``), keys in model order, every
string quoted (so that no YAML reader turns ``NO`` into a boolean or ``1995`` into a number).
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from .display import plain, yaml_text
from .schema import Treaty
from .states import Registry

if TYPE_CHECKING:
    from .corpus import Corpus

__all__ = ["dump_folder", "dump_registry", "dump_treaty", "dump_yaml", "plain"]


def dump_yaml(data: Any) -> str:
    """Plain data as YAML text, keys in the given order, strings quoted, lines never folded."""
    return yaml_text(data)


def dump_treaty(treaty: Treaty) -> str:
    """One treaty as the YAML of a rules file.

    >>> t = Treaty.model_validate({"id": "A-B-1961", "title": "T", "parties": ["CHN", "PRK"],
    ...                            "events": [{"type": "signed", "date": "1961-07-11", "source": "UNTS"}]})
    >>> print(dump_treaty(t), end="")
    id: "A-B-1961"
    title: "T"
    parties:
    - "CHN"
    - "PRK"
    events:
    - type: "signed"
      date: "1961-07-11"
      source: "UNTS"
    """
    return dump_yaml(plain(treaty))


def dump_registry(registry: Registry) -> str:
    """The registry as ``states.yaml``."""
    return dump_yaml({"states": [plain(s) for s in registry.states.values()]})


def dump_folder(corpus: Corpus, path: str | Path) -> Path:
    """Write ``states.yaml`` and ``treaties/<ID>.yaml`` for every treaty under ``path``; returns it."""
    root = Path(path)
    (root / "treaties").mkdir(parents=True, exist_ok=True)
    (root / "states.yaml").write_text(dump_registry(corpus.registry), encoding="utf-8")
    for tid, t in corpus.treaties.items():
        (root / "treaties" / f"{tid}.yaml").write_text(dump_treaty(t), encoding="utf-8")
    return root
