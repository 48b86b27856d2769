"""Which anniversary an event marks: the one named in the trigger's clause (its ordinal computed from the
year when unsaid), or for kinds that mark anniversaries the one named nearest in the sentence."""

from __future__ import annotations

from crawler.extract.anniversaries import Anniversary
from crawler.extract.anniversary_mentions import by_ordinal
from crawler.extract.dates import When
from crawler.extract.reading import Reading
from crawler.extract.syntax import is_definite, is_purpose, predicate, pruned


def anniversary_for(
    r: Reading, token, when: When | None, countries: set[str]
) -> tuple[Anniversary, int] | None:
    """The anniversary named in the trigger's clause, with its ordinal (computed from the year if unsaid)."""
    index = r.index
    pred = predicate(token) if token.pos_ != "VERB" else token
    scope = [token] if token.pos_ == "VERB" else [token, pred]
    sent_no = index.sentence_of[token.i]
    if sent_no not in index.ann_sentences:
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
                # "the 65th anniversary" with no name is the listed one of that year; with a name no entry
                # matched ("... of the start of work of ..."), it is that unlisted event, unless the story
                # names the listed one elsewhere
                named = unlisted(r, node, year - mention.ordinal)
                name = _name_of(node)
                listed = by_ordinal(
                    mention.ordinal, year, r.res.anniversaries, index.mentioned, countries, name
                )
                if named is None or (
                    listed is not None
                    and (
                        listed.id in index.mentioned
                        or listed.worded_by(name)
                        # "the treaty" said of the treaty's two states: the listed one, by a plain word for it
                        or (countries <= set(listed.countries) and listed.headed_by(name))
                    )
                ):
                    anniversary = listed
                else:
                    anniversary = named
            if anniversary is None:
                continue
            ordinal = mention.ordinal or (anniversary.ordinal(year) if year else None)
            if ordinal is None or ordinal <= 0:
                continue
            return anniversary, ordinal
    return None


def sentence_anniversary(r: Reading, token, sent, when: When | None) -> tuple[Anniversary, int] | None:
    """The named anniversary nearest the trigger in its sentence (a reply to anniversary greetings); else
    the nearest 'Nth anniversary of ...' with no entry, dated by arithmetic."""
    in_sentence = [
        (abs(i - token.i), i, m) for i, m in r.index.ann_tokens.items() if sent.start <= i < sent.end
    ]
    options = [o for o in in_sentence if o[2].anniversary and (o[2].ordinal or when)]
    if options:
        mention = min(options, key=lambda o: o[0])[2]
        assert mention.anniversary is not None
        if mention.ordinal:
            ordinal = mention.ordinal
        elif when is not None:
            ordinal = mention.anniversary.ordinal(when.day.year)
        else:
            return None
        return (mention.anniversary, ordinal) if ordinal > 0 else None
    numbered = [o for o in in_sentence if o[2].anniversary is None and o[2].ordinal]
    if not numbered or when is None:
        return None
    _, index, mention = min(numbered, key=lambda o: o[0])
    assert mention.ordinal is not None
    found = unlisted(r, r.index.doc[index], when.day.year - mention.ordinal)
    return (found, mention.ordinal) if found else None


def _name_of(node) -> str:
    """The words after 'anniversary of' ("diplomatic relations")."""
    return " ".join(
        t.lower_ for c in node.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree
    )


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


def unlisted(r: Reading, node, base_year: int) -> Anniversary | None:
    """'The 52nd anniversary of leader Kim Jong Il's start of Songun leadership', with no entry in the data
    files: an anniversary of that base year (by arithmetic), of the states its name names."""
    if base_year < 1 or base_year > (r.story.when.day.year if r.story.when else base_year):
        return None
    name = [t for c in node.children if c.dep_ == "prep" and c.lower_ == "of" for t in c.subtree]
    if not name:
        return None
    countries = tuple(sorted(r.discourse.codes_in(name)))
    return Anniversary(
        id="",
        name=" ".join(t.text for t in name[1:]),
        base_date=f"{base_year:04d}",
        countries=countries,
        phrases=(),
        alert=False,
        scope="bilateral" if len(countries) >= 2 else "national",
    )


