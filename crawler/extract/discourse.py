"""What earlier sentences said that later ones point back to: subjects for pronouns, states named together
for "the two countries", and the events read so far.

`phrase_codes` is the one way roles are read from a noun phrase: pronouns, relative pronouns and pair
phrases are resolved here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from crawler.extract.dates import When
from crawler.extract.document_index import DocumentIndex
from crawler.extract.event_types import Candidate
from crawler.extract.kinds import Grammar
from crawler.extract.syntax import (
    by_phrase,
    descriptions,
    hyphen_word,
    is_definite,
    only_state_before,
    pair_subject_before,
    pruned,
    state_subject_before,
)

PRONOUNS_PERSON = {"he", "she", "him", "his", "her", "hers"}
PRONOUNS_PLURAL = {"they", "them", "their", "theirs"}
PRONOUNS_THING = {"it", "its"}
PRONOUNS = PRONOUNS_PERSON | PRONOUNS_PLURAL | PRONOUNS_THING
FIRST_PERSON_PLURAL = {"we", "us", "our", "ours"}
QUOTE_REACH = 4  # sentences after "He said:" that may still be his words
RELATIVES = {"who", "whom", "which", "that", "whose"}
PRONOUN_REACH = 2  # sentences back that a pronoun may point to
DEFINITE_REACH = 4  # sentences back that "the delegation" may point to
# branches of a noun phrase that are clauses of their own
CLAUSES = {"relcl", "acl", "advcl", "ccomp", "parataxis"}


@dataclass(frozen=True)
class _Phrase:
    """The words of a noun phrase that phrase_codes reads (see Discourse._shape); the states they name are
    resolved against the discourse when asked."""

    pair: bool  # "the two countries", "the two leaders": the pair the discourse says
    named: frozenset[str] = frozenset()  # the states the phrase names itself
    coordinates: tuple = ()  # nouns coordinate with the head inside a 'led by' clause
    leaders: frozenset[str] = frozenset()  # the states of the leader of "a delegation led by ..."
    definite_people: tuple = ()  # "the delegation": a body named before
    possessive_pronouns: tuple = ()  # "their support"


NOT_BLAMED = ("person", "place")  # a place says where, not who; a person is no "its"


def _the_plural(token) -> bool:
    """'The deputies', 'the lawmakers': people in the plural told as known (not "their hosts": the others)."""
    return token.tag_ == "NNS" and any(c.dep_ == "det" and c.lower_ == "the" for c in token.children)


def _subject_words(verb) -> set[int]:
    """The positions of the words of the verb's subjects."""
    return {t.i for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}


