"""One trigger word into one candidate event: its actors and targets by the kind's direction, its date,
the anniversary it marks, where it happened and whether it did not happen."""

from __future__ import annotations

import dataclasses
from typing import Literal

from crawler.extract.agents import agent, passive_of_light_verb
from crawler.extract.anniversaries import Anniversary
from crawler.extract.anniversary_links import (
    anniversary_for,
    occasion_near,
    on_the_day_of,
    sentence_anniversary,
)
from crawler.extract.award_sides import award_sides
from crawler.extract.dates import When
from crawler.extract.event_dates import Attached, date_for
from crawler.extract.event_types import Candidate
from crawler.extract.implied_parties import setting_told_before
from crawler.extract.kinds import Kind, Trigger
from crawler.extract.named_after import recipients, senders
from crawler.extract.named_days import named_day_date
from crawler.extract.named_people import named_people
from crawler.extract.negation import negated
from crawler.extract.reading import Reading
from crawler.extract.roles import roles
from crawler.extract.sides import foreign, seat_states, sides_of
from crawler.extract.syntax import (
    acted_together,
    governing_verb,
    is_purpose,
    names_the_occasion_again,
    predicate,
    pruned,
    reduced_passive,
)

# how a later sentence's states take part when an earlier trigger is read again with them (read_candidate)
NamedAs = Literal["actors", "one_of_them", "recipients"]


def _actors_and_participants(
    r: Reading, token, kind: Kind, trigger: Trigger, previous: Candidate | None
) -> tuple[set[str], set[str], list[tuple[str, str]], bool]:
    """(actors, participants, locations, sent_from): 'another meeting' repeats the previous actors; a noun
    received ('received messages from Putin') or sent 'from' someone turns the roles round (and sent_from
    says so: senders named after 'from' sent to someone else); a trigger whose object acts ('Kim received
    the Russian minister': the minister's visit) turns them round too."""
    if token.pos_ == "ADV":  # "Chinese delegation here" (a verbless headline): the noun's states arrived
        # "The delegation is here": the subject of "be", where the dispatch was filed ("is here to take part in
        # the celebrations of the 60th anniversary": a visit there, marking it)
        noun = next((c for c in token.head.children if c.dep_ == "nsubj"), token.head)
        here = r.here()
        return r.discourse.phrase_codes(noun), set(), [here] if here else [], False
    if trigger.object_acts and token.pos_ == "VERB":
        guests: set[str] = set()
        for child in token.children:
            if child.dep_ in ("dobj", "nsubjpass") or (child.dep_ == "nsubj" and reduced_passive(token)):
                guests |= r.discourse.phrase_codes(child)
        participants, locations = roles(r, token, kind)
        hosts = agent(r, token)
        return guests, (participants | hosts) - guests, locations, False
    if (
        token.pos_ != "VERB"
        and any(c.dep_ == "det" and c.lower_ == "another" for c in token.children)
        and previous
    ):
        actors = set(previous.actors)
    else:
        actors = agent(r, token)
    participants, locations = roles(r, token, kind)
    if token.pos_ == "VERB" and token.dep_ == "acl" and token.tag_ == "VBN" and not actors:
        # "Japan's moves to revive militarism condemned": what was done to (the noun it hangs from, else the
        # noun the verbless headline is) takes part
        done_to = r.discourse.phrase_codes(token.head)
        root = token.sent.root
        if not done_to and root.pos_ in ("NOUN", "PROPN"):
            done_to = r.discourse.phrase_codes(root)
        participants = participants | done_to
    if token.pos_ != "VERB":
        verb, link = governing_verb(token)
        if verb is not None and link == "object" and verb.lemma_.lower() in r.g.receiving_verbs:
            found = senders(r, [token, verb])  # "received messages from Putin and Xi"
            if found:
                return found, actors, locations, True
        elif kind.from_names_sender and passive_of_light_verb(r, token):
            # "Messages were sent to Kim from A, B and officials of C and D": whoever is not the addressee
            # ('to', a dative) sent it, however the parser hung a long list of senders
            found = senders(
                r, [n for n in token.head.subtree if n.dep_ == "pobj" or n.i in (token.i, token.head.i)]
            )
            if found:
                addressees = _addressees(r, [token, token.head])
                return (found | actors | participants) - addressees, addressees, locations, True
        elif (
            kind.from_names_sender
            and verb is not None
            and link == "subject"
            and not senders(r, [verb])
            and (own := actors | participants)
            and (addressed := recipients(r, [verb]) - own)
        ):
            # "The reply messages of the WPK Central Committee went to the Central Committee of the Lao ...": the
            # noun's own states sent it to the 'to' of the verb the noun is the subject of
            return own, addressed, locations, False
        elif kind.from_names_sender and verb is not None and link == "subject" and senders(r, [verb]):
            # "The messages came (to him) from A, B and C": the 'from' of the verb the noun is the subject of
            found = senders(r, [token, verb])
            addressees = _addressees(r, [token, verb])
            return found - addressees, addressees, locations, True
        elif kind.from_names_sender and not any(c.dep_ == "poss" for c in token.children):
            found = senders(r, [token])
            if found:  # "replied to a letter from Kim": Kim wrote to the subject
                if verb is not None and link == "object":  # "handed over a letter from Putin to Kim"
                    participants = participants | recipients(r, [verb])
                return found, (participants | actors) - found, locations, True
    return actors, participants, locations, False


