"""Headlines as sentences: a title in title case becomes a sentence the parser reads like body text.

"Anniversary of DPRK-China Treaty Marked" is parsed as a string of proper nouns; "Anniversary of
DPRK-China treaty marked." is parsed as a passive clause. Words are lower-cased when they are ordinary
English words (the pipeline's own lemma lookup tables say which) and not part of a name of the
gazetteer; acronyms, names and words the lexicon does not know keep their capitals. Pure functions.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from crawler.extract.nlp import TITLES

WORD = re.compile(r"[A-Za-z][A-Za-z'’.]*")
SUFFIXES = (
    ("ies", "y"),
    ("ied", "y"),
    ("es", ""),
    ("s", ""),
    ("ed", ""),
    ("ed", "e"),
    ("d", ""),
    ("ing", ""),
)
SENTENCE_END = re.compile(r"""[.!?]["'”’)\]]*$""")


def name_words(forms: Iterable[str]) -> frozenset[str]:
    """Every capitalised word of the gazetteer's names ("Kim", "Jong", "Workers'"), to keep as written."""
    return frozenset(w for form in forms for w in WORD.findall(form) if w[:1].isupper())


def lexicon_test(words: Iterable[str]) -> Callable[[str], bool]:
    """A test 'is this an ordinary word?' over lower-case base forms, with regular inflections stripped."""
    known = frozenset(words)

    def is_common(word: str) -> bool:
        lower = word.lower().rstrip(".")
        if lower in known:
            return True
        return any(lower.endswith(s) and lower[: len(lower) - len(s)] + r in known for s, r in SUFFIXES)

    return is_common


def is_title_case(title: str, keep: frozenset[str]) -> bool:
    """Most of the longer words capitalised, as in a headline, not a sentence.

    One such word is enough where it is not the first ("Kim Jong Il Meets Medvedev"): a sentence
    capitalises only its first word.
    """
    found = WORD.findall(title)
    words = [w for w in found if len(w) >= 4 and w not in keep and not w.isupper()]
    if len(words) == 1:
        return words[0][0].isupper() and found[0] != words[0]
    if not words:
        return False
    return sum(w[0].isupper() for w in words) / len(words) >= 0.6


def headline_sentence(title: str, is_common: Callable[[str], bool], keep: frozenset[str]) -> str:
    """The title as a sentence: ordinary words lower-cased in a title-case headline, a final full stop."""
    text = " ".join(title.split())
    if not text:
        return ""
    if is_title_case(text, keep):
        first = True

        def lower(match: re.Match) -> str:
            nonlocal first
            word = match.group(0)
            was_first, first = first, False
            if was_first or word in keep or word.isupper() or not word[:1].isupper():
                return word
            return word.lower() if is_common(word) else word

        text = WORD.sub(lower, text)
    if not SENTENCE_END.search(text):
        text = text.rstrip(":;,-– ") + "."
    return text


def headline_reader(nlp, name_forms: Iterable[str]) -> Callable[[str], str]:
    """The title-to-sentence function for this pipeline: its lexicon, the gazetteer's names kept."""
    lexicon: set[str] = set(nlp.Defaults.stop_words)
    if "lemmatizer" in nlp.pipe_names:
        lookups = getattr(nlp.get_pipe("lemmatizer"), "lookups", None)
        if lookups is not None and lookups.has_table("lemma_index"):
            lexicon.update(w for words in lookups.get_table("lemma_index").values() for w in words)
        if lookups is not None and lookups.has_table("lemma_exc"):  # irregular forms: given, led, sent
            lexicon.update(w for forms in lookups.get_table("lemma_exc").values() for w in forms)
    is_common = lexicon_test(lexicon)
    keep = name_words(name_forms) | {w for title in TITLES for w in WORD.findall(title)}  # "Gen.-Secy."
    return lambda title: headline_sentence(title, is_common, keep)