OCCASION_LEAD_DAYS = 14  # a delegation arrives for an anniversary up to two weeks before its day


def occasion_near(
    r: Reading, when: When | None, states: set[str], own_days: bool = False
) -> tuple[Anniversary, int] | None:
    """The anniversary the story names whose day falls on the event's day or in the days after it (for kinds
    with `for_the_occasion`: a visit, message or commemoration made for it): a pair's, between the event's
    states; with `own_days` (kinds that mark anniversaries: a message, a commemoration, not a journey), a
    state's own day (scope "national") too, by another state toward it, the outlet's state unsaid ("Earlier,
    staff members of the Russian consulate laid a wreath before the statue of the President")."""
    if when is None or when.precision != "day" or not states:
        return None
    toward = states | ({r.story.home} if r.story.home else set())
    for mention in r.index.ann_tokens.values():
        marked = mention.anniversary
        if marked is None or marked.day is None:
            continue
        pair = len(states) >= 2 and states <= set(marked.countries)
        own_day = (
            own_days
            and marked.scope == "national"
            and marked.countries[0] in toward
            and bool(states - {marked.countries[0]})
        )
        if not (pair or own_day):
            continue
        due = marked.due(when.day.year)
        ordinal = mention.ordinal or marked.ordinal(when.day.year)
        if ordinal > 0 and 0 <= (due - when.day).days <= OCCASION_LEAD_DAYS:
            return marked, ordinal
    return None


def purposes_told(r: Reading, sent) -> None:
    """ "Wen's three-day trip ... is officially to mark the 60th anniversary of diplomatic relations", "the trip
    is meant to mark the 70th anniversary": a subject naming again an event told before (an event noun with
    'the' or an owner) whose predicate is a purpose names the anniversary that event was made for. The last
    event of the noun's kind told before, with no anniversary yet, is given it (no new event is read)."""
    number = r.index.sentence_of[sent.start]
    if number not in r.index.ann_sentences:
        return
    for noun in sent:
        if noun.pos_ != "NOUN" or noun.dep_ not in ("nsubj", "nsubjpass"):
            continue
        if not (is_definite(noun) or any(c.dep_ == "poss" for c in noun.children)):
            continue
        trigger = r.match_trigger(noun)
        purposes = [c for c in noun.head.children if c.dep_ in ("xcomp", "advcl") and is_purpose(c)]
        if trigger is None or not purposes:
            continue
        told = r.discourse.last_told((trigger.kind,), before=number)
        if told is None or told.anniversary is not None:
            continue
        for clause in purposes:
            found = anniversary_for(r, clause, told.when or r.story.when, {*told.actors, *told.targets})
            if found is not None and {*told.actors, *told.targets} <= set(found[0].countries):
                told.anniversary = found
                break


def on_the_day_of(r: Reading, token, anniversary: tuple[Anniversary, int]) -> When | None:
    """The anniversary's day, for an event said to happen "on the Nth anniversary" (not "on the occasion of"):
    that day of the year the ordinal gives, when it is on or before the story's day, within two months."""
    marked, ordinal = anniversary
    story = r.story.when
    if story is None or not ordinal or marked.day is None:
        return None
    heads = {token.i, predicate(token).i}
    index = r.index
    sentence = index.sentence_of[token.i]
    for i in index.ann_tokens:
        node = index.doc[i]
        if index.sentence_of[i] != sentence or node.lemma_.lower() not in ("anniversary", "centenary"):
            continue
        prep = node.head
        if prep.head.lemma_.lower() in r.g.words.get("on_complement_verbs", frozenset()):
            continue  # "congratulated the WPK on the 70th anniversary": what the congratulations are about
        if prep.dep_ == "prep" and prep.lower_ == "on" and prep.head.i in heads:
            due = marked.due(marked.base_year + ordinal)
            if due <= story.day and (story.day - due).days <= 60:
                return When(due, "day")
    return None
