"""Which word is a trigger of which kind of event, by the [[trigger]] entries of seeds/kinds.toml."""

from __future__ import annotations

from crawler.extract.kinds import KindBook, Trigger
from crawler.extract.syntax import objects


class TriggerMatcher:
    """The most specific trigger of each word of one document, memoised per word."""

    def __init__(self, maybe_trigger: set[int], kinds: KindBook):
        self.maybe_trigger = maybe_trigger  # words whose lemma or form some trigger starts from
        self.kinds = kinds
        self._found: dict[int, Trigger | None] = {}

    def __call__(self, token) -> Trigger | None:
        """The most specific trigger this word is, if any."""
        if token.i not in self._found:
            self._found[token.i] = self._match(token)
        return self._found[token.i]

    def _match(self, token) -> Trigger | None:
        if token.i not in self.maybe_trigger:
            return None
        lemma = token.lemma_.lower()
        lower = token.lower_
        is_verb = token.pos_ == "VERB"
        is_noun = token.pos_ in ("NOUN", "PROPN")
        best = None
        for trigger in self.kinds.triggers:
            if not (
                (is_verb and lemma in trigger.verbs)
                or (is_noun and (lemma in trigger.nouns or lower in trigger.nouns))
            ):
                continue
            if trigger.objects:
                found = objects(token)
                words = {o.lemma_.lower() for o in found} | {o.lower_ for o in found}
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
