"""Which pairs of states the alerts concern: `[analysis] watch_pairs`, by default the pairs of the anniversaries
file.

The anniversaries file is where a user says which relationships they follow: an anniversary expected to be
marked (`alert` not false) names the pair whose ties it marks. Every pair stays in the database to browse; only
alerts are limited to the watched pairs.
"""

from __future__ import annotations

from collections.abc import Iterable

from alerts.compare.settings import Settings
from crawler.extract.anniversaries import Anniversary


def data_pairs(anniversaries: Iterable[Anniversary]) -> frozenset[tuple[str, str]]:
    """The pairs whose anniversaries the data file expects to be marked, each sorted.

    A bilateral entry's pair (its first two countries); a national day's state with each partner listed (the
    partners expected to mark it). Entries with `alert = false` only link and date events: they name no pair.
    """
    found: set[tuple[str, str]] = set()
    for anniversary in anniversaries:
        if not anniversary.alert or len(set(anniversary.countries)) < 2:
            continue
        if anniversary.scope == "national":
            own, partners = anniversary.countries[0], anniversary.countries[1:]
            found.update(_sorted(own, partner) for partner in partners if partner != own)
        else:
            found.add(anniversary.dyad)
    return frozenset(found)


def watched_pairs(
    settings: Settings, anniversaries: Iterable[Anniversary]
) -> frozenset[tuple[str, str]] | None:
    """The configured pairs, else those of the data file; None (every pair) when neither names one."""
    return settings.watch_dyads or data_pairs(anniversaries) or None


def _sorted(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)
