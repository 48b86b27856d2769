"""protocol_drop: an anniversary marked at a lower level than in any recent year.

For each anniversary a pair of states marks (and each pair's national days, marked with messages), the
highest protocol tier on each side in each year: the best tier among the participants of the events that
marked it that year (seeds/ranks.toml; 1 = the leader). A reported absence of senior officials ("no senior
officials attended") is evidence of its own: that side's highest is at best the tier below them. The alert
fires when this year's highest is below the lowest of the previous `protocol_lookback_years` years, at least
`protocol_min_years` of which have participants on that side; its evidence is this year's highest and the
years it fell below.
"""

from __future__ import annotations

from collections import defaultdict

from alerts.compare.alert import Alert, Context, finder, limit_evidence, marking_dyads, ordinal_word
from alerts.compare.attendance import Participant
from alerts.compare.history import Event
from alerts.compare.missed_anniversary import _judged_years, _marked_year
from crawler.extract.anniversaries import Anniversary

# (anniversary id, pair, side) -> year -> the participants of that side in the events marking it
Levels = dict[tuple[str, tuple[str, str], str], dict[int, list[tuple[Participant, Event]]]]


def year_level(reports: list[tuple[Participant, Event]]) -> int:
    """The highest tier of one side in one year: the best tier named, else the best an absence allows."""
    present = [p.level for p, _ in reports if not p.absent and p.level is not None]
    if present:
        return min(present)
    return min(p.level for p, _ in reports if p.level is not None)


def top(reports: list[tuple[Participant, Event]]) -> tuple[Participant, Event]:
    """The report that sets a year's level (a named participant before a post or group, before an absence)."""
    level = year_level(reports)
    return min(
        ((p, e) for p, e in reports if p.level == level),
        key=lambda item: (item[0].absent, item[0].person is None, item[1].known_on or "", item[0].doc),
    )


def _levels(ctx: Context) -> Levels:
    """Every side's participants per anniversary, pair and year, from the events known on as_of."""
    s = ctx.settings
    anniversaries = {a.id: a for a in ctx.history.anniversaries}
    events = {e.id: e for e in ctx.events if e.anniversary_id in anniversaries and e.kind in s.marking_kinds}
    levels: Levels = defaultdict(lambda: defaultdict(list))
    for participant in ctx.history.participants:
        event = events.get(participant.event)
        if event is None or participant.level is None or not participant.state:
            continue
        if event.negated and not participant.absent:
            continue  # an event reported as not happening has no one present
        anniversary = anniversaries[str(event.anniversary_id)]
        year = _marked_year(event, anniversary, s)
        if year is None:
            continue
        for dyad in marking_dyads(event, anniversary):
            if participant.state in dyad:
                levels[(anniversary.id, dyad, participant.state)][year].append((participant, event))
    return levels


@finder("protocol_drop")
def find_protocol_drops(ctx: Context) -> list[Alert]:
    """Anniversaries marked at a lower protocol level on one side than in every recent year."""
    s, as_of = ctx.settings, ctx.as_of
    anniversaries = {a.id: a for a in ctx.history.anniversaries}
    alerts = []
    for (anniversary_id, dyad, side), years in sorted(_levels(ctx).items()):
        anniversary = anniversaries[anniversary_id]
        for year in _judged_years(anniversary, as_of, s):
            if year not in years:
                continue
            previous = {
                y: year_level(years[y]) for y in range(year - s.protocol_lookback_years, year) if y in years
            }
            if len(previous) < max(s.protocol_min_years, 1):
                continue
            level = year_level(years[year])
            if level > max(previous.values()):
                alerts.append(
                    _drop_alert(anniversary, dyad, side, year, years, previous, level, s.max_evidence)
                )
    return alerts


def _drop_alert(
    anniversary: Anniversary,
    dyad: tuple[str, str],
    side: str,
    year: int,
    years: dict[int, list[tuple[Participant, Event]]],
    previous: dict[int, int],
    level: int,
    max_evidence: int,
) -> Alert:
    lowest = max(previous.values())
    bar_year = max(y for y, v in previous.items() if v == lowest)  # the latest year at the lowest level
    now, _ = top(years[year])
    then, _ = top(years[bar_year])
    title = (
        f"{anniversary.name} ({'-'.join(dyad)}), {ordinal_word(anniversary.ordinal(year))} anniversary: the "
        f"highest {side} participant in {year} was tier {level} ({now.describe()}), below every year of "
        f"{min(previous)}-{max(previous)} (lowest: tier {lowest} in {bar_year}, {then.describe()})"
    )

    def items(y: int) -> list[dict]:
        chosen = [top(years[y])] + [(p, e) for p, e in years[y] if p.absent]  # an absence is evidence too
        return [{"doc": p.doc, "url": e.url, "sentence": p.sentence} for p, e in chosen]

    evidence = items(year) + items(bar_year) + [i for y in sorted(previous, reverse=True) for i in items(y)]
    return Alert(
        kind="protocol_drop",
        dyad=dyad,
        title=title,
        subject=f"{anniversary.id}:{year}:{side}",
        due=anniversary.due(year),
        base_date=anniversary.base_date,
        evidence=limit_evidence(evidence, max(max_evidence, 2)),
        details={
            "anniversary": anniversary.id,
            "name": anniversary.name,
            "year": year,
            "side": side,
            "tier": level,
            "tier_name": now.tier_name,
            "highest": {
                "person": now.person,
                "position": now.position,
                "role": now.role,
                "absent": now.absent,
            },
            "previous_tiers": {str(y): v for y, v in sorted(previous.items())},
            "compared_with": {
                "year": bar_year,
                "tier": lowest,
                "person": then.person,
                "position": then.position,
                "role": then.role,
            },
        },
    )
