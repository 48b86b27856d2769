"""Events: who did what to whom, when and where, read from a parsed article.

Pure functions over a spaCy `Doc` and the data files (gazetteer, kinds, anniversaries); no Scrapy, no
database. `extract_events(doc, story, resources)` returns one dict per event, each with the sentence that
says so. The rules are general: triggers and grammar words come from seeds/kinds.toml, actors from
seeds/actors.toml, anniversaries from seeds/anniversaries.toml.

The stages, each in its own module:
    document_index      facts computed once per document (datelines, actors named, sentences, anniversaries)
    discourse           what later sentences point back to (pronouns, "the two countries")
    triggers            which word is a trigger of which kind
    filters             the rules that reject a trigger word as an event
    roles               actors, participants and places
    event_dates         the date of each event
    anniversary_links   the anniversary an event marks
    candidates          one trigger word into one candidate event
    sides               who acted and toward whom, by the kind's direction
    enumerations        lists that name the actors of the event told just before
    elicited_reactions  reactions a deed drew ("The test drew condemnation from China")
    merged_events       the mentions of one event merged
    story_dates         the date of the story
"""

from __future__ import annotations

import hashlib

from crawler.extract.anniversary_links import purposes_told
from crawler.extract.anniversary_markings import sentence_markings
from crawler.extract.anniversary_mentions import AnniversaryMention, by_ordinal, find_anniversaries
from crawler.extract.attendances import attendance_word, attended
from crawler.extract.candidates import NamedAs, read_candidate, split
from crawler.extract.dates import When
from crawler.extract.elicited_reactions import sentence_reactions
from crawler.extract.enumerations import Opening, continued_list, continues_sentence, is_list_sentence
from crawler.extract.event_dates import sentence_dates
from crawler.extract.event_types import Candidate, Mention, Resources, Story
from crawler.extract.filters import rejection
from crawler.extract.gift_stories import gift_kind, sentence_gifts
from crawler.extract.group_speakers import GroupEvent, group_speakers, unnamed_group
from crawler.extract.hostile_statements import sentence_hostility
from crawler.extract.merged_events import merge_candidates
from crawler.extract.praise_statements import sentence_praise
from crawler.extract.reading import Reading, start_reading
from crawler.extract.story_dates import story_date
from crawler.extract.syntax import is_definite
from crawler.extract.visits_beside import visit_beside

EXTRACTOR_VERSION = "2026.12.05-283"  # change it with the rules: `process` then re-extracts

__all__ = [
    "EXTRACTOR_VERSION",
    "AnniversaryMention",
    "Candidate",
    "Mention",
    "Resources",
    "Story",
    "by_ordinal",
    "dyad_of",
    "event_records",
    "extract_events",
    "find_anniversaries",
    "merge_candidates",
    "read_candidates",
    "story_date",
]


