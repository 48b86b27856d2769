"""The history that alerts are judged against: events, documents per source and day, runs, anniversaries,
which event kinds are contacts, and who took part in the events.

Plain dataclasses, built from the database by `load_history` (the only I/O of the comparison) and from
generated data in the tests. `as_of` cuts the history as it was known on that day: only documents published
on or before it, only runs started by then.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from alerts.compare.attendance import Participant
from crawler.extract.anniversaries import Anniversary
from crawler.extract.dates import parse_day
from crawler.extract.kinds import contact_kinds as bundled_contact_kinds
from crawler.store import Store


@dataclass(frozen=True)
class Event:
    """One extracted event, as the comparison needs it."""

    id: str
    doc: str
    kind: str
    actors: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    dyad: tuple[str, str] | None = None
    date: str | None = None  # YYYY, YYYY-MM or YYYY-MM-DD
    anniversary_id: str | None = None
    anniversary_base_date: str | None = None
    anniversary_ordinal: int | None = None
    negated: bool = False
    evidence: str = ""
    url: str | None = None
    source: str | None = None
    published: str | None = None  # the publication day of its document
    cluster: str | None = None  # one id for every report of the same real-world event

    @classmethod
    def from_row(cls, row: dict) -> Event:
        """An Event from a row of Store.iter_events()."""
        dyad: tuple[str, str] | None = None
        if row.get("dyad"):
            parts = tuple(sorted(str(row["dyad"]).split("-")))
            dyad = (parts[0], parts[1]) if len(parts) == 2 else None
        ordinal = row.get("anniversary_ordinal")
        return cls(
            id=str(row["id"]),
            doc=row["doc"],
            kind=row["kind"],
            actors=tuple(row.get("actors") or ()),
            targets=tuple(row.get("targets") or ()),
            dyad=dyad,
            date=row.get("date"),
            anniversary_id=row.get("anniversary_id"),
            anniversary_base_date=row.get("anniversary_base_date"),
            anniversary_ordinal=int(ordinal) if ordinal not in (None, "") else None,
            negated=bool(row.get("negated")),
            evidence=row.get("evidence") or "",
            url=row.get("url"),
            source=row.get("source"),
            published=row.get("doc_published"),
            cluster=row.get("cluster"),
        )

    @property
    def day(self) -> dt.date | None:
        """The event's day when it is known to the day."""
        return parse_day(self.date)

    @property
    def month(self) -> str | None:
        """YYYY-MM of the event, else of its document."""
        if self.date and len(self.date) >= 7:
            return self.date[:7]
        if self.published and len(self.published) >= 7:
            return self.published[:7]
        return None

    @property
    def known_on(self) -> str | None:
        """The day this event became known: its document's publication, else its own date."""
        return self.published or self.date

    @property
    def states(self) -> tuple[str, ...]:
        """Every state named as actor or target, in order, without repeats."""
        return tuple(dict.fromkeys(self.actors + self.targets))

    def evidence_item(self) -> dict:
        """The {doc, url, sentence} that shows this event."""
        return {"doc": self.doc, "url": self.url, "sentence": self.evidence}


@dataclass(frozen=True)
class Run:
    """One recorded run (a crawl of a source, an analysis, a scheduled job)."""

    id: int
    command: str
    source: str | None
    started_at: str
    ok: bool
    errors: int = 0
    message: str = ""

    @classmethod
    def from_row(cls, row: dict) -> Run:
        """A Run from a row of Store.iter_runs()."""
        return cls(
            id=int(row["id"]),
            command=row.get("command") or "",
            source=row.get("source"),
            started_at=row.get("started_at") or "",
            ok=bool(row.get("ok")),
            errors=int(row.get("errors") or 0),
            message=row.get("message") or "",
        )

    @property
    def day(self) -> dt.date | None:
        """The day it started."""
        return parse_day(self.started_at)


@dataclass
class History:
    """Everything the comparison looks at; built by load_history or by hand in tests."""

    events: list[Event] = field(default_factory=list)
    documents: dict[str, dict[dt.date, int]] = field(default_factory=dict)  # source -> day -> documents
    runs: list[Run] = field(default_factory=list)
    anniversaries: list[Anniversary] = field(default_factory=list)
    # the kinds marked `contact = true` in the kinds file (by default the bundled seeds/kinds.toml)
    contact_kinds: tuple[str, ...] = field(default_factory=bundled_contact_kinds)
    participants: list[Participant] = field(default_factory=list)  # who took part in the events

    def add_documents(self, source: str, day: dt.date, count: int = 1) -> None:
        """Count documents published by a source on a day."""
        per_day = self.documents.setdefault(source, {})
        per_day[day] = per_day.get(day, 0) + count


def load_history(
    store: Store,
    anniversaries: list[Anniversary],
    as_of: dt.date | None = None,
    contact_kinds: Iterable[str] | None = None,
) -> History:
    """The history in the database as it was known on `as_of` (everything when None).

    `contact_kinds`: those of the configured kinds file (`crawler.extract.kinds.contact_kinds`); by default the
    bundled one's.
    """
    until = as_of.isoformat() if as_of else None
    events = [Event.from_row(row) for row in store.iter_events(until=until)]
    documents: dict[str, dict[dt.date, int]] = defaultdict(dict)
    for row in store.document_counts(until=until):
        day = parse_day(row["day"])
        if day is not None:
            documents[row["source"]][day] = int(row["n"])
    runs = [Run.from_row(row) for row in store.iter_runs()]
    if as_of:
        runs = [run for run in runs if run.day is None or run.day <= as_of]
    return History(
        events=events,
        documents=dict(documents),
        runs=runs,
        anniversaries=list(anniversaries),
        contact_kinds=tuple(bundled_contact_kinds() if contact_kinds is None else contact_kinds),
        participants=[Participant.from_row(row) for row in store.iter_participants(until=until)],
    )
