"""The two sides of a candidate event: who acted and toward whom, by its kind's direction, with the outlet's
own state filling the side a state's own press leaves unsaid."""

from __future__ import annotations

from crawler.extract.agents import agent
from crawler.extract.anniversaries import Anniversary
from crawler.extract.discourse import PRONOUNS_PLURAL
from crawler.extract.implied_parties import conveyed, setting_told_before
from crawler.extract.kinds import Kind
from crawler.extract.named_after import recipients
from crawler.extract.reactions import answered, parties_of_the_event_done, sanctioned_before
from crawler.extract.reading import Reading
from crawler.extract.roles import aimed_at_states, roles
from crawler.extract.syntax import doers, governing_verb, is_definite, predicate


def sides_of(
    r: Reading,
    token,
    kind: Kind,
    actors: set[str],
    participants: set[str],
    location_codes: set[str],
    anniversary: tuple[Anniversary, int] | None,
    sent_from: bool = False,
) -> tuple[list[str], list[str]] | None:
    """(actors, targets) by the kind's direction, or None when the event lacks the states it needs.

    An outlet that is a state's own (KCNA) leaves its state unsaid: "Friendly meeting with Chinese
    delegation", "Greetings to Russian President", "Anniversary of treaty marked". Where the states named
    fall one short of what the kind needs, that home state is the missing party.
    """
    home = r.story.home
    if kind.direction == "mutual":
        members = actors | participants
        if len(members) == 1 and kind.place_joins and not home and location_codes - members:
            members = members | location_codes  # "Wu Dawei held talks in Pyongyang": with the DPRK
        if len(members) == 1 and home and home not in members:
            members = members | {home}
        if len(members) < 2 and any(c.dep_ == "poss" and c.lower_ in PRONOUNS_PLURAL for c in token.children):
            verb, _ = governing_verb(token)  # "Putin presented Kim with ... during their meeting"
            if verb is not None:
                members |= agent(r, verb) | roles(r, verb, kind)[0]
        if len(members) < 2 and _restated(r, token, kind):
            # "... signed a treaty. The talks lasted five hours."; "North Korea and Russia have signed an
            # agreement ... The accord was signed in Pyongyang on Thursday by O Kum-chol ...": the event told
            members |= r.discourse.last_pair_told(members)
        if len(members) < 2:
            return None
        return sorted(members), []
    if kind.direction == "self":
        if not actors:
            return None
        return sorted(actors), []
    abroad = location_codes - {home} if home else set()
    own_day = anniversary is not None and not foreign(anniversary, home or "")
    if (
        home
        and home not in location_codes  # "at the DPRK embassy in Beijing": the home state's own premises
        and actors <= {home}
        and not (actors and _home_is_subject(r, token, home))
        and kind.place_acts
        and abroad
        and participants <= {home}  # "a message was sent to Putin in Moscow": to him, not by Russia
        and (own_day or (not anniversary and not kind.place_is_target))
    ):
        # the outlet's state's own day or cause, marked where it took place: "Symposium on Kim Il Sung's
        # birthday held in Moscow", "Exhibition of Korean paintings opens in Russia" (Russia -> the DPRK)
        return sorted(abroad), [home]
    if not actors and kind.held_by_place and len(location_codes) == 1:
        actors = set(location_codes)  # "Around 120,000 people took part in mass rallies in Pyongyang"
    if not actors and home and participants - {home} and home in _addressed(r, token):
        # "A letter to Kim Jong Un was adopted at the ceremony of the Malaysian committee": to the outlet's state,
        # so from the others named
        return sorted(participants - {home}), [home]
    if not actors and home and (participants - {home} or anniversary or abroad):
        actors = {home}
    if not actors:
        return None
    targets = participants - actors
    if kind.destination_places and not (targets & seat_states(r, token)):
        # not where a state's premises are: "Russian diplomats visit DPRK consulate general in Shenyang"
        targets |= location_codes - actors
    if kind.place_is_target and not targets:
        targets = location_codes - actors
    if (
        kind.anniversary_states_are_targets
        and anniversary
        and not (len(anniversary[0].countries) > 2 and location_codes - actors)
    ):
        # a bilateral anniversary's two states; a foreign state marking a national one marks it for that state;
        # one of several states' days marked abroad is marked with the state where ("in China for the
        # commemorations of the end of World War II": China)
        targets |= anniversary[0].marked_toward(actors)
    if (
        not targets
        and home
        and home not in actors
        and (kind.place_is_target or (kind.anniversary_states_are_targets and anniversary))
        and not location_codes - {home}
        and not _a_state_itself_acts(r, token)
    ):
        # "Reception given by Chinese embassy on PRC founding anniversary", "Chinese delegation lays wreath at
        # CPV cemetery": its own day or dead, marked with the outlet's state, where the outlet is (not "Russia
        # marked its Day of Defenders": the state itself, at home)
        targets = {home}
    if not targets and (token.pos_ == "VERB" or kind.hostile):
        # "Russia also criticised the test", "expressed grave concern over the agreement"
        targets = parties_of_the_event_done(r, token, topics=kind.hostile) - actors
    if not targets and kind.answers:
        # "a resolution that punishes it ... China and Russia voted in favor"; "Russia voiced serious concern"
        targets = (sanctioned_before(r, token) or answered(r, token, kind, actors)) - actors
    if not targets and kind.follows_last and not home:
        last = r.discourse.last_told({kind.id})  # "China sent condolences to Pyongyang ... Medvedev also sent
        if last is not None and not actors & set(last.targets):  # condolences": to Pyongyang too
            targets = set(last.targets)
    if not targets and kind.to_last_pair and not home:
        targets = setting_told_before(r, token) - actors  # "sent a message to the congress" (the DPRK's)
        if not targets and len(actors) == 1 and conveyed(token):
            # "Kim received Wang ... Wang conveyed greetings": to the other state of the last pair told
            targets = r.discourse.last_pair_told(actors) - actors
    if (
        not targets
        and kind.place_is_target
        and not home
        and len(actors) == 1
        and not _a_state_itself_acts(r, token)
    ):
        # no place named either: where the actor's state was last told to have gone ("Wen visited a cemetery for
        # Chinese soldiers killed in the Korean War", on his trip to Pyongyang: the DPRK); a state itself goes
        # nowhere ("The North has not held a military parade for the anniversary")
        targets = _journeyed_to(r, actors)
    if kind.needs_target and not targets:
        if any(
            c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in kind.untargeted_objects
            for c in token.children
        ):
            return sorted(actors), []  # "North Korea rejected a U.N. Security Council resolution": no state's
        if len(actors) >= 2 and kind.joint and not sent_from:  # not "messages were sent from A, B and C"
            return sorted(actors), []
        if home and home not in actors and not kind.no_home_target and home not in aimed_at_states(r, token):
            return sorted(actors), [home]  # not the side it is aimed at: "the DPRK-targeted exercises"
        return None
    if not targets and home and actors <= {home}:
        return None  # the outlet's own state alone: a domestic event, not a relation between states
    return sorted(actors), sorted(targets)


