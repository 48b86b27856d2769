"""When each event happened: the dates of a sentence attached to the words they modify, and the date of a
trigger's own clause (else of the clauses it depends on, but not of 'X said on ...')."""

from __future__ import annotations

import datetime as dt
import re

from crawler.extract.dates import WORD_NUMBERS, When, find_dates
from crawler.extract.reading import Reading
from crawler.extract.syntax import free_relative, is_definite, is_purpose, predicate, pruned
from crawler.extract.triggers import said_to_be

Attached = dict[int, list[When]]  # token index -> the dates attached to that word
SINCE = re.compile(r"\bsince\s+$", re.I)
SPAN_DAYS = {"day": 1, "week": 7, "hour": 0}  # "a day after", "a week after", "hours after" (the same day)
# "a year after", "two months after": the year (the month) that many before, as precise as that
SPAN_MONTHS = {"month": 1, "year": 12}
ROUGHLY = frozenset(("less", "more", "than", "about", "nearly", "almost", "some", "around", "over", "few"))


def sentence_dates(r: Reading, sent, last: When | None) -> tuple[Attached, When | None]:
    """Dates of a sentence, each attached to the verb or trigger it modifies, and the last full date so far."""
    attached: Attached = {}
    index = r.index
    future = index.sentence_of[sent.start] in index.future_sentences
    text = r.text_of(sent)
    dated_here = False
    # (word, start) of the dates that reached their word through a noun
    by_a_noun: set[tuple[int, int]] = set()
    # in a sentence with a 'will' somewhere, a date of a verb in the past tense is still read backwards ("Wen
    # told Lee on Friday that Beijing will not protect ...": the Friday before, not the next one)
    past = {(w.start, w.end): w for w in find_dates(text, r.story.when, last=last)} if future else {}
    for when in find_dates(text, r.story.when, future=future, last=last):
        begin = sent.start_char + when.start
        if any(a <= begin < b for a, b in index.dateline_chars):
            continue  # "Seoul, Dec 1": when the story was filed, not when its events happened
        span = index.doc.char_span(
            sent.start_char + when.start, sent.start_char + when.end, alignment_mode="expand"
        )
        if span is None or _since_of_a_thing(span, text, when):
            continue
        if any(t.i in index.ann_span_tokens for t in span):
            continue
        if _names_a_thing(span):
            continue
        node = span.root.head if span.root.head.i != span.root.i else span.root
        if _dates_an_event_noun(r, span, node):
            attached.setdefault(node.i, []).append(when)  # "condemned the Sept. 3 test": the test's day
            continue
        through_a_noun = False
        while (
            node.head.i != node.i
            and node.pos_ not in ("VERB", "AUX")
            and not (node.pos_ in ("NOUN", "PROPN") and r.match_trigger(node))
        ):
            through_a_noun = through_a_noun or node.pos_ in ("NOUN", "PROPN")
            node = node.head
        node = _past_a_participle(r, node, when)
        if node.tag_ == "VBD":
            when = past.get((when.start, when.end), when)
        dates = attached.setdefault(node.i, [])
        # a date of a noun of the clause ("since the execution in December ..., flew on to Seoul on
        # Wednesday") comes after the verb's own, whichever the sentence says first
        if through_a_noun:
            by_a_noun.add((node.i, when.start))
            dates.append(when)
        elif (
            dates and dates[0].precision != "day" and when.precision == "day" and dates[0].contains(when.day)
        ):
            # "Less than a month ago, on June 19, Putin and Kim signed": the day within it
            dates.insert(0, when)
        else:
            first_by_a_noun = (k for k, d in enumerate(dates) if (node.i, d.start) in by_a_noun)
            dates.insert(next(first_by_a_noun, len(dates)), when)
        if when.precision == "day" and not _background(r, when) and not (dated_here and _reported(r, node)):
            last, dated_here = when, True
    _days_apart(r, sent, attached, last)
    return attached, last


