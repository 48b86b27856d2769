"""Which word is a trigger of which kind of event, by the [[trigger]] entries of seeds/kinds.toml."""

from __future__ import annotations

from crawler.extract.kinds import KindBook, Trigger
from crawler.extract.syntax import FINITE, hyphen_word, hyphenated, names_recipient, objects, predicative


def _subject_among(verb, words: frozenset[str], apposed: bool = False) -> bool:
    """Is the verb's subject, or a noun it is compounded with ("the Chamber Orchestra Alberic Magnard"), one of
    these lemmas? With `apposed`, also a noun beside it or joined to it ("Kim Yong Jae, DPRK ambassador to
    Russia, and staff members of his embassy")."""
    links = ("compound", "appos", "conj") if apposed else ("compound",)
    for subject in (c for c in verb.children if c.dep_ == "nsubj"):
        for noun in (subject, *(m for m in subject.children if m.dep_ in links)):
            if noun.lemma_.lower() in words or hyphen_word(noun) in words:
                return True
    return False


def _complement_among(verb, words: frozenset[str]) -> bool:
    """Is the verb's infinitive complement, or that infinitive's object, one of these lemmas ("urged Pyongyang
    to freeze its tests", "urged all sides to exercise restraint")?"""
    for comp in verb.children:
        if comp.dep_ not in ("xcomp", "ccomp", "advcl") or comp.pos_ not in ("VERB", "AUX"):
            continue
        if not any(  # "to stop", "that North Korea halt", not "after North Korea fired"
            (a.dep_ == "aux" and a.lower_ == "to") or (a.dep_ == "mark" and a.lower_ == "that")
            for a in comp.children
        ):
            continue
        if comp.lemma_.lower() in words or any(
            o.dep_ in ("dobj", "prt") and o.lemma_.lower() in words for o in comp.children
        ):
            return True
    return False