def _restated(r: Reading, token, kind: Kind) -> bool:
    """Is the trigger the event told before, named again as 'the' noun of its kind: the subject of a verb that
    says it took place ("The talks lasted five hours") or that does it ("The accord was signed"), or that verb?"""
    if token.pos_ == "VERB":
        nouns = [c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")]
        verb = token
    else:
        nouns = [token] if token.dep_ in ("nsubj", "nsubjpass") else []
        verb = token.head
    for noun in nouns:
        if noun.pos_ != "NOUN" or not is_definite(noun):
            continue
        if noun.i == token.i and verb.lemma_.lower() in r.g.occurrence_verbs:
            return True
        said, done = r.match_trigger(noun), r.match_trigger(verb)
        if said is not None and done is not None and said.kind == done.kind == kind.id:
            return True
    return False


def seat_states(r: Reading, token) -> set[str]:
    """The states whose premises (embassy, consulate, ...: grammar `seat_nouns`) the trigger's objects name."""
    seats = r.g.words.get("seat_nouns", frozenset())
    found: set[str] = set()
    # the premises named among the complements, not the subject's ("Chinese embassy staff visited ...")
    subject_words = {t.i for c in token.children if c.dep_ in ("nsubj", "nsubjpass") for t in c.subtree}
    for node in token.subtree:
        if node.lemma_.lower() in seats and node.i != token.i and node.i not in subject_words:
            for word in node.lefts:
                if word.dep_ in ("compound", "amod", "poss", "nmod"):
                    found |= r.discourse.phrase_codes(word)
    return found


def _addressed(r: Reading, token) -> set[str]:
    """The states a noun trigger or its light verb is said to go to ('a letter to Kim ... was adopted')."""
    nodes = [token] if token.pos_ == "VERB" else [token, token.head]
    return recipients(r, nodes)


def _a_state_itself_acts(r: Reading, token) -> bool:
    """Is the one acting a state's own name ("Russia marked ...", "Washington and Seoul commemorated ...")?"""
    verb = predicate(token)
    mentions = r.index.mentions
    return any(
        mentions.get(doer.i) is not None and mentions[doer.i].type == "country" for doer in doers(verb)
    )


def foreign(anniversary: tuple[Anniversary, int], home: str) -> bool:
    """Is it another state's anniversary or a shared one (a wreath for the CPV's entry laid in China is the
    home state's homage to China), rather than the home state's own day?"""
    return not anniversary[0].is_own_day_of(home)


def _home_is_subject(r: Reading, token, home: str) -> bool:
    """Is the outlet's state the grammatical subject ("the DPRK embassy in Beijing gave a reception"), not
    the theme ("DPRK exhibition opens in Russia", "Kim Il Sung's works published in Cuba")?"""
    verb = token if token.pos_ == "VERB" else governing_verb(token)[0]
    if verb is None:
        return False
    # "a reception was given by the DPRK embassy": the one after 'by' is the subject too
    return any(home in r.discourse.phrase_codes(s) for s in doers(verb, besides=token))


def _journeyed_to(r: Reading, actors: set[str]) -> set[str]:
    """The states the last journey told of these actors went to (kinds with `destination_places`)."""
    kinds = r.res.kinds.kinds
    for event in reversed(r.discourse.produced):
        if kinds[event.kind].destination_places and set(event.actors) == actors:
            return set(event.targets) - actors
    return set()
