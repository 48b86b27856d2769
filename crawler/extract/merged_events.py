"""The events of one document: repeated mentions of one event merged into one, with all their evidence."""

from __future__ import annotations

from crawler.extract.dates import When
from crawler.extract.event_types import Candidate
from crawler.extract.named_people import different_people

PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}


def _overlap(a: When | None, b: When | None) -> bool:
    if a is None or b is None:
        return False
    return a.day <= b.last_day and b.day <= a.last_day


def _compatible(a: Candidate, b: Candidate) -> bool:
    """Can two mentions be one event: not opposite directions (a message and its reply), same anniversary,
    not different people of one state (two meetings of the pair on one day)."""
    if a.targets and b.targets and set(a.actors) & set(b.targets) and set(b.actors) & set(a.targets):
        return False
    if (a.sequel or b.sequel) and a.sentence != b.sentence and a.explicit and b.explicit:
        return False  # "Kim received Lavrov on Thursday ... Earlier on Thursday the ministers held talks"
    if (a.another or b.another) and a.sentence != b.sentence:
        return False  # "Kim Jong Il and Dai Bingguo held talks ... Dai also met Vice Premier Kang Sok Ju"
    if (
        a.anniversary
        and b.anniversary
        and (a.anniversary[0].id, a.anniversary[1]) != (b.anniversary[0].id, b.anniversary[1])
    ):
        return False
    return not (a.people and b.people and different_people(a.people, b.people))


def _finer(a: When | None, b: When | None) -> bool:
    """Is date a more precise than date b and inside it?"""
    return (
        a is not None
        and b is not None
        and PRECISION_RANK[a.precision] < PRECISION_RANK[b.precision]
        and b.day <= a.day <= b.last_day
    )


def _subsumed(candidates: list[Candidate]) -> list[Candidate]:
    """Within one sentence, 'visited the cemetery and paid tribute to Chinese soldiers' is one event."""
    kept: list[Candidate] = []
    for candidate in candidates:
        twin = next(
            (
                k
                for k in kept
                if k.evidence == candidate.evidence
                and k.kind == candidate.kind
                and k.actors == candidate.actors
                and k.negated == candidate.negated
                and (set(k.targets) <= set(candidate.targets) or set(candidate.targets) <= set(k.targets))
                and (k.when is None or candidate.when is None or _overlap(k.when, candidate.when))
            ),
            None,
        )
        if twin is None:
            kept.append(candidate)
            continue
        if len(candidate.targets) > len(twin.targets):
            twin.targets = candidate.targets
        twin.anniversary = twin.anniversary or candidate.anniversary
        twin.location = twin.location or candidate.location
        if candidate.explicit and not twin.explicit:
            twin.when, twin.explicit = candidate.when, True
        elif candidate.explicit and _finer(candidate.when, twin.when):
            # "Earlier this month, Kim received Song Tao, who arrived on April 13": the day inside the month
            twin.when = candidate.when
    return kept


def _aimed_twin_targets(
    candidate: Candidate, candidates: list[Candidate], untargeted: frozenset[str]
) -> list[str]:
    """The targets of the nearest mention of the same actors' event of this kind that names some, where their
    days agree; none where the kind needs a target to stand or no such mention is told."""
    if candidate.kind not in untargeted:
        return []
    twins = [
        c
        for c in candidates
        if c.kind == candidate.kind
        and c.targets
        and c.actors == candidate.actors
        and c.negated == candidate.negated
        and (not (c.explicit and candidate.explicit) or _overlap(c.when, candidate.when))
    ]
    return min(twins, key=lambda c: abs(c.order - candidate.order)).targets if twins else []


def _in_one_stay(a: When | None, b: When | None, days: int) -> bool:
    """Are two days at most `days` apart: the arrival and a later day of one stay?"""
    return (
        days > 0
        and a is not None
        and b is not None
        and a.precision == b.precision == "day"
        and abs((a.day - b.day).days) <= days
    )


