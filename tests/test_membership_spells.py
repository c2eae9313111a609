"""Memberships beyond one spell: a withdrawn notice, leaving and rejoining, a suspended party, a state
outside the interstate system; readings that add obligations; facts that change no status."""

from __future__ import annotations

import datetime as dt
from typing import Any

from treatyrules import Corpus, Treaty
from treatyrules.states import State

D = dt.date.fromisoformat
STATES = [State(code=c, name=c) for c in ("AAA", "BBB", "CCC")]
ONE = dt.timedelta(days=1)


def treaty(events: list[dict[str, Any]], **extra: Any) -> Treaty:
    """A three-party treaty in force from 2000-01-01, denounceable with two years' notice."""
    base = [
        {"type": "signed", "date": "1999-06-01"},
        {"type": "entered_into_force", "date": "2000-01-01"},
    ]
    return Treaty.model_validate(
        {
            "id": "AAA-BBB-CCC-1999",
            "title": "Test treaty",
            "parties": ["AAA", "BBB", "CCC"],
            "clauses": {"denunciation": {"article": "25", "notice": "P2Y"}},
            "obligations": [{"article": "3", "kind": "defence"}],
            "events": [{"source": "test", **e} for e in [*base, *events]],
            **extra,
        }
    )


def member(t: Treaty, code: str, states: list[State] | None = None, **options: Any) -> Any:
    return Corpus([t], states or STATES, **options).life(t.id).memberships[code]


def at(ms: Any, day: str) -> str:
    return str(ms.timeline.at(D(day)).status)


def test_a_notice_withdrawn_before_it_takes_effect_has_none() -> None:
    notice = {"type": "notice_of_denunciation", "party": "CCC", "date": "2019-09-24"}
    withdrawn = {"type": "notice_withdrawn", "party": "CCC", "date": "2020-03-10"}
    ms = member(treaty([notice, withdrawn]), "CCC")
    assert at(ms, "2021-09-24") == "in_force" and ms.end is None
    life = Corpus([treaty([notice, withdrawn])], STATES).life("AAA-BBB-CCC-1999")
    assert any("withdrew its notice of denunciation" in s.text for s in life.steps)
    # without the withdrawal the notice takes effect two years later, on both sides of the day
    ms = member(treaty([notice]), "CCC")
    assert (at(ms, "2021-09-23"), at(ms, "2021-09-24")) == ("in_force", "terminated")


def test_a_withdrawal_after_the_effect_changes_nothing_and_says_so() -> None:
    notice = {"type": "notice_of_denunciation", "party": "CCC", "date": "2019-09-24"}
    late = {"type": "notice_withdrawn", "party": "CCC", "date": "2021-09-24"}
    life = Corpus([treaty([notice, late])], STATES).life("AAA-BBB-CCC-1999")
    assert at(life.memberships["CCC"], "2021-09-24") == "terminated"
    assert [c.code for c in life.checks] == ["withdrawn_too_late"]
    nothing = {"type": "notice_withdrawn", "party": "BBB", "date": "2021-01-01"}
    assert [c.code for c in Corpus([treaty([nothing])], STATES).life("AAA-BBB-CCC-1999").checks] == [
        "nothing_withdrawn"
    ]


def test_a_party_that_left_and_rejoined_has_two_spells() -> None:
    events = [
        {"type": "notice_of_denunciation", "party": "CCC", "date": "2003-01-01"},
        {"type": "accession", "party": "CCC", "date": "2006-08-16"},
        {"type": "withdrawal", "party": "CCC", "date": "2012-12-19"},
    ]
    ms = member(treaty(events), "CCC")
    assert len(ms.spells) == 2
    days = {
        "2004-12-31": "in_force",
        "2005-01-01": "terminated",
        "2006-08-15": "terminated",
        "2006-08-16": "in_force",
        "2012-12-18": "in_force",
        "2012-12-19": "terminated",
    }
    assert {d: at(ms, d) for d in days} == days
    c = Corpus([treaty(events)], STATES)
    assert {o.obligor for o in c.obligations("2008-01-01", beneficiary="AAA")} == {"BBB", "CCC"}
    assert {o.obligor for o in c.obligations("2005-06-01", beneficiary="AAA")} == {"BBB"}


