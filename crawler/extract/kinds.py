"""Event kinds and trigger words of seeds/kinds.toml, validated on load."""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from crawler.config import DEFAULTS_FILE, data_path, read_toml
from crawler.errors import DataFileError
from crawler.extract.syntax import third_person

log = logging.getLogger(__name__)

DIRECTIONS = {"directed", "mutual", "self"}
GRAMMAR_KEYS = (
    "reporting_verbs",
    "support_verbs",
    "receiving_verbs",
    "signing_verbs",
    "negating_verbs",
    "hedges",
    "background_preps",
    "setting_preps",
    "habitual",
    "locative_preps",
    "opponent_preps",
    "place_nouns",
    "person_nouns",
    "pair_phrases",
    "sourcing_preps",
    "hostile_nouns",
    "proxy_nouns",
)
# Word lists a kinds file may leave out (read as empty): added after the first release of the format.
OPTIONAL_GRAMMAR_KEYS = (
    "future_predicates",
    "sequel_words",
    "on_complement_verbs",
    "period_nouns",
    "future_auxiliaries",
    "reason_preps",
    "denial_verbs",
    "absolute_preps",
    "distributive_words",
    "entrusting_verbs",
    "labelling_verbs",
    "evidence_verbs",
    "figurative_particles",
    "party_preps",
    "list_verbs",
    "list_nouns",
    "list_preps",
    "occurrence_verbs",
    "rhetorical_negations",
    "likeness_words",
    "seat_nouns",
    "name_preps",
    "leading_verbs",
    "arrival_verbs",
    "occasion_nouns",
    "sequence_preps",
    "cause_preps",
    "memorial_nouns",
    "laying_verbs",
    "praising_verbs",
    "praising_object_verbs",
    "praise_words",
    "hostile_words",
    "gift_nouns",
    "giving_verbs",
    "example_preps",
    "topic_nouns",
    "partner_nouns",
    "partner_preps",
    "voicing_verbs",
    "unnamed_group_words",
    "body_nouns",
    "issued_nouns",
    "figurative_destinations",
    "cargo_nouns",
    "attendance_words",
    "aiming_words",
    "relation_nouns",
    "topic_preps",
    "sanction_nouns",
    "punishing_verbs",
    "membership_verbs",
    "eliciting_verbs",
    "speaking_for_nouns",
    "group_nouns",
)


