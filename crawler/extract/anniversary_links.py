"""Which anniversary an event marks: the one named in the trigger's clause (its ordinal computed from the
year when unsaid), or for kinds that mark anniversaries the one named nearest in the sentence."""

from __future__ import annotations

from crawler.extract.anniversaries import Anniversary
from crawler.extract.anniversary_mentions import by_ordinal
from crawler.extract.dates import When
from crawler.extract.reading import Reading
from crawler.extract.syntax import is_purpose, predicate, pruned


def anniversary_for(
    r: Reading, token, when: When | None, countries: set[str]
) -> tuple[Anniversary, int] | None:
    """The anniversary named in the trigger's clause, with its ordinal (computed from the year if unsaid)."""
    index = r.index
    pred = predicate(token) if token.pos_ != "VERB" else token
    scope = [token] if token.pos_ == "VERB" else [token, pred]
    sent_no = index.sentence_of[token.i]
    if not any(index.sentence_of[i] == sent_no for i in index.ann_tokens):
        return None
    story_when = r.story.when
    seen = set()
    for root in scope:
        for node in pruned(root, {"ccomp", "conj", "parataxis"}):
            mention = index.ann_tokens.get(node.i)
            if mention is None or node.i in seen:
                continue
            if _in_who_clause(node, root) or _in_other_event(r, node, root):
                continue
            seen.add(node.i)
            year = when.day.year if when else (story_when.day.year if story_when else None)
            anniversary = mention.anniversary
            if anniversary is None and mention.ordinal and year:
                anniversary = by_ordinal(
                    mention.ordinal, year, r.res.anniversaries, index.mentioned, countries
                )
            if anniversary is None:
                continue
            ordinal = mention.ordinal or (anniversary.ordinal(year) if year else None)
            if ordinal is None or ordinal <= 0:
                continue
            return anniversary, ordinal
    return None


def sentence_anniversary(r: Reading, token, sent, when: When | None) -> tuple[Anniversary, int] | None:
    """The named anniversary nearest the trigger in its sentence (a reply to anniversary greetings)."""
    options = [
        (abs(i - token.i), m)
        for i, m in r.index.ann_tokens.items()
        if sent.start <= i < sent.end and m.anniversary and (m.ordinal or when)
    ]
    if not options:
        return None
    mention = min(options, key=lambda o: o[0])[1]
    if mention.anniversary is None:
        return None
    if mention.ordinal:
        ordinal = mention.ordinal
    elif when is not None:
        ordinal = mention.anniversary.ordinal(when.day.year)
    else:
        return None
    return (mention.anniversary, ordinal) if ordinal > 0 else None


def _in_other_event(r: Reading, node, root) -> bool:
    """Is the node inside another event's clause ('met ... after attending a parade that marked ...')?"""
    current = node
    while current.i != root.i and current.head.i != current.i:
        if current.dep_ in ("advcl", "pcomp") and not is_purpose(current) and r.match_trigger(current):
            return True
        current = current.head
    return False


def _in_who_clause(node, root) -> bool:
    """Is the node inside a 'who ...' clause below root (another actor's deed)?"""
    current = node
    while current.i != root.i and current.head.i != current.i:
        if current.dep_ == "relcl" and any(c.lower_ in ("who", "whom") for c in current.children):
            return True
        current = current.head
    return False
