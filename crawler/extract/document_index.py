"""Facts about one parsed document, computed once before its sentences are read.

The datelines ("Seoul, Dec 1 ...") and where "here" is, the actors named (outside datelines), the sentences
and which sentence each word is in, word-level flags read from arrays (possible triggers, "will", subjects,
heads of coordinations), and the anniversaries named with the words that belong to their names.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container
from dataclasses import dataclass

from spacy.attrs import DEP, HEAD, IS_ALPHA, IS_LOWER, IS_TITLE, LEMMA, LOWER, ORTH, POS, SENT_START
from spacy.tokens import Doc

from crawler.extract.anniversaries import Anniversary
from crawler.extract.anniversary_mentions import AnniversaryMention, find_anniversaries
from crawler.extract.event_types import Mention, Resources, Story
from crawler.extract.syntax import pruned

# "Seoul, Dec 1 ...", "Beijing, Sept 3: ...", "Seoul: ..." opening a paragraph: where the story was filed.
DATELINE = re.compile(
    r"(?:^|\n)(?P<line>(?P<place>[A-Z][\w.'’-]+(?:[ /][A-Z][\w.'’-]+){0,2})"
    r"(?:,\s+(?P<country>[A-Z][a-z]+(?: [A-Z][a-z]+)?)(?=,|\s*\())?"  # "VLADIVOSTOK, Russia (Reuters)"
    r"(?:"
    # the day: ", June 21", ", Sept. 13", ", April 24, 2009", or after a full stop ("MOSCOW. Feb 10 (Interfax)")
    r"(?:(?:,|(?<=\.))\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\.?(?:,\s+\d{4})?)?"
    r"\s*(?:\([A-Za-z][\w .-]{1,20}\)|/[A-Za-z][\w .-]{1,20}/\.?)"  # the agency: "(Yonhap)", "/TASS/."
    r"\s*(?::|--|—|–|-)?"
    r"|,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}\s*(?::|--|—|–)?"  # "Seoul, Dec 1", "Beijing, Sept 3:"
    r"|\s*:"  # "Seoul:"
    r"))\s"
)


@dataclass
class DocumentIndex:
    """What the sentences of one document share, computed once."""

    doc: Doc
    dateline_chars: list[tuple[int, int]]  # character spans of the datelines
    dateline_place: tuple[str, str] | None  # (code, name) of where "here" is in a KCNA-style dispatch
    mentions: dict[int, Mention]  # token index -> the actor named there
    sents: list  # the sentences, as spans
    sentence_of: list[int]  # token index -> sentence number
    maybe_trigger: set[int]  # words whose lemma or form some trigger starts from
    future_words: set[int]  # "will", "shall"
    future_sentences: set[int]  # the numbers of the sentences with one of the future_words
    subject_words: set[int]  # nsubj, nsubjpass
    conj_heads: set[int]  # words with a conjunct
    anniversaries: list[AnniversaryMention]  # every "anniversary" in the text
    mentioned: set[str]  # ids of the anniversaries named
    ann_tokens: dict[int, AnniversaryMention]  # the root word of each "anniversary" -> its mention
    ann_sentences: set[int]  # the numbers of the sentences with one of the ann_tokens
    ann_span_tokens: set[int]  # words inside an anniversary's name: never events, dates or roles
    person_objects: set[int]  # people met or talked with ("met the delegation", "talks with the delegation")
    lemma_lower: list[str]  # token index -> its lemma in lower case
    text: str = ""  # the document's text (spaCy rebuilds Doc.text on every call)
    # the outlet's state's own day the headline or the lead names: what the story is about ("Day of Shining
    # Star Commemorated in Various Countries")
    occasion: tuple[Anniversary, int] | None = None
    occasion_told_by: int = -1  # the last sentence of the headline and lead that tell it
    lead: int = 0  # the body's first sentence (after the headline, where there is one)

    def words(self, sent, lemmas: Container[str] | None = None) -> list:
        """The words of a sentence whose lower-case lemma is one of `lemmas` (every word that may start a
        trigger, without them), read from the index: a sentence's other words are never made into tokens."""
        doc, lemma_lower = self.doc, self.lemma_lower
        if lemmas is None:
            maybe = self.maybe_trigger
            return [doc[i] for i in range(sent.start, sent.end) if i in maybe]
        return [doc[i] for i in range(sent.start, sent.end) if lemma_lower[i] in lemmas]


