"""source_silent: a source that has published nothing, or whose crawls failed, for much longer than its usual
gap between publication days."""

from __future__ import annotations

import itertools
import statistics

from alerts.compare.alert import Alert, Context, finder


@finder("source_silent")
def find_silent_sources(ctx: Context) -> list[Alert]:
    """Sources that have published nothing, or failed, for much longer than their usual gap."""
    history, index, as_of, s = ctx.history, ctx.index, ctx.as_of, ctx.settings
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