def _days_apart(r: Reading, sent, attached: Attached, last: When | None) -> None:
    """ "The meeting came a day after Choe's talks with Wang Yi", "arrived two days after holding a summit":
    the event after 'after' (before 'before') is that many days before (after) the one it is told beside,
    whose day is its own, else the last day told (of the event the subject names), else the story's."""
    for i in range(sent.start, sent.end):  # the index's lemmas spare making every word a Token
        if r.index.lemma_lower[i] not in ("after", "before"):
            continue
        word = r.index.doc[i]
        if word.dep_ not in ("prep", "mark"):
            continue
        main = word.head.head if word.dep_ == "mark" else word.head
        count = next(
            (
                c
                for c in [
                    *word.children,
                    *main.children,
                    *(word.head.children if word.dep_ == "mark" else ()),
                ]
                if c.dep_ == "npadvmod"
                and c.lemma_.lower() in SPAN_DAYS.keys() | SPAN_MONTHS.keys()
                and c.i < word.i
            ),
            None,
        )
        if count is None or any(c.lower_ in ROUGHLY for c in count.subtree):
            continue  # "less than two weeks after": somewhen within them
        number = next((c.lower_ for c in count.children if c.dep_ in ("det", "nummod")), "")
        unit = count.lemma_.lower()
        many = WORD_NUMBERS.get(number) or (int(number) if number.isdigit() else 0)
        told = (
            [c for c in word.children if c.dep_ in ("pobj", "pcomp")] if word.dep_ == "prep" else [word.head]
        )
        own = attached.get(main.i)
        anchor = own[0] if own else (last or r.story.when)
        if not (many or unit == "hour") or not told or anchor is None or told[0].i in attached:
            continue  # a count that says no number ("days after") dates nothing
        sign = -1 if word.lower_ == "after" else 1
        start, end = count.left_edge.idx - sent.start_char, word.idx - sent.start_char + len(word)
        shifted = _shifted(anchor, unit, sign * many, r.text_of(sent)[start:end], start, end)
        if shifted is not None:
            attached[told[0].i] = [shifted]


