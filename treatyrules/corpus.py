"""``Corpus``, the user-facing corpus, and ``load``: a thin facade over the compiled core.

Every question is answered by the module that owns it (``queries.status``, ``queries.obligations``,
``scenario``, ``panel``, ``mix``); ``Corpus`` only holds a ``CompiledCorpus`` and delegates, so the
core sits below its consumers and the facade above them. Immutable and pure.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .collector import paused_gc
from .compiled import CompiledCorpus, DateLike, Overlap, compile_corpus
from .dates import PartialDate, parse_date, parse_period
from .display import Answers, clipped, counted, model_html, plain, pretty_lines, wrapped, yaml_text
from .errors import Problem, RulesError, UsageError
from .foldercache import read_folder_cached, read_states_cached
from .folderfiles import shipped_rules
from .lifecycle import Life
from .loader import RulesFolder, read_folder
from .queries import obligations as _obligations
from .queries import status as _status
from .queries.obligations import ObligationAnswer
from .queries.status import PeriodAnswer, StatusAnswer
from .regions import Regions, region_problems
from .schema import Reading, Treaty
from .states import Registry, State
from .timeline import Segment
from .validate import cross_checks, relative

if TYPE_CHECKING:  # imported where used, so that ``status`` loads none of them
    from .cascade import CascadeAnswer
    from .panel import Columns
    from .scenario import ScenarioAnswer

__all__ = ["Corpus", "PeriodAnswer", "StatusAnswer", "checked_folder", "load", "validate_folder"]


#: a corpus of at most this many treaties shows their YAML in IPython and hypothesis
PRETTY_TREATIES = 5


class Corpus:
    """A compiled set of treaties over a state registry.

    >>> c = load()
    >>> c.status("CHN-PRK-1961", "1995-01-01").status
    'in_force'
    """

    __slots__ = ("compiled",)
    compiled: CompiledCorpus

    def __init__(
        self,
        treaties: Mapping[str, Treaty] | Iterable[Treaty],
        states: Registry | Iterable[State],
        *,
        as_of: DateLike | None = None,
        reading: str | None = None,
        knowledge_date: DateLike | PartialDate | None = None,
        root: Path | None = None,
        folder: RulesFolder | None = None,
        digest: str | None = None,
    ) -> None:
        registry = states if isinstance(states, Registry) else Registry(states)
        core = compile_corpus(
            treaties,
            registry,
            as_of=as_of,
            reading=reading,
            knowledge_date=knowledge_date,
            root=root,
            folder=folder,
            digest=digest,
        )
        object.__setattr__(self, "compiled", core)

    @classmethod
    def of(cls, compiled: CompiledCorpus) -> Corpus:
        """The facade over an already compiled corpus."""
        out = cls.__new__(cls)
        object.__setattr__(out, "compiled", compiled)
        return out

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Corpus is immutable; use with_options(...) or merge(...) for another ({name!r})")

    # ------------------------------------------------------------ how it shows itself
    def brief(self) -> str:
        """One line: ``35 treaties over 215 states; knowledge date 2024-12-04`` (as-of day, reading, overlaps)."""
        c = self.compiled
        said = [f"{counted(len(c.treaties), 'treaty', 'treaties')} over {counted(len(c.registry.states), 'state')}"]
        said += [f"knowledge date {c.knowledge_date}"] if c.knowledge_date else []
        said += [f"as of {c.as_of}"] if c.as_of else []
        said += [f"reading {c.reading}"] if c.reading else []
        said += [counted(len(c.overlaps), "overlap")] if c.overlaps else []
        return "; ".join(said)

    def __repr__(self) -> str:
        return f"<Corpus {self.brief()}>"

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        """IPython and hypothesis: a small corpus as its ids and the YAML of its treaties, a large one
        as its ids (``PRETTY_TREATIES``)."""
        if cycle:
            pretty_lines(p, [repr(self)])
            return
        ts = list(self.treaties.values())
        lines = [f"Corpus: {self.brief()}", *wrapped("ids: " + ", ".join(t.id for t in ts))]
        if len(ts) <= PRETTY_TREATIES:
            lines += [ln for t in ts for ln in [f"--- # {t.id}", *yaml_text(plain(t)).splitlines()]]
        pretty_lines(p, lines)

    def _repr_html_(self) -> str:
        rows = [
            (
                t.id,
                clipped(t.title, 80),
                len(t.parties),
                next((e.date.raw for e in t.events if e.type == "signed"), None),
            )
            for t in self.treaties.values()
        ]
        return model_html(f"Corpus: {self.brief()}", ("treaty", "title", "parties", "signed"), rows)

    # ------------------------------------------------------------ the compiled core
    @property
    def ids(self) -> list[str]:
        return self.compiled.ids

    @property
    def treaties(self) -> Mapping[str, Treaty]:
        return self.compiled.treaties

    @property
    def registry(self) -> Registry:
        return self.compiled.registry

    @property
    def regions(self) -> Regions:
        """The named regions of the rules folder (``regions.yaml``)."""
        return self.compiled.regions

    @property
    def as_of(self) -> dt.date | None:
        return self.compiled.as_of

    @property
    def reading(self) -> str | None:
        return self.compiled.reading

    @property
    def knowledge_date(self) -> dt.date | None:
        return self.compiled.knowledge_date

    @property
    def declared_knowledge_date(self) -> dt.date | None:
        return self.compiled.declared_knowledge_date

    @property
    def overlaps(self) -> tuple[Overlap, ...]:
        """Treaties left out when corpora were merged (``Overlap(atopid, kept, dropped)``)."""
        return self.compiled.overlaps

    @property
    def root(self) -> Path | None:
        return self.compiled.root

    @property
    def digest(self) -> str | None:
        """Content hash of the rules folder (keys the compiled cache)."""
        return self.compiled.digest

    def resolve(self, treaty_id: str | int) -> str:
        """The canonical id of the treaty a user names: an id or alias in any case, an ATOP atopid
        (``3440``, ``"ATOP-3440"``; in a mix, of an alliance a hand-coded treaty replaced), an id with
        other state codes (``CHN-USSR-1950``) or words of its title (``Sino-Soviet``): ``treatyrules.lookup``.

        >>> load().resolve("Sino-Soviet"), load().resolve(3440)
        ('CHN-SUN-1950', 'SUN-PRK-1961')
        """
        return self.compiled.resolve(treaty_id)

    def treaty(self, treaty_id: str | int) -> Treaty:
        """The rules of a treaty (named as ``resolve`` reads it)."""
        return self.compiled.treaty(treaty_id)

    def life(self, treaty_id: str | int) -> Life:
        """The evaluated life (timeline, memberships, checks) of a treaty."""
        return self.compiled.life(treaty_id)

    def timeline(self, treaty_id: str) -> list[Segment]:
        """Every status interval of a treaty."""
        return list(self.life(treaty_id).timeline.segments)

    def readings(self) -> list[tuple[str, Reading]]:
        """Every declared reading as ``(treaty id, reading)``, by treaty id then declaration order."""
        return self.compiled.readings()

    def reading_for(self, treaty_id: str) -> str | None:
        """The reading a treaty is evaluated under here (``None``: the text, which it declares no reading for)."""
        return self.compiled.reading_for(treaty_id)

    def assumption_for(self, day: DateLike) -> str | None:
        """What an answer about ``day`` assumes: no events after the knowledge date (or the as-of day)."""
        return self.compiled.assumption_for(parse_date(day))

    def problems(self) -> list[Problem]:
        """The derivation's findings for ``validate`` (recorded ends that disagree, notices without clause...)."""
        return self.compiled.problems()

    # ------------------------------------------------------------ other corpora
    def with_options(self, *, as_of: DateLike | None = None, reading: str | None = None) -> Corpus:
        """The same rules evaluated as of another day or under a reading (a new corpus)."""
        return Corpus.of(self.compiled.with_options(as_of=as_of, reading=reading))

    def merge(self, other: Corpus) -> Corpus:
        """This corpus and ``other`` as one; this one's treaties win overlaps (``treatyrules.mix``).

        The treaties of ``other`` that describe a treaty already here (same ``atopid`` or id) are left
        out and listed in ``overlaps``; imported ``COW<ccode>`` states map to this registry's states.
        """
        from .mix import merge

        return Corpus.of(merge(self.compiled, other.compiled))

    # ------------------------------------------------------------ questions
    def status(self, treaty_id: str, on: DateLike) -> StatusAnswer:
        """The status of a treaty on a day, with its reason, interval and basis."""
        return _status.status(self.compiled, treaty_id, on)

    def status_code(self, treaty_id: str, on: dt.date) -> str:
        """Only the status word of a treaty on a day: the lean path for many point queries.

        ``treaty_id`` must be a canonical id (see ``resolve``) and ``on`` a ``datetime.date`` (it skips
        the reading of other date forms that every other call does: ``dates.parse_date``).
        """
        return self.compiled.lives[treaty_id].timeline.at(on).status

    def statuses(
        self, on: DateLike, *, party: str | None = None, in_force: bool = False, signed_only: bool = True
    ) -> Answers[StatusAnswer]:
        """Every treaty's status on a day (by id), optionally only a party's or only those in force.

        A list (``treatyrules.display.Answers``) that shows itself short and has ``to_pandas``,
        ``to_polars``, ``to_arrow``."""
        out = _status.statuses(self.compiled, on, party=party, in_force=in_force, signed_only=signed_only)
        title = _title("Status", parse_date(on), {"party": party}, in_force=in_force)
        return Answers(out, of=StatusAnswer, title=title)

    def status_over(self, treaty_id: str, period: DateLike | PartialDate) -> PeriodAnswer:
        """Which statuses a treaty had over a whole period (``1996``, ``1996-09``, ``1995/1996``)."""
        return _status.status_over(self.compiled, treaty_id, period)

    def statuses_over(
        self,
        period: DateLike | PartialDate,
        *,
        party: str | None = None,
        in_force: bool = False,
        signed_only: bool = True,
    ) -> Answers[PeriodAnswer]:
        """``status_over`` for every treaty (by id), with the filters of ``statuses`` (a list, as ``statuses``)."""
        out = _status.statuses_over(self.compiled, period, party=party, in_force=in_force, signed_only=signed_only)
        return Answers(
            out,
            of=PeriodAnswer,
            title=_title("Status", parse_period(period).raw, {"party": party}, over=True, in_force=in_force),
        )

    def parties_on(self, life: Life, day: DateLike) -> tuple[str, ...]:
        """Party codes on a day: members in force (canonical codes on that day), else the original parties."""
        return _status.parties_on(self.compiled, life, parse_date(day))

    def obligations(
        self,
        on: DateLike,
        *,
        kind: str | None = None,
        obligor: str | None = None,
        beneficiary: str | None = None,
        treaty: str | None = None,
    ) -> Answers[ObligationAnswer]:
        """Who owes whom what on a day (codes canonical on that day; filters follow continuity; ``kind``
        in the engine's or ATOP's spelling: ``defence``, ``defense``, ``nonagg``); a list, as ``statuses``."""
        c = self.compiled
        out = _obligations.obligations(c, on, kind=kind, obligor=obligor, beneficiary=beneficiary, treaty=treaty)
        filters = {"kind": kind, "obligor": obligor, "beneficiary": beneficiary, "treaty": treaty}
        return Answers(out, of=ObligationAnswer, title=_title("Obligations", parse_date(on), filters))

    def scenario(
        self, on: DateLike, attacked: str, attacker: str | None = None, location: str | None = None
    ) -> ScenarioAnswer:
        """If ``attacked`` were attacked on a day: who is bound to defend it, and what needs judging."""
        from .scenario import scenario

        return scenario(self.compiled, parse_date(on), attacked, attacker, location)

    def cascade(
        self,
        on: DateLike,
        *,
        attacker: str,
        attacked: str,
        location: str | None = None,
        max_rounds: int | None = None,
        defence_is_attack: str = "no",
    ) -> CascadeAnswer:
        """If ``attacker`` attacked ``attacked`` on a day: who the treaties draw in, round by round, on
        which side and through which articles (``treatyrules.cascade``; ``defence_is_attack``: no,
        judged or yes)."""
        from .cascade import cascade

        return cascade(
            self.compiled,
            parse_date(on),
            attacker,
            attacked,
            location=location,
            max_rounds=max_rounds,
            defence_is_attack=defence_is_attack,
        )

    def panel(
        self,
        unit: str = "directed-dyad-year",
        start: Any = 1815,
        end: Any = 2018,
        kinds: Iterable[str] | None = None,
        year_rule: str = "any-day",
        cow_only: bool = False,
        *,
        universe: str | None = None,
        with_treaties: bool = False,
        with_flags: bool = False,
        with_censoring: bool = False,
    ) -> Columns:
        """Obligations as a panel (``treatyrules.panel.panel``: the years as ints, ``"1990"``, dates or
        Timestamps; ``universe``, ``with_treaties``, ``with_flags``, ``with_censoring`` as there)."""
        from .panel import panel

        ks = list(kinds) if kinds is not None else None
        extra = {"with_treaties": with_treaties, "with_flags": with_flags, "with_censoring": with_censoring}
        return panel(self.compiled, unit, start, end, ks, year_rule, cow_only, universe=universe, **extra)