@dataclass(frozen=True)
class Kind:
    """An event kind and how its actors and targets are read."""

    id: str
    plover: str
    cameo: str
    direction: str
    needs_target: bool = False
    contact: bool = False  # counts as a diplomatic contact (contact_surge/contact_drop, the contacts chart)
    with_anniversary: str | None = None
    joint: bool = False
    marks_anniversaries: bool = False
    split_actors: bool = False
    destination_places: bool = False
    place_is_target: bool = False
    anniversary_states_are_targets: bool = False
    against_names_target: bool = False
    from_names_sender: bool = False
    purpose_of_other_events: bool = False
    place_acts: bool = False
    listed: bool = False  # a list sentence after it names more of its actors (as for split_actors kinds)
    # with no target named, the outlet's own state is not assumed to be it (a criticism: KCNA's "the party
    # condemned the racket" is aimed at someone it does not name, never at the DPRK)
    no_home_target: bool = False
    # what a state's figure or press saying good of another state is (praise_statements): "X said Kim Jong Il
    # was a great man" (support)
    by_praise: bool = False
    # several actors toward the outlet's own state are one event each ("personages of Russia and Nepal issued
    # statements to mark the anniversary"); toward another state they may have acted together (a parade attended)
    split_toward_home: bool = False
    # its triggers in what was said make it no praise ("said the launch was condemned": criticism, rejection)
    hostile: bool = False
    # one actor toward several targets is one event each ("Kim sent cards to the presidents of Peru and Laos")
    split_targets: bool = False
    # what a state's figure or body saying another state did or is something hostile is (hostile_statements):
    # "X said the south Korean puppet forces ..." (criticism)
    by_hostility: bool = False
    # a sentence saying who was present after it names more of its members ("Present there were ...")
    attended: bool = False
    # kinds of event it answers: with no target named, the one that did the last told of them is its target
    # ("North Korea fired a missile ... Russia's foreign ministry voiced serious concern")
    answers: frozenset[str] = frozenset()
    # with no target named, in a story of an outlet of no state, the targets of the last event of this kind told
    # ("China sent a message of condolence to Pyongyang ... Medvedev also sent condolences")
    follows_last: bool = False
    # in a story of an outlet of no state, one state's figures meeting where another state is meet that state
    # ("Wu Dawei held talks in Pyongyang")
    place_joins: bool = False
    # in a story of an outlet of no state, several states acting in one clause acted together: one event with
    # them all as actors ("China and Russia vetoed the draft", "Washington, Tokyo and Seoul condemned the test")
    together_abroad: bool = False
    # with no target named (and none by follows_last), in a story of an outlet of no state, the other state of
    # the last event told between the actor's state and one other ("Kim received Wang ... Wang conveyed
    # greetings from the Chinese leadership": to the DPRK)
    to_last_pair: bool = False
    # two mentions naming different people of one state on their sides are two events (named_people)
    apart_by_people: bool = False
    # with no anniversary of its own, one between the states of an anniversary the story names, in the days
    # before its day or on it, is made for it ("as the allies celebrated the 50th anniversary of the treaty ...
    # Zhang's delegation arrived in Pyongyang on Sunday")
    for_the_occasion: bool = False
    # in a story of an outlet of no state, two or more states doing it with no other state named do it each for
    # the others ("Putin and Kim laid a wreath at the Liberation Monument": Russia's homage to the DPRK and the
    # DPRK's to Russia)
    each_for_the_others: bool = False
    # a pledge is this kind now: the future tense makes it no plan ("We will support the cause of
    # reunification", "will never tolerate"), as it does a visit or a meeting
    pledged: bool = False
    # prepositions after its nouns that say what it is about: the states named there are no parties unless
    # named as partners there too ("talks on the war in Ukraine", not "talks on cooperation with Russia")
    subject_preps: frozenset[str] = frozenset()
    # with needs_target, objects that are no state's, aimed at which it needs none ("North Korea rejected a U.N.
    # Security Council resolution": the council's, not a state's)
    untargeted_objects: frozenset[str] = frozenset()
    # it lasts days: mentions on days at most this many apart are one (a visit's arrival, talks and departure)
    stay_days: int = 0
    # with no actor named, the state of the one place it was held holds it ("mass rallies in Pyongyang")
    held_by_place: bool = False


