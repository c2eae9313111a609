"""Every treaty's status answers on every day, as plain data: what ``treatyrules status --date D``
reads on a warm run instead of reading and compiling the rules (docs/cache.md).

Between two of a treaty's ``CompiledCorpus.answer_cuts`` its status answer differs only in its
``date`` (``tests/test_status_fast.py``), so all of its answers are its cuts and one answer per
piece. The table holds those for every treaty, with the corpus' ``Knowledge``. It is stored in the
cache (``cache.cached``) as JSON, under a key of every rules file's bytes, the engine and the
options (``table_key``). Reading it back needs neither pydantic nor the engine: ``decode`` checks
the JSON field by field, and anything it did not write is a miss (the table is rebuilt).
"""

from __future__ import annotations

import bisect
import datetime as dt
import hashlib
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .cache import cache_dir, cached
from .cachekey import folder_digest
from .dates import MIN_DAY
from .folderfiles import shipped_rules
from .knowledge import Knowledge
from .queries.status import StatusAnswer, answer_on, listed
from .timeline import Step

if TYPE_CHECKING:
    from .compiled import CompiledCorpus

__all__ = ["FORMAT", "Pieces", "StatusTable", "build", "cached_table", "decode", "encode", "table_key"]

T = TypeVar("T")
#: the table's JSON layout; a change bumps it (and so the key), so older tables are rebuilt
FORMAT = 1


@dataclass(frozen=True)
class Pieces:
    """One treaty's answers: ``answers[i]`` holds from ``cuts[i - 1]`` (the first: from the first
    day) to ``cuts[i]`` (the last: open), and is dated on that piece's first day."""

    cuts: tuple[dt.date, ...]
    answers: tuple[StatusAnswer, ...]

    def at(self, day: dt.date) -> StatusAnswer:
        """The answer of the piece ``day`` falls in (dated on the piece's first day)."""
        return self.answers[bisect.bisect_right(self.cuts, day)]

    def on(self, day: dt.date) -> StatusAnswer:
        """The treaty's answer on ``day``."""
        a = self.at(day)
        return a if a.date == day else a.on(day)


@dataclass(frozen=True)
class StatusTable:
    """Every treaty's ``Pieces`` (in the corpus' order) and what the rules know."""

    knowledge: Knowledge
    pieces: Mapping[str, Pieces]

    def statuses(self, day: dt.date, *, in_force: bool = False) -> list[StatusAnswer]:
        """``queries.status.statuses(corpus, day, in_force=...)``, read from the table."""
        return [p.on(day) for p in self.pieces.values() if listed(p.at(day).status, in_force=in_force)]


def build(c: CompiledCorpus) -> StatusTable:
    """The table of a compiled corpus: each treaty's answer on the first day of each piece."""
    return StatusTable(c.knowledge, {tid: _pieces(c, tid) for tid in c.lives})


def _pieces(c: CompiledCorpus, treaty_id: str) -> Pieces:
    cuts = tuple(c.answer_cuts(treaty_id))
    life = c.lives[treaty_id]
    return Pieces(cuts, tuple(answer_on(c, life, day) for day in (MIN_DAY, *cuts)))


# ---------------------------------------------------------------- the cache entry


def table_key(roots: Sequence[Path], reading: str | None, as_of: dt.date | None) -> str | None:
    """The key of the table of ``roots`` (none: the shipped folder) under ``reading`` and ``as_of``:
    every rules file's bytes and the engine (``cachekey.folder_digest``), with the shipped folder's
    when a folder reads its states from it; ``None`` when a file cannot be read."""
    folders = list(roots) or [shipped_rules()]
    if any(not (r / "states.yaml").is_file() for r in folders):
        folders.append(shipped_rules())
    h = hashlib.sha256(f"status-table {FORMAT}\0{reading or ''}\0{as_of or ''}".encode())
    for root in folders:
        digest = folder_digest(root)
        if digest is None:
            return None
        h.update(digest.encode())
    return h.hexdigest()


def cached_table(
    roots: Sequence[Path], reading: str | None, as_of: dt.date | None, compiled: Callable[[], CompiledCorpus]
) -> StatusTable | None:
    """The table from the cache, else built from ``compiled()`` and stored; ``None`` when there is
    no cache (``TREATYRULES_CACHE=0``) or a rules file cannot be read (then ask the corpus)."""
    key = table_key(roots, reading, as_of) if cache_dir() is not None else None
    if key is None:
        return None
    return cached(key, "status-table", lambda: build(compiled()), _CODEC)


class _Codec:
    def encode(self, value: StatusTable) -> bytes:
        return encode(value)

    def decode(self, data: bytes) -> StatusTable:
        return decode(data)


_CODEC = _Codec()


def encode(table: StatusTable) -> bytes:
    """The table as JSON: the knowledge, then per treaty its cuts, the steps and lists its answers
    share (each once), and its answers (``_encode_answer``)."""
    k = table.knowledge
    knows = {
        "ids": list(k.ids),
        "reading": k.reading,
        "readers": sorted(k.readers),
        "as_of": _iso(k.as_of),
        "knowledge_date": _iso(k.knowledge_date),
        "treaty_knowledge": {t: d.isoformat() for t, d in k.treaty_knowledge.items()},
    }
    treaties = [_encode_pieces(tid, p) for tid, p in table.pieces.items()]
    return json.dumps({"format": FORMAT, "knowledge": knows, "treaties": treaties}).encode()