def _title(
    what: str, day: object, filters: Mapping[str, str | None], *, over: bool = False, in_force: bool = False
) -> str:
    """What a list of answers answers: ``Status on 1995-01-01, party PRK, in force only``."""
    said = [f"{k} {v}" for k, v in filters.items() if v is not None] + (["in force only"] if in_force else [])
    return ", ".join([f"{what} {'over' if over else 'on'} {day}", *said])


def _with_registry(folder: RulesFolder, root: Path, shipped: RulesFolder | None = None) -> RulesFolder:
    """The folder, reading its states from the shipped registry when it has no ``states.yaml``
    (from ``shipped``, the shipped folder, when it is already read).

    A folder with its own ``states.yaml`` uses exactly that registry: it replaces the shipped one and
    does not add to it, so an imported ATOP folder (``COW<ccode>`` states) or a test fixture stays
    self-contained. A folder without one (a few treaties of one's own beside the shipped corpus)
    relies on the shipped registry instead of copying it.
    """
    own = root / "states.yaml"
    if own.is_file() or not root.is_dir():
        return folder
    home = shipped_rules()
    if home.resolve() == root.resolve():
        return folder
    kept = [p for p in folder.problems if not (p.file == str(own) and p.code == "io")]
    states = shipped.states if shipped is not None else read_states_cached(home)[0]
    return replace(folder, states=list(states), problems=kept)