class TriggerMatcher:
    """The most specific trigger of each word of one document, memoised per word."""

    def __init__(
        self,
        maybe_trigger: set[int],
        kinds: KindBook,
        anniversary_sentences: set[int] | None = None,
        sentence_of: list[int] | None = None,
        occasion: bool = False,
    ):
        self.maybe_trigger = maybe_trigger  # words whose lemma or form some trigger starts from
        self.kinds = kinds
        # a trigger that needs an anniversary competes only in a sentence that names one
        self.anniversary_sentences = anniversary_sentences
        self.sentence_of = sentence_of
        # ... or anywhere in a story about an occasion, where a sentence may name none ("Day of Shining Star
        # Commemorated Abroad ... A film show was held in Russia"); `plain` is the word's trigger without that
        self.occasion = occasion
        self._found: dict[int, Trigger | None] = {}
        self._plain: dict[int, Trigger | None] = {}
        self._also: dict[int, list[Trigger]] = {}

    def __call__(self, token) -> Trigger | None:
        """The most specific trigger this word is, if any."""
        if token.i not in self._found:
            self._found[token.i] = self._match(token)
        return self._found[token.i]

    def by_occasion(self, token, trigger: Trigger) -> bool:
        """Does this trigger compete here only because the story is about an occasion?"""
        return self.occasion and trigger.needs_anniversary and not self._names_anniversary(token)

    def plain(self, token) -> Trigger | None:
        """The word's most specific trigger among those that need no anniversary where its sentence names
        none (what the word is when the story's occasion does not fit it)."""
        if token.i not in self._plain:
            also = self._also.pop(token.i, None)  # what the word also reports stays as first read
            self._plain[token.i] = self._match(token, with_occasion=False)
            self._also.pop(token.i, None)
            if also is not None:
                self._also[token.i] = also
        return self._plain[token.i]

    def _has_recipient(self, token, named: bool = False) -> bool:
        """Does the thing go to someone: "wrote to Kim", "a floral basket to Kim", "sent a floral basket to
        Kim", "a basket was handed to Kim", "Kim received a floral basket"?"""
        complements = list(token.children)
        verb = token.head
        by_verb = (
            token.pos_ in ("NOUN", "PROPN") and token.dep_ in ("dobj", "nsubjpass") and verb.pos_ == "VERB"
        )
        if by_verb:
            complements += verb.children
        recipients = [c for c in complements if names_recipient(c)]
        if named:  # "to Kim Jong Un", not "to him"
            recipients = [c for c in recipients if any(o.pos_ in ("PROPN", "NOUN") for o in (c, *c.children))]
        memorials = self.kinds.grammar.words.get("memorial_nouns", frozenset())
        if any(o.dep_ == "pobj" and o.lemma_.lower() in memorials for c in recipients for o in c.children):
            return False  # to a place of the dead ("to the monument to the fallen fighters"): a tribute
        if by_verb and verb.lemma_.lower() in self.kinds.grammar.words.get("laying_verbs", frozenset()):
            return False  # laid, placed: a tribute wherever it stands ("lays floral basket before monument to ...")
        return bool(recipients) or (
            by_verb and token.dep_ == "dobj" and verb.lemma_.lower() in self.kinds.grammar.receiving_verbs
        )

    def _of_light_verb(self, token) -> bool:
        """Is the noun the object of a light verb or a verb of giving ("conveyed his thanks")?"""
        words = self.kinds.grammar.words
        verbs = words.get("support_verbs", frozenset()) | words.get("giving_verbs", frozenset())
        return token.dep_ in ("dobj", "nsubjpass", "npadvmod") and token.head.lemma_.lower() in verbs

    def _names_anniversary(self, token) -> bool:
        return (
            self.anniversary_sentences is None
            or self.sentence_of is None
            or self.sentence_of[token.i] in self.anniversary_sentences
        )

    def also(self, token) -> list[Trigger]:
        """Triggers with `object_acts` of another kind on the same word: the second event it reports
        ("Kim received the minister" is a meeting and the minister's visit)."""
        self(token)
        return self._also.get(token.i, [])

    def _occurs(self, token) -> bool:
        """Is the noun said to happen: "an exhibition opened", "was held", "Exhibition held in Moscow"?"""
        verbs = self.kinds.grammar.occurrence_verbs
        if token.dep_ in ("nsubj", "nsubjpass") and token.head.lemma_.lower() in verbs:
            return True
        return any(c.dep_ == "acl" and c.lemma_.lower() in verbs for c in token.children)

    def _subject_is_another_event(self, verb, kind: str) -> bool:
        """Is the verb's subject a noun of another kind of event ("The messages came from ...", "The talks
        came after ..."): then that noun reports the event, and the verb is no event of its own."""
        for child in verb.children:
            if child.dep_ == "nsubj" and child.pos_ in ("NOUN", "PROPN"):
                # the subject, or a noun it is made of ("Chinese aid rice arrives": aid, not a visit)
                nouns = [child, *(c for c in child.children if c.dep_ == "compound" and c.pos_ == "NOUN")]
                for noun in nouns:
                    found = self(noun) if noun.i in self.maybe_trigger else None
                    if (
                        found is not None
                        and found.kind != kind
                        # a noun that is an event only when signed, held or on an anniversary ("the U.S. war
                        # program condemned") does not report one by being a subject
                        and not (found.needs_signing or found.needs_occurrence or found.needs_anniversary)
                    ):
                        return True
        return False

    def _match(self, token, with_occasion: bool = True) -> Trigger | None:
        if token.i not in self.maybe_trigger:
            return None
        lemma = token.lemma_.lower()
        lower = token.lower_
        is_verb = token.pos_ == "VERB"
        is_noun = token.pos_ in ("NOUN", "PROPN")
        best = None
        verbless_noun = token.pos_ == "ADV" and (
            (
                token.head.pos_ in ("NOUN", "PROPN")
                and not any(t.tag_ in FINITE for t in token.sent)  # "Russian performing art group here"
            )
            or _is_here_of_a_subject(token)  # "The delegation is here to take part in the celebrations"
        )
        # the triggers the word starts (in the file's order): as a verb, a noun (lemma or form), an adverb, a
        # predicate adjective (form)
        verbs, nouns, adverbs, adjectives = self.kinds.trigger_index
        positions: set[int] = set()
        if is_verb:
            positions.update(verbs.get(lemma, ()))
        if is_noun:
            positions.update(nouns.get(lemma, ()))
            positions.update(nouns.get(lower, ()))
        if verbless_noun:
            positions.update(adverbs.get(lower, ()))
        if predicative(token):
            positions.update(adjectives.get(lower, ()))
        triggers = self.kinds.triggers
        for trigger in [triggers[position] for position in sorted(positions)]:
            if (
                trigger.needs_anniversary
                and not (with_occasion and self.occasion)
                and not self._names_anniversary(token)
            ):
                continue
            if trigger.needs_occurrence and not self._occurs(token):
                continue
            if trigger.intransitive and (
                any(c.dep_ in ("dobj", "obj") for c in token.children)
                # "the feats the great men performed", "the feats performed": the noun is its object
                or (
                    token.dep_ == "relcl"
                    and any(c.dep_ == "nsubj" and c.tag_ not in ("WP", "WDT") for c in token.children)
                )
                or (token.dep_ == "acl" and token.tag_ == "VBN")
            ):
                continue
            if is_verb and self._subject_is_another_event(token, trigger.kind):
                continue
            if trigger.needs_recipient and not self._has_recipient(token, named=trigger.named_recipient):
                continue  # "wrote in the visitors' book", "a poem written by a Russian"
            if trigger.no_recipient and self._has_recipient(token):
                continue  # "sent a floral basket to Kim": a message, not a tribute
            if trigger.objects:
                found = objects(token)
                words = {o.lemma_.lower() for o in found} | {o.lower_ for o in found}
                words |= {w for o in found for w in hyphenated(o)}
                if not words & trigger.objects:
                    continue
            if trigger.preps and not any(  # a 'by' the parser took for a passive's doer ('agent') counts too
                c.dep_ in ("prep", "agent")
                and c.lower_ in trigger.preps
                and any(g.dep_ == "pobj" for g in c.children)
                for c in token.children
            ):
                continue
            if trigger.subjects and not _subject_among(token, trigger.subjects):
                continue
            if trigger.complements and not _complement_among(token, trigger.complements):
                continue
            if trigger.not_subjects and _subject_among(token, trigger.not_subjects, apposed=True):
                continue
            if trigger.needs_light_verb and not self._of_light_verb(token):
                continue
            if trigger.joint_subject and not any(
                c.dep_ == "nsubj" and any(g.dep_ == "conj" for g in c.children) for c in token.children
            ):
                continue
            if trigger.modifiers:
                mods = {  # a verb's adverb too: "spoke highly of"
                    c.lemma_.lower()
                    for c in token.children
                    if c.dep_ in ("amod", "compound", "nmod", "poss", "advmod")
                }
                mods |= {c.lower_ for c in token.children if c.dep_ in ("amod", "compound", "nmod")}
                if not mods & trigger.modifiers:
                    continue
            if trigger.object_acts:
                self._also.setdefault(token.i, []).append(trigger)
                continue
            if best is None or trigger.specificity > best.specificity:
                best = trigger
        if best is None:
            return self._also.pop(token.i, [None])[0]
        self._also[token.i] = [t for t in self._also.get(token.i, []) if t.kind != best.kind]
        return best


def said_to_be(trigger: Trigger | None, token) -> bool:
    """Is the word this trigger by being a predicate after "be" ("Moscow was concerned about ...")?"""
    return trigger is not None and token.lower_ in trigger.adjectives and predicative(token)


def _is_here_of_a_subject(token) -> bool:
    """Is the adverb what its subject is, by the verb "be" ("The delegation is here", "was here")?"""
    head = token.head
    return (
        token.dep_ == "advmod"
        and head.lemma_.lower() == "be"
        and any(c.dep_ == "nsubj" and c.pos_ in ("NOUN", "PROPN") for c in head.children)
    )
