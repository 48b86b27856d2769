"""Score extracted events against a hand-made reference file (`shiftwatch eval`).

A reference file (bench/eval/GUIDELINE.md) lists, per document, `core` events (recall counts them),
optional events (finding one is never a false alarm) and `traps` (page furniture that must not yield an
event: one is hit by a false alarm of its kind and states read from its words). An extracted event can match
a reference event of the same document when the kind and the set of states (actors and targets together) are
equal. Among those candidates, pairs whose direction and date agree are taken first, then the closest dates,
so that two messages of one pair in one month are never paired crosswise. Pure functions: rows in, figures out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


class ReferenceError(ValueError):
    """A reference file is not in the expected format."""


def date_span(text: object) -> tuple[dt.date, dt.date] | None:
    """The first and last day covered by YYYY, YYYY-MM or YYYY-MM-DD (None when it is none of these)."""
    if not text:
        return None
    parts = str(text)[:10].split("-")
    try:
        year = int(parts[0])
        if len(parts) == 1:
            return dt.date(year, 1, 1), dt.date(year, 12, 31)
        month = int(parts[1])
        if len(parts) == 2:
            following = dt.date(year + month // 12, month % 12 + 1, 1)
            return dt.date(year, month, 1), following - dt.timedelta(days=1)
        day = dt.date(year, month, int(parts[2]))
        return day, day
    except (ValueError, IndexError):
        return None


def date_ok(predicted: object, reference: object, tolerance_days: int = 0) -> bool:
    """Is the predicted date's span inside the reference date's span, widened by the tolerance?"""
    ref, pred = date_span(reference), date_span(predicted)
    if ref is None:
        return True
    if pred is None:
        return False
    pad = dt.timedelta(days=tolerance_days)
    return ref[0] - pad <= pred[0] and pred[1] <= ref[1] + pad


def date_distance(predicted: object, reference: object) -> int:
    """Days between the starts of two dates' spans (large when either is missing)."""
    ref, pred = date_span(reference), date_span(predicted)
    if ref is None or pred is None:
        return 10**6
    return abs((pred[0] - ref[0]).days)


def states(event: Mapping) -> frozenset[str]:
    """Every state of an event, actors and targets together."""
    return frozenset(event.get("actors") or []) | frozenset(event.get("targets") or [])


def read_from(trap: Mapping, predicted: Mapping) -> bool:
    """Was the extracted event read from the trap's words (its evidence, a line of page furniture), not from
    the story's own text that happens to name the same kind and states? A trap with no evidence is hit by
    kind and states alone."""
    words = " ".join(str(trap.get("evidence") or "").split()).lower()
    evidence = " ".join(str(predicted.get("evidence") or "").split()).lower()
    return not words or not evidence or words in evidence or evidence in words


def direction_ok(predicted: Mapping, reference: Mapping) -> bool:
    """Same actors and same targets (checked where the reference names targets)."""
    return set(predicted.get("actors") or []) == set(reference.get("actors") or []) and set(
        predicted.get("targets") or []
    ) == set(reference.get("targets") or [])


def anniversary_ok(predicted: Mapping, reference: Mapping) -> bool:
    """The reference's anniversary (base date and ordinal) is the one extracted."""
    want = reference.get("anniversary")
    if not want:
        return True
    got = predicted.get("anniversary") or {}
    return str(got.get("base_date") or "").startswith(str(want["base_date"])) and got.get(
        "ordinal"
    ) == want.get("ordinal")


@dataclass
class Score:
    """Counts, figures and the rows behind them."""

    tally: dict[str, int]
    figures: dict[str, float | int | None]
    misses: list[str] = field(default_factory=list)
    false_alarms: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)


def _pair(references: list[dict], predictions: list[dict]) -> list[tuple[int, int]]:
    """Pairs (reference index, prediction index): same kind and states; agreeing direction, negation and
    date first."""
    candidates = []
    for r, ref in enumerate(references):
        for p, pred in enumerate(predictions):
            if pred.get("kind") != ref.get("kind") or states(pred) != states(ref):
                continue
            key = (
                not ref.get("core"),
                bool(ref.get("targets")) and not direction_ok(pred, ref),
                bool(pred.get("negated")) != bool(ref.get("negated")),  # the absence with the absence
                not date_ok(pred.get("date"), ref.get("date"), int(ref.get("date_tolerance_days") or 0)),
                date_distance(pred.get("date"), ref.get("date")),
                r,
                p,
            )
            candidates.append((key, r, p))
    taken_ref: set[int] = set()
    taken_pred: set[int] = set()
    pairs = []
    for _key, r, p in sorted(candidates):
        if r in taken_ref or p in taken_pred:
            continue
        taken_ref.add(r)
        taken_pred.add(p)
        pairs.append((r, p))
    return pairs


def validate_reference(gold: Mapping) -> None:
    """Raise ReferenceError naming the first malformed document or event."""
    if not isinstance(gold.get("docs"), list):
        raise ReferenceError('the reference file has no "docs" list')
    for doc in gold["docs"]:
        if "doc" not in doc or not isinstance(doc.get("events"), list):
            raise ReferenceError(f'a document entry lacks "doc" or an "events" list: {str(doc)[:80]}')
        for event in doc["events"]:
            missing = [k for k in ("kind", "actors", "core") if k not in event]
            if missing:
                raise ReferenceError(f"{doc['doc']}: event {event.get('id')} lacks {', '.join(missing)}")