def read_candidates(r: Reading) -> list[Candidate]:
    """The candidate events of a document, sentence by sentence, in the order they are told."""
    candidates: list[Candidate] = []
    last: When | None = None
    order = 0
    opening: Opening | None = None
    # the last gathering told, whose members a sentence of those present names
    gathering: Opening | None = None
    kinds = r.res.kinds.kinds
    r.discourse.lead_when, r.discourse.lead_dated_after = _lead_day(r)
    gifts: str | None = None  # the kind of the gifts a story of gifts received tells one by one
    group: GroupEvent | None = None  # the headline's or lead's event by a group of unnamed countries
    list_sentence = -2  # the last sentence read as a list continuing an event
    read_again = _read_with_actors(r)  # an earlier trigger with the states a later sentence names
    for number, sent in enumerate(r.index.sents):
        r.discourse.day_so_far = last if _within_reach(r, last) else None
        attached, last = sentence_dates(r, sent, last)
        r.discourse.sentence_dated = bool(attached)
        if number <= r.index.occasion_told_by and attached and r.discourse.occasion_when is None:
            r.discourse.occasion_when = attached[min(attached)][0]  # "from March 3 to 9 on the occasion of"
        previous = None
        in_sentence: list[Candidate] = []
        # "Senders of messages included ...", and a list's fragment after it ("... Co. Ltd.", "and the Table ...")
        listing = opening is not None and (
            is_list_sentence(r, sent) or (number == list_sentence + 1 and continues_sentence(sent))
        )
        presence = attendance_word(r, sent)  # "Present there were ...": its first word reports no event
        for token in r.index.words(sent):
            trigger = r.match_trigger(token)
            if trigger is not None and listing and r.match_trigger.by_occasion(token, trigger):
                trigger = r.match_trigger.plain(token)  # a list sentence's events are its opening's
            if (
                listing
                and trigger is not None
                and opening is not None
                and token.pos_ == "VERB"
                and token.dep_ != "ROOT"
                and trigger.kind != opening.trigger.kind
            ):
                # a verb in the names listed ("organizations for supporting the reunification of Korea of
                # China, Russia, ..."): a list sentence continues its opening's event
                continue
            if trigger is None or rejection(r, token, trigger, sent):
                continue
            if token.i == presence:
                continue  # being there, not presenting anything
            if (
                (kinds[trigger.kind].split_actors or kinds[trigger.kind].listed)
                and not listing
                and (opening is None or opening.sentence != number or _depth(token) < _depth(opening.token))
            ):  # the sentence's main event (nearest its root) is the one a list continues
                opening = Opening(token, trigger, sent, attached, number)
            if (
                kinds[trigger.kind].attended
                and not listing
                and (gathering is None or gathering.sentence != number)
            ):
                gathering = Opening(token, trigger, sent, attached, number)
            found = read_candidate(r, token, trigger, sent, attached, previous, order)
            if found is None and r.match_trigger.by_occasion(token, trigger):
                # the story's occasion does not fit it: what the word is otherwise
                trigger = r.match_trigger.plain(token)
                if trigger is None or rejection(r, token, trigger, sent):
                    continue
                found = read_candidate(r, token, trigger, sent, attached, previous, order)
            if (group is None or group.sent.start < sent.start) and unnamed_group(r, token):
                # its speakers may name its other states; the lead tells more of it than the headline
                group = GroupEvent(token, trigger, sent, attached, set(found.actors) if found else set())
                if found is not None and r.story.home and found.actors == [r.story.home]:
                    found = None  # "organizations of different countries issued statements": not the outlet's
            if found is None:
                continue
            also = [
                read_candidate(r, token, t, sent, attached, previous, order)
                for t in r.match_trigger.also(token)
            ]
            also.append(visit_beside(r, found, trigger))
            for each in [e for one in [found, *also] if one is not None for e in split(r, one)]:
                candidates.append(each)
                in_sentence.append(each)
                r.discourse.produced.append(each)
            previous = found
            order += 1
        if listing and not in_sentence and opening is not None and opening.sentence < number:
            listed = continued_list(r, sent, opening, order, read_again, attached)
            list_sentence = number
            for each in split(r, listed) if listed else []:
                candidates.append(each)
                in_sentence.append(each)
                r.discourse.produced.append(each)
                order += 1
        purposes_told(r, sent)  # "the trip is meant to mark the 70th anniversary"
        # the sentence-level readers: what the sentence tells where its triggers told none of it
        present = attended(r, sent, gathering, order, read_again) if not in_sentence else None
        order = _told(r, candidates, split(r, present) if present else [], order)
        order = _told(r, candidates, sentence_markings(r, sent, in_sentence, order), order)
        order = _told(r, candidates, sentence_praise(r, sent, in_sentence, attached, order), order)
        order = _told(r, candidates, sentence_hostility(r, sent, in_sentence, attached, order), order)
        order = _told(r, candidates, sentence_reactions(r, sent, attached, order), order)
        if number == r.index.lead + 1:
            gifts = gift_kind(r)  # read once the lead is: "Kim Jong Un received gifts from ..."
        order = _told(r, candidates, sentence_gifts(r, sent, in_sentence, attached, order, gifts), order)
        if group is not None and group.sent.start < sent.start:
            speakers = group_speakers(r, sent, group, in_sentence, order, read_again)
            order = _told(r, candidates, speakers, order)
        r.discourse.note_sentence(sent)
    return candidates


def _told(r: Reading, candidates: list[Candidate], found: list[Candidate], order: int) -> int:
    """Add the events a sentence-level reader found, in order; the order number of the next event."""
    for each in found:
        candidates.append(each)
        r.discourse.produced.append(each)
        order += 1
    return order


LEAD_REACH_DAYS = 30
TOLD_AFTER_DAYS = 7


def _lead_day(r: Reading) -> tuple[When | None, bool]:
    """The first day the lead sentence gives, when it falls within a month before the story: the day of the
    story's occasion. A headline's event ("Kim Jong Un's Work Published in Russia" / "... posted on its website
    on October 21 ...") and the later sentences' events that give no date of their own ("They expressed full
    support ...") are told of that day. The second value says whether the day is the next sentence's
    (_told_just_after), which the lead's own events take too."""
    if r.index.lead >= len(r.index.sents):
        return None, False
    attached, _ = sentence_dates(r, r.index.sents[r.index.lead], None)
    doc = r.index.doc
    told: When | None = None
    for index in sorted(attached):
        for when in attached[index]:
            if not _within_reach(r, when):
                continue
            if doc[index].lemma_.lower() not in r.g.reporting_verbs:
                return when, False
            # "..., the North's state media said Thursday": when it was told, the day only where none other is
            # given ("The paper on July 7 commented on Japan's moves": what it said is the event)
            told = told or when
    # "... have agreed to ..., the two governments announced Thursday. / The deal was struck during talks that
    # ended Wednesday.": the day of the deal, where the lead gives only the day it was told
    after = _told_just_after(r)
    return (after, True) if after is not None else (told, False)