def _shifted(anchor: When, unit: str, count: int, text: str, start: int, end: int) -> When | None:
    """The day (month, year) `count` units of `unit` after the anchor (before it, when negative), as precise as
    the unit and the anchor allow: none from an anchor less precise than the unit needs."""
    if unit in SPAN_MONTHS:  # "signed in September 2012, a year after Kim traveled to Siberia": 2011
        if anchor.precision not in ("day", "month"):
            return None
        months = anchor.day.year * 12 + anchor.day.month - 1 + count * SPAN_MONTHS[unit]
        precision = "year" if unit == "year" else "month"
        day = dt.date(months // 12, months % 12 + 1 if precision == "month" else 1, 1)
        return When(day, precision, text, start, end)
    if anchor.precision != "day":
        return None
    return When(anchor.day + dt.timedelta(days=count * SPAN_DAYS[unit]), "day", text, start, end)


def _dates_an_event_noun(r: Reading, span, noun) -> bool:
    """Is the date a modifier before a noun that names an event ("the Sept. 3 test", "Monday's launch"): that
    event's day, not the day of the verb the noun is the object of?"""
    return (
        noun.pos_ == "NOUN"
        and noun.i >= span.end
        and span.root.dep_ in ("compound", "nmod", "npadvmod", "amod", "poss")
        and noun.lemma_.lower() in r.res.kinds.trigger_index[1]
    )


def _past_a_participle(r: Reading, node, when: When):
    """A recent day the parser hung from a participle describing a noun ("visited a cemetery for soldiers killed
    in the Korean War on Friday"): the day of the verb whose phrase the noun is in, not of the participle (a
    participle that reports an event itself keeps it: "a treaty signed on Friday")."""
    if node.dep_ != "acl" or node.tag_ != "VBN" or when.precision != "day" or _background(r, when):
        return node
    if r.match_trigger(node) is not None:
        return node
    verb = node.head
    while verb.head.i != verb.i and verb.pos_ not in ("VERB", "AUX"):
        verb = verb.head
    return verb if verb.pos_ in ("VERB", "AUX") else node


def _reported(r: Reading, verb) -> bool:
    """Is this the verb that reports what the sentence told ("met Dai on Friday, Xinhua reported Saturday"):
    the day of the report, not of what it reports, after a day the sentence gave its event?"""
    return verb.lemma_.lower() in r.g.reporting_verbs


def _since_of_a_thing(span, text: str, when: When) -> bool:
    """Does 'since' tie the date to a word that is no verb ("the test, the North's first since September last
    year")? It dates when a span began, of nothing told here ("has sent troops since last year" dates the
    sending)."""
    if not (SINCE.search(text[: when.start]) or when.text.lower().startswith("since")):
        return False
    doc = span.doc
    since = next((t for t in span if t.lower_ == "since"), None)
    if since is None and span.start > 0 and doc[span.start - 1].lower_ == "since":
        since = doc[span.start - 1]
    return since is not None and since.head.pos_ not in ("VERB", "AUX")


def _names_a_thing(span) -> bool:
    """Is the date part of a name ("the 28th April Spring Friendship Art Festival", "the April 25 House of
    Culture"), a modifier of the capitalised words after it, rather than when something happened ("the Oct. 20
    issue of Rodong Sinmun" keeps its date)?"""
    doc = span.doc
    outward = [t for t in span if not span.start <= t.head.i < span.end]
    if span.end >= len(doc) or any(t.head.i < span.end for t in outward):
        return False  # "on April 17": the date hangs from what is before it
    if not any(t.dep_ in ("compound", "nmod", "amod") for t in outward):
        return False
    after = doc[span.end]
    return after.is_title and after.pos_ in ("PROPN", "NOUN", "ADJ") and after.ent_type_ != "DATE"


ANCHOR_REACH_DAYS = 60  # a day longer before the story is background ("a film on his visit of August 2011")


def _background(r: Reading, when: When) -> bool:
    """Is the day too long before the story to be the one a later 'on the same day' means?"""
    story = r.story.when
    return story is not None and (story.day - when.day).days > ANCHOR_REACH_DAYS


def _same_day(noun) -> bool:
    """Is the noun "the same day" (morning, evening, night), whose clause happened on the day the sentence
    told before it?"""
    return noun.lemma_.lower() in ("day", "morning", "evening", "night") and any(
        c.lower_ == "same" for c in noun.children
    )


def own_date(r: Reading, node, attached: Attached) -> When | None:
    """A date attached to this word or to what hangs from it as part of the same event."""
    if attached.get(node.i):
        return attached[node.i][0]
    for child in node.children:
        # "a treaty signed in June"; "signing ... during their summit last month"; "to mark it this year"
        if child.dep_ == "acl" and attached.get(child.i):
            return attached[child.i][0]
        if child.dep_ in ("advcl", "xcomp") and is_purpose(child) and attached.get(child.i):
            return attached[child.i][0]
        if child.dep_ == "prep" and child.lower_ in r.g.setting_preps:
            for pobj in child.children:
                if pobj.dep_ == "pobj" and attached.get(pobj.i):
                    return attached[pobj.i][0]
                if pobj.dep_ == "pobj" and is_definite(pobj):
                    told = _told_before(r, pobj)  # "During the meeting, Li conveyed Xi's greetings"
                    if told is not None:
                        return told
        if free_relative(child):  # "fired what appeared to be a missile on Saturday"
            found = next((attached[n.i][0] for n in child.subtree if attached.get(n.i)), None)
            if found is not None:
                return found
        if child.dep_ == "prep" and child.lower_ in ("after", "upon") and child.i < node.i:
            # "After arriving on Thursday, Lavrov paid his respects ...": the day of the arrival that opens it
            for clause in child.children:
                if clause.dep_ == "pcomp" and attached.get(clause.i):
                    return attached[clause.i][0]
    return _closing_date_in_object(r, node, attached)


def _closing_date_in_object(r: Reading, verb, attached: Attached) -> When | None:
    """The date that ends the sentence, hung by the parser inside the verb's object: on the object itself when
    it names the same kind of event ("signed a Memorandum of Understanding Monday"), or on a gerund that says
    what the object is about ("signed an agreement on strengthening relations in the field of finance on Feb.
    8"). A date the object's own event has before the end stays its own ("condemned the Sept. 3 test")."""
    if verb.pos_ != "VERB":
        return None
    own = r.match_trigger(verb)
    text = r.text_of(verb.sent)
    for thing in (c for c in verb.children if c.dep_ == "dobj"):
        for node in pruned(thing, {"relcl", "acl", "advcl", "ccomp"}):
            dates = attached.get(node.i)
            if not dates or text[dates[-1].end :].strip(" .\n\"'"):
                continue  # no date here, or not the one that ends the sentence
            same = (
                node.i == thing.i
                and own is not None
                and getattr(r.match_trigger(node), "kind", None) == own.kind
            )
            if same or (node.dep_ == "pcomp" and node.tag_ == "VBG" and r.match_trigger(node) is None):
                return dates[-1]
    return None


def _told_before(r: Reading, noun) -> When | None:
    """The day of the event a definite event noun names again ("during the meeting"): the last told of a kind
    the noun can name, with a day the text gave."""
    book = r.res.kinds
    kinds = {book.triggers[at].kind for at in book.trigger_index[1].get(noun.lemma_.lower(), ())}
    return next(
        (
            e.when
            for e in reversed(r.discourse.produced)
            if e.kind in kinds and e.explicit and e.when is not None and e.when.precision == "day"
        ),
        None,
    )


def date_for(r: Reading, token, attached: Attached) -> When | None:
    """The date of the trigger's own clause, else of the clauses it depends on (not of 'X said on ...')."""
    own = own_date(r, token, attached)
    if own:
        return own
    g = r.g
    node = predicate(token)
    if node.i != token.i and (node.lemma_.lower() in g.support_verbs or token.pos_ != "VERB"):
        found = own_date(r, node, attached)
        if found:
            return found
    clause = ""  # how the last step up reached this word
    for _ in range(6):
        # "X said on Friday that ...": the day of the saying, not of what was said; but a verb joined to the
        # saying shares its day ("told Putin on Saturday that Kursk was retaken and praised the heroism of ...")
        if node.lemma_.lower() in g.reporting_verbs and node.i != token.i and clause != "conj":
            return None
        if node.dep_ != "ccomp":
            fronted = _fronted_date(node, attached)
            if fronted:
                return fronted
        if node.i != token.i:
            found = own_date(r, node, attached)
            if found:
                return found
        shared = [c for c in node.children if c.dep_ == "conj" and c.pos_ == "VERB" and attached.get(c.i)]
        if shared:  # "held talks ... and signed a treaty on Wednesday": one date for both
            return attached[shared[0].i][0]
        if node.dep_ == "ccomp":
            trigger = r.match_trigger(token)
            # a stance said after the saying (not "X rejected the proposal, state media said on Tuesday")
            stance = trigger is not None and r.res.kinds.kinds[trigger.kind].pledged and node.i > node.head.i
            if (stance or said_to_be(trigger, token)) and node.head.lemma_.lower() in g.reporting_verbs:
                # "said on Saturday that he was disappointed in China", "said on Saturday that it opposed the
                # launch": a stance (a kind with pledged, or a predicate of being) holds when it is told
                return _fronted_date(node, attached) or own_date(r, node.head, attached)
            return _fronted_date(node, attached)
        if clause == "relcl" and _same_day(node):
            # "during a visit to Seoul on Jan. 6, the same day Pyongyang test-fired ...": the day told before it
            return next(
                (attached[i][0] for i in range(node.i - 1, node.sent.start - 1, -1) if attached.get(i)), None
            )
        if node.dep_ not in ("conj", "xcomp", "advcl", "relcl", "acl", "pcomp", "prep", "pobj"):
            return None
        clause = node.dep_
        # an infinitive has no time of its own: "the first leader ... to visit Pyongyang" (a relative clause)
        untimed = clause == "acl" or any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)
        # "toured a factory ..., after which Xi hosted a luncheon": a clause told next in the story, hung
        # from the noun the relative word stands for, has the time of the verb whose object that noun is
        sequel = clause == "relcl" and _told_next(node)
        node = node.head
        if node.dep_ == "prep" or ((untimed or sequel) and node.dep_ in ("dobj", "attr")):
            # "issued on Oct. 20 a statement denouncing ...": the statement's verb's date; "In June, Xi became
            # the first Chinese leader in 14 years to visit Pyongyang": the verb the noun completes
            node = node.head
    return None