def _addressees(r: Reading, nodes) -> set[str]:
    """Those a message sent 'from' a list went to: named after 'to', else (none named) the outlet's own state,
    as sides.sides_of assumes for any message short of an addressee."""
    return recipients(r, nodes) or ({r.story.home} if r.story.home else set())


PLAN_SLACK_DAYS = 1  # a day past the story's date is still its own (a dateline a time zone ahead)


def _after_the_story(r: Reading, when: When | None) -> bool:
    """Is the event's own day after the day the story was written, so that it was only planned then?"""
    story = r.story.when
    return (
        when is not None
        and story is not None
        and story.precision == "day"
        and (when.day - story.day).days > PLAN_SLACK_DAYS
    )


def read_candidate(
    r: Reading,
    token,
    trigger: Trigger,
    sent,
    attached: Attached,
    previous: Candidate | None,
    order: int,
    actors_named: set[str] | None = None,
    named_as: NamedAs = "actors",
    owners: frozenset[str] = frozenset(),
) -> Candidate | None:
    """The event a trigger word reports, or None when it lacks what its kind needs.

    `actors_named` are states a later sentence names, taking part `named_as`:
    - "actors": a list's ("Among them were ..."); they replace the actors read here, who join the other side;
    - "one_of_them": a group's speaker, one more of those acting here, who stay out of this one's event;
    - "recipients": those it went to instead (see enumerations.names_recipients); the actors keep their side,
      joined by `owners`, the states whose premises abroad the list named ("DPRK missions in Beijing, ...,
      Cuba"; see enumerations.seats_abroad).
    """
    kind = r.res.kinds.kinds[trigger.kind]
    inferred = False  # its day is the anniversary's, not one the text gave
    actors, participants, locations, sent_from = _actors_and_participants(r, token, kind, trigger, previous)
    if trigger.subjects:
        # performers performing: what they performed goes to no one, only where they did it (a state or place
        # after 'in', 'at') says where they were ("the Orchestra of France put on the stage 'Prelude', the Dance
        # Troupe of Kiev ... of Ukraine dance 'Friendship'", "the band played in Moscow")
        places = {
            r.index.mentions[t.i].code
            for c in token.children
            if c.dep_ == "prep" and c.lower_ in r.g.locative_preps
            for t in c.subtree
            if t.i in r.index.mentions
        }
        participants = participants & places
        locations = [(code, text) for code, text in locations if code in places or text == "here"]
    if actors_named is not None:
        if named_as == "one_of_them":
            actors = set(actors_named) - participants
        elif named_as == "recipients":
            # "Kim sent cards to foreign leaders. They included the president of China"
            actors = actors | owners
            # premises abroad: their hosts, unless the event already went to someone (visits paid to the DPRK
            # missions: "They included members of the Chinese missions in Khabarovsk of Russia, Cambodia, ...")
            went_to = participants - actors if owners else set()
            participants = went_to or set(actors_named) - actors
            if not participants:
                return None
        else:  # the states the opening already placed (the receiver of the messages) keep their side
            actors, participants = set(actors_named) - (participants | actors), participants | actors
        if not actors:
            return None
    when = date_for(r, token, attached)
    if _after_the_story(r, when):
        return None  # "is due in Beijing next week for a summit": a plan, whatever its verb's tense
    explicit = when is not None
    anniversary = anniversary_for(r, token, when, actors | participants)
    if anniversary is None and kind.marks_anniversaries:
        anniversary = sentence_anniversary(r, token, sent, when or r.story.when)
    if anniversary is None:
        anniversary = _like_the_last(r, token, kind.id)
    if anniversary is None:
        anniversary = _the_occasion_told(r, token)
    if trigger.needs_anniversary and anniversary is None:
        if not _held_abroad_on_the_occasion(r, token, trigger, actors, locations):
            return None
        anniversary = r.index.occasion  # dated below as the story told the occasion
    if (
        anniversary is None
        and trigger.occasion_of
        and trigger.occasion_of in r.discourse.occasions
        and r.story.home
        and actors - {r.story.home}  # another state's press; the outlet's own is read as it says
        and not _someones_own(token)
    ):
        # "Foreign media devoted write-ups to the 64th anniversary of the DPRK. The Russian newspaper ...
        # carried an article ...": one more of the markings the story told of
        kind = r.res.kinds.kinds[trigger.occasion_of]
        anniversary = r.discourse.occasions[kind.id]
    if anniversary is not None:
        r.discourse.occasions[kind.id] = anniversary
    if (
        not locations
        and anniversary is not None
        and r.story.home
        and not foreign(anniversary, r.story.home)
        and token.dep_ in ("advcl", "xcomp")
        and token.head.pos_ == "VERB"
        and is_purpose(token)
    ):
        # "Preparatory committee formed in Russia to celebrate the birthday of Kim Jong Il": the outlet's
        # state's own day, marked where the thing was done for it
        locations = roles(r, token.head, kind)[1]
    location_codes = {code for code, _ in locations if code}
    if anniversary is None and kind.for_the_occasion:
        anniversary = occasion_near(
            r, when or r.story.when, actors | participants | location_codes, kind.marks_anniversaries
        )
    setting: set[str] = set()
    if kind.destination_places and not (location_codes | participants) - actors:
        setting = setting_told_before(r, token) - actors  # "sent a delegation to the funeral"
        participants = participants | setting
    if trigger.needs_place and not (location_codes | seat_states(r, token)) - actors:
        return None  # "It was attended by personages of the Nakhodka City Committee": no journey named
    if kind.destination_places and actors & location_codes and actors - location_codes:
        # none travels to their own state: "Johnny Hon of the Kim Il Sung Foundation" among the arrivals
        actors = actors - location_codes
    if (
        anniversary
        and kind.with_anniversary
        and not (location_codes - actors)
        and not (participants - actors)
    ):
        kind = r.res.kinds.kinds[kind.with_anniversary]
    if trigger.to_recipient and token.pos_ == "VERB":
        givers, given = award_sides(r, token)
        if not givers and r.story.home and given - {r.story.home}:
            givers = {r.story.home}  # "Friendship medals awarded to Russian figures": by the outlet's state
        if not givers or not given - givers:
            return None
        sides: tuple[list[str], list[str]] | None = (sorted(givers), sorted(given - givers))
    elif trigger.reciprocal and not actors and len(participants) == 2:
        sides = (sorted(participants), sorted(participants))  # "the exchange of messages between Kim and Xi"
    else:
        sides = (
            _toward_home(r, actors, participants, location_codes) if trigger.toward_home else None
        ) or sides_of(r, token, kind, actors, participants, location_codes, anniversary, sent_from)
    if sides is None:
        sides = _signed_by_those_told(r, token, kind, actors | participants)
    if sides is None:
        return None
    actor_list, target_list = sides
    if trigger.needs_other_state and not set(target_list) - set(actor_list):
        return None  # "Kim Jong Un watched the military parade in Pyongyang": his own
    if anniversary is None and trigger.story_occasion:
        # "in China for the commemorations ... watched the parade": taken after its sides, which are those
        # named, not the anniversary's states
        anniversary = r.discourse.occasions.get(kind.id)
    reciprocal = (trigger.reciprocal and len(set(actor_list) | set(target_list)) == 2) or (
        kind.each_for_the_others and not r.story.home and len(actor_list) > 1 and not target_list
    )
    # "Kim and Xi exchanged messages", "Kim exchanged letters with Xi", "Putin and Kim laid a wreath": one each way
    if reciprocal:
        actor_list = target_list = sorted(set(actor_list) | set(target_list))
    if anniversary is None and sent_from and kind.marks_anniversaries:
        anniversary = r.discourse.occasions.get(kind.id)  # "Messages were also sent from A and B"
    location = next((text for _, text in locations), None)
    is_negated = negated(r, token, trigger)
    if when is None and anniversary is not None:
        # "sent a message on the 76th founding anniversary": that day, unless a mention with a day of its own
        # says otherwise ("Kim pays tribute ... on 75th anniversary" told "on Friday" in the lead)
        when = on_the_day_of(r, token, anniversary)
        explicit = inferred = when is not None
    if when is None and r.story.when is not None and r.res.named_days:  # "sent New Year cards": January 1
        named = named_day_date(token, r.res.named_days, r.story.when.day)
        when, explicit, inferred = (When(named, "day"), True, True) if named else (when, explicit, inferred)
    if (
        when is None
        and anniversary is not None
        and r.index.occasion is not None
        and anniversary[0].id == r.index.occasion[0].id
        and r.discourse.occasion_when is not None
    ):
        # one more marking of the story's occasion, told without a date: when the lead says the markings
        # took place ("Media of different countries gave publicity ... from Aug. 13 to 18 on the occasion of")
        when, explicit = r.discourse.occasion_when, True
    if when is None and setting and r.discourse.day_so_far is not None and not r.discourse.sentence_dated:
        when = r.discourse.day_so_far  # the day of the setting told before: "held a funeral on Wednesday"
    if when is None:
        borrowed = borrowed_day(r, r.index.sentence_of[token.i], actor_list, target_list, token)
        when, explicit = (borrowed, False) if borrowed is not None else (r.story.when, explicit)
        if anniversary is None and kind.for_the_occasion and borrowed is not None:
            # "North Korea and China on Sunday marked the 60th anniversary of their treaty. Xi sent a message
            # to Kim": on the day it borrows, the occasion's day, it was made for the occasion
            anniversary = occasion_near(
                r, borrowed, actors | participants | location_codes, kind.marks_anniversaries
            )
    if anniversary and is_negated and when is not None and when.precision != "day" and anniversary[0].id:
        due = anniversary[0].due(when.day.year)
        if when.contains(due):
            when = When(due, "day")
    return Candidate(
        kind.id,
        actor_list,
        target_list,
        when,
        explicit,
        location,
        anniversary,
        is_negated,
        r.text_of(sent).strip(),
        order,
        r.index.sentence_of[token.i],
        # "Meetings took place in Brazil and Venezuela": each place's state marked it, apart
        # and each state's press toward the outlet's state ("papers of Russia, Germany and Nigeria dedicated")
        apart=len(actor_list) > 1
        and (
            reciprocal
            or trigger.toward_home
            or (not (actors - {r.story.home}) and set(actor_list) <= location_codes)
        ),
        together=kind.together_abroad
        and not trigger.each_acts
        and not r.story.home
        and acted_together(token, r.g.words.get("distributive_words", frozenset())),
        people=named_people(r.index.mentions, token, r.g.leading_verbs)
        if kind.apart_by_people
        else frozenset(),
        inferred=inferred,
        # a journey lasts days: what it brought later in the day is still that visit
        sequel=not kind.destination_places
        and explicit
        and not inferred
        and _told_apart_in_the_day(r, sent, when, token),
        another=kind.apart_by_people and _told_as_one_more(r, token),
        introduced=bool(kind.stay_days) and _doers_introduced(token),
    )