def _folder_problems(folder: RulesFolder, registry: Registry) -> list[Problem]:
    """Every problem of a folder that does not need the derivation: files, cross-file, regions."""
    return folder.problems + cross_checks(folder, registry) + region_problems(folder, registry)


def _check_paths(path: object) -> None:
    """``UsageError`` unless ``path`` is ``None``, a folder (text or ``os.PathLike``) or a list of folders."""
    folders = path if isinstance(path, (list, tuple)) else [] if path is None else [path]
    for i, p in enumerate(folders):
        if not isinstance(p, (str, os.PathLike)) or isinstance(os.fspath(p), bytes):
            where = f"item {i} of the list is" if folders is path else "got"
            raise UsageError(
                f"load takes a rules folder as text or a pathlib.Path, or a list of them; {where} {p!r}"
                + (" (decode bytes first: load(path.decode()))" if isinstance(p, bytes) else "")
                + "; load() with no argument reads the shipped corpus"
            )


def load(
    path: str | Path | Sequence[str | Path] | None = None, *, as_of: DateLike | None = None, reading: str | None = None
) -> Corpus:
    """Load and compile a rules folder (default: the shipped ``rules/``), or several merged in order.

    With a list of folders the first one's treaties win every overlap (``Corpus.merge``).
    Raises ``RulesError`` listing every problem when a folder is invalid, ``UsageError`` for a path
    that is not text or a ``pathlib.Path`` (bytes, a number, ``None`` inside a list).
    """
    _check_paths(path)
    if isinstance(path, (list, tuple)):
        if not path:
            return load(None, as_of=as_of, reading=reading)
        out = load(path[0], as_of=as_of)
        for p in path[1:]:
            out = out.merge(load(p, as_of=as_of))
        # the reading last: a folder alone need not declare it, only some treaty of the mix
        return out.with_options(as_of=as_of, reading=reading) if reading not in (None, "text") else out
    root = Path(path) if isinstance(path, (str, os.PathLike)) else shipped_rules()
    folder, registry, problems, digest = _read_checked(root)
    if any(p.severity == "error" for p in problems):
        raise RulesError(relative(problems, Path.cwd()))
    return _compiled(root, folder, registry, digest, as_of=as_of, reading=reading)


