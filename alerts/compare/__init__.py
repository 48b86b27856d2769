"""Comparison of what happened with what usually happens: `find_alerts(history, as_of) -> list[Alert]`.

Pure functions, no I/O. Four judgements, each with evidence:

- missed_anniversary: an anniversary customarily marked for a pair of states (marked in most of its recent
  years, or of its round years where that is the learned pattern) with no marking found around its due date,
  raised only where the sources were read in that window;
- reported_absence: a document says an event or commemoration did not happen;
- contact_surge / contact_drop: the monthly contacts of a pair of states against their trailing baseline;
- source_silent: a source that has published nothing, or failed, for much longer than its usual gap.

Every alert has a stable key (kind, pair, subject, period), so analysing again adds nothing.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import itertools
import statistics
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from alerts.compare.history import Event, History
from crawler.errors import ConfigError
from crawler.extract.anniversaries import OBSERVED, Anniversary
from crawler.extract.dates import parse_day

KINDS = ("missed_anniversary", "reported_absence", "contact_surge", "contact_drop", "source_silent")
PERIODS = tuple(sorted(OBSERVED.values()))  # 1, 5, 10
PATTERN_NAMES = {period: name for name, period in OBSERVED.items()}
# A marking that names the ordinal ("the 63rd anniversary") counts for that year when dated within this many
# days of the due date: reports lag the ceremony, and ceremonies move by a few days.
ORDINAL_SLACK_DAYS = 31
LEARNED_PREFIX = "learned-"


@dataclass(frozen=True)
class Settings:
    """The thresholds and windows of the comparison; the [analysis] table of the configuration."""

    window_days: int = 3
    judge_after_days: int = 7
    customary_share: float = 0.6
    min_marked_years: int = 2
    lookback_years: int = 10
    coverage_ratio: float = 0.5
    coverage_baseline_days: int = 90
    max_age_days: int = 60
    marking_kinds: tuple[str, ...] = ("commemoration", "message", "visit", "meeting", "rally")
    baseline_months: int = 12
    min_baseline_months: int = 3
    surge_ratio: float = 2.0
    drop_ratio: float = 0.34
    min_contacts: int = 4
    contact_kinds: tuple[str, ...] = ("visit", "meeting", "message", "agreement")
    silent_factor: float = 4.0
    silent_min_days: int = 3
    silent_min_documents: int = 5
    max_evidence: int = 5

    @classmethod
    def from_config(cls, table: Mapping[str, Any] | None) -> Settings:
        """Settings from the [analysis] table; an unknown key or a bad value raises ConfigError."""
        if table is None:
            return cls()
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for key, value in table.items():
            if key not in known:
                raise ConfigError(f"unknown setting [analysis] {key}; known: {', '.join(sorted(known))}")
            default = known[key].default
            try:
                if isinstance(default, tuple):
                    if isinstance(value, str) or not isinstance(value, Iterable):
                        raise TypeError("expected a list")
                    values[key] = tuple(str(v) for v in value)
                elif isinstance(default, bool):
                    values[key] = bool(value)
                elif isinstance(default, int):
                    if isinstance(value, bool) or int(value) != value:
                        raise TypeError("expected a whole number")
                    values[key] = int(value)
                else:
                    values[key] = float(value)
            except (TypeError, ValueError) as exc:
                raise ConfigError(f"[analysis] {key} = {value!r}: {exc} (default: {default!r})") from exc
            if not isinstance(values[key], tuple) and values[key] < 0:
                raise ConfigError(f"[analysis] {key} = {value!r} must not be negative (default: {default!r})")
        return cls(**values)


@dataclass
class Alert:
    """One finding, with a stable key so that it is stored and delivered once."""

    kind: str
    dyad: tuple[str, ...]  # two ISO 3166-1 alpha-3 codes, sorted (empty for a source alert)
    title: str
    subject: str  # what within the kind and pair it is about: "prk-chn-treaty:2024", "2024-05", a source
    due: dt.date | None = None
    base_date: str | None = None
    evidence: list[dict] = field(default_factory=list)  # {doc, url, sentence}
    details: dict = field(default_factory=dict)
    as_of: dt.date | None = None

    @property
    def key(self) -> str:
        """The stable id: kind, pair and subject."""
        return ":".join(part for part in (self.kind, "-".join(self.dyad), self.subject) if part)

    @property
    def id(self) -> str:
        """The same as key (the alerts table's primary key)."""
        return self.key

    def to_row(self) -> dict:
        """The columns of the alerts table."""
        return {
            "id": self.key,
            "kind": self.kind,
            "dyad": list(self.dyad),
            "title": self.title,
            "due": self.due.isoformat() if self.due else None,
            "base_date": self.base_date,
            "evidence": self.evidence,
            "details": self.details,
            "as_of": self.as_of.isoformat() if self.as_of else None,
        }


# --- helpers --------------------------------------------------------------------------------------------


def ordinal_word(number: int) -> str:
    """1st, 2nd, 3rd, 11th, 63rd."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def month_bounds(month: str) -> tuple[dt.date, dt.date]:
    """First and last day of a YYYY-MM month."""
    year, number = int(month[:4]), int(month[5:7])
    return dt.date(year, number, 1), dt.date(year, number, calendar.monthrange(year, number)[1])


def previous_months(month: str, count: int) -> list[str]:
    """The `count` months before a YYYY-MM month, oldest first."""
    year, number = int(month[:4]), int(month[5:7])
    result = []
    for _ in range(count):
        number -= 1
        if number == 0:
            year, number = year - 1, 12
        result.append(f"{year:04d}-{number:02d}")
    return result[::-1]


class DocumentIndex:
    """Documents per source and day, with prefix sums for quick counts over a span of days."""

    def __init__(self, documents: Mapping[str, Mapping[dt.date, int]], as_of: dt.date):
        self.sources: dict[str, tuple[list[dt.date], list[int]]] = {}
        for source, per_day in documents.items():
            days = sorted(day for day in per_day if day <= as_of and per_day[day] > 0)
            if not days:
                continue
            sums = list(itertools.accumulate((per_day[day] for day in days), initial=0))
            self.sources[source] = (days, sums)

    def count(self, source: str, start: dt.date, end: dt.date) -> int:
        """Documents of one source published from start to end, inclusive."""
        days, sums = self.sources[source]
        return sums[bisect.bisect_right(days, end)] - sums[bisect.bisect_left(days, start)]

    def total(self, start: dt.date, end: dt.date) -> int:
        """Documents of every source published from start to end, inclusive."""
        return sum(self.count(source, start, end) for source in self.sources)

    def coverage(self, start: dt.date, end: dt.date, baseline_days: int) -> tuple[int, float]:
        """(documents found, documents expected) in a span from the sources that published in the
        `baseline_days` before it, at their rate there."""
        base_start, base_end = start - dt.timedelta(days=baseline_days), start - dt.timedelta(days=1)
        span = (end - start).days + 1
        found, expected = 0, 0.0
        for source in self.sources:
            before = self.count(source, base_start, base_end)
            if before:
                expected += before / baseline_days * span
                found += self.count(source, start, end)
        return found, expected


def _was_read(index: DocumentIndex, start: dt.date, end: dt.date, s: Settings) -> tuple[bool, int, float]:
    found, expected = index.coverage(start, end, s.coverage_baseline_days)
    return expected > 0 and found >= s.coverage_ratio * expected, found, expected


def _pairs(states: Iterable[str]) -> list[tuple[str, str]]:
    unique = sorted(set(states))
    return [(a, b) for a, b in itertools.combinations(unique, 2)]


def event_dyads(event: Event) -> list[tuple[str, str]]:
    """The pairs of states an event concerns: its dyad, else every pair among its actors and targets."""
    if event.dyad:
        return [event.dyad]
    return _pairs(event.states)


def _limit(items: list[dict], count: int) -> list[dict]:
    seen, result = set(), []
    for item in items:
        marker = (item.get("doc"), item.get("sentence"))
        if marker not in seen:
            seen.add(marker)
            result.append(item)
    return result[:count]


# --- missed anniversaries -------------------------------------------------------------------------------


def _unlisted(event: Event, known: Mapping[str, Anniversary]) -> bool:
    """Whether an event is linked to an anniversary day that the data file does not list."""
    base = event.anniversary_base_date
    if not base or len(base) != 10 or event.anniversary_id in known:
        return False
    return all(anniversary.base_date != base for anniversary in known.values())


def _learned_anniversaries(events: list[Event], known: Mapping[str, Anniversary]) -> list[Anniversary]:
    """Anniversaries the extraction dated to a base day but that the data file does not list."""
    states: dict[str, set[str]] = defaultdict(set)
    for event in events:
        base = event.anniversary_base_date
        if base and _unlisted(event, known):
            states[base].update(event.states)
            if event.dyad:
                states[base].update(event.dyad)
    return [
        Anniversary(
            id=f"{LEARNED_PREFIX}{base}",
            name=f"Anniversary of the events of {base}",
            base_date=base,
            countries=tuple(sorted(countries)),
            phrases=(),
        )
        for base, countries in sorted(states.items())
        if len(countries) >= 2
    ]


def _links_to(event: Event, anniversary: Anniversary, known: Mapping[str, Anniversary]) -> bool:
    if anniversary.id in known:
        return event.anniversary_id == anniversary.id
    return event.anniversary_base_date == anniversary.base_date and _unlisted(event, known)


def marking_dyads(event: Event, anniversary: Anniversary) -> list[tuple[str, str]]:
    """The pairs of states whose relationship an event marks when it marks an anniversary.

    Its own pair or the pairs of its states among the anniversary's countries; an event naming one state (or
    none) marks the anniversary's pair only when the anniversary concerns exactly two states.
    """
    countries = set(anniversary.countries)
    if event.dyad and set(event.dyad) <= countries:
        return [event.dyad]
    states = [state for state in event.states if state in countries]
    if len(set(states)) >= 2:
        return _pairs(states)
    if len(countries) == 2 or not event.states:
        return [anniversary.dyad]
    return []


def _marked_year(event: Event, anniversary: Anniversary, s: Settings) -> int | None:
    """The year whose anniversary an event marks, or None when it is outside every window."""
    day = event.day
    if day is not None:
        for year in (day.year - 1, day.year, day.year + 1):
            if year > anniversary.base_year and abs((day - anniversary.due(year)).days) <= s.window_days:
                return year
    if event.anniversary_ordinal:
        year = anniversary.year_of(event.anniversary_ordinal)
        near = day or parse_day(event.published)
        if near is None or abs((near - anniversary.due(year)).days) <= ORDINAL_SLACK_DAYS:
            return year
    return None


def _learn_period(
    anniversary: Anniversary, marked: set[int], observed: set[int], year: int, s: Settings
) -> tuple[int, list[int], list[int]] | None:
    """The period (1, 5 or 10 years) at which the history shows it customarily marked before `year`.

    The data file's `observed` is the prior: the history overrides it towards more often only with markings in
    years it does not cover, and towards less often when the more frequent pattern fails the share test.
    """
    for period in PERIODS:
        start = year - s.lookback_years * period
        expected = sorted(
            y
            for y in observed
            if start <= y < year and y > anniversary.base_year and (y - anniversary.base_year) % period == 0
        )
        hits = [y for y in expected if y in marked]
        if (
            not expected
            or len(hits) < max(s.min_marked_years, 1)
            or len(hits) / len(expected) < s.customary_share
        ):
            continue
        recent = [y for y in marked if start <= y < year]
        if period < anniversary.period and all(
            (y - anniversary.base_year) % anniversary.period == 0 for y in recent
        ):
            continue
        return period, hits, expected
    return None


def _judged_years(anniversary: Anniversary, as_of: dt.date, s: Settings) -> list[int]:
    wait = max(s.judge_after_days, s.window_days)
    oldest = (as_of - dt.timedelta(days=s.max_age_days + wait)).year
    years = []
    for year in range(oldest, as_of.year + 1):
        if year <= anniversary.base_year:
            continue
        due = anniversary.due(year)
        if due + dt.timedelta(days=wait) <= as_of and (as_of - due).days <= s.max_age_days + wait:
            years.append(year)
    return years


def find_missed_anniversaries(
    history: History, events: list[Event], index: DocumentIndex, as_of: dt.date, s: Settings
) -> list[Alert]:
    """Customary anniversaries with no marking found around their due date, where the sources were read."""
    known = {anniversary.id: anniversary for anniversary in history.anniversaries}
    anniversaries = [a for a in history.anniversaries if a.alert] + _learned_anniversaries(events, known)
    marking_kinds = set(s.marking_kinds)
    markings = [
        e
        for e in events
        if (e.anniversary_id or e.anniversary_base_date) and not e.negated and e.kind in marking_kinds
    ]
    # the markings each anniversary could link to, found in one pass (the same order as `markings`)
    by_id: dict[str, list[Event]] = defaultdict(list)
    by_base: dict[str, list[Event]] = defaultdict(list)
    for event in markings:
        if event.anniversary_id:
            by_id[event.anniversary_id].append(event)
        if event.anniversary_base_date:
            by_base[event.anniversary_base_date].append(event)
    alerts = []
    for anniversary in anniversaries:
        judged = _judged_years(anniversary, as_of, s)
        if not judged:
            continue
        by_dyad: dict[tuple[str, str], dict[int, list[Event]]] = defaultdict(lambda: defaultdict(list))
        linkable = (
            by_id.get(anniversary.id, [])
            if anniversary.id in known
            else by_base.get(anniversary.base_date, [])
        )
        for event in linkable:
            if not _links_to(event, anniversary, known):
                continue
            year = _marked_year(event, anniversary, s)
            if year is None:
                continue
            for dyad in marking_dyads(event, anniversary):
                by_dyad[dyad][year].append(event)
        read_cache: dict[int, tuple[bool, int, float]] = {}

        def read(year: int, anniversary: Anniversary = anniversary, cache: dict = read_cache) -> tuple:
            if year not in cache:
                due = anniversary.due(year)
                window = dt.timedelta(days=s.window_days)
                cache[year] = _was_read(index, due - window, due + window, s)
            return cache[year]

        for dyad, marks in sorted(by_dyad.items()):
            for year in judged:
                if marks.get(year):
                    continue
                first = year - s.lookback_years * max(PERIODS)
                observed = {
                    y
                    for y in range(max(first, anniversary.base_year + 1), year)
                    if marks.get(y) or read(y)[0]
                }
                learned = _learn_period(anniversary, set(marks), observed, year, s)
                if learned is None:
                    continue
                period, hits, expected = learned
                if (year - anniversary.base_year) % period:
                    continue
                covered, found, wanted = read(year)
                if not covered:
                    continue
                alerts.append(
                    _missed_alert(
                        anniversary, dyad, year, marks, period, hits, expected, found, wanted, as_of, s
                    )
                )
    return alerts


def _missed_alert(
    anniversary: Anniversary,
    dyad: tuple[str, str],
    year: int,
    marks: dict[int, list[Event]],
    period: int,
    hits: list[int],
    expected: list[int],
    found: int,
    wanted: float,
    as_of: dt.date,
    s: Settings,
) -> Alert:
    due = anniversary.due(year)
    number = anniversary.ordinal(year)
    which = "years" if period == 1 else f"round ({period}-year) anniversaries"
    title = (
        f"{anniversary.name}: no commemoration found of the {ordinal_word(number)} anniversary "
        f"({'-'.join(dyad)}), due {due.isoformat()}; marked in {len(hits)} of the last {len(expected)} "
        f"{which} whose sources were read"
    )
    evidence = [event.evidence_item() for y in sorted(hits, reverse=True) for event in marks[y][:1]]
    window = dt.timedelta(days=s.window_days)
    return Alert(
        kind="missed_anniversary",
        dyad=dyad,
        title=title,
        subject=f"{anniversary.id}:{year}",
        due=due,
        base_date=anniversary.base_date,
        evidence=_limit(evidence, s.max_evidence),
        as_of=as_of,
        details={
            "anniversary": anniversary.id,
            "name": anniversary.name,
            "year": year,
            "ordinal": number,
            "pattern": PATTERN_NAMES[period],
            "data_file_pattern": anniversary.observed,
            "marked_years": hits,
            "judged_years": expected,
            "window": [(due - window).isoformat(), (due + window).isoformat()],
            "documents_in_window": found,
            "documents_expected": round(wanted, 1),
        },
    )


# --- reported absences ----------------------------------------------------------------------------------


def _absence_year(event: Event, anniversary: Anniversary) -> int | None:
    if event.anniversary_ordinal:
        return anniversary.year_of(event.anniversary_ordinal)
    day = event.day or parse_day(event.published)
    if day is not None:
        return min((day.year - 1, day.year), key=lambda y: abs((day - anniversary.due(y)).days))
    if event.date and len(event.date) >= 4:
        return int(event.date[:4])
    return None


def find_reported_absences(history: History, events: list[Event], as_of: dt.date, s: Settings) -> list[Alert]:
    """Documents saying an event or commemoration did not happen: one alert per absence, every report as evidence."""
    anniversaries = {anniversary.id: anniversary for anniversary in history.anniversaries}
    groups: dict[str, dict] = {}
    for event in sorted((e for e in events if e.negated), key=lambda e: (e.known_on or "", e.doc, e.id)):
        anniversary = anniversaries.get(event.anniversary_id or "")
        dyads = event_dyads(event)
        if anniversary is not None:
            dyads = marking_dyads(event, anniversary)
        if not dyads:
            continue
        due: dt.date | None
        for dyad in dyads:
            if anniversary is not None:
                year = _absence_year(event, anniversary)
                if year is None:
                    continue
                subject = f"{anniversary.id}:{year}"
                due, base = anniversary.due(year), anniversary.base_date
                title = (
                    f"Reported not marked: the {ordinal_word(anniversary.ordinal(year))} anniversary of the "
                    f"{anniversary.name} ({'-'.join(dyad)}), due {due.isoformat()}"
                )
            else:
                subject = f"{event.kind}:{event.cluster or event.doc + '/' + event.id}"
                due, base = event.day, None
                when = event.date or event.published or "date unknown"
                title = f"Reported absence of a {event.kind.replace('_', ' ')} between {dyad[0]} and {dyad[1]} ({when})"
            key = f"{'-'.join(dyad)}:{subject}"
            group = groups.setdefault(
                key,
                {"dyad": dyad, "subject": subject, "due": due, "base": base, "title": title, "events": []},
            )
            group["events"].append(event)
    alerts = []
    for group in groups.values():
        reports = group["events"]
        alerts.append(
            Alert(
                kind="reported_absence",
                dyad=group["dyad"],
                title=group["title"],
                subject=group["subject"],
                due=group["due"],
                base_date=group["base"],
                as_of=as_of,
                evidence=_limit([e.evidence_item() for e in reports], s.max_evidence),
                details={
                    "event_kind": reports[0].kind,
                    "anniversary": reports[0].anniversary_id,
                    "reports": len({e.doc for e in reports}),
                    "sources": sorted({e.source for e in reports if e.source}),
                },
            )
        )
    return alerts


# --- contacts -------------------------------------------------------------------------------------------


def find_contact_changes(
    events: list[Event], index: DocumentIndex, as_of: dt.date, s: Settings
) -> list[Alert]:
    """Monthly contacts of each pair against its own trailing baseline: surges and drops."""
    contacts = _contacts_by_pair(events, s)
    months = _judged_months(as_of, s)
    alerts = []
    for month in months:
        start, end = month_bounds(month)
        baseline = []
        for earlier in previous_months(month, s.baseline_months):
            first, last = month_bounds(earlier)
            documents = index.total(first, last)
            if documents:
                baseline.append((earlier, documents))
        if len(baseline) < max(s.min_baseline_months, 1):
            continue
        usual_documents = sum(n for _, n in baseline) / len(baseline)
        documents = index.total(start, end)
        if documents < s.coverage_ratio * usual_documents:
            continue
        for dyad, per_month in sorted(contacts.items()):
            history = {earlier: len(per_month.get(earlier, {})) for earlier, _ in baseline}
            mean = sum(history.values()) / len(history)
            count = len(per_month.get(month, {}))
            details = {
                "month": month,
                "contacts": count,
                "baseline_mean": round(mean, 2),
                "baseline": history,
                "documents": documents,
                "usual_documents": round(usual_documents, 1),
            }
            pair = f"{dyad[0]} and {dyad[1]}"
            if count >= s.min_contacts and count >= s.surge_ratio * mean:
                evidence = [
                    e.evidence_item() for e in sorted(per_month[month].values(), key=lambda e: e.date or "")
                ]
                alerts.append(
                    Alert(
                        kind="contact_surge",
                        dyad=dyad,
                        subject=month,
                        as_of=as_of,
                        details=details,
                        title=(
                            f"Contacts between {pair} surged in {month}: {count} against a mean of {mean:.1f} a "
                            f"month over the {len(history)} months before"
                        ),
                        evidence=_limit(evidence, s.max_evidence),
                    )
                )
            elif mean >= s.min_contacts and count <= s.drop_ratio * mean:
                earlier_events = [
                    e for m in sorted(history, reverse=True) for e in per_month.get(m, {}).values()
                ]
                alerts.append(
                    Alert(
                        kind="contact_drop",
                        dyad=dyad,
                        subject=month,
                        as_of=as_of,
                        details=details,
                        title=(
                            f"Contacts between {pair} dropped in {month}: {count} against a mean of {mean:.1f} a "
                            f"month over the {len(history)} months before, while the sources were read"
                        ),
                        evidence=_limit([e.evidence_item() for e in earlier_events], s.max_evidence),
                    )
                )
    return alerts


def _contacts_by_pair(events: list[Event], s: Settings) -> dict[tuple[str, str], dict[str, dict[str, Event]]]:
    """pair -> month -> one event per real-world contact (its cluster), in the order of `events`.

    Written for speed (one flat dict, Event.month inlined): it runs over every contact of the history.
    """
    contact_kinds = set(s.contact_kinds)
    flat: dict[tuple[tuple[str, str], str], dict[str, Event]] = {}
    for event in [e for e in events if e.kind in contact_kinds and not e.negated]:
        date = event.date
        month = date[:7] if date and len(date) >= 7 else event.month
        if not month:
            continue
        key = event.cluster or event.id  # several reports of one real-world event are one contact
        dyad = event.dyad
        if dyad:
            bucket = flat.get((dyad, month))
            if bucket is None:
                bucket = flat[(dyad, month)] = {}
            bucket.setdefault(key, event)
            continue
        for dyad in _pairs(event.states):
            flat.setdefault((dyad, month), {}).setdefault(key, event)
    contacts: dict[tuple[str, str], dict[str, dict[str, Event]]] = defaultdict(dict)
    for (dyad, month), bucket in flat.items():
        contacts[dyad][month] = bucket
    return contacts


def _judged_months(as_of: dt.date, s: Settings) -> list[str]:
    """Months that ended at least judge_after_days and at most max_age_days (plus that wait) before as_of."""
    months = []
    cursor = dt.date(as_of.year, as_of.month, 1)
    while True:
        cursor = (cursor - dt.timedelta(days=1)).replace(day=1)
        _, last = month_bounds(cursor.strftime("%Y-%m"))
        age = (as_of - last).days
        if age > s.max_age_days + s.judge_after_days:
            break
        if age >= s.judge_after_days:
            months.append(cursor.strftime("%Y-%m"))
    return months[::-1]


# --- silent sources -------------------------------------------------------------------------------------


def find_silent_sources(history: History, index: DocumentIndex, as_of: dt.date, s: Settings) -> list[Alert]:
    """Sources that have published nothing, or failed, for much longer than their usual gap."""
    alerts = []
    for source, (days, _) in sorted(index.sources.items()):
        if not source or len(days) < max(s.silent_min_documents, 2):
            continue
        gap = statistics.median((b - a).days for a, b in itertools.pairwise(days))
        limit = max(s.silent_factor * gap, s.silent_min_days)
        last = days[-1]
        silence = (as_of - last).days
        if silence <= limit:
            continue
        runs = [run for run in history.runs if run.source == source and run.day and last < run.day <= as_of]
        failed = [run for run in runs if not run.ok]
        title = (
            f"Source {source} has published nothing for {silence} days (since {last.isoformat()}); "
            f"it usually publishes every {gap:g} day(s)"
        )
        if failed:
            title += f"; {len(failed)} of its {len(runs)} crawl(s) since then failed"
        evidence = [
            {
                "doc": None,
                "url": None,
                "sentence": f"crawl {run.id} on {run.started_at} failed: {run.message}",
            }
            for run in failed[-s.max_evidence :]
        ]
        alerts.append(
            Alert(
                kind="source_silent",
                dyad=(),
                title=title,
                subject=f"{source}:{last.isoformat()}",
                as_of=as_of,
                evidence=evidence,
                details={
                    "source": source,
                    "last_published": last.isoformat(),
                    "silent_days": silence,
                    "usual_gap_days": gap,
                    "limit_days": limit,
                    "crawls": len(runs),
                    "failed_crawls": len(failed),
                    "last_error": failed[-1].message if failed else None,
                },
            )
        )
    return alerts


# --- entry point ----------------------------------------------------------------------------------------


def find_alerts(
    history: History, as_of: dt.date, settings: Settings | Mapping[str, Any] | None = None
) -> list[Alert]:
    """Every alert the history supports on `as_of`, sorted by kind and key.

    Only what was known by `as_of` counts (documents published on or before it, runs started by then), so a
    replay over past dates shows which alerts would have fired when. Pure: the same history and date always
    give the same alerts with the same keys.
    """
    s = settings if isinstance(settings, Settings) else Settings.from_config(settings)
    cutoff = as_of.isoformat()
    # an event whose document and date are both unknown cannot be placed in time: left out, as in the database
    events = [
        e for e in history.events if (known := e.published or e.date) and known[:10] <= cutoff
    ]  # known_on
    index = DocumentIndex(history.documents, as_of)
    alerts = (
        find_missed_anniversaries(history, events, index, as_of, s)
        + find_reported_absences(history, events, as_of, s)
        + find_contact_changes(events, index, as_of, s)
        + find_silent_sources(history, index, as_of, s)
    )
    return sorted(alerts, key=lambda alert: (KINDS.index(alert.kind), alert.key))
