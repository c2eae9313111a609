"""The engine's fixed words: statuses, reasons an end has, severities of findings.

Each is a ``StrEnum``, so a member is also its plain string (``Status.in_force == "in_force"``) and
prints, formats and serialises to JSON as that string.

>>> Status.in_force == "in_force", f"{Reason.expired}", Reason.expired
(True, 'expired', 'expired')
"""

from __future__ import annotations

from enum import StrEnum

__all__ = ["MEMBERSHIP_WORDS", "Reason", "Severity", "Status"]


class _Word(StrEnum):
    """A fixed word: it is its string, and shows as one (``'in_force'``, not ``<Status.in_force: ...>``)."""

    def __repr__(self) -> str:
        return repr(self.value)


class Status(_Word):
    """The status of a treaty (or of a party's membership) on a day."""

    not_signed = "not_signed"
    signed = "signed"
    provisional = "provisional"
    in_force = "in_force"
    suspended = "suspended"
    terminated = "terminated"
    unknown = "unknown"
    #: a membership only: the state is not (or not yet) a party in force
    not_party = "not_party"


class Reason(_Word):
    """Why a treaty or a membership ended; ``withdrawn`` is a membership's only (a treaty is ``denounced``)."""

    expired = "expired"
    by_agreement = "by_agreement"
    superseded = "superseded"
    dissolved = "dissolved"
    denounced = "denounced"
    withdrawn = "withdrawn"
    party_extinct = "party_extinct"


class Severity(_Word):
    """How serious a finding of validation or of the derivation is."""

    error = "error"
    warning = "warning"


#: A membership's status as a party's view says it: member, not yet a member, former member.
MEMBERSHIP_WORDS = {Status.in_force: "member", Status.not_party: "not_yet_member", Status.terminated: "former_member"}
