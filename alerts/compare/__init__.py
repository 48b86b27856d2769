"""Comparison of what happened with what usually happens: `find_alerts(history, as_of) -> list[Alert]`.

Pure functions, no I/O. One module per judgement, each a Finder of FINDERS with its evidence:

- missed_anniversary: an anniversary customarily marked for a pair of states (marked in most of its recent
  years, or of its round years where that is the learned pattern) with no marking found around its due date,
  raised only where the sources were read in that window;
- reported_absence: a document says an event or commemoration did not happen;
- protocol_drop: an anniversary marked on one side at a lower protocol tier than in every recent year;
- contacts (contact_surge / contact_drop): the monthly contacts of a pair of states against their trailing
  baseline;
- source_silent: a source that has published nothing, or failed, for much longer than its usual gap.

Alerts about a pair of states are kept only for the watched pairs (watched.py: `[analysis] watch_pairs`, by
default the pairs of the anniversaries file); every pair stays in the history.

Every alert has a stable key (kind, pair, subject, period), so analysing again adds nothing. The history comes
from history.py (`load_history`, the only I/O), the thresholds from settings.py ([analysis]).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from alerts.compare.alert import (
    Alert,
    Context,
    Finder,
    event_dyads,
    finder,
    marking_dyads,
    month_bounds,
    ordinal_word,
    previous_months,
)
from alerts.compare.contacts import find_contact_changes
from alerts.compare.coverage import DocumentIndex
from alerts.compare.history import History
from alerts.compare.missed_anniversary import (
    LEARNED_PREFIX,
    ORDINAL_SLACK_DAYS,
    PATTERN_NAMES,
    PERIODS,
    find_missed_anniversaries,
)
from alerts.compare.protocol_drop import find_protocol_drops
from alerts.compare.reported_absence import find_reported_absences
from alerts.compare.settings import Settings
from alerts.compare.source_silent import find_silent_sources
from alerts.compare.watched import data_pairs, watched_pairs

# The registry find_alerts walks, in the order alerts are sorted by kind.
FINDERS: tuple[Finder, ...] = (
    find_missed_anniversaries,
    find_reported_absences,
    find_protocol_drops,
    find_contact_changes,
    find_silent_sources,
)
KINDS = tuple(kind for one in FINDERS for kind in one.kinds)

__all__ = [
    "FINDERS",
    "KINDS",
    "LEARNED_PREFIX",
    "ORDINAL_SLACK_DAYS",
    "PATTERN_NAMES",
    "PERIODS",
    "Alert",
    "Context",
    "DocumentIndex",
    "Finder",
    "Settings",
    "data_pairs",
    "event_dyads",
    "find_alerts",
    "find_contact_changes",
    "find_missed_anniversaries",
    "find_protocol_drops",
    "find_reported_absences",
    "find_silent_sources",
    "finder",
    "marking_dyads",
    "month_bounds",
    "ordinal_word",
    "previous_months",
    "watched_pairs",
]


def find_alerts(
    history: History, as_of: dt.date, settings: Settings | Mapping[str, Any] | None = None
) -> list[Alert]:
    """Every alert the history supports on `as_of`, sorted by kind and key.

    Only what was known by `as_of` counts (documents published on or before it, runs started by then), so a
    replay over past dates shows which alerts would have fired when. Alerts about pairs that are not watched
    are left out. Pure: the same history and date always give the same alerts with the same keys.
    """
    s = settings if isinstance(settings, Settings) else Settings.from_config(settings)
    cutoff = as_of.isoformat()
    # an event whose document and date are both unknown cannot be placed in time: left out, as in the database
    events = [
        e for e in history.events if (known := e.published or e.date) and known[:10] <= cutoff
    ]  # known_on
    watched = watched_pairs(s, history.anniversaries)
    ctx = Context(history, events, DocumentIndex(history.documents, as_of), as_of, s, watched)
    alerts = [alert for one in FINDERS for alert in one(ctx) if ctx.watches(alert.dyad)]
    return sorted(alerts, key=lambda alert: (KINDS.index(alert.kind), alert.key))
