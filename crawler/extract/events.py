"""Events: who did what to whom, when and where, read from a parsed article.

Pure functions over a spaCy `Doc` and the data files (gazetteer, kinds, anniversaries); no Scrapy, no
database. `extract_events(doc, story, resources)` returns one dict per event, each with the sentence that
says so. The rules are general: triggers and grammar words come from seeds/kinds.toml, actors from
seeds/actors.toml, anniversaries from seeds/anniversaries.toml.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from functools import lru_cache

from spacy.attrs import DEP, HEAD, LEMMA, LOWER, SENT_START

from crawler.extract.anniversaries import Anniversary
from crawler.extract.anniversary_mentions import AnniversaryMention, by_ordinal, find_anniversaries
from crawler.extract.dates import When, find_dates
from crawler.extract.event_types import Candidate, Mention, Resources, Story
from crawler.extract.kinds import Trigger
from crawler.extract.merged_events import merge_candidates
from crawler.extract.story_dates import story_date

EXTRACTOR_VERSION = "2026.11.26-2"  # change it with the rules: `process` then re-extracts

PRONOUNS_PERSON = {"he", "she", "him", "his", "her", "hers"}
PRONOUNS_PLURAL = {"they", "them", "their", "theirs"}
PRONOUNS_THING = {"it", "its"}
RELATIVES = {"who", "whom", "which", "that", "whose"}
PRONOUN_REACH = 2  # sentences back that a pronoun may point to
# "Seoul, Dec 1 ...", "Beijing, Sept 3: ...", "Seoul: ..." opening a paragraph: where the story was filed.
DATELINE = re.compile(
    r"(?:^|\n)(?P<line>[A-Z][\w.'’-]+(?: [A-Z][\w.'’-]+){0,2}"
    r"(?:,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:\s*\([A-Za-z][\w .-]{1,20}\))?\s*(?::|--|—)?|\s*:))\s"
)


__all__ = [
    "EXTRACTOR_VERSION",
    "AnniversaryMention",
    "Candidate",
    "Mention",
    "Resources",
    "Story",
    "by_ordinal",
    "extract_events",
    "find_anniversaries",
    "merge_candidates",
    "story_date",
]


@lru_cache(maxsize=8)
def _habitual_pattern(phrases: frozenset[str]) -> re.Pattern:
    """One pattern for the phrases that mark a habit ("every year")."""
    return re.compile(r"\b(?:" + "|".join(re.escape(h) for h in sorted(phrases)) + r")\b")


# --- reading one parsed document ----------------------------------------------------------------------


class _Reader:
    """Reads the events of one parsed document; holds what the sentences share (mentions, salience)."""

    def __init__(self, doc, story: Story, resources: Resources):
        self.doc = doc
        self.story = story
        self.res = resources
        self.g = resources.kinds.grammar
        self.mentions: dict[int, Mention] = {}
        datelines: set[int] = set()
        self.dateline_chars: list[tuple[int, int]] = []
        self.dateline_place: tuple[str, str] | None = None  # where "here" is in a KCNA-style dispatch
        for match in DATELINE.finditer(doc.text):
            self.dateline_chars.append((match.start("line"), match.end("line")))
            place = resources.gazetteer.lookup(match.group("line").split(",")[0].rstrip(": "))
            if place is not None and place.code and self.dateline_place is None:
                self.dateline_place = (place.code, place.name)
            span = doc.char_span(match.start("line"), match.end("line"), alignment_mode="expand")
            if span is not None:
                datelines.update(range(span.start, span.end))
        for ent in doc.ents:
            if ent.start in datelines:
                continue
            actor = resources.gazetteer.actors.get(ent.ent_id_) or resources.gazetteer.lookup(ent.text)
            if actor is None:
                continue
            if (
                actor.type == "person"
                and len(ent) == 1
                and ent.end < len(doc)
                and doc[ent.end].pos_ == "PROPN"
                and doc[ent.end].is_title
            ):
                continue  # a bare surname ("Kim") followed by more of a name ("Kim Dae-jung") is someone else
            mention = Mention(ent.start, ent.end, actor.code, actor.type, ent.text)
            for i in range(ent.start, ent.end):
                self.mentions[i] = mention
        self.subjects: list[tuple[int, set[str], str]] = []  # (token index, codes, person|plural|thing)
        starts = [i for i, flag in enumerate(doc.to_array([SENT_START]).tolist()) if flag == 1 or i == 0]
        self.sents = [doc[a:b] for a, b in zip(starts, [*starts[1:], len(doc)], strict=True) if b > a]
        self.sentence_of: list[int] = [0] * len(doc)  # token index -> sentence number
        for number, sent in enumerate(self.sents):
            self.sentence_of[sent.start : sent.end] = [number] * (sent.end - sent.start)
        self._triggers: dict[int, Trigger | None] = {}
        self.produced: list[Candidate] = []  # events read so far, for "the two countries"
        # Word-level facts read from arrays, so that most words never become Token objects.
        strings = doc.vocab.strings
        array = doc.to_array([LEMMA, LOWER, DEP, HEAD])
        lemmas, lowers, deps = (array[:, 0].tolist(), array[:, 1].tolist(), array[:, 2].tolist())
        heads = array[:, 3].astype("int64").tolist()  # relative offsets, stored unsigned
        words = {strings[v] for w in resources.kinds.trigger_words for v in (w, w.capitalize(), w.upper())}
        self.maybe_trigger = {i for i in range(len(doc)) if lemmas[i] in words or lowers[i] in words}
        future = {strings["will"], strings["shall"]}
        self.future_words = {i for i in range(len(doc)) if lowers[i] in future}
        subject_deps = {strings["nsubj"], strings["nsubjpass"]}
        conj = strings["conj"]
        self.subject_words = {i for i in range(len(doc)) if deps[i] in subject_deps}
        self.conj_heads = {i + int(heads[i]) for i in range(len(doc)) if deps[i] == conj}
        self.groups: list[tuple[int, set[str]]] = []  # coordinations naming two or more states
        self.anniversaries = find_anniversaries(doc.text, resources.anniversaries, story.when)
        last_named = None
        for found in self.anniversaries:  # "the anniversary" with no name is the one named last
            if found.anniversary is not None:
                last_named = found.anniversary
            elif found.ordinal is None and last_named is not None:
                found.anniversary = last_named
        self.mentioned = {m.anniversary.id for m in self.anniversaries if m.anniversary}
        self.ann_tokens: dict[int, AnniversaryMention] = {}
        self.ann_span_tokens: set[int] = set()
        for named in self.anniversaries:
            span = doc.char_span(named.start, named.end, alignment_mode="expand")
            if span is None:
                continue
            self.ann_tokens[span.root.i] = named
            head = span.root
            for child in head.children:  # "anniversary of the signing of the treaty ...": not events
                if child.dep_ == "prep" and child.lower_ == "of":
                    self.ann_span_tokens.update(t.i for t in child.subtree)
            self.ann_span_tokens.update(t.i for t in head.lefts if t.dep_ in ("compound", "amod", "nmod"))

    # --- actors -------------------------------------------------------------------------------------

    def codes_in(self, tokens) -> set[str]:
        return {self.mentions[t.i].code for t in tokens if t.i in self.mentions and self.mentions[t.i].code}

    def _pruned(self, head, prune_deps: set[str], keep_preps: set[str] | None = None):
        stack = [head]
        while stack:
            token = stack.pop()
            yield token
            for child in token.children:
                if child.dep_ in prune_deps:
                    continue
                if keep_preps is not None and child.dep_ == "prep" and child.lower_ not in keep_preps:
                    continue
                stack.append(child)

    def phrase_codes(self, head) -> set[str]:
        """The states a noun phrase names, pronouns and 'the two leaders' resolved."""
        lower = head.lower_
        if lower in PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING:
            return self.cataphora(head) or self.resolve_pronoun(head)
        if lower in RELATIVES and head.head.dep_ in ("relcl", "acl"):
            antecedent = head.head.head
            if lower in ("that", "which") and not self.agentive(antecedent):
                return set()  # "a parade that marked ...": a thing, not a state, acts
            codes = self.phrase_codes(antecedent)
            if antecedent.dep_ == "conj":
                first = antecedent
                while first.dep_ == "conj":
                    first = first.head
                codes |= self.phrase_codes(first)
            return codes
        text = " ".join(t.lower_ for t in head.subtree)
        if any(text.startswith(p) or text == p for p in self.g.pair_phrases) or (
            head.lemma_ in self.g.person_nouns and any(t.lower_ in ("two", "both") for t in head.lefts)
        ):
            return self.pair_for(head)
        tokens = list(self._pruned(head, {"relcl", "acl", "advcl", "ccomp", "parataxis"}, keep_preps={"of"}))
        codes = self.codes_in(tokens)
        for token in tokens:  # "their support" inside the phrase
            if token.dep_ == "poss" and token.lower_ in PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING:
                codes |= self.resolve_pronoun(token)
        return codes

    def cataphora(self, pronoun) -> set[str]:
        """'In his message, Putin said ...': a possessive before its clause's subject is that subject."""
        if pronoun.dep_ != "poss":
            return set()
        verb = pronoun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i > pronoun.i]
        if not subjects or subjects[0].lower_ in PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING:
            return set()
        return self.phrase_codes(subjects[0])

    def agentive(self, token) -> bool:
        """Can this noun act: a named actor (not a place) or a word for people?"""
        mention = self.mentions.get(token.i)
        if mention is not None:
            return mention.type in ("person", "country", "organization")
        return token.lemma_.lower() in self.g.person_nouns or token.pos_ == "PROPN"

    def resolve_pronoun(self, token) -> set[str]:
        lower = token.lower_
        wanted = "person" if lower in PRONOUNS_PERSON else "plural" if lower in PRONOUNS_PLURAL else "thing"
        here = self.sentence_of[token.i]
        for index, codes, sort in reversed(self.subjects):
            if index >= token.i:
                continue
            if here - self.sentence_of[index] > PRONOUN_REACH:
                break
            if (
                sort == wanted
                or (wanted == "thing" and sort != "person")
                or (wanted == "plural" and len(codes) > 1)
            ):
                return set(codes)
        return set()

    def pair_for(self, phrase) -> set[str]:
        """The two states 'the two countries' means: where the sentence's speaker or subject is one state,
        the last event between that state and one other; else the last two states named together."""
        root = phrase.sent.root
        speakers = [
            c
            for c in root.children
            if c.dep_ == "nsubj" and c.i != phrase.i and phrase.i not in {t.i for t in c.subtree}
        ]
        own = (
            self.codes_in(self._pruned(speakers[0], {"relcl", "acl", "prep", "appos", "conj"}))
            if speakers
            else set()
        )
        if len(own) == 1:
            for event in reversed(self.produced):
                states = set(event.actors) | set(event.targets)
                if len(states) == 2 and own <= states:
                    return states
        return self.last_group(phrase.i)

    def last_group(self, before: int) -> set[str]:
        for index, codes in reversed(self.groups):
            if index < before:
                return set(codes)
        return set()

    def note_sentence(self, sent) -> None:
        """Remember the sentence's subjects and coordinations for the pronouns of later sentences."""
        for index in range(sent.start, sent.end):
            if index not in self.subject_words and index not in self.conj_heads:
                continue
            token = self.doc[index]
            if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in RELATIVES:
                codes = self.phrase_codes(token)
                if not codes:
                    continue
                has_conj = any(c.dep_ == "conj" for c in token.children)
                is_person = (
                    any(self.mentions.get(t.i) and self.mentions[t.i].type == "person" for t in token.subtree)
                    or token.lemma_ in self.g.person_nouns
                )
                plural = has_conj or token.tag_ in ("NNS", "NNPS") or token.lower_ in PRONOUNS_PLURAL
                sort = (
                    "plural"
                    if plural
                    else "person"
                    if (is_person or token.lower_ in PRONOUNS_PERSON)
                    else "thing"
                )
                self.subjects.append((token.i, codes, sort))
                if plural and not has_conj and is_person:
                    self.subjects.append((token.i, codes, "person"))
            conj_members = [c for c in token.children if c.dep_ == "conj"]
            if conj_members:
                group: set[str] = set()
                for member in [token, *conj_members]:
                    group |= self.codes_in(self._pruned(member, {"relcl", "acl", "conj", "prep", "appos"}))
                if len(group) >= 2:
                    self.groups.append((token.i, group))

    # --- triggers -----------------------------------------------------------------------------------

    def _objects(self, token) -> list:
        result = []
        for child in token.children:
            if child.dep_ in ("dobj", "attr", "oprd", "dative", "nsubjpass", "prt", "obj"):
                result.append(child)
                result.extend(c for c in child.children if c.dep_ in ("conj", "compound", "amod", "prep"))
                result.extend(
                    g for c in child.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"
                )
            elif child.dep_ == "prep":
                result.extend(c for c in child.children if c.dep_ == "pobj")
        return result

    def match_trigger(self, token) -> Trigger | None:
        """The most specific trigger this word is, if any (memoised per word)."""
        if token.i not in self._triggers:
            self._triggers[token.i] = self._match_trigger(token)
        return self._triggers[token.i]

    def _match_trigger(self, token) -> Trigger | None:
        if token.i not in self.maybe_trigger:
            return None
        lemma = token.lemma_.lower()
        lower = token.lower_
        is_verb = token.pos_ == "VERB"
        is_noun = token.pos_ in ("NOUN", "PROPN")
        best = None
        for trigger in self.res.kinds.triggers:
            if not (
                (is_verb and lemma in trigger.verbs)
                or (is_noun and (lemma in trigger.nouns or lower in trigger.nouns))
            ):
                continue
            if trigger.objects:
                objects = self._objects(token)
                words = {o.lemma_.lower() for o in objects} | {o.lower_ for o in objects}
                if not words & trigger.objects:
                    continue
            if trigger.modifiers:
                mods = {
                    c.lemma_.lower() for c in token.children if c.dep_ in ("amod", "compound", "nmod", "poss")
                }
                mods |= {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
                if not mods & trigger.modifiers:
                    continue
            if best is None or trigger.specificity > best.specificity:
                best = trigger
        return best

    def governing_verb(self, token):
        """The verb a noun hangs from (through objects and prepositions), with the last link's label."""
        current = token
        while current.head.i != current.i and current.pos_ not in ("VERB", "AUX"):
            if current.dep_ in ("nsubj", "nsubjpass", "csubj"):
                return current.head, "subject"
            current = current.head
        return (current, "object") if current.i != token.i else (None, "")

    def predicate(self, token):
        if token.pos_ in ("VERB", "AUX"):
            return token
        verb, _ = self.governing_verb(token)
        return verb or token

    def skip_reason(self, token, trigger: Trigger, sent) -> str | None:
        """Why a trigger is not an event here (background, speculation, habit, inside an anniversary's name)."""
        if token.i in self.ann_span_tokens:
            return "names an anniversary"
        for ancestor in token.ancestors:
            if ancestor.dep_ == "prep" and ancestor.lower_ in self.g.background_preps:
                return "background"
        predicate = self.predicate(token)
        between = [
            a for a in token.ancestors if a.i != predicate.i and predicate.i in {x.i for x in a.ancestors}
        ]
        chain = [token, *between, predicate, *[a for a in predicate.ancestors]]
        for node in chain:
            if node.lemma_.lower() in self.g.reporting_verbs and node.i != token.i and node.i != predicate.i:
                break
            for child in node.children:
                if child.dep_ in ("aux", "mark", "advmod") and child.lemma_.lower() in self.g.hedges:
                    return "speculative"
            if (
                node.i != token.i
                and node.lemma_.lower() in self.g.hedges
                and node.pos_ in ("VERB", "ADJ", "NOUN")
            ):
                return "speculative"
            if node.dep_ not in ("xcomp", "ccomp", "conj", "advcl", "pcomp", "pobj", "prep", "dobj", "acomp"):
                break
        reported = predicate.dep_ == "ccomp" and predicate.head.lemma_.lower() in self.g.reporting_verbs
        if (
            predicate.tag_ in ("VBZ", "VBP")
            and not reported
            and not any(c.dep_ in ("aux", "auxpass") for c in predicate.children)
        ):
            return "present tense: a habit or a state, not an event"
        sentence = sent.text.lower()
        if _habitual_pattern(self.g.habitual).search(sentence):
            return "habitual"
        if token.pos_ != "VERB":
            if token.lemma_.lower() in ("agreement", "treaty", "pact", "accord", "deal") and not any(
                c.dep_ in ("acl", "relcl") and c.lemma_.lower() in self.g.signing_verbs
                for c in token.children
            ):
                return "an agreement not said to be signed"
            head = token.head
            if (
                head.dep_ == "prep"
                and head.lower_ in self.g.setting_preps
                and self.match_trigger(head.head)
                and not any(c.dep_ == "prep" and c.lower_ == "with" for c in token.children)
            ):
                return "the setting of another event"
            if token.dep_ in ("dobj", "attr") and head.pos_ == "VERB":
                other = self.match_trigger(head)
                if other is not None and other.kind == trigger.kind:
                    return "the object of a trigger of the same kind"
            if token.dep_ in ("nsubj", "nsubjpass") and not any(c.dep_ == "poss" for c in token.children):
                return "a noun as subject"
        if (
            token.pos_ == "VERB"
            and token.dep_ in ("xcomp", "advcl", "acl")
            and trigger.kind == "commemoration"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in token.children)
        ):
            parent = token.head
            neighbours = [parent, *[c for c in parent.children if c.dep_ in ("dobj", "attr", "nsubjpass")]]
            if parent.i != token.i and any(self.match_trigger(n) for n in neighbours if n.i != token.i):
                return "the purpose of another event"
        return None

    def negated(self, token, trigger: Trigger) -> bool:
        if trigger.negated:
            return True
        predicate = self.predicate(token)
        for node in {token, predicate}:
            if any(c.dep_ == "neg" for c in node.children):
                return True
            if any(c.dep_ == "det" and c.lower_ == "no" for c in node.children):
                return True
        for child in self._objects(token):
            if any(c.dep_ == "det" and c.lower_ == "no" for c in child.children):
                return True
        if predicate.i != token.i and predicate.lemma_.lower() in self.g.negating_verbs:
            return True
        return any(a.lemma_.lower() in self.g.negating_verbs for a in predicate.ancestors if a.pos_ == "VERB")

    # --- roles --------------------------------------------------------------------------------------

    def agent(self, token, depth: int = 0) -> set[str]:
        """The states acting: the subject, a possessor, 'by X', or those of the clause it depends on."""
        if depth > 6:
            return set()
        if token.pos_ in ("VERB", "AUX"):
            subjects = [c for c in token.children if c.dep_ in ("nsubj", "csubj")]
            if subjects:
                codes: set[str] = set()
                for subject in subjects:
                    codes |= self.phrase_codes(subject)
                return codes
            agents = [g for c in token.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
            if agents:
                return set().union(*(self.phrase_codes(a) for a in agents))
            passive = [c for c in token.children if c.dep_ == "nsubjpass"]
            if passive:
                # "a floral basket in the name of Kim Jong Un was laid": the sender acts
                codes = set()
                for node in [t for p in passive for t in p.subtree] + list(token.subtree):
                    if node.lemma_.lower() in ("name", "behalf") and node.head.dep_ == "prep":
                        for prep in node.children:
                            if prep.dep_ == "prep" and prep.lower_ == "of":
                                codes |= {
                                    c for p in prep.children if p.dep_ == "pobj" for c in self.phrase_codes(p)
                                }
                return codes
            if token.dep_ in ("conj", "xcomp", "advcl"):
                return self.agent(token.head, depth + 1)
            if token.dep_ == "pcomp":
                return self.agent(token.head.head, depth + 1)
            if token.dep_ in ("acl", "relcl"):
                return self.phrase_codes(token.head)
            return set()
        codes = set()
        for child in token.children:
            if child.dep_ == "poss":
                codes |= self.phrase_codes(child)
            elif child.dep_ == "prep" and child.lower_ == "by":
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        codes |= self.phrase_codes(pobj)
            elif child.dep_ in ("compound", "amod", "nmod") and child.i in self.mentions:
                mention = self.mentions[child.i]
                if mention.type != "place":
                    codes.add(mention.code)
        if codes:
            return codes
        verb, link = self.governing_verb(token)
        if verb is None or link == "subject":
            return set()
        return self.agent(verb, depth + 1)

    def roles(self, token, kind: str):
        """(participants, locations) named in the trigger's complements: states, and (state, place) pairs."""
        excluded = {
            "nsubj",
            "nsubjpass",
            "csubj",
            "agent",
            "aux",
            "auxpass",
            "neg",
            "punct",
            "cc",
            "conj",
            "mark",
            "relcl",
            "ccomp",
            "advcl",
            "parataxis",
            "dep",
            "advmod",
            "npadvmod",
            "poss",
            "det",
            "case",
            "acl",
        }
        roots = [
            c for c in token.children if c.dep_ not in excluded or (c.dep_ == "advcl" and self._purpose(c))
        ]
        if token.pos_ != "VERB":
            verb, link = self.governing_verb(token)
            if verb is not None and link == "object" and verb.lemma_.lower() in self.g.support_verbs:
                roots += [
                    c
                    for c in verb.children
                    if c.dep_ not in excluded and c.i != token.i and token.i not in {t.i for t in c.subtree}
                ]
            roots += [
                c for c in token.children if c.dep_ == "acl" and c.lemma_.lower() not in self.g.signing_verbs
            ]
        skip_opponents = kind not in ("criticism", "rejection")
        participants: set[str] = set()
        locations: list[tuple[str, str]] = []
        if self.dateline_place and any(c.lower_ == "here" for c in token.children):
            locations.append(self.dateline_place)
        stack = list(roots)
        while stack:
            node = stack.pop()
            if node.i in self.ann_span_tokens:
                continue
            if node.dep_ in ("relcl", "ccomp", "parataxis", "nsubj", "nsubjpass", "csubj") or (
                node.dep_ == "advcl" and not self._purpose(node)
            ):
                continue
            if (
                node.dep_ == "prep"
                and skip_opponents
                and (
                    node.lower_ in self.g.opponent_preps
                    or (node.lower_ == "of" and node.head.lemma_.lower() in self.g.hostile_nouns)
                )
            ):
                continue
            if node.dep_ == "prep" and node.lower_ in self.g.sourcing_preps:
                continue
            if node.dep_ in ("amod", "compound") and node.head.lemma_.lower() in self.g.hostile_nouns:
                continue  # "a Ukrainian incursion": the adversary, not a partner
            if node.dep_ in ("advcl", "xcomp") and node.pos_ == "VERB" and node.i != token.i:
                # "sent troops to fight for Russia": a purpose clause's partners are in its prepositions
                stack.extend(c for c in node.children if c.dep_ in ("prep", "xcomp", "advcl"))
                continue
            stack.extend(node.children)
            mention = self.mentions.get(node.i)
            if mention is None or not mention.code or node.i != mention.start:
                if node.lower_ in PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING | {
                    "whom"
                } and node.dep_ in ("pobj", "dobj", "dative"):
                    if node.lower_ == "whom":
                        participants |= self.phrase_codes(node.head.head.head) if node.head.head else set()
                    elif node.dep_ != "poss":
                        participants |= self.resolve_pronoun(node)
                continue
            head = self.doc[mention.end - 1]
            place_like = mention.type == "place" or (
                mention.type == "adjective" and head.head.lemma_.lower() in self.g.place_nouns
            )
            prep = next((a for a in head.ancestors if a.dep_ == "prep"), None)
            locative = prep is not None and prep.lower_ in self.g.locative_preps
            if place_like and (locative or kind == "visit" or mention.type == "adjective"):
                text = (
                    mention.text
                    if mention.type == "place"
                    else " ".join(t.text for t in head.head.subtree if t.i <= head.head.i)
                )
                locations.append((mention.code, text))
            elif mention.type == "country" and locative and kind != "visit":
                locations.append((mention.code, mention.text))
            else:
                participants.add(mention.code)
        return participants, locations

    def _senders(self, nodes) -> set[str]:
        """The states named after 'from' under these words."""
        senders: set[str] = set()
        for node in nodes:
            for child in node.children:
                if child.dep_ == "prep" and child.lower_ == "from":
                    senders |= {c for p in child.children if p.dep_ == "pobj" for c in self.phrase_codes(p)}
        return senders

    @staticmethod
    def _purpose(clause) -> bool:
        """Is this clause a subjectless 'to ...' infinitive ('deployed troops to fight for Russia')?"""
        return any(c.dep_ == "aux" and c.lower_ == "to" for c in clause.children) and not any(
            c.dep_ in ("nsubj", "nsubjpass") for c in clause.children
        )

    def anniversary_for(
        self, token, when: When | None, countries: set[str]
    ) -> tuple[Anniversary, int] | None:
        """The anniversary named in the trigger's clause, with its ordinal (computed from the year if unsaid)."""
        predicate = self.predicate(token) if token.pos_ != "VERB" else token
        scope = [token] if token.pos_ == "VERB" else [token, predicate]
        sent_no = self.sentence_of[token.i]
        if not any(self.sentence_of[i] == sent_no for i in self.ann_tokens):
            return None
        seen = set()
        for root in scope:
            for node in self._pruned(root, {"ccomp", "conj", "parataxis"}):
                mention = self.ann_tokens.get(node.i)
                if mention is None or node.i in seen:
                    continue
                if self._in_who_clause(node, root) or self._in_other_event(node, root):
                    continue
                seen.add(node.i)
                year = when.day.year if when else (self.story.when.day.year if self.story.when else None)
                anniversary = mention.anniversary
                if anniversary is None and mention.ordinal and year:
                    anniversary = by_ordinal(
                        mention.ordinal, year, self.res.anniversaries, self.mentioned, countries
                    )
                if anniversary is None:
                    continue
                ordinal = mention.ordinal or (anniversary.ordinal(year) if year else None)
                if ordinal is None or ordinal <= 0:
                    continue
                return anniversary, ordinal
        return None

    def sentence_anniversary(self, token, sent, when: When | None) -> tuple[Anniversary, int] | None:
        """The named anniversary nearest the trigger in its sentence (a reply to anniversary greetings)."""
        options = [
            (abs(i - token.i), m)
            for i, m in self.ann_tokens.items()
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

    def _in_other_event(self, node, root) -> bool:
        """Is the node inside another event's clause ('met ... after attending a parade that marked ...')?"""
        current = node
        while current.i != root.i and current.head.i != current.i:
            if (
                current.dep_ in ("advcl", "pcomp")
                and not self._purpose(current)
                and self.match_trigger(current)
            ):
                return True
            current = current.head
        return False

    def _in_who_clause(self, node, root) -> bool:
        """Is the node inside a 'who ...' clause below root (another actor's deed)?"""
        current = node
        while current.i != root.i and current.head.i != current.i:
            if current.dep_ == "relcl" and any(c.lower_ in ("who", "whom") for c in current.children):
                return True
            current = current.head
        return False

    # --- dates --------------------------------------------------------------------------------------

    def sentence_dates(self, sent, last: When | None) -> tuple[dict[int, list[When]], When | None]:
        """Dates of a sentence, each attached to the verb or trigger it modifies."""
        attached: dict[int, list[When]] = {}
        future = any(sent.start <= i < sent.end for i in self.future_words)
        for when in find_dates(sent.text, self.story.when, future=future, last=last):
            begin = sent.start_char + when.start
            if any(a <= begin < b for a, b in self.dateline_chars):
                continue  # "Seoul, Dec 1": when the story was filed, not when its events happened
            span = self.doc.char_span(
                sent.start_char + when.start, sent.start_char + when.end, alignment_mode="expand"
            )
            if span is None:
                continue
            if any(t.i in self.ann_span_tokens for t in span):
                continue
            node = span.root.head if span.root.head.i != span.root.i else span.root
            while (
                node.head.i != node.i
                and node.pos_ not in ("VERB", "AUX")
                and not (node.pos_ in ("NOUN", "PROPN") and self.match_trigger(node))
            ):
                node = node.head
            attached.setdefault(node.i, []).append(when)
            if when.precision == "day":
                last = when
        return attached, last

    def own_date(self, node, attached: dict[int, list[When]]) -> When | None:
        """A date attached to this word or to what hangs from it as part of the same event."""
        if attached.get(node.i):
            return attached[node.i][0]
        for child in node.children:
            # "a treaty signed in June"; "signing ... during their summit last month"; "to mark it this year"
            if child.dep_ == "acl" and attached.get(child.i):
                return attached[child.i][0]
            if child.dep_ in ("advcl", "xcomp") and self._purpose(child) and attached.get(child.i):
                return attached[child.i][0]
            if child.dep_ == "prep" and child.lower_ in self.g.setting_preps:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and attached.get(pobj.i):
                        return attached[pobj.i][0]
        return None

    def date_for(self, token, attached: dict[int, list[When]]) -> When | None:
        """The date of the trigger's own clause, else of the clauses it depends on (not of 'X said on ...')."""
        own = self.own_date(token, attached)
        if own:
            return own
        node = self.predicate(token)
        if node.i != token.i and (node.lemma_.lower() in self.g.support_verbs or token.pos_ != "VERB"):
            found = self.own_date(node, attached)
            if found:
                return found
        for _ in range(6):
            if node.lemma_.lower() in self.g.reporting_verbs and node.i != token.i:
                return None
            if node.i != token.i:
                found = self.own_date(node, attached)
                if found:
                    return found
            shared = [c for c in node.children if c.dep_ == "conj" and c.pos_ == "VERB" and attached.get(c.i)]
            if shared:  # "held talks ... and signed a treaty on Wednesday": one date for both
                return attached[shared[0].i][0]
            if node.dep_ not in ("conj", "xcomp", "advcl", "relcl", "acl", "pcomp", "prep", "pobj"):
                return None
            node = node.head
            if node.dep_ == "prep":
                node = node.head
        return None

    # --- one trigger into a candidate ---------------------------------------------------------------

    def candidate(self, token, trigger: Trigger, sent, attached, previous: Candidate | None, order: int):
        kind = self.res.kinds.kinds[trigger.kind]
        if (
            token.pos_ != "VERB"
            and any(c.dep_ == "det" and c.lower_ == "another" for c in token.children)
            and previous
        ):
            actors = set(previous.actors)
        else:
            actors = self.agent(token)
        participants, locations = self.roles(token, kind.id)
        if token.pos_ != "VERB":
            verb, link = self.governing_verb(token)
            if verb is not None and link == "object" and verb.lemma_.lower() in self.g.receiving_verbs:
                senders = self._senders([token, verb])  # "received messages from Putin and Xi"
                if senders:
                    actors, participants = senders, actors
            elif kind.id == "message" and not any(c.dep_ == "poss" for c in token.children):
                senders = self._senders([token])
                if senders:  # "replied to a letter from Kim": Kim wrote to the subject
                    actors, participants = senders, (participants | actors) - senders
        when = self.date_for(token, attached)
        explicit = when is not None
        anniversary = self.anniversary_for(token, when, actors | participants)
        if anniversary is None and kind.marks_anniversaries:
            anniversary = self.sentence_anniversary(token, sent, when or self.story.when)
        if trigger.needs_anniversary and anniversary is None:
            return None
        location_codes = {code for code, _ in locations if code}
        kind_id = kind.id
        if (
            anniversary
            and kind.with_anniversary
            and not (location_codes - actors)
            and not (participants - actors)
        ):
            kind_id = kind.with_anniversary
            kind = self.res.kinds.kinds[kind_id]
        actor_list: list[str]
        target_list: list[str]
        if kind.direction == "mutual":
            members = actors | participants
            if len(members) < 2 and any(
                c.dep_ == "poss" and c.lower_ in PRONOUNS_PLURAL for c in token.children
            ):
                verb, _ = self.governing_verb(token)  # "Putin presented Kim with ... during their meeting"
                if verb is not None:
                    members |= self.agent(verb) | self.roles(verb, kind.id)[0]
            if len(members) < 2:
                return None
            actor_list, target_list = sorted(members), []
        elif kind.direction == "self":
            if not actors:
                return None
            actor_list, target_list = sorted(actors), []
        else:
            if not actors:
                return None
            targets = participants - actors
            if kind_id == "visit":
                targets |= location_codes - actors
            if kind_id == "commemoration":
                if not targets:
                    targets = location_codes - actors
                if anniversary and anniversary[0].scope == "bilateral":
                    targets |= set(anniversary[0].countries[:2]) - actors
            if kind.needs_target and not targets:
                if len(actors) >= 2 and kind.joint:
                    actor_list, target_list = sorted(actors), []
                else:
                    return None
            else:
                actor_list, target_list = sorted(actors), sorted(targets)
        location = next((text for _, text in locations), None)
        negated = self.negated(token, trigger)
        if when is None:
            when = self.story.when
        if anniversary and negated and when is not None and when.precision != "day":
            due = anniversary[0].due(when.day.year)
            if when.contains(due):
                when = When(due, "day")
        return Candidate(
            kind_id,
            actor_list,
            target_list,
            when,
            explicit,
            location,
            anniversary,
            negated,
            sent.text.strip(),
            order,
            self.sentence_of[token.i],
        )

    def split(self, candidate: Candidate) -> list[Candidate]:
        """'Putin and Xi sent messages to Kim' is two messages: one per actor, for kinds that say so."""
        kind = self.res.kinds.kinds[candidate.kind]
        if not kind.split_actors or len(candidate.actors) < 2 or not candidate.targets:
            return [candidate]
        return [
            dataclasses.replace(candidate, actors=[actor], extra_evidence=[]) for actor in candidate.actors
        ]

    def read(self) -> list[Candidate]:
        candidates: list[Candidate] = []
        last: When | None = None
        order = 0
        for sent in self.sents:
            attached, last = self.sentence_dates(sent, last)
            previous = None
            for index in range(sent.start, sent.end):
                if index not in self.maybe_trigger:
                    continue
                token = self.doc[index]
                trigger = self.match_trigger(token)
                if trigger is None or self.skip_reason(token, trigger, sent):
                    continue
                found = self.candidate(token, trigger, sent, attached, previous, order)
                if found is None:
                    continue
                for each in self.split(found):
                    candidates.append(each)
                    self.produced.append(each)
                previous = found
                order += 1
            self.note_sentence(sent)
        return candidates


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
                "anniversary_id": anniversary.id if anniversary else None,
                "anniversary_base_date": anniversary.base_date if anniversary else None,
                "anniversary_ordinal": ordinal,
                "negated": candidate.negated,
                "evidence": candidate.evidence,
                "plover": kind.plover,
                "cameo": kind.cameo,
            }
        )
    return rows


def extract_events(doc, story: Story, resources: Resources, doc_id: str = "") -> list[dict]:
    """The events of one parsed article (a spaCy Doc of its cleaned text), merged and ready to store."""
    candidates = _Reader(doc, story, resources).read()
    return event_records(merge_candidates(candidates, story.when), resources, doc_id)