def _told_next(relative) -> bool:
    """Is the relative clause opened by a preposition and its relative word ("after which", "during which"):
    an event of the story's sequence, not a description of the noun it hangs from?"""
    return any(
        c.dep_ == "prep" and any(w.dep_ == "pobj" and w.tag_ == "WDT" for w in c.children)
        for c in relative.children
    )


def _fronted_date(clause, attached: Attached) -> When | None:
    """ "On Monday, hours after Pyongyang announced his death, China's leadership sent a message": a date put
    before the subordinator of a clause that comes first dates the main clause after it, whether the parser
    hung the date from the subordinate verb or made that verb the root and the main clause its complement."""
    head = clause.head
    if clause.dep_ == "ccomp" and clause.i > head.i:
        return _before_mark(head, attached)
    for sub in clause.children:
        if sub.dep_ == "advcl" and sub.i < clause.i:
            found = _before_mark(sub, attached)
            if found:
                return found
    return None


def _before_mark(verb, attached: Attached) -> When | None:
    """A date attached to this verb but written before its subordinator ("On Monday, hours after ...")."""
    marks = [c for c in verb.children if c.dep_ == "mark" and c.i < verb.i]
    if not marks:
        return None
    start = verb.sent.start_char
    fronted = [w for w in attached.get(verb.i, []) if start + w.start < marks[0].idx]
    return fronted[0] if fronted else None
