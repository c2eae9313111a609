"""The shipped state registry: reading codes, names, COW letters and ccodes (by date), existence,
succession and continuity, both sides of every boundary that the registry documents."""

from __future__ import annotations

import datetime as dt

import pytest

import treatyrules
from treatyrules.errors import AmbiguousStateError, UnknownStateError, UsageError
from treatyrules.folderfiles import shipped_rules
from treatyrules.loader import read_folder
from treatyrules.states import Registry

ONE = dt.timedelta(days=1)


def _d(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


@pytest.fixture(scope="module")
def reg() -> Registry:
    folder = read_folder(shipped_rules())
    assert folder.problems == []
    return Registry(folder.states)


def test_the_registry_is_consistent(reg: Registry) -> None:
    assert reg.problems() == []
    assert len(reg.states) == 226  # 217 COW states, 365 and 345 split (+3), six entities COW omits


# ---------------------------------------------------------------- ccodes and letters by date

CCODES = [
    # (ccode, day, state holding it that day)
    (365, "1922-12-29", "RUS"),
    (365, "1922-12-30", "SUN"),
    (365, "1985-01-01", "SUN"),
    (365, "1991-12-25", "SUN"),
    (365, "1991-12-26", "RUS"),
    (365, "1995-01-01", "RUS"),
    (255, "1914-07-28", "GMY"),
    (255, "1990-10-03", "DEU"),
    (260, "1990-10-02", "DEU"),
    (265, "1990-10-02", "DDR"),
    (345, "1918-11-30", "SRB"),
    (345, "1918-12-01", "YUG"),
    (345, "1992-04-26", "YUG"),
    (345, "1992-04-27", "SCG"),
    (345, "2006-06-04", "SCG"),
    (345, "2006-06-05", "SRB"),
    (816, "1980-01-01", "VNM"),
    (817, "1970-01-01", "RVN"),
    (678, "1980-01-01", "YAR"),
    (680, "1980-01-01", "YMD"),
    (679, "1995-01-01", "YEM"),
]


@pytest.mark.parametrize(("ccode", "day", "code"), CCODES)
def test_a_ccode_means_the_state_holding_it_on_the_day(reg: Registry, ccode: int, day: str, code: str) -> None:
    on = _d(day)
    assert reg.by_ccode(ccode, on) == code
    assert reg.resolve(ccode, on) == reg.resolve(str(ccode), on) == reg.resolve(f"ccode:{ccode}", on) == code
    assert reg.ccode(code, on) == ccode


def test_a_ccode_nobody_holds_on_the_day_means_its_last_holder(reg: Registry) -> None:
    # 255 between the German Reich (to 1949-05-23) and unified Germany (from 1990-10-03)
    assert reg.by_ccode(255, _d("1990-10-02")) is None
    assert reg.resolve(255, _d("1990-10-02")) == "GMY"
    assert reg.code_on("255", _d("1990-10-02")) == "DEU"  # whose place the FRG holds
    # 260 and 265 after 1990-10-03: nobody holds them, each only ever meant one state
    assert reg.by_ccode(260, _d("1990-10-03")) is None
    assert reg.by_ccode(265, _d("1990-10-03")) is None
    assert reg.resolve(260, _d("1990-10-03")) == "DEU"
    assert reg.resolve(265, _d("1990-10-03")) == "DDR"
    assert reg.code_on("265", _d("1990-10-03")) is None  # absorbed: its treaties lapse


def test_a_ccode_without_a_date_means_its_holder_now(reg: Registry) -> None:
    assert reg.resolve("365") == reg.canonical(365) == "RUS"
    assert reg.resolve("255") == reg.resolve("260") == "DEU"
    assert reg.resolve("345") == "SRB"
    assert reg.resolve("265") == "DDR"  # nobody holds it now: its last holder


def test_german_ccodes_change_on_unification(reg: Registry) -> None:
    before, on = _d("1990-10-02"), _d("1990-10-03")
    assert (reg.ccode("DEU", before), reg.ccode("DEU", on)) == (260, 255)
    assert (reg.letters("DEU", before), reg.letters("DEU", on)) == ("GFR", "GMY")
    assert reg.letters("GMY", _d("1914-07-28")) == "GMY"
    assert reg.ccode("DDR", before) == 265 and reg.ccode("DDR", on) is None


LETTERS = [
    ("cow:GMY", "1914-07-28", "GMY"),
    ("cow:GMY", "2000-01-01", "DEU"),
    ("cow:GFR", "1980-01-01", "DEU"),
    ("GFR", "1980-01-01", "DEU"),
    ("cow:RUS", "1985-01-01", "SUN"),
    ("cow:RUS", "1995-01-01", "RUS"),
    ("cow:YUG", "1914-07-28", "SRB"),
    ("cow:YUG", "1980-01-01", "YUG"),
    ("cow:YUG", "2000-01-01", "SCG"),
    ("cow:YUG", "2010-01-01", "SRB"),
    ("cow:CZE", "1950-01-01", "CSK"),
    ("cow:CZE", "2000-01-01", "CSK"),  # the Czech Republic's letters are CZR
    ("CZR", "2000-01-01", "CZE"),
    ("cow:AUS", "2000-01-01", "AUT"),  # COW's Austria ...
    ("AUS", "2000-01-01", "AUS"),  # ... and ISO's Australia: the registry code wins
    ("iso:AUS", "2000-01-01", "AUS"),
    ("cow:SLV", None, "SVN"),
    ("SLV", None, "SLV"),
    ("cow:KOR", None, "XKR"),
    ("KOR", None, "KOR"),
    ("ROK", None, "KOR"),
    ("cow:MNG", None, "MNE"),
    ("MNG", None, "MNG"),
    ("cow:SWZ", None, "CHE"),
    ("SWZ", None, "SWZ"),
    ("UKG", None, "GBR"),
    ("FRN", None, "FRA"),
    ("YPR", None, "YMD"),
    ("DRV", None, "VNM"),
    ("TAW", None, "TWN"),
]


@pytest.mark.parametrize(("text", "day", "code"), LETTERS)
def test_cow_letters_and_the_collision_rule(reg: Registry, text: str, day: str | None, code: str) -> None:
    assert reg.resolve(text, _d(day) if day else None) == code


def test_cow_letters_without_a_date_mean_their_holder_now(reg: Registry) -> None:
    assert reg.resolve("cow:GMY") == "DEU"
    assert reg.resolve("cow:RUS") == "RUS"
    assert reg.resolve("cow:YUG") == "SRB"


# ---------------------------------------------------------------- names and aliases

NAMES = [
    ("Israel", "ISR"),
    ("India", "IND"),
    ("Republic of India", "IND"),
    ("Ukraine", "UKR"),
    ("Iran", "IRN"),
    ("Persia", "IRN"),
    ("Egypt", "EGY"),
    ("North Korea", "PRK"),
    ("DPRK", "PRK"),
    ("Korea, North", "PRK"),
    ("nOrTh KoReA", "PRK"),
    ("KP", "PRK"),
    ("South Korea", "KOR"),
    ("Soviet Union", "SUN"),
    ("USSR", "SUN"),
    ("SUHH", "SUN"),
    ("Britain", "GBR"),
    ("UK", "GBR"),
    ("America", "USA"),
    ("US", "USA"),
    ("u.s.", "USA"),
    ("Germany", "DEU"),
    ("East Germany", "DDR"),
    ("German Empire", "GMY"),
    ("Prussia", "GMY"),
    ("Austria-Hungary", "AUH"),
    ("Austria", "AUT"),
    ("Papal States", "PAP"),
    ("Kingdom of the Two Sicilies", "SIC"),
    ("Sardinia", "ITA"),
    ("Zanzibar", "ZAN"),
    ("South Vietnam", "RVN"),
    ("North Vietnam", "VNM"),
    ("North Yemen", "YAR"),
    ("South Yemen", "YMD"),
    ("Yugoslavia", "YUG"),
    ("Federal Republic of Yugoslavia", "SCG"),
    ("Serbia and Montenegro", "SCG"),
    ("Serbia", "SRB"),
    ("Russian Empire", "RUS"),
    ("Ottoman Empire", "TUR"),
    ("Cote d'Ivoire", "CIV"),
    ("Côte d’Ivoire", "CIV"),
    ("Ivory Coast", "CIV"),
    ("Taiwan", "TWN"),
    ("Kosovo", "XKX"),
    ("Palestine", "PSE"),
    ("Holy See", "VAT"),
    ("Vatican", "VAT"),
    ("Abkhazia", "XAB"),
    ("South Ossetia", "XSO"),
    ("Northern Cyprus", "XNC"),
    ("Western Sahara", "ESH"),
    ("Congo-Kinshasa", "COD"),
    ("Democratic Republic of the Congo", "COD"),
    # old ISO alpha-3 codes of the same state
    ("ROM", "ROU"),
    ("ZAR", "COD"),
    ("BUR", "MMR"),
    ("TMP", "TLS"),
    ("DHY", "BEN"),
    ("HVO", "BFA"),
    ("iso:ROM", "ROU"),
    ("  isr ", "ISR"),
]


@pytest.mark.parametrize(("text", "code"), NAMES)
def test_names_aliases_and_old_codes(reg: Registry, text: str, code: str) -> None:
    assert reg.resolve(text) == code
    assert text in reg
    assert reg[text].code == code


@pytest.mark.parametrize(("text", "candidates"), [("Congo", ["COD", "COG"]), ("korea", ["KOR", "PRK", "XKR"])])
def test_a_shared_name_is_ambiguous(reg: Registry, text: str, candidates: list[str]) -> None:
    with pytest.raises(AmbiguousStateError) as exc:
        reg.resolve(text)
    assert exc.value.candidates == candidates
    assert isinstance(exc.value, UsageError) and not isinstance(exc.value, UnknownStateError)
    assert all(c in str(exc.value) for c in candidates) and "give one of their codes" in str(exc.value)
    assert text not in reg


@pytest.mark.parametrize(
    ("text", "first"),
    [("Isreal", "ISR"), ("Ukrain", "UKR"), ("Germny", "DEU"), ("Sovjet Union", "SUN"), ("CHX", "CHN")],
)
def test_unknown_states_suggest_from_codes_and_names(reg: Registry, text: str, first: str) -> None:
    with pytest.raises(UnknownStateError) as exc:
        reg.resolve(text)
    assert exc.value.suggestions[0] == first
    assert f"{first} ({reg.states[first].name})" in str(exc.value)
    assert text not in reg


def test_isreal_is_never_iceland(reg: Registry) -> None:
    with pytest.raises(UnknownStateError) as exc:
        reg.resolve("Isreal")
    assert exc.value.suggestions == ["ISR"]


@pytest.mark.parametrize("text", ["XYZQ", "cow:XXX", "ccode:1", "iso:Israel", "999", ""])
def test_unknown_texts_raise_with_the_fix(reg: Registry, text: str) -> None:
    with pytest.raises(UnknownStateError, match="unknown state code"):
        reg.resolve(text)
    assert text not in reg


def test_every_code_and_unambiguous_name_resolves_to_its_state(reg: Registry) -> None:
    for code, st in reg.states.items():
        assert reg.resolve(code) == reg.resolve(code.lower()) == reg.resolve(f"iso:{code}") == code
        for text in (st.name, *st.aliases):
            try:
                assert reg.resolve(text) == code, text
                assert reg.resolve(text.swapcase()) == code, text
            except AmbiguousStateError as exc:
                assert code in exc.candidates


# ---------------------------------------------------------------- existence and the system

EXISTS = [
    # (code, day, exists, in system)
    ("FRA", "1942-11-11", True, True),
    ("FRA", "1942-11-12", True, False),
    ("FRA", "1944-08-24", True, False),
    ("FRA", "1944-08-25", True, True),
    ("GMY", "1945-05-08", True, True),
    ("GMY", "1945-05-09", True, False),
    ("GMY", "1949-05-23", True, False),
    ("GMY", "1949-05-24", False, False),
    ("DEU", "1949-05-23", False, False),
    ("DEU", "1949-05-24", True, False),
    ("DEU", "1955-05-04", True, False),
    ("DEU", "1955-05-05", True, True),
    ("DEU", "1990-10-03", True, True),
    ("DDR", "1990-10-02", True, True),
    ("DDR", "1990-10-03", False, False),
    ("RUS", "1922-12-29", True, True),
    ("RUS", "1922-12-30", False, False),
    ("SUN", "1922-12-30", True, True),
    ("SUN", "1991-12-25", True, True),
    ("SUN", "1991-12-26", False, False),
    ("RUS", "1991-12-26", True, True),
    ("EST", "1940-06-16", True, True),
    ("EST", "1940-06-17", True, False),
    ("EST", "1991-09-05", True, False),
    ("EST", "1991-09-06", True, True),
    ("AUT", "1938-03-13", True, True),
    ("AUT", "1938-03-14", True, False),
    ("AUT", "1955-07-27", True, True),
    ("PAP", "1860-11-05", True, True),
    ("PAP", "1860-11-06", True, False),
    ("PAP", "1870-09-19", True, False),
    ("PAP", "1870-09-20", False, False),
    ("XKR", "1905-11-17", True, True),
    ("XKR", "1907-01-01", True, False),
    ("XKR", "1910-08-29", False, False),
    ("CSK", "1992-12-31", True, True),
    ("CSK", "1993-01-01", False, False),
    ("CZE", "1992-12-31", False, False),
    ("CZE", "1993-01-01", True, True),
    ("YEM", "1990-05-21", False, False),
    ("YEM", "1990-05-22", True, True),
    ("YAR", "1990-05-21", True, True),
    ("YAR", "1990-05-22", False, False),
    ("USA", "2030-01-01", True, True),  # a spell running in 2016 runs on
    ("PSE", "2020-01-01", True, False),  # recognition note, no system spell
    ("TWN", "2020-01-01", True, True),
]


@pytest.mark.parametrize(("code", "day", "exists", "member"), EXISTS)
def test_existence_and_system_membership(reg: Registry, code: str, day: str, exists: bool, member: bool) -> None:
    assert reg.exists(code, _d(day)) is exists
    assert reg.in_system(code, _d(day)) is member
    assert (reg.states[code] in reg.system_on(_d(day))) is member


def test_entities_the_list_omits_carry_a_recognition_note(reg: Registry) -> None:
    for code in ("XKX", "TWN", "XAB", "XSO", "PSE", "VAT", "XNC", "ESH"):
        assert reg.states[code].recognition
    for code in ("XAB", "XSO", "PSE", "VAT", "XNC", "ESH"):
        assert reg.states[code].system == [] and reg.states[code].ccodes == []


def test_every_state_names_its_source(reg: Registry) -> None:
    for st in reg.states.values():
        assert st.source and "COW State System Membership v2016" in st.source
        assert "code: " in st.source
        if st.ended is not None:
            assert st.succession is not None and st.succession_source, st.code
        if st.succession == "disputed":
            assert st.disputes and all(d.assumed and d.alternative for d in st.disputes)


# ---------------------------------------------------------------- succession and continuity

SUCCESSIONS = [
    ("SUN", "continuation", "RUS", None),
    ("DDR", "absorption", None, "DEU"),
    ("YAR", "merger", "YEM", None),
    ("YMD", "merger", "YEM", None),
    ("ZAN", "merger", "TZA", None),
    ("CSK", "dissolution", None, None),
    ("AUH", "dissolution", None, None),
    ("YUG", "disputed", "SCG", None),
    ("GMY", "disputed", "DEU", None),
    ("SCG", "continuation", "SRB", None),
    ("PAP", "absorption", None, "ITA"),
    ("SIC", "absorption", None, "ITA"),
    ("HAN", "absorption", None, "GMY"),
    ("BAV", "absorption", None, "GMY"),
    ("RVN", "absorption", None, "VNM"),
    ("XKR", "absorption", None, "JPN"),
]


@pytest.mark.parametrize(("code", "kind", "continuator", "absorber"), SUCCESSIONS)
def test_each_succession_is_explicit(
    reg: Registry, code: str, kind: str, continuator: str | None, absorber: str | None
) -> None:
    st = reg.states[code]
    assert (st.succession, st.continuator, st.absorbed_by) == (kind, continuator, absorber)


def test_several_successors(reg: Registry) -> None:
    assert reg.states["CSK"].successors == ["CZE", "SVK"]
    assert set(reg.states["YUG"].successors) == {"SCG", "HRV", "SVN", "BIH", "MKD"}
    assert "EST" not in reg.states["SUN"].successors and "UKR" in reg.states["SUN"].successors


def test_a_code_in_two_periods_is_followed_in_time_order(reg: Registry) -> None:
    steps = [(a, b, str(d)) for a, b, d in reg.successions("RUS")]
    assert steps == [("RUS", "SUN", "1922-12-30"), ("SUN", "RUS", "1991-12-26")]
    assert [(a, b) for a, b, _ in reg.successions("SUN")] == [("SUN", "RUS")]
    assert reg.successions("RUS", since=_d("2000-01-01")) == []
    assert [(a, b) for a, b, _ in reg.successions("SRB")] == [("SRB", "YUG"), ("YUG", "SCG"), ("SCG", "SRB")]


CODE_ON = [
    ("SUN", "1991-12-25", "SUN"),
    ("SUN", "1991-12-26", "RUS"),
    ("RUS", "1922-12-29", "RUS"),
    ("RUS", "1922-12-30", "SUN"),
    ("RUS", "1950-01-01", "SUN"),
    ("RUS", "1995-01-01", "RUS"),
    ("DDR", "1990-10-02", "DDR"),
    ("DDR", "1990-10-03", None),
    ("GMY", "1949-05-23", "GMY"),
    ("GMY", "1949-05-24", "DEU"),
    ("GMY", "1995-01-01", "DEU"),
    ("SRB", "1950-01-01", "YUG"),
    ("YUG", "1992-04-26", "YUG"),
    ("YUG", "1992-04-27", "SCG"),
    ("YUG", "2010-01-01", "SRB"),
    ("CSK", "1993-01-01", None),
    ("YAR", "1990-05-22", "YEM"),
    ("RVN", "1975-05-01", None),
    ("USA", "1995-01-01", "USA"),
    ("365", "1985-01-01", "SUN"),
    ("365", "1995-01-01", "RUS"),
]


@pytest.mark.parametrize(("code", "day", "holder"), CODE_ON)
def test_code_on_follows_continuators(reg: Registry, code: str, day: str, holder: str | None) -> None:
    assert reg.code_on(code, _d(day)) == holder


def test_continuity_is_not_absorption(reg: Registry) -> None:
    assert reg.acts_for("RUS", "SUN") and reg.acts_for("SUN", "RUS")  # SUN continued the Russian state
    assert reg.acts_for("DEU", "GMY") and not reg.acts_for("GMY", "DEU")
    assert not reg.acts_for("DEU", "DDR")  # absorption is not continuation
    assert reg.acts_for("YEM", "YAR") and reg.acts_for("YEM", "YMD") and not reg.acts_for("YAR", "YMD")
    assert not reg.acts_for("CZE", "CSK") and not reg.acts_for("SVK", "CSK")
    assert reg.acts_for("SRB", "SCG") and not reg.acts_for("MNE", "SCG")
    assert reg.acts_for("USA", "USA") and reg.acts_for("ABC", "ABC")  # unknown codes act for themselves only
    assert sorted(reg.lineage("RUS")) == sorted(reg.lineage("SUN")) == ["RUS", "SUN"]
    assert sorted(reg.lineage("DEU")) == ["DEU", "GMY"]
    assert sorted(reg.lineage("DDR")) == ["DDR"]
    assert sorted(reg.lineage("YEM")) == ["YAR", "YEM", "YMD"]


def test_member_for(reg: Registry) -> None:
    assert reg.member_for("RUS", ["SUN", "PRK"]) == "SUN"
    assert reg.member_for("RUS", ["SUN", "RUS"]) == "RUS"  # itself first
    assert reg.member_for("DEU", ["DDR", "POL"]) is None
    assert reg.member_for("PRK", ["SUN", "PRK"]) == "PRK"
    assert reg.member_for("YEM", ["YMD"]) == "YMD"


def test_the_engine_lapses_the_gdrs_memberships(corpus: treatyrules.Corpus) -> None:
    """Absorption is not continuation: the GDR's Warsaw Pact membership ends on 1990-10-03 and
    does not pass to Germany."""
    life = corpus.life("WARSAW-1955")
    end = life.memberships["DDR"].end
    assert end is not None and end.earliest == _d("1990-10-03")
    assert any(s.event == "state_ended" for s in end.steps)
    assert "DEU" not in life.memberships
    assert corpus.registry.code_on("DDR", _d("1990-10-03")) is None