def _dateline_place(resources: Resources, place: str, country: str | None):
    """The gazetteer's entry for a dateline's place: as written, in capitals ("SEOUL"), the first of
    several ("SEOUL/BEIJING"), else the country written after it ("VLADIVOSTOK, Russia")."""
    first = place.split("/")[0]
    for form in (place, first, first.title(), country):
        found = resources.gazetteer.lookup(form) if form else None
        if found is not None and found.code:
            return found
    return None


def _datelines(
    doc, text: str, resources: Resources
) -> tuple[list[tuple[int, int]], tuple[str, str] | None, set[int]]:
    """The datelines' character spans, the first dateline place known to the gazetteer, and their tokens."""
    chars: list[tuple[int, int]] = []
    place_found: tuple[str, str] | None = None
    tokens: set[int] = set()
    for match in DATELINE.finditer(text):
        chars.append((match.start("line"), match.end("line")))
        place = _dateline_place(resources, match.group("place"), match.group("country"))
        if place is not None and place.code and place_found is None:
            place_found = (place.code, place.name)
        span = doc.char_span(match.start("line"), match.end("line"), alignment_mode="expand")
        if span is not None:
            tokens.update(range(span.start, span.end))
    return chars, place_found, tokens


# How many capitalised names after a one-word gazetteer name make it part of someone's name instead.
NAMES_AFTER_A_WORD = {"person": 1, "country": 2}
PAIR_DAYS = 7  # an anniversary named by words its pair shares is due this near the story to be the one meant


def _of_another_country(resources: Resources, doc, ents: dict, ent, code: str) -> bool:
    """Is the name followed by 'of' and another state's name ("Workers' Party of Turkey"), or by 'of the' and its
    adjective ("the Joint Chiefs of Staff of the Iranian army")?"""
    if ent.end + 1 >= len(doc) or doc[ent.end].lower_ != "of":
        return False
    after = ents.get(ent.end + 1)
    kinds: tuple[str, ...] = ("country",)
    if after is None and doc[ent.end + 1].lower_ == "the":
        after, kinds = ents.get(ent.end + 2), ("country", "adjective")
    if after is None:
        return False
    other = resources.gazetteer.actors.get(after.ent_id_) or resources.gazetteer.lookup(after.text)
    return other is not None and other.type in kinds and bool(other.code) and other.code != code


def _after_another_country(resources: Resources, doc, ent, code: str) -> bool:
    """Is the name right after another state's name or adjective ("the Nepal Workers' Party")?"""
    if ent.start == 0:
        return False
    before = doc[ent.start - 1]
    other = resources.gazetteer.lookup(before.text) if before.ent_type_ else None
    return (
        other is not None
        and other.type in ("country", "adjective")
        and bool(other.code)
        and other.code != code
    )


def _mentions(doc, resources: Resources, datelines: set[int]) -> dict[int, Mention]:
    """The actors named in the entities of the text (not in datelines), by token index."""
    mentions: dict[int, Mention] = {}
    titles = resources.kinds.grammar.person_nouns  # "Chad Minister ...": a title is no one's name
    ents = {ent.start: ent for ent in doc.ents}
    for ent in doc.ents:
        if ent.start in datelines:
            continue
        actor = resources.gazetteer.actors.get(ent.ent_id_) or resources.gazetteer.lookup(ent.text)
        if actor is None:
            continue
        if actor.type == "organization" and (
            _of_another_country(resources, doc, ents, ent, actor.code)
            or _after_another_country(resources, doc, ent, actor.code)
        ):
            continue  # "the Workers' Party of Belgium": Belgium's party, not the one the name is short for
        # a bare surname ("Kim") followed by more of a name ("Kim Dae-jung") is someone else, and a one-word
        # country followed by two more names ("Pak Kil Song") is a person
        more_names = NAMES_AFTER_A_WORD.get(actor.type)
        if (
            more_names
            and len(ent) == 1
            and not ent.text.isupper()  # "DPRK Defense Minister ...": an acronym starts no one's name
            and ent.end + more_names <= len(doc)
            and all(
                doc[i].pos_ == "PROPN" and doc[i].is_title and doc[i].lower_ not in titles
                for i in range(ent.end, ent.end + more_names)
            )
        ):
            continue
        if actor.type == "adjective" and ent.start >= 2 and doc[ent.start - 1].text == "-":
            if doc[ent.start - 2].lower_ in ("anti", "pro"):
                continue  # "anti-Japanese", "pro-U.S.": a stance, not the state
        start = ent.start
        if actor.type == "country" and resources.gazetteer.diasporas:
            before = doc[max(0, ent.start - 5) : ent.start]
            people = resources.gazetteer.diaspora_before(before.text) if len(before) else None
            if people is not None:  # "the General Association of Koreans in China": the people, not China
                words, actor = people
                start = next((t.i for t in before if doc[t.i : ent.start].text.startswith(words)), ent.start)
        mention = Mention(start, ent.end, actor.code, actor.type, doc[start : ent.end].text)
        for i in range(start, ent.end):
            mentions[i] = mention
    return mentions