def _doers_introduced(token) -> bool:
    """Are those doing it named as new ("Meanwhile, a delegation of the Military Academy arrived"), not told
    before ("the delegation")?"""
    verb = predicate(token)
    return any(
        d.dep_ == "det" and d.lower_ in ("a", "an")
        for s in verb.children
        if s.dep_ in ("nsubj", "nsubjpass")
        for d in s.children
    )


def _told_as_one_more(r: Reading, token) -> bool:
    """Is the word a verb said to be "also" done ("also met Vice Premier Kang")?"""
    return token.pos_ == "VERB" and _done_also(r, token)


def _done_also(r: Reading, verb) -> bool:
    """Does an adverb of likeness (grammar `likeness_words`: "also", "likewise") modify the verb?"""
    likeness = r.g.words.get("likeness_words", frozenset())
    return any(c.dep_ == "advmod" and c.lower_ in likeness for c in verb.children)


def _told_apart_in_the_day(r: Reading, sent, when: When | None, token) -> bool:
    """Is the sentence's main event dated as earlier or later than another event of its day (grammar
    `sequel_words`: "Earlier on Thursday the ministers held talks", "later in the day"), not a clause under it
    ("departed ... after visiting the Liberation Tower earlier in the day": earlier than the departure)?"""
    main = predicate(token)
    while main.dep_ == "conj" and main.head.i != main.i:
        main = main.head
    if when is None or when.start < 0 or when.precision != "day" or main.dep_ != "ROOT":
        return False
    words = (r.text_of(sent)[max(0, when.start - 12) : when.start] + " " + when.text).lower().split()
    return not r.g.words.get("sequel_words", frozenset()).isdisjoint(words)


