"""reported_absence: a document says that an expected event did not happen ("did not mark the anniversary",
"skipped the reception", "no senior officials attended"); the reports of one absence are one alert, each
report its evidence.

A negated event is a reported absence only when it is the absence of something expected, in the past of the
report that tells it:

- the marking of an anniversary the data file expects to be marked (`alert` not false), by an event of a
  marking kind ([analysis] marking_kinds), whose due date (less window_days, as receptions come early) is not
  after the report and whose own date is not after it either ("will not mark the 70th anniversary" is no
  absence);
- else a contact (a kind marked `contact = true` in the kinds file) dated before the day of the report: a
  future "there will be no talks" and a rhetorical "will never meet" are dated by their report, a past
  "did not visit last month" before it.

Refusals, warnings, criticism and other kinds are no absence of anything expected. Pairs that are not watched
are left out by find_alerts.
"""

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


def _report_day(event: Event, as_of: dt.date) -> dt.date:
    """The day the absence was reported: its document's publication, else the day of the analysis."""
    return parse_day(event.published) or as_of


def _after(date: str, day: dt.date) -> bool:
    """Is a YYYY, YYYY-MM or YYYY-MM-DD date later than a day, compared at the date's own precision?"""
    return date > day.isoformat()[: len(date)]


def _before(date: str, day: dt.date) -> bool:
    """Is a YYYY, YYYY-MM or YYYY-MM-DD date wholly earlier than a day, at the date's own precision?"""
    return date < day.isoformat()[: len(date)]


def _missed_marking_year(event: Event, anniversary: Anniversary, ctx: Context) -> int | None:
    """The year of an expected anniversary whose marking the event reports absent, when that was in the past
    of the report; None when the event is no such absence."""
    if not anniversary.alert or event.kind not in ctx.settings.marking_kinds:
        return None
    year = _absence_year(event, anniversary)
    if year is None:
        return None
    reported = _report_day(event, ctx.as_of)
    if event.date and _after(event.date, reported):
        return None
    if anniversary.due(year) - dt.timedelta(days=ctx.settings.window_days) > reported:
        return None
    return year


def _missed_contact(event: Event, ctx: Context) -> bool:
    """Does the event report a contact that did not happen before its report (not one that will not happen)?"""
    return (
        event.kind in ctx.history.contact_kinds
        and bool(event.date)
        and _before(event.date or "", _report_day(event, ctx.as_of))
    )


@finder("reported_absence")
def find_reported_absences(ctx: Context) -> list[Alert]:
    """Documents saying an expected event did not happen: one alert per absence, every report as evidence."""
    history, events, as_of, s = ctx.history, ctx.events, ctx.as_of, ctx.settings
    anniversaries = {anniversary.id: anniversary for anniversary in history.anniversaries}
    groups: dict[str, dict] = {}
    for event in sorted((e for e in events if e.negated), key=lambda e: (e.known_on or "", e.doc, e.id)):
        anniversary = anniversaries.get(event.anniversary_id or "")
        year = None if anniversary is None else _missed_marking_year(event, anniversary, ctx)
        if anniversary is not None and year is not None:
            dyads = marking_dyads(event, anniversary)
        elif _missed_contact(event, ctx):
            dyads = event_dyads(event)  # year is None: judged as a contact
        else:
            continue
        due: dt.date | None
        for dyad in dyads:
            if anniversary is not None and year is not None:
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