def _told_just_after(r: Reading) -> When | None:
    """A lead that gives no day of the last month but the day it was told ("Kim Yo Jong has condemned the U.S.
    decision to send tanks ..."), whose next sentence names its event again by a definite common noun as its
    subject ("The statement, released by state media on Friday, came two days after ..."): the first day within
    a week before the story that sentence gives (news told undated is of the last days). The lead's events and
    the headline's are told of that day (see candidates.borrowed_day)."""
    number = r.index.lead + 1
    if number >= len(r.index.sents):
        return None
    sent = r.index.sents[number]
    subject = next((c for c in sent.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.pos_ != "NOUN" or not is_definite(subject):
        return None
    attached, _ = sentence_dates(r, sent, None)
    return next(
        (w for i in sorted(attached) for w in attached[i] if _within_reach(r, w, TOLD_AFTER_DAYS)), None
    )


def _within_reach(r: Reading, when: When | None, days: int = LEAD_REACH_DAYS) -> bool:
    """A day within a month (or `days`) before the story (not background, not a later plan)."""
    published = r.story.when
    return (
        when is not None
        and published is not None
        and when.precision == "day"
        and 0 <= (published.day - when.day).days <= days
    )


def _depth(token) -> int:
    return sum(1 for _ in token.ancestors)


def _read_with_actors(r: Reading):
    """read(token, trigger, sent, attached, order, states, named_as, owners): an earlier trigger read again with
    the states a later sentence names, taking part as `named_as` says (see read_candidate)."""

    def read(token, trigger, sent, attached, order, states, named_as: NamedAs, owners=frozenset()):
        return read_candidate(r, token, trigger, sent, attached, None, order, states, named_as, owners)

    return read


def dyad_of(actors: list[str], targets: list[str]) -> str | None:
    """The two main states of an event: the first actor and the first target, or the first two actors."""
    if actors and targets:
        pair = sorted({actors[0], targets[0]})
    else:
        pair = sorted(set(actors))[:2]
    return "-".join(pair) if len(pair) == 2 else None


def event_records(candidates: list[Candidate], resources: Resources, doc_id: str) -> list[dict]:
    """The events table rows of a document's merged candidates."""
    rows = []
    for candidate in candidates:
        kind = resources.kinds.kinds[candidate.kind]
        anniversary, ordinal = candidate.anniversary if candidate.anniversary else (None, None)
        date = candidate.when.iso if candidate.when else None
        key = "|".join(
            [
                doc_id,
                candidate.kind,
                ",".join(candidate.actors),
                ",".join(candidate.targets),
                date or "",
                str(candidate.negated),
                candidate.evidence,
            ]
        )
        rows.append(
            {
                "id": hashlib.sha1(key.encode("utf-8")).hexdigest()[:16],
                "kind": candidate.kind,
                "actors": candidate.actors,
                "targets": candidate.targets,
                "dyad": dyad_of(candidate.actors, candidate.targets),
                "date": date,
                "date_precision": (
                    candidate.when.precision if candidate.explicit else f"{candidate.when.precision}?"
                )
                if candidate.when
                else None,
                "location": candidate.location,
                "anniversary_id": (anniversary.id or None) if anniversary else None,
                "anniversary_base_date": anniversary.base_date if anniversary else None,
                "anniversary_ordinal": ordinal,
                "negated": candidate.negated,
                "evidence": candidate.evidence,
                "plover": kind.plover,
                "cameo": kind.cameo,
            }
        )
    return rows


def extract_events(
    doc, story: Story, resources: Resources, doc_id: str = "", text: str | None = None
) -> list[dict]:
    """The events of one parsed article (a spaCy Doc of its cleaned text), merged and ready to store."""
    candidates = read_candidates(start_reading(doc, story, resources, text))
    untargeted = frozenset(
        k.id for k in resources.kinds.kinds.values() if k.direction == "directed" and not k.needs_target
    )
    merged = merge_candidates(candidates, story.when, stays=resources.kinds.stays, untargeted=untargeted)
    return event_records(merged, resources, doc_id)