def _read_checked(
    root: Path, shipped: RulesFolder | None = None
) -> tuple[RulesFolder, Registry, list[Problem], str | None]:
    """A folder read (through the cache) with its registry, every problem that does not need the
    derivation, and its digest; a folder with errors is read again for their file:line:col."""
    folder, digest = read_folder_cached(root)
    folder = _with_registry(folder, root, shipped)
    registry = Registry(folder.states)
    problems = _folder_problems(folder, registry)
    errors = [p for p in problems if p.severity == "error"]
    if errors and digest is not None:  # re-read for file:line:col positions
        folder, digest = _with_registry(read_folder(root), root, shipped), None
        registry = Registry(folder.states)
        problems = _folder_problems(folder, registry)
    return folder, registry, problems, digest


def _compiled(
    root: Path,
    folder: RulesFolder,
    registry: Registry,
    digest: str | None,
    *,
    as_of: DateLike | None = None,
    reading: str | None = None,
) -> Corpus:
    kd = folder.meta.knowledge_date if folder.meta is not None else None
    return Corpus(
        folder.treaties,
        registry,
        as_of=as_of,
        reading=reading,
        knowledge_date=kd,
        root=root,
        folder=folder,
        digest=digest,
    )


def checked_folder(
    path: str | Path | None = None, *, shipped: RulesFolder | None = None
) -> tuple[list[Problem], Corpus | None]:
    """Every problem in a rules folder, warnings included (``validate_folder``), and the folder's corpus
    when it has no errors: read, checked and compiled once, so that ``validate`` merges the corpora of
    several folders without reading or compiling them again.

    ``shipped``: the shipped rules folder when it is already read (a folder without ``states.yaml``
    takes its states from it).
    """
    root = Path(path) if isinstance(path, (str, os.PathLike)) else shipped_rules()
    folder, registry, problems, digest = _read_checked(root, shipped)
    if any(p.severity == "error" for p in problems):
        return relative(problems, Path.cwd()), None
    corpus = _compiled(root, folder, registry, digest)
    return relative(problems + corpus.problems(), Path.cwd()), corpus


def validate_folder(path: str | Path | None = None) -> list[Problem]:
    """Every problem in a rules folder, warnings included, without raising."""
    with paused_gc():  # deriving allocates much and frees little; the corpus is freed before it resumes
        return checked_folder(path)[0]