def score(
    gold: Mapping, events: Iterable[Mapping], published: Mapping[str, str | None] | None = None
) -> Score:
    """Score extracted events (export rows) against a reference; `published` maps doc -> stored date."""
    validate_reference(gold)
    by_doc: dict[str, list[dict]] = {}
    for event in events:
        by_doc.setdefault(str(event.get("doc")), []).append(dict(event))
    t = dict.fromkeys(
        "core core_found predicted predicted_true matched date_ok direction_checked direction_ok "
        "anniversary_checked anniversary_ok negated_checked negated_ok published_checked published_ok "
        "traps_hit".split(),
        0,
    )
    result = Score(tally=t, figures={})
    for doc in gold["docs"]:
        refs, preds = doc["events"], by_doc.get(doc["doc"], [])
        t["predicted"] += len(preds)
        t["core"] += sum(bool(r.get("core")) for r in refs)
        pairs = _pair(refs, preds)
        matched_refs = {r for r, _ in pairs}
        matched_preds = {p for _, p in pairs}
        for r, ref in enumerate(refs):
            if r not in matched_refs and ref.get("core"):
                result.misses.append(
                    f"{ref.get('id')} {ref['kind']} {sorted(states(ref))} {ref.get('date')}: {ref.get('evidence')}"
                )
        for r, p in pairs:
            ref, pred = refs[r], preds[p]
            t["core_found"] += bool(ref.get("core"))
            t["predicted_true"] += 1
            t["matched"] += 1
            problems = []
            if date_ok(pred.get("date"), ref.get("date"), int(ref.get("date_tolerance_days") or 0)):
                t["date_ok"] += 1
            else:
                problems.append(f"date {pred.get('date')} != {ref.get('date')}")
            if ref.get("targets"):
                t["direction_checked"] += 1
                if direction_ok(pred, ref):
                    t["direction_ok"] += 1
                else:
                    problems.append(
                        f"direction {pred.get('actors')}->{pred.get('targets')} != {ref['actors']}->{ref['targets']}"
                    )
            if ref.get("anniversary"):
                t["anniversary_checked"] += 1
                if anniversary_ok(pred, ref):
                    t["anniversary_ok"] += 1
                else:
                    problems.append(f"anniversary {pred.get('anniversary')} != {ref['anniversary']}")
            t["negated_checked"] += 1
            if bool(pred.get("negated")) == bool(ref.get("negated")):
                t["negated_ok"] += 1
            else:
                problems.append(f"negated {pred.get('negated')} != {ref.get('negated')}")
            if problems:
                result.wrong.append(f"{ref.get('id')}: " + "; ".join(problems))
        for p, pred in enumerate(preds):
            if p in matched_preds:
                continue
            trap = any(
                tr.get("kind") == pred.get("kind") and states(tr) == states(pred) and read_from(tr, pred)
                for tr in doc.get("traps", [])
            )
            t["traps_hit"] += trap
            result.false_alarms.append(
                ("TRAP " if trap else "")
                + f"{doc['doc']} {pred.get('kind')} {sorted(states(pred))} {pred.get('date')}: "
                + str(pred.get("evidence") or "")[:120]
            )
        if published is not None and doc.get("published"):
            t["published_checked"] += 1
            got = published.get(doc["doc"])
            t["published_ok"] += bool(got) and str(got)[:10] == doc["published"]
    result.figures = figures(t)
    return result


def figures(t: Mapping[str, int]) -> dict[str, float | int | None]:
    """The ratios of a tally, rounded to three places (None where nothing was checked)."""

    def ratio(a: int, b: int) -> float | None:
        return round(a / b, 3) if b else None

    recall = ratio(t["core_found"], t["core"])
    precision = ratio(t["predicted_true"], t["predicted"])
    f1 = round(2 * recall * precision / (recall + precision), 3) if recall and precision else 0.0
    return {
        "core_recall": recall,
        "precision": precision,
        "f1": f1,
        "date_accuracy": ratio(t["date_ok"], t["matched"]),
        "direction_accuracy": ratio(t["direction_ok"], t["direction_checked"]),
        "anniversary_accuracy": ratio(t["anniversary_ok"], t["anniversary_checked"]),
        "negation_accuracy": ratio(t["negated_ok"], t["negated_checked"]),
        "published_accuracy": ratio(t["published_ok"], t["published_checked"]),
        "traps_hit": t["traps_hit"],
        "predicted": t["predicted"],
        "core": t["core"],
        "core_found": t["core_found"],
    }


def report(result: Score, details: bool = True) -> str:
    """The figures as text, after the misses, false alarms and wrong matches when `details`."""
    lines = []
    if details:
        for title, rows in (
            ("missed core events", result.misses),
            ("extracted but not in the reference", result.false_alarms),
            ("matched with errors", result.wrong),
        ):
            lines.append(f"== {title} ({len(rows)})")
            lines.extend("  " + row for row in rows)
    for name, value in result.figures.items():
        shown = "n/a" if value is None else (f"{value:.2f}" if isinstance(value, float) else str(value))
        lines.append(f"{name:22} {shown}")
    return "\n".join(lines)