class _Shared:
    """Values several answers of a treaty hold, each stored once and named by its index."""

    def __init__(self) -> None:
        self.steps: dict[Step, int] = {}
        self.texts: dict[tuple[str, ...], int] = {}
        self.bases: dict[tuple[int, ...], int] = {}

    def text(self, values: tuple[str, ...]) -> int:
        return self.texts.setdefault(values, len(self.texts))

    def basis(self, steps: tuple[Step, ...]) -> int:
        ids = tuple(self.steps.setdefault(s, len(self.steps)) for s in steps)
        return self.bases.setdefault(ids, len(self.bases))


def _encode_pieces(treaty_id: str, p: Pieces) -> dict[str, Any]:
    shared = _Shared()
    answers = [_encode_answer(treaty_id, a, shared) for a in p.answers]
    return {
        "id": treaty_id,
        "title": p.answers[0].title,
        "cuts": [d.isoformat() for d in p.cuts],
        "steps": [[s.text, s.article, s.event, s.date, s.source, s.uncertain] for s in shared.steps],
        "texts": [list(t) for t in shared.texts],
        "bases": [list(b) for b in shared.bases],
        "answers": answers,
    }


def _encode_answer(treaty_id: str, a: StatusAnswer, shared: _Shared) -> list[Any]:
    if a.extra or a.id != treaty_id:
        raise ValueError(f"{treaty_id}: a status table holds the treaty's answers without a party, not {a}")
    return [
        a.status,
        a.reason,
        _iso(a.since),
        _iso(a.until),
        shared.text(a.parties),
        a.summary,
        shared.basis(a.basis),
        shared.text(a.sources),
        shared.text(a.possible),
        a.assumption,
        shared.basis(a.depends_on),
        a.reading,
    ]


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


# ---------------------------------------------------------------- reading it back, checked


def decode(data: bytes) -> StatusTable:
    """The table ``encode`` wrote; ``ValueError`` (or ``KeyError``, ``TypeError``) for anything else."""
    d = json.loads(data)
    if type(d) is not dict or d.get("format") != FORMAT:
        raise ValueError("not a status table of this format")
    k = d["knowledge"]
    knowledge = Knowledge(
        _texts(k["ids"]),
        _maybe(_text, k["reading"]),
        frozenset(_texts(k["readers"])),
        _maybe(_day, k["as_of"]),
        _maybe(_day, k["knowledge_date"]),
        {_text(t): _day(v) for t, v in _mapping(k["treaty_knowledge"]).items()},
    )
    pieces = {_text(t["id"]): _decode_pieces(_mapping(t)) for t in _list(d["treaties"])}
    if tuple(pieces) != knowledge.ids:
        raise ValueError("the table's treaties are not the corpus' treaties")
    return StatusTable(knowledge, pieces)


def _decode_pieces(t: Mapping[str, Any]) -> Pieces:
    cuts = tuple(_day(c) for c in _list(t["cuts"]))
    if list(cuts) != sorted(set(cuts)):
        raise ValueError("cuts out of order")
    steps = tuple(_step(s) for s in _list(t["steps"]))
    texts = [_texts(x) for x in _list(t["texts"])]
    bases = [tuple(_at(steps, i) for i in _list(b)) for b in _list(t["bases"])]
    answers = _list(t["answers"])
    if len(answers) != len(cuts) + 1:
        raise ValueError("one answer per piece")
    head = (_text(t["id"]), _text(t["title"]))
    return Pieces(
        cuts, tuple(_answer(head, a, day, texts, bases) for a, day in zip(answers, (MIN_DAY, *cuts), strict=True))
    )


def _step(s: Any) -> Step:
    text, article, event, date, source, uncertain = _list(s)
    if type(uncertain) is not bool:
        raise ValueError("uncertain: a boolean")
    return Step(
        _text(text), _maybe(_text, article), _maybe(_text, event), _maybe(_text, date), _maybe(_text, source), uncertain
    )


def _answer(
    head: tuple[str, str],
    a: Any,
    day: dt.date,
    texts: Sequence[tuple[str, ...]],
    bases: Sequence[tuple[Step, ...]],
) -> StatusAnswer:
    status, reason, since, until, parties, summary, basis, sources, possible, assumption, depends, reading = _list(a)
    return StatusAnswer(
        date=day,
        id=head[0],
        title=head[1],
        status=_text(status),
        reason=_maybe(_text, reason),
        since=_maybe(_day, since),
        until=_maybe(_day, until),
        parties=_at(texts, parties),
        summary=_text(summary),
        basis=_at(bases, basis),
        sources=_at(texts, sources),
        possible=_at(texts, possible),
        assumption=_maybe(_text, assumption),
        depends_on=_at(bases, depends),
        reading=_maybe(_text, reading),
    )


_STR = {str}


def _text(v: Any) -> str:
    if type(v) is not str:
        raise ValueError(f"expected text, got {type(v).__name__}")
    return v


def _texts(v: Any) -> tuple[str, ...]:
    if not set(map(type, _list(v))) <= _STR:
        raise ValueError("expected a list of texts")
    return tuple(v)


def _day(v: Any) -> dt.date:
    return dt.date.fromisoformat(_text(v))


def _at(values: Sequence[T], i: Any) -> T:
    """``values[i]`` for an index ``encode`` wrote (never negative)."""
    if type(i) is not int or not 0 <= i < len(values):
        raise ValueError("not an index of the table")
    return values[i]


def _list(v: Any) -> list[Any]:
    if type(v) is not list:
        raise ValueError(f"expected a list, got {type(v).__name__}")
    return v


def _mapping(v: Any) -> dict[str, Any]:
    if type(v) is not dict:
        raise ValueError(f"expected a mapping, got {type(v).__name__}")
    return v


def _maybe(read: Callable[[Any], Any], v: Any) -> Any:
    return None if v is None else read(v)
