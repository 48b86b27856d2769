"""Who took part in an event, as the comparison needs it: one row of the participants table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Participant:
    """One participant of an extracted event: role, name, posts, side (state) and protocol tier."""

    event: str
    doc: str
    role: str
    state: str | None
    tier: int | None
    person: str | None = None
    position: str | None = None
    tier_name: str | None = None
    absent: bool = False  # a report that no one of `tier` or higher attended
    sentence: str = ""

    @classmethod
    def from_row(cls, row: dict) -> Participant:
        """A Participant from a row of Store.iter_participants()."""
        tier = row.get("tier")
        return cls(
            event=str(row["event"]),
            doc=row["doc"],
            role=row.get("role") or "",
            state=row.get("state"),
            tier=int(tier) if tier not in (None, "") else None,
            person=row.get("person"),
            position=row.get("position"),
            tier_name=row.get("tier_name"),
            absent=bool(row.get("absent")),
            sentence=row.get("sentence") or "",
        )

    @property
    def level(self) -> int | None:
        """The highest tier this report allows its side: its own, or for an absence the tier below it."""
        if self.tier is None:
            return None
        return self.tier + 1 if self.absent else self.tier

    def describe(self) -> str:
        """Who, as a person reads it: "Ro Myong Chol (vice-president of ...)" or the group or the absence."""
        if self.absent:
            return f"no one of tier {self.tier} or higher ({self.position})"
        if self.person and self.position:
            return f"{self.person} ({self.position})"
        return self.person or self.position or "an unnamed participant"