def test_a_suspended_party_owes_and_is_owed_nothing_while_the_treaty_stays_in_force() -> None:
    events = [
        {"type": "suspension", "party": "AAA", "date": "2024-02-22"},
        {"type": "resumption", "party": "AAA", "date": "2025-01-01"},
    ]
    c = Corpus([treaty(events)], STATES)
    ms = c.life("AAA-BBB-CCC-1999").memberships["AAA"]
    assert (at(ms, "2024-02-21"), at(ms, "2024-02-22"), at(ms, "2025-01-01")) == ("in_force", "suspended", "in_force")
    assert c.status("AAA-BBB-CCC-1999", "2024-06-01").status == "in_force"
    assert not c.obligations("2024-06-01", obligor="AAA") and not c.obligations("2024-06-01", beneficiary="AAA")
    assert {o.obligor for o in c.obligations("2024-02-21", beneficiary="BBB")} == {"AAA", "CCC"}
    assert {o.obligor for o in c.obligations("2025-01-01", beneficiary="BBB")} == {"AAA", "CCC"}


def test_a_state_outside_the_system_is_not_a_party_on_those_days() -> None:
    gap = [{"since": "1816-01-01", "until": "2005-01-01"}, {"since": "2006-01-01"}]
    states = [State(code="AAA", name="A", system=gap), *STATES[1:]]
    c = Corpus([treaty([])], states)
    ms = c.life("AAA-BBB-CCC-1999").memberships["AAA"]
    assert (at(ms, "2004-12-31"), at(ms, "2005-01-01"), at(ms, "2005-12-31"), at(ms, "2006-01-01")) == (
        "in_force",
        "suspended",
        "suspended",
        "in_force",
    )
    assert "outside the interstate system" in ms.timeline.at(D("2005-06-01")).summary
    assert not c.obligations("2005-06-01", beneficiary="AAA")


def test_a_reading_can_add_an_obligation() -> None:
    reading = {
        "name": "mutual",
        "description": "the text is mutual",
        "sources": ["test"],
        "obligations": [{"article": "5", "kind": "defence", "obligors": ["BBB"], "beneficiaries": ["AAA"]}],
    }
    one_way = [{"article": "5", "kind": "defence", "obligors": ["AAA"], "beneficiaries": ["BBB"]}]
    t = treaty([], obligations=one_way, readings=[reading])
    text = Corpus([t], STATES)
    assert [(o.obligor, o.beneficiary) for o in text.obligations("2001-01-01")] == [("AAA", "BBB")]
    read = text.with_options(reading="mutual")
    assert [(o.obligor, o.beneficiary) for o in read.obligations("2001-01-01")] == [("AAA", "BBB"), ("BBB", "AAA")]


def test_invocations_and_reaffirmations_are_facts_that_change_no_status() -> None:
    events = [{"type": "invoked", "party": "AAA", "date": "2015-11-17"}, {"type": "reaffirmed", "date": "2016-01-01"}]
    c = Corpus([treaty(events)], STATES)
    life = c.life("AAA-BBB-CCC-1999")
    assert [s.text for s in life.steps if s.event in ("invoked", "reaffirmed")] == [
        "invoked by AAA on 2015-11-17",
        "reaffirmed on 2016-01-01",
    ]
    assert life.timeline.change_days() == Corpus([treaty([])], STATES).life("AAA-BBB-CCC-1999").timeline.change_days()


def test_an_open_ended_entry_into_force_says_no_latest_day() -> None:
    t = Treaty.model_validate(
        {
            "id": "AAA-BBB-2025",
            "title": "t",
            "parties": ["AAA", "BBB"],
            "events": [
                {"type": "signed", "date": "2025-05-09", "source": "t"},
                {"type": "entered_into_force", "date": "2025-05-09/..", "source": "t"},
            ],
        }
    )
    a = Corpus([t], STATES).status("AAA-BBB-2025", "2026-01-01")
    assert a.status == "unknown" and "9999" not in a.summary
    assert "on or after 2025-05-09" in a.summary and "no source gives a latest day" in a.summary


def test_two_members_that_merge_keep_one_membership() -> None:
    """The two Yemens, 1990-05-22: the earlier member's membership continues as the united state's."""
    states = [
        State(code="AAA", name="A", ended="2010-01-01", succession="merger", continuator="CCC"),
        State(code="BBB", name="B", ended="2010-01-01", succession="merger", continuator="CCC"),
        State(code="CCC", name="C", began="2010-01-01"),
        State(code="DDD", name="D"),
    ]
    t = treaty([]).model_copy(update={"parties": ["AAA", "BBB", "DDD"]})
    c = Corpus([t], states)
    life = c.life(t.id)
    assert (at(life.memberships["BBB"], "2009-12-31"), at(life.memberships["BBB"], "2010-01-01")) == (
        "in_force",
        "terminated",
    )
    assert at(life.memberships["AAA"], "2010-01-01") == "in_force"
    pairs = [(o.obligor, o.beneficiary) for o in c.obligations("2011-01-01")]
    assert sorted(pairs) == [("CCC", "DDD"), ("DDD", "CCC")]  # once each, and nobody owes itself
