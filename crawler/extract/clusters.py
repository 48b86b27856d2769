"""Clusters: one id for every report of the same real-world event (same kind, same states, same date)."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable

from crawler.extract.dates import When, parse_iso

SAME_DAY_SLACK = 1  # reports of one event may date it a day apart (time zones, "on Friday" vs "Saturday")


def _key(event: dict) -> tuple:
    return (
        event["kind"],
        tuple(sorted(set(event["actors"]) | set(event["targets"]))),
        bool(event["negated"]),
    )


def _close(a: When, b: When) -> bool:
    if a.precision == "day" and b.precision == "day":
        return abs((a.day - b.day).days) <= SAME_DAY_SLACK
    return a.day <= b.last_day and b.day <= a.last_day


def _day_cluster(
    clusters: list[tuple[When | None, set[str], str]],
    by_day: dict[dt.date, list[int]],
    day: dt.date,
    doc: str,
) -> tuple[When | None, set[str], str] | None:
    """The oldest cluster anchored within a day of `day` that holds no event of `doc`.

    Members are sorted by precision first, so while day-precise events are placed every cluster is anchored
    on a day: looking up the days around the event finds what a scan of all the clusters would.
    """
    found = [
        next((n for n in by_day.get(day + dt.timedelta(days=shift), []) if doc not in clusters[n][1]), None)
        for shift in range(-SAME_DAY_SLACK, SAME_DAY_SLACK + 1)
    ]
    oldest = min((n for n in found if n is not None), default=None)
    return clusters[oldest] if oldest is not None else None


def _span_cluster(
    clusters: list[tuple[When | None, set[str], str]],
    by_day: dict[dt.date, list[int]],
    coarse: list[int],
    when: When,
    doc: str,
) -> tuple[When | None, set[str], str] | None:
    """The oldest cluster whose anchor overlaps the span `when` (a week, month or year) that holds no event of
    `doc`: the clusters anchored on a day of the span, looked up by day, and those anchored on a span."""
    found = [n for n in coarse if doc not in clusters[n][1] and _close(clusters[n][0], when)]  # type: ignore[arg-type]
    day, last = when.day, when.last_day
    if len(by_day) < (last - day).days + 1:  # fewer anchor days than days in the span: read them all
        days = [d for d in by_day if day <= d <= last]
    else:
        days = [day + dt.timedelta(days=k) for k in range((last - day).days + 1)]
    for anchor in days:
        found += [n for n in by_day.get(anchor, []) if doc not in clusters[n][1]]
    oldest = min(found, default=None)
    return clusters[oldest] if oldest is not None else None


def cluster_events(events: Iterable[dict]) -> dict[str, str]:
    """Map each event id to its cluster id; events of different documents with one key and close dates share one.

    Finer dates anchor a cluster; a coarser report ('in June') joins the cluster whose day it contains.
    Events of the same document are never merged here (extraction already merged them).
    """
    groups: dict[tuple, list[tuple[When | None, dict]]] = {}
    for event in events:
        groups.setdefault(_key(event), []).append((parse_iso(event.get("date")), event))
    result: dict[str, str] = {}
    precision_rank = {"day": 0, "week": 1, "month": 2, "year": 3}
    for key, members in groups.items():
        members.sort(
            key=lambda m: (
                m[0] is None,
                precision_rank.get(m[0].precision, 9) if m[0] else 9,
                m[0].day if m[0] else None,
                m[1]["id"],
            )
        )
        clusters: list[tuple[When | None, set[str], str]] = []  # (anchor date, docs, cluster id)
        by_day: dict[dt.date, list[int]] = {}  # anchor day -> the clusters anchored on it, oldest first
        coarse: list[int] = []  # the clusters anchored on a week, month or year, oldest first
        for when, event in members:
            home = None
            if when is not None and when.precision == "day":
                home = _day_cluster(clusters, by_day, when.day, event["doc"])
            elif when is not None:
                home = _span_cluster(clusters, by_day, coarse, when, event["doc"])
            if home is None:
                digest = hashlib.sha1(
                    ("|".join(map(str, key)) + "|" + (when.iso if when else event["id"])).encode()
                ).hexdigest()[:12]
                home = (when, set(), f"c{digest}")
                if when is not None and when.precision == "day":
                    by_day.setdefault(when.day, []).append(len(clusters))
                elif when is not None:
                    coarse.append(len(clusters))
                clusters.append(home)
            home[1].add(event["doc"])
            result[event["id"]] = home[2]
    return result
