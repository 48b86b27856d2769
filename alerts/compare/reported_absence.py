"""reported_absence: a document says an event or commemoration did not happen ("did not mark the
anniversary"); the reports of one absence are one alert, each report its evidence."""

from __future__ import annotations

import datetime as dt

from alerts.compare.alert import (
    Alert,
    Context,
    event_dyads,
    finder,
    limit_evidence,
    marking_dyads,
    ordinal_word,
)
from alerts.compare.history import Event
from crawler.extract.anniversaries import Anniversary
from crawler.extract.dates import parse_day


def _absence_year(event: Event, anniversary: Anniversary) -> int | None:
    if event.anniversary_ordinal:
        return anniversary.year_of(event.anniversary_ordinal)
    day = event.day or parse_day(event.published)
    if day is not None:
        return min((day.year - 1, day.year), key=lambda y: abs((day - anniversary.due(y)).days))
    if event.date and len(event.date) >= 4:
        return int(event.date[:4])
    return None


@finder("reported_absence")
def find_reported_absences(ctx: Context) -> list[Alert]:
    """Documents saying an event or commemoration did not happen: one alert per absence, every report as evidence."""
    history, events, as_of, s = ctx.history, ctx.events, ctx.as_of, ctx.settings
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
                evidence=limit_evidence([e.evidence_item() for e in reports], s.max_evidence),
                details={
                    "event_kind": reports[0].kind,
                    "anniversary": reports[0].anniversary_id,
                    "reports": len({e.doc for e in reports}),
                    "sources": sorted({e.source for e in reports if e.source}),
                },
            )
        )
    return alerts