class Discourse:
    """The state a document's reading carries from sentence to sentence."""

    def __init__(self, index: DocumentIndex, grammar: Grammar):
        self.index = index
        self.g = grammar
        self.subjects: list[tuple[int, set[str], str]] = []  # (token index, codes, person|plural|thing)
        # "the visiting delegation of the CPC" met as an object: what "the delegation" may point to later
        self.objects: list[tuple[int, set[str]]] = []
        self.groups: list[tuple[int, set[str]]] = []  # coordinations naming two or more states
        # "X issued a statement": the states of who issued each document noun, for a later "the statement"
        self.issued: list[tuple[int, set[str]]] = []
        self.produced: list[Candidate] = []  # events read so far, for "the two countries"
        # the last anniversary a trigger of each kind was read with, event or not ("Kim received messages
        # from various countries on the occasion of ...": the messages the next sentences list mark it)
        self.occasions: dict[str, tuple] = {}
        self.occasion_when: When | None = None  # the date the sentence naming the story's occasion gives
        self.lead_when: When | None = None  # the day the lead gives, or the next sentence (lead_dated_after)
        self.lead_dated_after = False
        # the last day told so far, within a month before the story; does this sentence give a date? (events)
        self.day_so_far: When | None = None
        self.sentence_dated = False
        self.pair_phrases = tuple(grammar.pair_phrases)  # "the two countries": one test for them all
        # "a delegation of ...", "delegations from China, Germany and ...", "skaters from Russia": whose they are
        self._kept_preps = {"of", "from"} | set(grammar.words.get("example_preps", ()))
        # after someone a message went to, 'from' says who sent it ("Letter to U.S. president from Koreans ...")
        self._addressee_preps = self._kept_preps - {"from"}
        self._shapes: dict[int, _Phrase] = {}  # token index -> its noun phrase as phrase_codes reads it

    def codes_in(self, tokens) -> set[str]:
        """The states named by these words."""
        mentions = self.index.mentions
        return {mentions[t.i].code for t in tokens if t.i in mentions and mentions[t.i].code}

    def phrase_codes(self, head) -> set[str]:
        """The states a noun phrase names, pronouns and 'the two leaders' resolved."""
        lower = head.lower_
        if lower in PRONOUNS:
            return self.cataphora(head) or self.speaker(head) or self.resolve_pronoun(head)
        if lower in FIRST_PERSON_PLURAL:
            return self.quoted_speaker(head)
        if lower in RELATIVES and head.head.dep_ in ("relcl", "acl"):
            antecedent = head.head.head
            if lower in ("that", "which") and not self.agentive(antecedent):
                return set()  # "a parade that marked ...": a thing, not a state, acts
            if lower in ("who", "whom"):
                antecedent = self._person_before(antecedent)
            codes = self.phrase_codes(antecedent)
            if antecedent.dep_ == "conj":
                first = antecedent
                while first.dep_ == "conj":
                    first = first.head
                codes |= self.phrase_codes(first)
            return codes
        shape = self._shape(head)
        if shape.pair:
            return self.pair_for(head)
        codes = set(shape.named)
        for node in shape.coordinates:
            codes |= self.phrase_codes(node)
        if codes:
            return codes  # "Samarin, minister of ... of Russia, and his party": "his" is the phrase's own
        codes |= shape.leaders
        if codes:
            return codes
        for token in shape.definite_people:  # "The delegation laid a wreath", "Members of the delegation"
            codes |= self.definite(token)
        if codes:
            return codes
        if (
            head.dep_ in ("nsubj", "nsubjpass")
            and head.tag_ == "NN"
            and head.lemma_.lower() in self.g.words.get("issued_nouns", frozenset())
            and is_definite(head)
        ):
            codes = self.issuer(head)  # "The statement condemned ...": who issued it (one, not "statements")
            if codes:
                return codes
        for token in shape.possessive_pronouns:  # "their support" inside the phrase
            codes |= self.resolve_pronoun(token)
        return codes

    def _shape(self, head) -> _Phrase:
        """What phrase_codes reads from the words of a noun phrase, read once per phrase: a phrase is read
        again and again (as a subject for later pronouns, as the role of each trigger near it), and its
        words do not change while the document is read."""
        shape = self._shapes.get(head.i)
        if shape is not None:
            return shape
        text = " ".join(t.lower_ for t in head.subtree)
        pair = (  # not "the leaders of China and North Korea": the phrase names its two states itself
            text.startswith(self.pair_phrases)
            or (head.lemma_ in self.g.person_nouns and any(t.lower_ in ("two", "both") for t in head.lefts))
        ) and len(self.codes_in(head.subtree)) < 2
        if pair:
            shape = _Phrase(pair=True)
        else:
            addressee = head.dep_ == "pobj" and head.head.lower_ == "to"
            keep = (self._addressee_preps if addressee else self._kept_preps, self.g.name_preps)
            tokens = list(pruned(head, CLAUSES, *keep))
            # "officials concerned of the DPRK Foreign Ministry", "a spokesman for the Chinese Foreign Ministry"
            # (grammar list speaking_for_nouns): the words after the participle or the 'for' are the phrase's
            spokes = self.g.words.get("speaking_for_nouns", frozenset())
            tokens += [
                n
                for t in list(tokens)
                for c in t.children
                if (c.dep_ == "acl" and c.lower_ == "concerned")
                or (c.dep_ == "prep" and c.lower_ == "for" and t.lemma_.lower() in spokes)
                for n in pruned(c, CLAUSES, *keep)
            ]
            # "the Lao president who is concurrently the general secretary of ..., chairman of ... of Russia":
            # a relative clause of being says who the same person is, and its words are the phrase's own
            described = [a for t in tokens for a in descriptions(t)]
            while described:
                more = list(pruned(described.pop(), CLAUSES, *keep))
                tokens += more
                described += [a for t in more for a in descriptions(t)]
            coordinates = []
            for child in head.subtree:
                if child.dep_ == "acl" and child.lemma_.lower() in self.g.leading_verbs:
                    # "the delegation of Vietnam headed by Ho and the delegation of Iran": the second delegation
                    # is the first's coordinate, though parsed as one with its leader
                    for node in child.subtree:
                        if node.dep_ == "conj" and node.lemma_ == head.lemma_ and node.pos_ == "NOUN":
                            coordinates.append(node)
            leaders: set[str] = set()
            for child in head.children:  # "a delegation led by Choe Ryong Hae": the leader's
                if child.dep_ == "acl" and child.lemma_.lower() in self.g.leading_verbs:
                    leaders |= {code for a in by_phrase(child) for code in self.codes_in(a.subtree)}
            shape = _Phrase(
                pair=False,
                named=frozenset(self._owners(tokens)),
                coordinates=tuple(coordinates),
                leaders=frozenset(leaders),
                definite_people=tuple(
                    t for t in tokens if t.lemma_ in self.g.person_nouns and is_definite(t)
                ),
                possessive_pronouns=tuple(t for t in tokens if t.dep_ == "poss" and t.lower_ in PRONOUNS),
            )
        self._shapes[head.i] = shape
        return shape

    def _owners(self, tokens) -> set[str]:
        """The states these words of a noun phrase name as its own, leaving out a state named only as the topic
        of a body's name ("the Association for the Study of the DPRK of Asia-Africa College under Moscow State
        University" is not the DPRK's)."""
        mentions = self.index.mentions
        named: dict[str, bool] = {}  # code -> named only as a topic so far
        topics = self.g.words.get("topic_nouns", frozenset())
        partners = self.g.words.get("partner_nouns", frozenset())
        relations = self.g.words.get("relation_nouns", frozenset())
        seen: set[int] = set()
        for t in tokens:
            mention = mentions.get(t.i)
            if mention is None or not mention.code or mention.start in seen:
                continue
            seen.add(mention.start)  # each name once, not once per word of it
            end = self.index.doc[mention.end - 1]
            prep = end.head if end.dep_ == "pobj" else None
            # "for the Study of the DPRK", "for Friendship with the DPRK" (not "for Friendship and Culture of
            # Ecuador")
            topic = prep is not None and (
                (prep.lower_ == "of" and prep.head.lemma_.lower() in topics)
                or (prep.lower_ == "with" and prep.head.lemma_.lower() in partners)
            )
            topic = topic or self._partner_in_name(mention)
            # "North Korea's closest ally", "a traditional ally of Pyongyang": the other side of the relation
            topic = topic or (end.dep_ == "poss" and end.head.lemma_.lower() in relations)
            topic = topic or (
                prep is not None and prep.lower_ == "of" and prep.head.lemma_.lower() in relations
            )
            named[mention.code] = named.get(mention.code, True) and topic
        return {code for code, topic in named.items() if not topic}

    def _partner_in_name(self, mention) -> bool:
        """Is this state the second of a pair that names a body ("the Thailand-DPRK Friendship Association",
        "the Switzerland-Korea Committee"): the partner of the first, whose body it is?"""
        doc = self.index.doc
        start = mention.start
        if start < 2 or doc[start - 1].text != "-":
            return False
        before = self.index.mentions.get(start - 2)
        if before is None or not before.code or before.code == mention.code:
            return False
        noun = doc[mention.end - 1]
        while noun.dep_ == "compound" and noun.head.i > noun.i:
            noun = noun.head
        return noun.lemma_.lower() in self.g.words.get("body_nouns", frozenset())

    def speaker(self, pronoun) -> set[str]:
        """A pronoun subject of a clause inside a sentence is the subject named before it in that sentence:
        'North Korea said it had tested a bomb', 'Xi became the first leader to visit Pyongyang, where he held
        talks with Kim'. 'He' and 'she' want a person."""
        clause = pronoun.head
        if pronoun.dep_ not in ("nsubj", "nsubjpass") or clause.dep_ == "ROOT":
            return set()
        person = pronoun.lower_ in PRONOUNS_PERSON
        mentions = self.index.mentions
        for token in reversed(pronoun.doc[pronoun.sent.start : pronoun.i]):
            if token.dep_ != "nsubj" or token.lower_ in PRONOUNS or token.lower_ in RELATIVES:
                continue
            if person and not (
                any(mentions.get(t.i) and mentions[t.i].type == "person" for t in token.subtree)
                or hyphen_word(token) in self.g.person_nouns
            ):
                return set()  # the subject before is a thing or a state: leave "he" to earlier sentences
            return self.phrase_codes(token)
        return set()

    def quoted_speaker(self, pronoun) -> set[str]:
        """'We' in what someone said is the one who said it: "We will positively support the Korean people's
        cause, he stressed", "The chairman said that we will stand by the DPRK", and in the sentences after
        "She further said:". Nothing outside a report."""
        for clause in pronoun.ancestors:
            if clause.dep_ not in ("ccomp", "parataxis"):
                continue
            subjects = [c for c in clause.head.children if c.dep_ == "nsubj" and c.i != pronoun.i]
            if subjects and subjects[0].lower_ not in FIRST_PERSON_PLURAL:
                return self.phrase_codes(subjects[0])
        return self._colon_speaker(pronoun)

    def _colon_speaker(self, pronoun) -> set[str]:
        """The subject of the reporting verb whose words the pronoun's sentence is ("She further said:")."""
        verb = self.quoting_verb(self.index.sentence_of[pronoun.i])
        subjects = [c for c in verb.children if c.dep_ == "nsubj"] if verb is not None else []
        return self.phrase_codes(subjects[0]) if subjects else set()

    def quoting_verb(self, sentence: int):
        """The reporting verb of the last sentence before, within QUOTE_REACH sentences, that ends in it and a
        colon ("She further said:"), whose words the sentences after it are; None if there is none."""
        index = self.index
        doc = index.doc
        for number in range(sentence - 1, max(-1, sentence - 1 - QUOTE_REACH), -1):
            sent = index.sents[number]
            end = sent.end - 1  # its last word, not the blank lines after it
            while end > sent.start and doc[end].is_space:
                end -= 1
            if end <= sent.start or doc[end].text != ":":
                continue
            verb = doc[end - 1]
            return verb if verb.lemma_.lower() in self.g.reporting_verbs else None
        return None

    def cataphora(self, pronoun) -> set[str]:
        """'In his message, Putin said ...': a possessive before its clause's subject is that subject."""
        if pronoun.dep_ != "poss":
            return set()
        verb = pronoun.head
        while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
            verb = verb.head
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i > pronoun.i]
        if not subjects or subjects[0].lower_ in PRONOUNS:
            return set()
        return self.phrase_codes(subjects[0])

    def _person_before(self, antecedent):
        """'Who' is a person: where the parser hung it from a state named after the person ("Timonin, new
        Russian ambassador to the DPRK, who paid a courtesy call"), the person that state's phrase hangs from."""
        node = antecedent
        while node.dep_ == "pobj" and node.head.dep_ == "prep":
            mention = self.index.mentions.get(node.i)
            if mention is None or mention.type not in ("country", "place"):
                break
            node = node.head.head
        return node

    def agentive(self, token) -> bool:
        """Can this noun act: a named actor (not a place) or a word for people?"""
        mention = self.index.mentions.get(token.i)
        if mention is not None:
            return mention.type in ("person", "country", "organization")
        return token.lemma_.lower() in self.g.person_nouns or token.pos_ == "PROPN"

    def resolve_pronoun(self, token) -> set[str]:
        """The states of the latest fitting subject within PRONOUN_REACH sentences before the pronoun."""
        lower = token.lower_
        wanted = "person" if lower in PRONOUNS_PERSON else "plural" if lower in PRONOUNS_PLURAL else "thing"
        own = self._own_subject(token) or (self._blamed_before(token) if wanted == "thing" else set())
        if wanted == "thing" and not own and token.dep_ == "poss":
            mentions = self.index.mentions
            own = state_subject_before(token, mentions) or only_state_before(token, mentions)
        if wanted == "plural" and not own and token.dep_ == "poss":
            own = pair_subject_before(token, self.index.mentions)
        if own:
            return own
        found = next(
            (
                set(codes)
                for _, codes, sort in self._subjects_before(token.i, PRONOUN_REACH)
                if sort == wanted
                or (wanted == "thing" and sort != "person")
                or (wanted == "plural" and len(codes) > 1)
            ),
            set(),
        )
        if wanted == "person" and token.dep_ in ("dobj", "dative", "iobj") and not found:
            return self._person_earlier_in_sentence(token)
        if wanted == "person" and token.dep_ == "nsubj" and found and found <= self._called_on(token.head):
            # "Yang met the delegation led by Olga Lysenko. She paid a courtesy call on Yang": not the one she
            # called on, but the other side of the last pair told
            return self.last_pair_told(found) - found
        return found

    def _called_on(self, verb) -> set[str]:
        """The states of the people the verb's object, or the object of a preposition hung on it or on its object,
        names ("paid a courtesy call on Yang", "met him")."""

        def sides(node) -> list:
            return [
                c
                for c in node.children
                if c.dep_ == "dobj" or (c.dep_ == "prep" and c.lower_ in ("on", "with"))
            ]

        nodes = sides(verb)
        nodes += [g for n in list(nodes) if n.dep_ == "dobj" for g in sides(n)]
        nodes += [g for n in list(nodes) if n.dep_ == "prep" for g in n.children if g.dep_ == "pobj"]
        mentions = self.index.mentions
        return {
            mentions[n.i].code
            for n in nodes
            if n.dep_ in ("dobj", "pobj")
            and n.i in mentions
            and mentions[n.i].type == "person"
            and mentions[n.i].code
        }

    def _own_subject(self, token) -> set[str]:
        """A possessive in what a verb did is its subject's ("Kim Yo Jong conveyed his thanks", "China reaffirmed
        its support"): the states of the subject written before it, if any."""
        if token.dep_ != "poss" or token.head.dep_ != "dobj":
            return set()
        verb = token.head.head
        if verb.dep_ == "xcomp" and verb.head.lemma_.lower() in self.g.words.get(
            "entrusting_verbs", frozenset()
        ):
            verb = verb.head  # "Kim asked Volodin to convey his greetings": Kim's, as the asker's
        subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.i < token.i]
        return self.phrase_codes(subjects[0]) if subjects and subjects[0].pos_ != "PRON" else set()

    def _person_earlier_in_sentence(self, token) -> set[str]:
        """An object 'him' or 'her' is the person named last before it in its sentence, but not its own
        verb's subject ("after Kim Jong Un was elected chairman, Xi sent him a message": Kim)."""
        before = range(token.i - 1, token.sent.start - 1, -1)
        return self._last_named(before, _subject_words(token.head), lambda kind: kind == "person")

    def _blamed_before(self, token) -> set[str]:
        """A possessive in the cause or reason of an act is the one the act was aimed at, named before it in the
        same phrase ("sanctions on North Korea over its third nuclear test", "condemned the DPRK for its
        launch"; grammar lists `cause_preps`, `reason_preps`): the states of the nearest such word, if any."""
        noun = token.head
        prep = noun.head
        preps = self.g.cause_preps | self.g.words.get("reason_preps", frozenset())
        if token.dep_ != "poss" or noun.dep_ != "pobj" or prep.lower_ not in preps:
            return set()
        before = (t.i for t in reversed(list(prep.head.subtree)) if t.i < prep.i)
        return self._last_named(before, _subject_words(prep.head), lambda kind: kind not in NOT_BLAMED)

    def _last_named(self, positions, skipped: set[int], fits) -> set[str]:
        """The state of the first word at these positions, outside `skipped`, that names a state by a mention
        whose type `fits`."""
        mentions = self.index.mentions
        for index in positions:
            mention = mentions.get(index)
            if mention and mention.code and fits(mention.type) and index not in skipped:
                return {mention.code}
        return set()

    def definite(self, token) -> set[str]:
        """'The delegation' is the delegation named as a subject a few sentences before ('A Chinese
        delegation arrived here ... The delegation visited ...'), else as an object, else the last group of people
        told as a subject (grammar `group_nouns`: "A group of State Duma deputies returned ... The delegation
        arrived"), as are people told in the plural ("... the deputies were received by ...")."""
        doc, groups = self.index.doc, self.g.words.get("group_nouns", frozenset())
        group: set[str] = set()
        for index, codes, _ in self._subjects_before(token.i, DEFINITE_REACH):
            if doc[index].lemma_ == token.lemma_:
                return set(codes)
            if not group and (token.lemma_ in groups or _the_plural(token)) and doc[index].lemma_ in groups:
                group = set(codes)
        for index, codes in reversed(self.objects):  # or named as an object: "Kim met the delegation of ..."
            if index < token.i and doc[index].lemma_ == token.lemma_:
                return set(codes)  # the story's guest, however long the list of those present in between
        return group

    def issuer(self, token) -> set[str]:
        """'The statement' is the last statement issued before it, however long what it said ("The Swiss
        committee issued a statement ... The statement condemned the U.S. move"): the states of who issued it."""
        lemma = self.index.lemma_lower[token.i]
        for index, codes in reversed(self.issued):
            if index < token.i and self.index.lemma_lower[index] == lemma:
                return set(codes)
        return set()

    def pair_for(self, phrase) -> set[str]:
        """The two states 'the two countries' means: where the sentence's speaker or subject is one state, it
        and the one its verb's object names, else the last event between that state and one other; else the
        last two states named together."""
        root = phrase.sent.root
        speakers = [
            c
            for c in root.children
            if c.dep_ == "nsubj" and c.i != phrase.i and phrase.i not in {t.i for t in c.subtree}
        ]
        own = (
            self.codes_in(pruned(speakers[0], {"relcl", "acl", "prep", "appos", "conj"}))
            if speakers
            else set()
        )
        if len(own) == 1:
            objects = [
                c for c in root.children if c.dep_ == "dobj" and phrase.i not in {t.i for t in c.subtree}
            ]
            both = own | {
                code
                for o in objects
                for code in self.codes_in(pruned(o, {"relcl", "acl", "prep", "appos", "conj"}))
            }
            if len(both) == 2:
                return both  # "Kim hosted Putin in June, when the two leaders signed a treaty"
            told = self.last_pair_told(own)
            if told:
                return told
        return self._last_pair_acting(phrase) or self.last_group(phrase.i) or self.last_pair_told()

    def last_told(self, kinds, before: int | None = None, word: str | None = None) -> Candidate | None:
        """The last event told so far of one of these kinds (with `before`, in a sentence before that one; with
        `word`, in words with it: "... at the end of the first-ever summit ... China welcomed the summit")."""
        told_with = re.compile(rf"\b{re.escape(word)}", re.IGNORECASE) if word else None
        return next(
            (
                e
                for e in reversed(self.produced)
                if e.kind in kinds
                and (before is None or e.sentence < before)
                and (told_with is None or told_with.search(e.evidence))
            ),
            None,
        )

    def last_pair_told(self, members: set[str] | frozenset[str] = frozenset()) -> set[str]:
        """The two states of the last event told between two that include `members`: 'the talks', 'the visit'
        told after the event they belong to; "Belousov arrived in Pyongyang ... The two held talks"."""
        for event in reversed(self.produced):
            states = set(event.actors) | set(event.targets)
            if len(states) == 2 and members <= states:
                return states
        return set()

    def _last_pair_acting(self, phrase) -> set[str]:
        """The last subject naming two states, a sentence or two before: "the Chinese and Russian foreign
        ministries urged Pyongyang to ..., and called on Washington and Seoul to ... The two countries also
        said ..." are China and Russia, not the pair last named."""
        for _, codes, _ in self._subjects_before(phrase.i, PRONOUN_REACH):
            if len(codes) == 2:
                return set(codes)
        return set()

    def _subjects_before(self, before: int, reach: int):
        """The subjects told before this word, latest first, back to `reach` sentences before its own."""
        sentence_of = self.index.sentence_of
        here = sentence_of[before]
        for entry in reversed(self.subjects):
            if entry[0] >= before:
                continue
            if here - sentence_of[entry[0]] > reach:
                break
            yield entry

    def last_group(self, before: int) -> set[str]:
        """The last coordination naming two or more states before this word."""
        for index, codes in reversed(self.groups):
            if index < before:
                return set(codes)
        return set()

    def note_sentence(self, sent) -> None:
        """Remember the sentence's subjects and coordinations for the pronouns of later sentences, and the
        bodies of people it names as objects for a later 'the delegation'."""
        doc = self.index.doc
        mentions = self.index.mentions
        issued_nouns = self.g.words.get("issued_nouns", frozenset())
        lemmas = self.index.lemma_lower
        for index in range(sent.start, sent.end):  # the index's flags spare making every word a Token
            if index in self.index.person_objects:  # a noun for people as a direct object
                codes = self.phrase_codes(doc[index])
                if codes:
                    self.objects.append((index, codes))
            elif lemmas[index] in issued_nouns and doc[index].dep_ == "dobj" and doc[index].tag_ == "NN":
                subjects = [c for c in doc[index].head.children if c.dep_ == "nsubj"]
                codes = self.phrase_codes(subjects[0]) if subjects else set()
                if codes:  # "The committee issued a statement": the statement is the committee's
                    self.issued.append((index, codes))
        for index in range(sent.start, sent.end):
            if index not in self.index.subject_words and index not in self.index.conj_heads:
                continue
            token = doc[index]
            if token.dep_ in ("nsubj", "nsubjpass") and token.lower_ not in RELATIVES:
                codes = self.phrase_codes(token)
                if not codes:
                    continue
                has_conj = any(c.dep_ == "conj" for c in token.children)
                is_person = (
                    any(mentions.get(t.i) and mentions[t.i].type == "person" for t in token.subtree)
                    or hyphen_word(token) in self.g.person_nouns  # "The vice-chairman of ...": he
                    # "Ivan Petrov, roving ambassador of the Russian Foreign Ministry, ...": a name the gazetteer
                    # lacks, said to be a person by its apposition
                    or any(
                        c.dep_ == "appos" and hyphen_word(c) in self.g.person_nouns for c in token.children
                    )
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
                    group |= self.codes_in(pruned(member, {"relcl", "acl", "conj", "prep", "appos"}))
                if len(group) >= 2:
                    self.groups.append((token.i, group))