def _someones_own(token) -> bool:
    """Is what the word carried or reported someone's own ("His speech was also reported by ...", "covered
    Kim Jong Un's works"): his act or work given room, not one more marking of the story's occasion."""
    return any(
        c.dep_ in ("dobj", "nsubjpass") and any(g.dep_ == "poss" for g in c.children) for c in token.children
    )


def _held_abroad_on_the_occasion(
    r: Reading, token, trigger: Trigger, actors: set[str], locations: list[tuple[str, str]]
) -> bool:
    """In a story about the outlet's state's own day ("Day of Shining Star Commemorated Abroad"), is this
    one more marking of it: held in a foreign place, with no one else named as holding it ("A film show was
    held in Russia")?"""
    home = r.story.home
    return (
        home is not None
        and r.match_trigger.by_occasion(token, trigger)
        and actors <= {home}
        and any(code and code != home for code, _ in locations)
    )


def _toward_home(
    r: Reading, actors: set[str], participants: set[str], location_codes: set[str]
) -> tuple[list[str], list[str]] | None:
    """Another state toward the outlet's state: the foreign states of the one acting, or where none is
    named, of the place or the others named ("Kim Jong Un's work posted on website of Russian
    organization"). None for the outlet's own press (its state acting) and for an outlet of no state, which
    are read the usual way."""
    home = r.story.home
    if not home:
        return None
    foreign = (actors if actors else location_codes | participants) - {home}
    return (sorted(foreign), [home]) if foreign else None


