"""The records extraction passes between its stages: the data it reads, the story's date, actor mentions and
candidate events (one event as read from one sentence, before the events of a document are merged)."""

from __future__ import annotations

from dataclasses import dataclass, field

from crawler.extract.anniversaries import Anniversary
from crawler.extract.dates import When
from crawler.extract.gazetteer import Gazetteer
from crawler.extract.kinds import KindBook
from crawler.extract.named_days import NamedDay


@dataclass(frozen=True)
class Resources:
    """The data an extraction needs: gazetteer, kinds, anniversaries and named days."""

    gazetteer: Gazetteer
    kinds: KindBook
    anniversaries: tuple[Anniversary, ...]
    named_days: tuple[NamedDay, ...] = ()  # "New Year": days named without a date


@dataclass
class Story:
    """When a story happened: the date relative expressions are resolved against, and how it was found."""

    when: When | None
    published: When | None
    published_from: str
    conflict: str | None = None
    headline_end: int = 0  # characters of the parsed text that are the headline (read as a sentence)
    home: str | None = None  # the state of the outlet (KCNA: PRK), the implied party of its own reports
    outlet: str | None = None  # the outlet named as the source (KCNA, Reuters), if any


@dataclass
class Mention:
    """An actor named in the text: its tokens and its gazetteer entry."""

    start: int
    end: int
    code: str
    type: str
    text: str


@dataclass
class Candidate:
    """One event as read from one sentence, before the events of a document are merged."""

    kind: str
    actors: list[str]
    targets: list[str]
    when: When | None
    explicit: bool
    location: str | None
    anniversary: tuple[Anniversary, int] | None
    negated: bool
    evidence: str
    order: int
    sentence: int = 0
    extra_evidence: list[str] = field(default_factory=list)
    apart: bool = False  # its actors acted each on their own (the states of several places): one event each
    together: bool = False  # its actors acted as one ("China and Russia vetoed the draft"): one event
    # the people of the gazetteer named as its sides, for kinds kept apart by them (named_people)
    people: frozenset[tuple[str, frozenset[str]]] = frozenset()
    inferred: bool = False  # dated by the anniversary it was "on", not by a date the text gave
    # told as before or after another event of its day ("Earlier on Thursday the ministers held talks"): not the
    # event of that day another sentence told
    sequel: bool = False
    # told as one more ("Dai ... also met Vice Premier Kang Sok Ju"), of a kind kept apart by its people: not the
    # event of its kind and states another sentence told
    another: bool = False
    # those doing it named as new ("a delegation of ... arrived"): not one more day of a stay told before
    introduced: bool = False
    # read from another event, not told itself ("held talks with her counterpart in Seoul": a visit to Seoul):
    # it stands only where the story tells no event of its kind between its states
    implied: bool = False