def _name_runs(doc, mentions: dict[int, Mention], titles: frozenset[str], words):
    """Runs of two to four capitalised proper nouns that no gazetteer name covers and no title word is part
    of ("Kang Sun Nam" in "Defense Minister Kang Sun Nam"), a hyphenated given name kept whole. `words` are
    the document's columns (see _remember_names)."""
    strings = doc.vocab.strings
    pos, is_title, is_lower, is_alpha, lower, _ = words
    propn, hyphen = strings["PROPN"], strings["-"]
    title_ids = {strings[w] for w in titles}
    size = len(doc)

    def name_word(j: int) -> bool:
        return pos[j] == propn and is_title[j] and j not in mentions and lower[j] not in title_ids

    i = 0
    while i < size:
        if not name_word(i):
            i += 1
            continue
        j, count = i, 0
        while j < size:
            if name_word(j):
                j, count = j + 1, count + 1
            elif lower[j] == hyphen and j + 1 < size and is_lower[j + 1] and is_alpha[j + 1]:
                j += 2  # "Kim Jae-ryong"
            else:
                break
        if 2 <= count <= 4:
            yield doc[i:j]
        i = j


def _leaders_group(run, mentions: dict[int, Mention], leading: frozenset[str]) -> set[str]:
    """The states of the group a name leads: "a Chinese delegation led by Politburo member Li Hongzhong"."""
    node = run.root
    while node.dep_ in ("compound", "appos", "nmod") and node.head.i != node.i:
        node = node.head
    prep = node.head
    if node.dep_ != "pobj" or prep.lower_ != "by" or prep.head.dep_ != "acl":
        return set()
    verb = prep.head
    if verb.lemma_.lower() not in leading:
        return set()
    group = verb.head  # its own modifiers say whose it is ("a Chinese delegation"), not what it is of
    return {
        mentions[t.i].code
        for t in group.children
        if t.dep_ in ("amod", "compound", "nmod") and t.i in mentions and mentions[t.i].code
    }


POST_CLAUSES = {"relcl", "acl", "advcl", "conj", "cc", "appos"}  # not a post's own words


def _post_states(post, mentions: dict[int, Mention]) -> set[str]:
    """The states a post's own words and what it is "of" name, not its clauses ("first deputy chief of the
    General Staff of the Russian Armed Forces", "North Korea's U.N. ambassador")."""
    return {
        mentions[word.i].code
        for word in pruned(post, POST_CLAUSES, {"of"})
        if word.i in mentions and mentions[word.i].code
    }


def _apposition_states(name, mentions: dict[int, Mention], titles: frozenset[str]) -> set[str]:
    """The states an apposition of a post gives a name: "Nikolai Bogdanovsky, first deputy chief of the General
    Staff of the Russian Armed Forces", "Liu, the most senior Chinese official known to have visited North
    Korea"."""
    posts = [post for post in name.children if post.dep_ == "appos" and post.lower_ in titles]
    return set().union(*(_post_states(post, mentions) for post in posts))