def split(r: Reading, found: Candidate) -> list[Candidate]:
    """'Putin and Xi sent messages to Kim' is two messages: one per actor, for kinds that say so (but for
    states named together as its doers in a story of an outlet of no state, for kinds that say so), and for
    events the states of several places acted in apart; one per target where a list named those it went to."""
    kind = r.res.kinds.kinds[found.kind]
    # several states paying homage to the outlet's own state ("personages of Russia, Nepal and Sweden issued
    # statements to mark ...", "They presented floral baskets"): each state its own
    homage = kind.split_toward_home and bool(r.story.home) and found.targets == [r.story.home]
    if (found.apart or kind.split_targets) and len(found.actors) == 1 and len(found.targets) > 1:
        # a list of those it went to: "Kim sent New Year's cards to foreign leaders. They included ..."
        return [dataclasses.replace(found, targets=[target], extra_evidence=[]) for target in found.targets]
    if not (kind.split_actors or found.apart or homage) or len(found.actors) < 2 or not found.targets:
        return [found]
    if found.together and not found.apart:
        return [found]
    return [
        dataclasses.replace(
            found, actors=[actor], targets=[t for t in found.targets if t != actor], extra_evidence=[]
        )
        for actor in found.actors
    ]


def _signed_by_those_told(r: Reading, token, kind, named: set[str]) -> tuple[list[str], list[str]] | None:
    """ "A memorandum of understanding was signed in Moscow on Thursday", no signer named: a passive of a kind
    all of whose sides act together (an agreement) is between the states of the last one of its kind told
    before, which it tells more of ("Gazprom and North Korea's oil ministry have agreed to ...")."""
    if kind.direction != "mutual" or token.pos_ != "VERB" or len(named) > 1:
        return None
    if not any(c.dep_ == "nsubjpass" for c in token.children) or any(
        c.dep_ == "agent" for c in token.children
    ):
        return None
    told = r.discourse.last_told((kind.id,), before=r.index.sentence_of[token.i])
    states = set(told.actors) | set(told.targets) if told is not None else set()
    if len(states) < 2 or not named <= states:
        return None
    return sorted(states), []


