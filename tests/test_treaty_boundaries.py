"""Both sides of every boundary day of every shipped treaty and of each of its memberships
(the tables in ``tests/treaties/``; see ``tests/boundaries.py``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

import treatyrules

from . import boundaries

SHIPPED = treatyrules.load()
ONE = dt.timedelta(days=1)


def _cases() -> list[tuple[str, str | None, dict[str, Any]]]:
    out: list[tuple[str, str | None, dict[str, Any]]] = []
    for tid in SHIPPED.ids:
        table = boundaries.load(tid)
        out += [(tid, None, r) for r in table["treaty"]]
        out += [(tid, m, r) for m, rs in table.get("members", {}).items() for r in rs]
    return out


CASES = _cases()


@pytest.mark.parametrize(("tid", "member", "row"), CASES, ids=[f"{t}-{m or 'treaty'}-{r['on']}" for t, m, r in CASES])
def test_both_sides_of_the_boundary(tid: str, member: str | None, row: dict[str, Any]) -> None:
    life = SHIPPED.life(tid)
    timeline = life.timeline if member is None else life.memberships[member].timeline
    day = dt.date.fromisoformat(str(row["on"]))
    before, after = timeline.at(day - ONE), timeline.at(day)
    assert (before.status, after.status) == (row["before"], row["after"])
    assert after.reason == row.get("reason")
    assert after.start == day and before.end == day  # half-open: the boundary is the first day of the new status


@pytest.mark.parametrize("tid", SHIPPED.ids)
def test_every_change_day_is_in_the_table(tid: str) -> None:
    """Nothing untested: each change day of the treaty and of each membership is a row of its table."""
    table = boundaries.load(tid)
    life = SHIPPED.life(tid)
    listed = {str(r["on"]) for r in table["treaty"]}
    assert {d.isoformat() for d in life.timeline.change_days()} == listed
    members = table.get("members")
    if members is not None:
        for m, ms in life.memberships.items():
            assert {d.isoformat() for d in ms.timeline.change_days()} == {str(r["on"]) for r in members.get(m, [])}, m


def _involved(tid: str, member: str, day: dt.date) -> bool:
    code = SHIPPED.registry.code_on(member, day) if member in SHIPPED.registry else member
    return any(code in (o.obligor, o.beneficiary) for o in SHIPPED.obligations(day, treaty=tid))


def _merged(tid: str, member: str, day: dt.date) -> bool:
    """Whether another member in force is the same state on the day (the two Yemens from 1990-05-22)."""
    reg = SHIPPED.registry
    code = reg.code_on(member, day) if member in reg else member
    others = SHIPPED.life(tid).memberships.items()
    return any(m != member and m in reg and reg.code_on(m, day) == code for m, _ in others)


@pytest.mark.parametrize(
    ("tid", "member", "row"),
    [c for c in CASES if c[1] is not None],
    ids=[f"{t}-{m}-{r['on']}" for t, m, r in CASES if m is not None],
)
def test_a_member_owes_and_is_owed_only_while_in_force(tid: str, member: str, row: dict[str, Any]) -> None:
    """On each side of a membership boundary: no obligation of the treaty involves a member not in
    force; one declared between all parties involves it while it and another member are in force."""
    life = SHIPPED.life(tid)
    mutual = any(o.obligors == "all" and o.beneficiaries == "all" for o in life.treaty.obligations)
    day = dt.date.fromisoformat(str(row["on"]))
    for d in (day - ONE, day):
        mine = life.memberships[member].timeline.at(d).status
        others = any(m != member and ms.timeline.at(d).status == "in_force" for m, ms in life.memberships.items())
        if mine not in ("in_force", "unknown") and not _merged(tid, member, d):
            assert not _involved(tid, member, d), d  # (an uncertain membership gives uncertain obligations)
        elif mine == "in_force" and mutual and others and life.timeline.at(d).status == "in_force":
            assert _involved(tid, member, d), d