def _post_before_states(run, mentions: dict[int, Mention], titles: frozenset[str]) -> set[str]:
    """The states of a post a name stands in apposition to: "North Korea's U.N. ambassador, Pak Gil Yon",
    "Russia's envoy, Vitaly Churkin"."""
    name = run.root
    if run.start == 0 or run.doc[run.start - 1].text != ",":
        return set()  # "U.S. Secretary of State Condoleezza Rice": a run that takes in a word of the post
    posts = [child for child in name.children if child.dep_ in ("appos", "nmod") and child.i < run.start]
    if name.dep_ == "appos" and name.head.i < run.start:
        posts.append(name.head)  # the parser hangs either on the other (the name, its appos, is pruned)
    return set().union(*(_post_states(post, mentions) for post in posts if post.lower_ in titles))


def _remember_names(
    doc, mentions: dict[int, Mention], titles: frozenset[str], leading: frozenset[str]
) -> None:
    """People named in full keep their state wherever the story names them again by the first or last of their
    names ("Liu Yunshan ... Liu, who arrived"), and so do people the gazetteer does not know, introduced with
    their state and a title ("DPRK Defense Minister Kang Sun Nam ... talks with Kang"). A name two people of
    different states share is left alone."""
    known: dict[str, str] = {}
    clashes: set[str] = set()

    def remember(forms, code: str) -> None:
        for form in forms:
            if known.get(form, code) != code:
                clashes.add(form)
            known[form] = code

    for mention in {id(m): m for m in mentions.values()}.values():  # "Liu Yunshan ... Liu, who arrived"
        if mention.type == "person" and mention.code and mention.end - mention.start >= 2:
            remember((doc[mention.start].text, doc[mention.end - 1].text), mention.code)
    array = doc.to_array([POS, IS_TITLE, IS_LOWER, IS_ALPHA, LOWER, ORTH])
    words = [array[:, k].tolist() for k in range(6)]
    runs = list(_name_runs(doc, mentions, titles, words))
    for run in runs:
        codes, is_person = set(), False
        k = run.start - 1
        while k >= 0 and k >= run.start - 5 and doc[k].pos_ in ("PROPN", "NOUN", "ADJ", "PRON", "PART"):
            if k in mentions and mentions[k].code:  # the words of its title: "DPRK Defense Minister"
                codes.add(mentions[k].code)
            is_person = is_person or doc[k].lower_ in titles  # not "the Russian paper Bremya"
            k -= 1
        if len(codes) != 1 or not is_person:
            codes, is_person = _post_before_states(run, mentions, titles), True
        if len(codes) != 1:
            codes = _leaders_group(run, mentions, leading)
        if len(codes) == 1 and is_person:
            remember({run.text, run[0].text, run[-1].text}, codes.pop())
    strings = doc.vocab.strings
    forms = {strings[form] for run in runs for form in (run[0].text, run[-1].text)}
    pos, orth, propn = words[0], words[5], strings["PROPN"]
    # a post in apposition to a name ("Nikolai Bogdanovsky, first deputy chief of ... the Russian Armed Forces"),
    # or to one of its words said again ("Liu Zhenmin ... Liu, the most senior Chinese official")
    for j, word in enumerate(orth):
        if word in forms and pos[j] == propn and j not in mentions:
            token = doc[j]
            codes = _apposition_states(token, mentions, titles)
            if len(codes) == 1:
                code = codes.pop()
                for run in runs:
                    if token.text in (run[0].text, run[-1].text):
                        remember({run.text, run[0].text, run[-1].text}, code)
    for form in clashes:
        known.pop(form, None)
    if not known:
        return
    for run in runs:  # the name whole, or one of its words standing alone ("talks with Kang")
        whole = known.get(run.text)
        if whole:
            mention = Mention(run.start, run.end, whole, "person", run.text)
            for j in range(run.start, run.end):
                mentions[j] = mention
    strings = doc.vocab.strings
    short = {strings[form]: code for form, code in known.items()}
    pos, is_title, orth = words[0], words[1], words[5]
    propn = strings["PROPN"]
    for j, word in enumerate(orth):
        if word in short and j not in mentions and pos[j] == propn and is_title[j]:
            mentions[j] = Mention(j, j + 1, short[word], "person", doc[j].text)


