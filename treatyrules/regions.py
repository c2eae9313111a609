"""Named regions (``rules/regions.yaml``): the areas an obligation's location condition names.

A region lists the states whose territory lies in it (``partial`` when only part of it does, e.g.
the United States in the Pacific area), states plainly outside it (``excluded``), and the treaty
text and source that define it. Scenarios ask ``Region.place(code, day)``: ``in``, ``out``,
``partial`` or ``unlisted``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any, Literal

from pydantic import Field, StrictBool, ValidationError

from .errors import Problem, closest
from .loader import RulesFolder, pydantic_problems
from .schema import Code, Model, PDate
from .states import Registry
from .yamlfile import locate

__all__ = ["Place", "Region", "RegionMember", "Regions", "load_regions", "region_problems"]

Place = Literal["in", "out", "partial", "unlisted"]


class RegionMember(Model):
    """A state (or the territory it holds) in a region, maybe only in part or only for a while."""

    code: Code
    partial: StrictBool = False
    since: PDate | None = None
    until: PDate | None = None
    note: str | None = None

    def applies(self, day: dt.date) -> bool:
        return (self.since is None or self.since.earliest <= day) and (self.until is None or day < self.until.earliest)


class Region(Model):
    """A named area: what it covers, in the treaty's words, with its source.

    >>> r = Region(name="x", description="X area", source="s",
    ...            members=[{"code": "AUS"}, {"code": "USA", "partial": True}], excluded=["TWN"])
    >>> [r.place(c, dt.date(2000, 1, 1)) for c in ("AUS", "USA", "TWN", "FRA")]
    ['in', 'partial', 'out', 'unlisted']
    """

    name: str = Field(pattern=r"^[a-z0-9][a-z0-9-]*$")
    description: str = Field(min_length=1)
    treaties: list[str] = Field(default_factory=list)
    text: str | None = None
    text_is_paraphrase: StrictBool = False
    source: str = Field(min_length=1)
    members: list[RegionMember] = Field(default_factory=list)
    excluded: list[Code] = Field(default_factory=list)
    note: str | None = None

    def place(self, code: str, day: dt.date) -> Place:
        """Where a state's territory lies relative to this region on a day."""
        for m in self.members:
            if m.code == code and m.applies(day):
                return "partial" if m.partial else "in"
        if code in self.excluded:
            return "out"
        return "unlisted"


class _RegionsFile(Model):
    regions: list[Region] = Field(default_factory=list)


class Regions(Mapping[str, Region]):
    """The regions of a rules folder, by name (read-only)."""

    def __init__(self, regions: Iterable[Region] = ()) -> None:
        self._by_name: Mapping[str, Region] = MappingProxyType({r.name: r for r in regions})

    def __getitem__(self, name: str) -> Region:
        return self._by_name[name]

    def __iter__(self) -> Any:
        return iter(self._by_name)

    def __len__(self) -> int:
        return len(self._by_name)

    def describe(self, name: str) -> str:
        """A region's description, or its bare name when the folder does not define it."""
        r = self._by_name.get(name)
        return r.description if r is not None else name


def _parse(folder: RulesFolder) -> tuple[_RegionsFile | None, list[Problem]]:
    data = folder.extra.get("regions.yaml")
    if data is None:
        return None, []
    body, marks = data
    f = str(folder.root / "regions.yaml")
    try:
        return _RegionsFile.model_validate(body), []
    except ValidationError as exc:
        return None, pydantic_problems(exc, f, marks)


def load_regions(folder: RulesFolder | None) -> Regions:
    """The valid regions of a folder (none when it has no ``regions.yaml`` or it is invalid)."""
    if folder is None:
        return Regions()
    parsed, _ = _parse(folder)
    return Regions(parsed.regions if parsed else ())


def region_problems(folder: RulesFolder, registry: Registry) -> list[Problem]:
    """Schema errors in ``regions.yaml``, unknown codes in it, and obligations naming unknown regions."""
    parsed, out = _parse(folder)
    names: set[str] = set()
    rfile = str(folder.root / "regions.yaml")
    if parsed is not None:
        marks = folder.extra["regions.yaml"][1]
        seen: set[str] = set()
        for i, r in enumerate(parsed.regions):
            if r.name in seen:
                line, col = locate(("regions", i, "name"), marks)
                out.append(
                    Problem(
                        rfile,
                        line,
                        col,
                        f"region {r.name!r} defined twice; rename or merge them",
                        f"regions.{i}.name",
                        code="duplicate_region",
                    )
                )
            seen.add(r.name)
            codes: list[tuple[tuple[str | int, ...], str]] = [
                (("regions", i, "members", j, "code"), m.code) for j, m in enumerate(r.members)
            ]
            codes += [(("regions", i, "excluded", j), c) for j, c in enumerate(r.excluded)]
            for where, code in codes:
                if code not in registry:
                    line, col = locate(where, marks)
                    out.append(
                        Problem(
                            rfile,
                            line,
                            col,
                            f"unknown state code {code!r}; add it to states.yaml",
                            ".".join(map(str, where)),
                            code="unknown_state",
                        )
                    )
        names = seen
    return out + _unknown_regions(folder, names)


def _unknown_regions(folder: RulesFolder, names: set[str]) -> list[Problem]:
    """Obligations naming a region ``regions.yaml`` does not define (in ``regions`` or ``forces_regions``)."""
    out: list[Problem] = []
    for tid, t in sorted(folder.treaties.items()):
        located = [
            (at, i, where)
            for at, obs in t.obligation_lists()
            for i, ob in enumerate(obs)
            if (where := ob.conditions.location) is not None and (where.regions or where.forces_regions)
        ]
        for at, i, where in located:
            named = [("regions", j, n) for j, n in enumerate(where.regions)]
            named += [("forces_regions", j, n) for j, n in enumerate(where.forces_regions)]
            for key, j, name in named:
                if name in names:
                    continue
                f = str(folder.files.get(tid, folder.root / "treaties" / f"{tid}.yaml"))
                loc: tuple[str | int, ...] = (*at, i, "conditions", "location", key, j)
                line, col = locate(loc, folder.marks.get(f, {}))
                hint = closest(name, sorted(names))
                sug = f"; did you mean {', '.join(hint)}?" if hint else "; define it in regions.yaml"
                out.append(
                    Problem(
                        f, line, col, f"unknown region {name!r}{sug}", ".".join(map(str, loc)), code="unknown_region"
                    )
                )
    return out