def merge_candidates(
    candidates: list[Candidate],
    story: When | None,
    window_days: int = 31,
    stays: dict[str, int] | None = None,
    untargeted: frozenset[str] = frozenset(),
) -> list[Candidate]:
    """One event per (kind, states, negation, date): repeated mentions of one event become one.

    A mention with no date of its own joins a dated mention of the same event when that one is dated
    within `window_days` of the story; otherwise it stands alone, dated by the story. Mentions of a kind
    that lasts days (`stays`: kind -> days, a visit's) on days at most that many apart are one stay
    ("arrived on Thursday ... wrapped up a two-day visit on Friday"), dated by its first day. A mention of a kind
    that may stand with no target (`untargeted`: a rally's) naming none is the mention of the same actors' event
    that names one, where their days agree ("mass rallies in Pyongyang ... to mark the anniversary of the war" /
    "Tens of thousands rally in Pyongyang").
    """
    stays = stays or {}
    groups: dict[tuple, list[Candidate]] = {}
    kept = _subsumed(candidates)
    for candidate in kept:
        targets = candidate.targets or _aimed_twin_targets(candidate, kept, untargeted)
        key = (candidate.kind, frozenset(candidate.actors) | frozenset(targets), candidate.negated)
        groups.setdefault(key, []).append(candidate)
    for key, members in groups.items():  # an implied event gives way to one the story tells
        told = [m for m in members if not m.implied]
        if told and not any(m.explicit and not m.inferred for m in told):
            # ... but where the story gives the told one no day, the implied one's day is its day ("the envoy
            # visited Pyongyang" / "held talks in Pyongyang from Tuesday to Thursday")
            told += [m for m in members if m.implied and m.explicit and not m.inferred]
        groups[key] = told or members
    merged: list[Candidate] = []
    for members in groups.values():
        clusters: list[list[Candidate]] = []
        # a day the text gave first; one taken from the anniversary it was "on" joins them like an undated one
        for candidate in sorted((m for m in members if m.explicit and not m.inferred), key=lambda m: m.order):
            home = next(
                (
                    c
                    for c in clusters
                    if all(_compatible(candidate, o) for o in c)
                    and any(
                        _overlap(candidate.when, o.when)
                        or (
                            not candidate.introduced
                            and _in_one_stay(candidate.when, o.when, stays.get(candidate.kind, 0))
                        )
                        for o in c
                    )
                ),
                None,
            )
            (home.append(candidate) if home is not None else clusters.append([candidate]))
        for candidate in sorted((m for m in members if not m.explicit or m.inferred), key=lambda m: m.order):

            def gap(cluster: list[Candidate]) -> int:
                if story is None or cluster[0].when is None:
                    return 0
                return abs((story.day - cluster[0].when.day).days)

            homes = [
                c
                for c in clusters
                if all(_compatible(candidate, o) for o in c)
                and (
                    not c[0].explicit
                    or gap(c) <= window_days
                    or (story and _overlap(c[0].when, story))
                    or any(abs(candidate.sentence - o.sentence) <= 1 for o in c)
                )
            ]
            if homes:
                min(homes, key=gap).append(candidate)
            else:
                clusters.append([candidate])
        for cluster in clusters:
            merged.append(_combine(cluster, first_day=cluster[0].kind in stays))
    return sorted(merged, key=lambda c: c.order)


def _combine(cluster: list[Candidate], first_day: bool = False) -> Candidate:
    dated = [c for c in cluster if c.explicit and c.when is not None and not c.inferred] or [
        c for c in cluster if c.inferred
    ]
    best = (
        min(
            dated,
            key=lambda c: (
                PRECISION_RANK[c.when.precision] if c.when else 9,
                c.when.day if first_day and c.when else 0,  # a stay: its first day
                c.order,
            ),
        )
        if dated
        else min(cluster, key=lambda c: c.order)
    )
    directed = next((c for c in sorted(cluster, key=lambda c: c.order) if c.targets), None)
    anniversary = next((c.anniversary for c in sorted(cluster, key=lambda c: c.order) if c.anniversary), None)
    location = best.location or next((c.location for c in cluster if c.location), None)
    result = Candidate(
        best.kind,
        (directed or best).actors,
        (directed or best).targets,
        best.when,
        best.explicit,
        location,
        anniversary,
        best.negated,
        best.evidence,
        min(c.order for c in cluster),
    )
    result.people = frozenset().union(*(c.people for c in cluster))
    result.extra_evidence = [
        c.evidence for c in sorted(cluster, key=lambda c: c.order) if c.evidence != best.evidence
    ]
    return result