def _anniversaries(doc, text: str, story: Story, resources: Resources, mentions) -> list[AnniversaryMention]:
    """The anniversaries of the text; "the anniversary" with no name is the one named last; one named by
    words several pairs share is the one whose states its sentence names ("North Korea and China marked
    the anniversary of diplomatic relations"), as is one named by a word and an owner ("its founding")."""
    found_all = find_anniversaries(text, resources.anniversaries, story.when)
    for found in found_all:
        unnamed = found.anniversary is None and bool(found.ordinal) and story.when is not None
        if not (found.pair_options or unnamed):
            continue
        span = doc.char_span(found.start, found.end, alignment_mode="expand")
        sent = span.root.sent if span is not None else None
        named = {mentions[t.i].code for t in sent if t.i in mentions} if sent is not None else set()
        named |= {story.home} if story.home else set()
        if unnamed and not found.pair_options and story.when is not None:
            found.anniversary = _owned_by_a_state_named(found, text, resources, named, story.when.day.year)
        if found.pair_options:
            fits = [a for a in found.pair_options if set(a.countries[:2]) <= named]
            if not fits and found.ordinal and story.when is not None:
                # "China's ambassador hosted a reception marking the 75th anniversary of diplomatic ties" in
                # 2024: of the pairs with a state named, the one whose base year the ordinal gives
                year = story.when.day.year - found.ordinal
                fits = [a for a in found.pair_options if named & set(a.countries[:2]) and a.base_year == year]
            if len(fits) > 1 and story.when is not None:
                # "a message on the treaty anniversary" between two states with several treaties: the one due
                # within days of the story
                day = story.when.day
                fits = [a for a in fits if abs((a.due(day.year) - day).days) <= PAIR_DAYS] or fits
            found.anniversary = fits[0] if len(fits) == 1 else None
    last_named = None
    for found in found_all:
        if found.anniversary is not None:
            last_named = found.anniversary
        elif found.ordinal is None and last_named is not None:
            found.anniversary = last_named
    return found_all


OWNED_EVENT = re.compile(r"\s+of\s+(?:its|their|the)\s+([a-z]+)")  # "the 73rd anniversary of its founding"


def _owned_by_a_state_named(
    found: AnniversaryMention, text: str, resources: Resources, named: set[str], year: int
) -> Anniversary | None:
    """ "North Korea marked the 73rd anniversary of its founding" in 2021: the one anniversary of a state its
    sentence names, with that word in its name ("founding of the DPRK"), whose ordinal falls in the story's year."""
    owned = OWNED_EVENT.match(text, found.end)
    if owned is None or not found.ordinal:
        return None
    word, ordinal = owned.group(1), found.ordinal
    fits = [
        a
        for a in resources.anniversaries
        if a.year_of(ordinal) == year
        and set(a.countries[:1]) & named
        and any(word in phrase.split() for phrase in a.phrases)
    ]
    return fits[0] if len(fits) == 1 else None


def _anniversary_tokens(doc, anniversaries: list[AnniversaryMention]):
    """The root word of each anniversary mention, and the words that belong to the anniversaries' names."""
    ann_tokens: dict[int, AnniversaryMention] = {}
    ann_span_tokens: set[int] = set()
    for named in anniversaries:
        span = doc.char_span(named.start, named.end, alignment_mode="expand")
        if span is None:
            continue
        ann_tokens[span.root.i] = named
        head = span.root
        for child in head.children:  # "anniversary of the signing of the treaty ...": not events
            if child.dep_ == "prep" and child.lower_ == "of":
                ann_span_tokens.update(t.i for t in child.subtree)
        ann_span_tokens.update(t.i for t in head.lefts if t.dep_ in ("compound", "amod", "nmod"))
    return ann_tokens, ann_span_tokens


@functools.lru_cache(maxsize=8)
def _trigger_ids(strings, trigger_words: frozenset[str]) -> frozenset[int]:
    """The vocabulary ids of the trigger words in lower case, capitalized and in capitals (read once, not
    for every document)."""
    return frozenset(strings[v] for w in trigger_words for v in (w, w.capitalize(), w.upper()))


