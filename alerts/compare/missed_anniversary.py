"""missed_anniversary: an anniversary customarily marked for a pair of states with no marking found around its
due date, raised only where the sources were read in that window.

Customarily marked: in most of its recent years, or of its round years where that is the learned pattern. The
evidence is the markings of earlier years.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections import defaultdict
from collections.abc import Mapping

from alerts.compare.alert import Alert, Context, finder, limit_evidence, marking_dyads, ordinal_word
from alerts.compare.history import Event
from alerts.compare.settings import Settings
from crawler.extract.anniversaries import OBSERVED, Anniversary
from crawler.extract.dates import parse_day

PERIODS = tuple(sorted(OBSERVED.values()))  # 1, 5, 10
PATTERN_NAMES = {period: name for name, period in OBSERVED.items()}
# A marking that names the ordinal ("the 63rd anniversary") counts for that year when dated within this many
# days of the due date: reports lag the ceremony, and ceremonies move by a few days.
ORDINAL_SLACK_DAYS = 31
LEARNED_PREFIX = "learned-"


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


@finder("missed_anniversary")
def find_missed_anniversaries(ctx: Context) -> list[Alert]:
    """Customary anniversaries with no marking found around their due date, where the sources were read."""
    history, events, index, as_of, s = ctx.history, ctx.events, ctx.index, ctx.as_of, ctx.settings
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
    unnamed = _unnamed_contacts(events, set(s.unnamed_marking_kinds))
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
                cache[year] = index.was_read(due - window, due + window, s)
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
                if _contact_on_the_day(unnamed.get(dyad, []), anniversary.due(year), s.unnamed_marking_days):
                    continue  # "Greetings to Russian President" on the day: marked, though no words name it
                alerts.append(
                    _missed_alert(
                        anniversary, dyad, year, marks, period, hits, expected, found, wanted, as_of, s
                    )
                )
    return alerts


def _unnamed_contacts(events: list[Event], marking_kinds: set[str]) -> dict[tuple[str, str], list[dt.date]]:
    """The days of the events of marking kinds that name no occasion, by pair, sorted."""
    days: dict[tuple[str, str], list[dt.date]] = defaultdict(list)
    for event in events:
        if event.kind in marking_kinds and not event.negated and event.dyad and not event.anniversary_id:
            day = event.day
            if day is not None:
                days[event.dyad].append(day)
    return {dyad: sorted(found) for dyad, found in days.items()}


def _contact_on_the_day(days: list[dt.date], due: dt.date, within: int) -> bool:
    """Is one of these (sorted) days within `within` days of the due day?"""
    if within <= 0 or not days:
        return False
    at = bisect.bisect_left(days, due - dt.timedelta(days=within))
    return at < len(days) and days[at] <= due + dt.timedelta(days=within)


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
        evidence=limit_evidence(evidence, s.max_evidence),
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