@dataclass(frozen=True)
class Trigger:
    """Words that signal one kind of event."""

    kind: str
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    objects: frozenset[str] = frozenset()
    modifiers: frozenset[str] = frozenset()
    needs_anniversary: bool = False
    negated: bool = False
    needs_signing: bool = False
    object_acts: bool = False
    needs_occurrence: bool = False
    # adverbs that trigger when they modify a noun of a verbless sentence ("Chinese delegation here": arrived)
    adverbs: frozenset[str] = frozenset()
    intransitive: bool = False  # only with no direct object ("the troupe performed", not "performed feats")
    # another state acts toward the outlet's own state, whatever states what it carried names ("The Russian
    # paper Patriot carried an article accusing the U.S.": Russia -> the DPRK); the outlet's own press and an
    # outlet of no state are read as usual
    toward_home: bool = False
    # its verbs always take an object: a headline's bare past tense is their passive ("U.S. war program
    # denounced": someone denounced it), as for triggers that name their objects
    transitive: bool = False
    # in a story that already told of an occasion marked by an event of this kind, the event is one more
    # marking of it ("Foreign media devoted write-ups to the anniversary. The Russian newspaper carried ...")
    occasion_of: str | None = None
    # an award: the one given it ("conferred on X", "X was awarded a medal") is the target, whoever gave it
    # ('by', the subject, else the award's own state: "DPRK order") the actor
    to_recipient: bool = False
    # the two states named act on each other: "Kim and Xi exchanged messages" is a message each way
    reciprocal: bool = False
    # only with someone it goes to ("wrote to the U.S. President", not "wrote in the visitors' book")
    needs_recipient: bool = False
    # only with no one it goes to ("presented floral baskets before the portrait", not "sent a floral basket to
    # Kim": that is a message)
    no_recipient: bool = False
    # a second kind the same word reports with the same sides: a foreign group honouring the dead where it is is
    # on a visit there too ("Russian business delegation visits Liberation Tower")
    also_kind: str | None = None
    # the verb's subject must be one of these lemmas ("The Chinese art troupe presented Korean songs", "A male
    # soloist of the Polish group sang": performers performing)
    subjects: frozenset[str] = frozenset()
    # only where the verb's subject joins two or more ("China and Thailand pledged to boost cooperation"), not
    # one state alone ("Russia pledged support")
    joint_subject: bool = False
    # the verb's infinitive complement, or that infinitive's object, must be one of these lemmas: a demand that
    # a state stop something criticises it ("urged Pyongyang to freeze its tests", "called on all sides to
    # exercise restraint")
    complements: frozenset[str] = frozenset()
    # the verb's subject must not be one of these lemmas (nor a name they stand beside): diplomats at their post
    # attending a reception are on no visit ("Chinese Ambassador Liu Hongcai attended")
    not_subjects: frozenset[str] = frozenset()
    # only where it names a place or the premises of another state than the actors' ("attended the celebrations
    # in the Russian capital", "a banquet at the Russian embassy"), not "It was attended by personages of the
    # Nakhodka City Committee"
    needs_place: bool = False
    # a noun counts only as the object of a light verb or a verb of giving ("conveyed his thanks to the Russian
    # leadership", not "grew stronger thanks to ...")
    needs_light_verb: bool = False
    # only with someone named it goes to, not a pronoun ("presented a car to Kim Jong Un"; in a story of gifts
    # "presented a ceramic work to him" is the lead's recipient's, see gift_stories)
    named_recipient: bool = False
    # only where another state than the actors' takes part ("watched the parade together with Xi"), not a
    # state's own parade watched at home
    needs_other_state: bool = False
    # with no anniversary of its own, it marks the one the story last told of this kind ("in China for the
    # commemorations marking the 80th anniversary ... watched the grand military parade")
    story_occasion: bool = False
    # the states named together as its doers each did it on their own, whatever the kind's together_abroad:
    # a vote is cast by each ("China and Russia voted in favor": two votes)
    each_acts: bool = False
    # a second kind the word reports in a story of an outlet of no state (wire copy), one state toward one other:
    # a delegation attending another state's celebrations is on a visit there ("A Chinese delegation attended
    # North Korea's celebrations of the armistice's anniversary"); KCNA's receptions may be held abroad
    also_kind_abroad: str | None = None
    # only with one of these prepositions after the verb, whose object is the other side ("Russia will always
    # stand by North Korea", "sided with Moscow")
    preps: frozenset[str] = frozenset()
    # words that trigger as a predicate after "be" or a verb like it ("was disappointed in China", "is deeply
    # concerned about the test"), adjectives or participles, by their form
    adjectives: frozenset[str] = frozenset()

    @property
    def specificity(self) -> int:
        """Triggers with more conditions win over plain ones on the same word."""
        return (
            (2 if self.objects else 0)
            + (2 if self.preps else 0)
            + (2 if self.modifiers else 0)
            + (2 if self.subjects else 0)
            + (2 if self.complements else 0)
            + (1 if self.needs_anniversary else 0)
        )


