"""Write rules back out as YAML: a treaty to text, a corpus to a rules folder that ``load`` reads.

Only what differs from the defaults is written (``exclude_defaults``), keys in model order.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .corpus import Corpus
from .schema import Treaty
from .states import Registry

__all__ = ["dump_folder", "dump_registry", "dump_treaty"]


def _plain(model: Any) -> Any:
    return model.model_dump(mode="json", exclude_defaults=True)


def dump_treaty(treaty: Treaty) -> str:
    """One treaty as the YAML of a rules file.

    >>> t = Treaty.model_validate({"id": "A-B-1961", "title": "T", "parties": ["CHN", "PRK"],
    ...                            "events": [{"type": "signed", "date": "1961-07-11", "source": "UNTS"}]})
    >>> print(dump_treaty(t), end="")
    id: A-B-1961
    title: T
    parties:
    - CHN
    - PRK
    events:
    - type: signed
      date: '1961-07-11'
      source: UNTS
    """
    return yaml.safe_dump(_plain(treaty), sort_keys=False, allow_unicode=True)


def dump_registry(registry: Registry) -> str:
    """The registry as ``states.yaml``."""
    body = {"states": [_plain(s) for s in registry.states.values()]}
    return yaml.safe_dump(body, sort_keys=False, allow_unicode=True)


def dump_folder(corpus: Corpus, path: str | Path) -> Path:
    """Write ``states.yaml`` and ``treaties/<ID>.yaml`` for every treaty under ``path``; returns it."""
    root = Path(path)
    (root / "treaties").mkdir(parents=True, exist_ok=True)
    (root / "states.yaml").write_text(dump_registry(corpus.registry), encoding="utf-8")
    for tid, t in corpus.treaties.items():
        (root / "treaties" / f"{tid}.yaml").write_text(dump_treaty(t), encoding="utf-8")
    return root
