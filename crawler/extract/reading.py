"""What the readers of one document share: its index, the discourse so far, its triggers and the data."""

from __future__ import annotations

from dataclasses import dataclass

from crawler.extract.anniversaries import Anniversary
from crawler.extract.dates import When
from crawler.extract.discourse import Discourse
from crawler.extract.document_index import DocumentIndex, index_document
from crawler.extract.event_types import Candidate, Resources, Story
from crawler.extract.kinds import Grammar
from crawler.extract.syntax import (
    mark_headline_final_verb,
    mark_headline_verbs,
    mark_participles,
    names_the_occasion_again,
)
from crawler.extract.triggers import TriggerMatcher


@dataclass
class Reading:
    """The reading of one parsed document: passed to the readers of roles, dates, anniversaries and filters."""

    index: DocumentIndex
    discourse: Discourse
    match_trigger: TriggerMatcher
    story: Story
    res: Resources

    def text_of(self, span) -> str:
        """A sentence's or span's text, sliced from the document's (spaCy rebuilds it from tokens)."""
        return self.index.text[span.start_char : span.end_char] if self.index.text else span.text

    def sentence_event(
        self,
        sent,
        kind: str,
        actors: list[str],
        targets: list[str],
        when: When | None,
        order: int,
        anniversary: tuple[Anniversary, int] | None = None,
        explicit: bool = False,
    ) -> Candidate:
        """An event a sentence-level reader found (a marking, praise, a gift): no date of its own unless
        `explicit` (the day its speaker said it), no place, not negated, the sentence its evidence."""
        return Candidate(
            kind,
            actors,
            targets,
            when,
            explicit,
            None,
            anniversary,
            False,
            self.text_of(sent).strip(),
            order,
            self.index.sentence_of[sent.start],
        )

    def here(self) -> tuple[str, str] | None:
        """Where "here" is: the place of the dispatch's dateline, else (no dateline) the outlet's own state."""
        return self.index.dateline_place or ((self.story.home, "here") if self.story.home else None)

    @property
    def g(self) -> Grammar:
        """The grammar words of seeds/kinds.toml."""
        return self.res.kinds.grammar


def start_reading(doc, story: Story, resources: Resources, text: str | None = None) -> Reading:
    """Index a parsed document and set up the state its sentences are read with."""
    kinds = resources.kinds
    mark_participles(doc, story.headline_end, kinds.transitive_verbs, kinds.asking_verbs, kinds.trigger_verbs)
    mark_headline_verbs(doc, story.headline_end, resources.kinds.third_person_verbs)
    mark_headline_final_verb(doc, story.headline_end, resources.kinds.headline_verbs)
    index = index_document(doc, story, resources, text)
    return Reading(
        index,
        Discourse(index, resources.kinds.grammar),
        TriggerMatcher(
            index.maybe_trigger,
            resources.kinds,
            _anniversary_sentences(index, resources.kinds.grammar),
            index.sentence_of,
            index.occasion is not None,
        ),
        story,
        resources,
    )


def _anniversary_sentences(index: DocumentIndex, grammar: Grammar) -> set[int]:
    """The sentences that name an anniversary, and those after the first that name it again ("hosted a
    reception on the occasion"; grammar list `occasion_nouns`): where a trigger that needs one may compete."""
    named = index.ann_sentences
    nouns = grammar.words.get("occasion_nouns", frozenset())
    if not named or not nouns:
        return named
    first = min(named)
    return named | {
        index.sentence_of[t.i]
        for t in index.doc
        if index.sentence_of[t.i] > first and names_the_occasion_again(t, nouns, index.ann_tokens)
    }