def index_document(doc, story: Story, resources: Resources, text: str | None = None) -> DocumentIndex:
    """Everything about a document that does not change while its sentences are read."""
    if text is None:  # the text the document was parsed from (spaCy rebuilds Doc.text on every call)
        text = doc.text
    dateline_chars, dateline_place, datelines = _datelines(doc, text, resources)
    mentions = _mentions(doc, resources, datelines)
    grammar = resources.kinds.grammar
    _remember_names(doc, mentions, grammar.person_nouns, grammar.leading_verbs)
    starts = [i for i, flag in enumerate(doc.to_array([SENT_START]).tolist()) if flag == 1 or i == 0]
    sents = [doc[a:b] for a, b in zip(starts, [*starts[1:], len(doc)], strict=True) if b > a]
    sentence_of: list[int] = [0] * len(doc)
    for number, sent in enumerate(sents):
        sentence_of[sent.start : sent.end] = [number] * (sent.end - sent.start)
    # Word-level facts read from arrays, so that most words never become Token objects.
    strings = doc.vocab.strings
    array = doc.to_array([LEMMA, LOWER, DEP, HEAD, POS])
    lemmas, lowers, deps = (array[:, 0].tolist(), array[:, 1].tolist(), array[:, 2].tolist())
    heads = array[:, 3].astype("int64").tolist()  # relative offsets, stored unsigned
    parts_of_speech = array[:, 4].tolist()
    words = _trigger_ids(strings, resources.kinds.trigger_words)
    future = {strings["will"], strings["shall"]}
    subject_deps = {strings["nsubj"], strings["nsubjpass"]}
    conj = strings["conj"]
    dobj, noun, pobj, attr = strings["dobj"], strings["NOUN"], strings["pobj"], strings["attr"]
    person_nouns = {strings[w] for w in grammar.person_nouns}
    future_words = {i for i in range(len(doc)) if lowers[i] in future}
    lemma_texts = {lemma: strings[lemma].lower() for lemma in set(lemmas)}  # each distinct lemma read once
    anniversaries = _anniversaries(doc, text, story, resources, mentions)
    ann_tokens, ann_span_tokens = _anniversary_tokens(doc, anniversaries)
    lead = next((n for n, s in enumerate(sents) if s.start_char >= story.headline_end), 0) if sents else 0
    occasion = _occasion(ann_tokens, sentence_of, lead, story)
    return DocumentIndex(
        doc=doc,
        dateline_chars=dateline_chars,
        dateline_place=dateline_place,
        mentions=mentions,
        sents=sents,
        sentence_of=sentence_of,
        maybe_trigger={i for i in range(len(doc)) if lemmas[i] in words or lowers[i] in words},
        future_words=future_words,
        future_sentences={sentence_of[i] for i in future_words},
        subject_words={i for i in range(len(doc)) if deps[i] in subject_deps},
        conj_heads={i + int(heads[i]) for i in range(len(doc)) if deps[i] == conj},
        anniversaries=anniversaries,
        mentioned={m.anniversary.id for m in anniversaries if m.anniversary},
        ann_tokens=ann_tokens,
        ann_sentences={sentence_of[i] for i in ann_tokens},
        ann_span_tokens=ann_span_tokens,
        person_objects={
            i
            for i in range(len(doc))
            if parts_of_speech[i] == noun
            and lemmas[i] in person_nouns
            # "met the delegation", "had a conversation with the delegation of ...", "were donated by the
            # visiting delegation of ..."
            # "Among the foreign guests was a delegation of ...", "Among them was a delegation"
            and (
                deps[i] in (dobj, attr)
                or (deps[i] == pobj and doc[i + int(heads[i])].lower_ in ("with", "by"))
            )
        },
        lemma_lower=[lemma_texts[lemma] for lemma in lemmas],
        text=text,
        occasion=occasion,
        occasion_told_by=lead if occasion else -1,
        lead=lead,
    )


def _occasion(
    ann_tokens: dict[int, AnniversaryMention], sentence_of: list[int], lead: int, story: Story
) -> tuple[Anniversary, int] | None:
    """The outlet's state's own day named first in the headline or the lead sentence, with its ordinal."""
    for i, mention in sorted(ann_tokens.items()):
        if sentence_of[i] > lead:
            break
        marked = mention.anniversary
        if marked is None or not story.home or not marked.is_own_day_of(story.home):
            continue
        ordinal = mention.ordinal or (marked.ordinal(story.when.day.year) if story.when else 0)
        if ordinal > 0:
            return marked, ordinal
    return None