def borrowed_day(
    r: Reading, sentence: int, actors: list[str], targets: tuple[str, ...] | list[str] = (), token=None
) -> When | None:
    """The day an event told without a date of its own borrows, if any (the body's own telling, where it has
    one, gives the merged event its date and evidence):

    - the headline's event: the day its lead tells; the lead's too, where that day is told by the next
      sentence ("... has condemned ... / The statement, released on Friday, ...");
    - a later sentence with no date at all where the lead's actors act again ("They expressed full support
      ..."; not another state's reaction to the lead's event; the headline's event is the lead's too, where the
      lead only promises: "pledged on Saturday that it would support ... / Kim denounced ..."), or where the
      lead's states act on each other ("Kim met Volodin ... Kim asked Volodin to convey his greetings to
      Putin"), or that tells one of the documents the lead said were issued ("Party leaders of different
      countries on March 7 and 8 issued statements ... X in a statement assailed ..."): the last day told so
      far; or that tells "also" more of the lead's own kind of event ("... given wide publicity by foreign
      media between August 26 and 29. ... His speech was also reported by ..."), whoever its doers;
    - else, in a story of a named outlet of no state (wire copy, filed a day or two after the news), a later
      sentence with no date at all, unless it reacts to the lead's event: the day the lead tells, or a later day
      told since ("... said on Saturday ... He accused the United States of ...": Saturday, not the day the
      story was published).
    """
    if sentence < r.index.lead or (sentence == r.index.lead and r.discourse.lead_dated_after):
        return r.discourse.lead_when
    if sentence > r.index.lead and r.discourse.day_so_far is not None and not r.discourse.sentence_dated:
        lead = [c for c in r.discourse.produced if c.sentence <= r.index.lead]  # the headline tells it too
        lead_actors = {a for c in lead for a in c.actors}
        lead_states = lead_actors | {t for c in lead for t in c.targets}
        between = bool(targets) and set(actors) | set(targets) <= lead_states and len(lead_states) > 1
        if set(actors) & (lead_actors - {r.story.home}) or between or _one_of_the_lead_documents(r, sentence):
            return r.discourse.day_so_far
        if token is not None and _more_of_the_lead(r, token):
            return r.discourse.day_so_far
    if (
        sentence > r.index.lead
        and not r.discourse.sentence_dated
        and r.story.outlet
        and not r.story.home
        and not _answers_the_lead(r, token)
    ):
        lead_day, last = r.discourse.lead_when, r.discourse.day_so_far
        return last if lead_day is None or (last is not None and last.day > lead_day.day) else lead_day
    return None