@dataclass
class Grammar:
    """Word lists the extractor relies on (reporting verbs, hedges, place nouns, ...)."""

    words: dict[str, frozenset[str]] = field(default_factory=dict)

    def __getattr__(self, name: str) -> frozenset[str]:
        try:
            return self.words[name]
        except KeyError as exc:
            raise AttributeError(name) from exc


@dataclass
class KindBook:
    """Everything of seeds/kinds.toml."""

    kinds: dict[str, Kind]
    triggers: list[Trigger]
    grammar: Grammar

    @property
    def stays(self) -> dict[str, int]:
        """The days each kind that lasts days lasts (kind option stay_days): a visit's (computed once per kinds
        file)."""
        stays = self.__dict__.get("_stays")
        if stays is None:
            stays = {kind.id: kind.stay_days for kind in self.kinds.values() if kind.stay_days}
            self.__dict__["_stays"] = stays
        return stays

    @property
    def trigger_words(self) -> frozenset[str]:
        """Every verb and noun that some trigger starts from (a fast first test)."""
        words = self.__dict__.get("_trigger_words")
        if words is None:
            words = frozenset().union(*(t.verbs | t.nouns | t.adverbs | t.adjectives for t in self.triggers))
            self.__dict__["_trigger_words"] = words
        return words

    @property
    def trigger_index(self) -> tuple[dict[str, tuple[int, ...]], ...]:
        """The positions in `triggers` of the triggers each word starts from, as (verbs, nouns, adverbs,
        adjectives): a word is tried against its own few triggers, not all of them (computed once per kinds
        file)."""
        index = self.__dict__.get("_trigger_index")
        if index is None:
            found: tuple[dict[str, list[int]], ...] = ({}, {}, {}, {})
            for position, trigger in enumerate(self.triggers):
                kinds_of_word = (trigger.verbs, trigger.nouns, trigger.adverbs, trigger.adjectives)
                for words, table in zip(kinds_of_word, found, strict=True):
                    for word in words:
                        table.setdefault(word, []).append(position)
            index = tuple({word: tuple(at) for word, at in table.items()} for table in found)
            self.__dict__["_trigger_index"] = index
        return index

    @property
    def transitive_verbs(self) -> frozenset[str]:
        """Verbs that take an object: light verbs, signing and occurrence verbs, and the verbs of triggers that
        name their objects (a headline's "Anniversary observed", "Protocol signed" is their passive)."""
        words = self.__dict__.get("_transitive_verbs")
        if words is None:
            g = self.grammar
            words = frozenset().union(
                g.support_verbs,
                g.signing_verbs,
                g.occurrence_verbs,
                *(t.verbs for t in self.triggers if t.objects or t.transitive),
            )
            self.__dict__["_transitive_verbs"] = words
        return words

    @property
    def asking_verbs(self) -> frozenset[str]:
        """Transitive verbs of triggers that name the infinitive they take ("urge ... to stop"): in a headline,
        such a verb with an infinitive and no object is a passive ("U.S. urged to withdraw its forces")."""
        words = self.__dict__.get("_asking_verbs")
        if words is None:
            words = frozenset().union(*(t.verbs for t in self.triggers if t.complements and t.transitive))
            self.__dict__["_asking_verbs"] = words
        return words

    @property
    def third_person_verbs(self) -> dict[str, str]:
        """The third person of every trigger and light verb ("leaves"), to its lemma: a headline's verb."""
        forms = self.__dict__.get("_third_person")
        if forms is None:
            forms = third_person(
                frozenset().union(self.grammar.support_verbs, *(t.verbs for t in self.triggers))
            )
            self.__dict__["_third_person"] = forms
        return forms

    @property
    def trigger_verbs(self) -> frozenset[str]:
        """Lemmas of every trigger and light verb (a participle of one read as an adjective is that verb)."""
        found = self.__dict__.get("_trigger_verbs")
        if found is None:
            found = self.__dict__["_trigger_verbs"] = frozenset(self.third_person_verbs.values())
        return found

    @property
    def headline_verbs(self) -> frozenset[str]:
        """Lemmas a verbless headline may end with as its verb: trigger, light and occurrence verbs."""
        found = self.__dict__.get("_headline_verbs")
        if found is None:
            found = self.trigger_verbs | self.grammar.occurrence_verbs
            self.__dict__["_headline_verbs"] = found
        return found

    @property
    def contact_kinds(self) -> tuple[str, ...]:
        """Ids of the kinds marked `contact = true`, in the order of the file."""
        return tuple(kind.id for kind in self.kinds.values() if kind.contact)