def _answers_the_lead(r: Reading, token) -> bool:
    """Is the word's event of a kind that answers one the lead told ("North Korea tested a bomb on Sunday ...
    Russia also criticised the test"): a reaction, told later than the lead's day?"""
    trigger = r.match_trigger(token) if token is not None else None
    if trigger is None:
        return False
    answers = r.res.kinds.kinds[trigger.kind].answers
    lead_day = r.discourse.lead_when
    # an answered event dated before the lead's day is background ("adopted on Mar. 2 a resolution over its
    # nuclear test of January 6 ... China and Russia both voted in favor"): the lead's day is the answer's
    return any(
        c.kind in answers and (c.when is None or lead_day is None or c.when.day >= lead_day.day)
        for c in r.discourse.produced
        if c.sentence <= r.index.lead
    )


def _more_of_the_lead(r: Reading, token) -> bool:
    """Is the word's event "also" (grammar `likeness_words`) one more of a kind of event the lead sentence
    tells?"""
    if not _done_also(r, predicate(token)):
        return False
    trigger = r.match_trigger(token)
    lead = r.index.sents[r.index.lead]
    return trigger is not None and any(
        i != token.i
        and i in r.index.maybe_trigger
        and (t := r.match_trigger(r.index.doc[i]))
        and t.kind == trigger.kind
        for i in range(lead.start, lead.end)
    )


def _one_of_the_lead_documents(r: Reading, sentence: int) -> bool:
    """Does the sentence name a document (grammar `issued_nouns`: a statement, a letter ...) of a kind the lead
    sentence named too?"""
    issued = r.g.words.get("issued_nouns", frozenset())
    lemmas = r.index.lemma_lower
    lead, this = r.index.sents[r.index.lead], r.index.sents[sentence]
    named = {lemmas[i] for i in range(lead.start, lead.end)} & issued
    return bool(named) and not named.isdisjoint(lemmas[this.start : this.end])


def _like_the_last(r: Reading, token, kind: str) -> tuple[Anniversary, int] | None:
    """ "Similar messages were sent from ...", "sent a similar message to ...": the anniversary the last event
    of this kind marked."""
    likeness = r.g.words.get("likeness_words", frozenset())
    if token.pos_ == "VERB":  # the thing sent is like the last ("sent a similar message"), not "also visited"
        verb, nouns = None, [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    else:
        verb, nouns = (token.head if token.dep_ in ("nsubj", "nsubjpass", "dobj") else None), [token]
    modifiers = [c for n in nouns for c in n.children if c.dep_ == "amod"]
    modifiers += [c for c in verb.children if c.dep_ == "advmod"] if verb is not None else []
    if not any(c.lemma_.lower() in likeness for c in modifiers):
        return None
    last = r.discourse.last_told((kind,))
    return last.anniversary if last is not None else None


def _the_occasion_told(r: Reading, token) -> tuple[Anniversary, int] | None:
    """ "hosted a reception on the occasion", "a mass meeting marking the anniversary": the occasion named again
    by a definite noun (grammar list `occasion_nouns`) with no name of its own in the trigger's clause is the
    anniversary the story last told an event of, else the story's own occasion."""
    nouns = r.g.words.get("occasion_nouns", frozenset())
    if not nouns:
        return None
    for node in pruned(token, {"ccomp", "conj", "parataxis", "relcl"}):
        if names_the_occasion_again(node, nouns, r.index.ann_tokens):
            told = next((e.anniversary for e in reversed(r.discourse.produced) if e.anniversary), None)
            return told or r.index.occasion
    return None