def _words(where: str, entry: dict, key: str) -> frozenset[str]:
    values = entry.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        raise DataFileError(f"{where}: '{key}' must be a list of lower-case words")
    return frozenset(v.strip().lower() for v in values)


def load_kinds(path: Path) -> KindBook:
    """Read and validate seeds/kinds.toml; errors name the file, the entry and the fix."""
    data = read_toml(path)
    kinds: dict[str, Kind] = {}
    for number, entry in enumerate(data.get("kind", []), 1):
        where = f"{path}: kind #{number} ({entry.get('id', 'no id')})"
        for key in ("id", "plover", "cameo", "direction"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise DataFileError(f"{where}: missing '{key}'")
        if entry["direction"] not in DIRECTIONS:
            raise DataFileError(
                f"{where}: direction {entry['direction']!r} must be one of {sorted(DIRECTIONS)}"
            )
        kinds[entry["id"]] = Kind(
            entry["id"],
            entry["plover"],
            entry["cameo"],
            entry["direction"],
            bool(entry.get("needs_target")),
            bool(entry.get("contact")),
            entry.get("with_anniversary"),
            bool(entry.get("joint")),
            bool(entry.get("marks_anniversaries")),
            bool(entry.get("split_actors")),
            bool(entry.get("destination_places")),
            bool(entry.get("place_is_target")),
            bool(entry.get("anniversary_states_are_targets")),
            bool(entry.get("against_names_target")),
            bool(entry.get("from_names_sender")),
            bool(entry.get("purpose_of_other_events")),
            bool(entry.get("place_acts")),
            bool(entry.get("listed")),
            bool(entry.get("no_home_target")),
            bool(entry.get("by_praise")),
            bool(entry.get("split_toward_home")),
            bool(entry.get("hostile")),
            bool(entry.get("split_targets")),
            bool(entry.get("by_hostility")),
            bool(entry.get("attended")),
            frozenset(entry.get("answers", ())),
            bool(entry.get("follows_last")),
            bool(entry.get("place_joins")),
            bool(entry.get("together_abroad")),
            bool(entry.get("to_last_pair")),
            bool(entry.get("apart_by_people")),
            bool(entry.get("for_the_occasion")),
            bool(entry.get("each_for_the_others")),
            bool(entry.get("pledged")),
            frozenset(entry.get("subject_preps", ())),
            frozenset(entry.get("untargeted_objects", ())),
            int(entry.get("stay_days", 0)),
            bool(entry.get("held_by_place")),
        )
    if not kinds:
        raise DataFileError(f"{path}: no [[kind]] defined")
    for kind in kinds.values():
        if not kind.answers <= kinds.keys():
            raise DataFileError(
                f"{path}: kind {kind.id}: answers {sorted(kind.answers - kinds.keys())} are not kinds"
            )
        if kind.with_anniversary and kind.with_anniversary not in kinds:
            raise DataFileError(
                f"{path}: kind {kind.id}: with_anniversary {kind.with_anniversary!r} is not a kind"
            )
    triggers = []
    for number, entry in enumerate(data.get("trigger", []), 1):
        where = f"{path}: trigger #{number} ({entry.get('kind', 'no kind')})"
        if entry.get("kind") not in kinds:
            raise DataFileError(
                f"{where}: kind {entry.get('kind')!r} is not one of the [[kind]] ids {sorted(kinds)}"
            )
        trigger = Trigger(
            entry["kind"],
            _words(where, entry, "verbs"),
            _words(where, entry, "nouns"),
            _words(where, entry, "objects"),
            _words(where, entry, "modifiers"),
            bool(entry.get("needs_anniversary")),
            bool(entry.get("negated")),
            bool(entry.get("needs_signing")),
            bool(entry.get("object_acts")),
            bool(entry.get("needs_occurrence")),
            _words(where, entry, "adverbs"),
            bool(entry.get("intransitive")),
            bool(entry.get("toward_home")),
            bool(entry.get("transitive")),
            entry.get("occasion_of"),
            bool(entry.get("to_recipient")),
            bool(entry.get("reciprocal")),
            bool(entry.get("needs_recipient")),
            bool(entry.get("no_recipient")),
            entry.get("also_kind"),
            _words(where, entry, "subjects"),
            bool(entry.get("joint_subject")),
            _words(where, entry, "complements"),
            _words(where, entry, "not_subjects"),
            bool(entry.get("needs_place")),
            bool(entry.get("needs_light_verb")),
            bool(entry.get("named_recipient")),
            bool(entry.get("needs_other_state")),
            bool(entry.get("story_occasion")),
            bool(entry.get("each_acts")),
            entry.get("also_kind_abroad"),
            _words(where, entry, "preps"),
            _words(where, entry, "adjectives"),
        )
        if trigger.occasion_of is not None and trigger.occasion_of not in kinds:
            raise DataFileError(
                f"{where}: occasion_of {trigger.occasion_of!r} is not one of the [[kind]] ids"
            )
        for also in (trigger.also_kind, trigger.also_kind_abroad):
            if also is not None and also not in kinds:
                raise DataFileError(f"{where}: also kind {also!r} is not one of the [[kind]] ids")
        if not (trigger.verbs or trigger.nouns or trigger.adverbs or trigger.adjectives):
            raise DataFileError(f"{where}: give 'verbs', 'nouns', 'adverbs' or 'adjectives'")
        triggers.append(trigger)
    grammar_table = data.get("grammar", {})
    missing = [key for key in GRAMMAR_KEYS if key not in grammar_table]
    if missing:
        raise DataFileError(f"{path}: [grammar] lacks {missing}")
    grammar = Grammar(
        {
            key: _words(f"{path}: [grammar]", grammar_table, key)
            for key in GRAMMAR_KEYS + OPTIONAL_GRAMMAR_KEYS
        }
    )
    return KindBook(kinds, triggers, grammar)


@lru_cache(maxsize=8)
def cached_kinds(path: str) -> KindBook:
    """load_kinds, read once per process."""
    return load_kinds(Path(path))


@lru_cache(maxsize=1)
def bundled_kinds_path() -> Path:
    """The kinds file of the bundled configuration ([data] kinds of crawler/defaults.toml)."""
    return data_path(read_toml(DEFAULTS_FILE), "kinds")


def contact_kinds(path: str | os.PathLike | None = None) -> tuple[str, ...]:
    """Ids of the kinds marked `contact = true` in a kinds file: what counts as a contact between two states.

    The one home of that list (contact_surge/contact_drop alerts, the contacts chart and its query). `path`:
    the configured kinds file (`data_path(config, "kinds")`); the bundled one when None or when no file is
    there (a data folder holding only some of the files), with a warning in that case.
    """
    chosen = Path(path) if path else bundled_kinds_path()
    if not chosen.is_file():
        log.warning("no kinds file %s: contacts are the kinds marked in %s", chosen, bundled_kinds_path())
        chosen = bundled_kinds_path()
    return cached_kinds(str(chosen)).contact_kinds
